/**
 * Stages one commit's block ops in a single kernel buffer (the arena): every extent the ops touch
 * gets a place, runs of adjacent extents of a disk lie next to each other so that each run is
 * loaded with one read() of its disk file and written back with one write(). An extent whose
 * first use overwrites all of it is not loaded at all (a copy onto fresh blocks reads only its source).
 */
import type { BlockOp, BufferId, Kernel } from '../core/ports.ts';
import { copySegments, extentBlocks, extentByteLength, extentFirstBlock, fillKernelBuffer, locate, type ExtentLayout } from './extent-layout.ts';
import { readExactly, type SyncFile } from './opfs-files.ts';
import { StagedSums } from './opfs-stage-sums.ts';
import { readSums } from './opfs-sums.ts';

/** Extents [first, first + count) of a disk, `bytes` long, at `offset` in the arena. */
export interface ArenaRun {
  disk: number;
  first: number;
  count: number;
  offset: number;
  bytes: number;
}

/** A run of extents the ops wrote; `fresh` when none of them was ever written before. */
export interface DirtyRun extends ArenaRun {
  fresh: boolean;
}

const key = (disk: number, extent: number): string => `${disk}:${extent}`;

/** The staging of one commit; plan in the constructor, then `load`, then `apply`. */
export class OpfsStage {
  /** Arena bytes the stage needs. */
  readonly bytes: number;
  private readonly runs: ArenaRun[] = [];
  private readonly places = new Map<string, number>();
  /** Per touched extent: true when its current bytes must be loaded before the ops run. */
  private readonly mustLoad = new Map<string, boolean>();
  private readonly dirty = new Set<string>();
  /** The checksums of the extents loaded, and the blocks the ops wrote or verified. */
  readonly sums: StagedSums;

  constructor(
    private readonly kernel: Kernel,
    private readonly layouts: Map<number, ExtentLayout>,
    private readonly ops: readonly BlockOp[],
  ) {
    this.sums = new StagedSums(kernel, (disk) => this.layout(disk));
    const byDisk = new Map<number, Set<number>>();
    const touch = (disk: number, extent: number, load: boolean): void => {
      if (this.mustLoad.has(key(disk, extent))) return;
      this.mustLoad.set(key(disk, extent), load);
      const set = byDisk.get(disk) ?? new Set<number>();
      byDisk.set(disk, set.add(extent));
    };
    for (const op of ops) {
      if (op.kind === 'write') {
        const layout = this.layout(op.disk);
        const extent = locate(layout, op.block).extent;
        touch(op.disk, extent, extentBlocks(layout, extent) > 1);
        continue;
      }
      const dst = this.layout(op.to);
      const segments = copySegments(this.layout(op.from), op.fromBlock, dst, op.toBlock, op.count);
      for (const s of segments) touch(op.from, s.from.extent, true);
      for (const s of segments) {
        const first = extentFirstBlock(dst, s.to.extent);
        const covered = first >= op.toBlock && first + extentBlocks(dst, s.to.extent) <= op.toBlock + op.count;
        touch(op.to, s.to.extent, !covered);
      }
    }
    let offset = 0;
    for (const [disk, set] of byDisk) {
      const layout = this.layout(disk);
      const extents = [...set].sort((a, b) => a - b);
      for (let i = 0; i < extents.length; ) {
        const run: ArenaRun = { disk, first: extents[i]!, count: 0, offset, bytes: 0 };
        do {
          const extent = extents[i]!;
          this.places.set(key(disk, extent), offset + run.bytes);
          run.bytes += extentByteLength(layout, extent);
          run.count++;
          i++;
        } while (i < extents.length && extents[i] === extents[i - 1]! + 1);
        this.runs.push(run);
        offset += run.bytes;
      }
    }
    this.bytes = offset;
  }

  /** Loads the extents that need it: written ones (and their sums) from their files, adjacent ones in one read; others as the fill. */
  load(arena: BufferId, isWritten: (disk: number, extent: number) => boolean, fileOf: (disk: number) => SyncFile | undefined, sumFileOf: (disk: number) => SyncFile | undefined): void {
    const view = this.kernel.bufferView(arena);
    for (const run of this.runs) {
      const layout = this.layout(run.disk);
      const size = layout.blockSize;
      for (let e = run.first; e < run.first + run.count; ) {
        const at = this.place(run.disk, e);
        if (!this.mustLoad.get(key(run.disk, e))) {
          e++;
        } else if (!isWritten(run.disk, e)) {
          const first = extentFirstBlock(layout, e);
          fillKernelBuffer(this.kernel, arena, at, layout.fill, first, extentBlocks(layout, e), size);
          e++;
        } else {
          let end = e + 1;
          while (end < run.first + run.count && this.mustLoad.get(key(run.disk, end)) && isWritten(run.disk, end)) end++;
          const bytes = (extentFirstBlock(layout, end - 1) + extentBlocks(layout, end - 1) - extentFirstBlock(layout, e)) * size;
          const file = fileOf(run.disk);
          const sumFile = sumFileOf(run.disk);
          if (file === undefined || sumFile === undefined) throw new Error(`OPFS store: disk ${run.disk} has written extents but no file`);
          readExactly(file, view.subarray(at, at + bytes), extentFirstBlock(layout, e) * size);
          this.sums.remember(run.disk, e, end, readSums(sumFile, extentFirstBlock(layout, e), bytes / size));
          e = end;
        }
      }
    }
  }

  /** Disks whose written extents `load` reads (their files must be open). */
  disksToRead(isWritten: (disk: number, extent: number) => boolean): number[] {
    const disks = new Set<number>();
    for (const [k, load] of this.mustLoad) {
      const [disk, extent] = k.split(':').map(Number) as [number, number];
      if (load && isWritten(disk, extent)) disks.add(disk);
    }
    return [...disks];
  }

  /** Runs the ops in order inside the arena; a copy behaves like memmove when its ranges overlap. */
  apply(arena: BufferId): void {
    for (const op of this.ops) {
      if (op.kind === 'write') {
        const place = locate(this.layout(op.disk), op.block);
        this.kernel.writeBytes(arena, this.place(op.disk, place.extent) + place.byteOffset, op.data);
        this.dirty.add(key(op.disk, place.extent));
        this.sums.trust(op.disk, place.extent, place.blockInExtent, 1);
        this.sums.forget(op.disk, place.extent, place.blockInExtent, 1);
        continue;
      }
      const src = this.layout(op.from);
      const segments = copySegments(src, op.fromBlock, this.layout(op.to), op.toBlock, op.count);
      // Moving a range up inside one disk: go backwards so no source block is overwritten before it is read.
      if (op.from === op.to && op.toBlock > op.fromBlock) segments.reverse();
      for (const { count, from, to } of segments) {
        const source = this.place(op.from, from.extent);
        this.sums.verify(arena, op.from, from.extent, source, from.blockInExtent, count);
        this.kernel.moveBytes(arena, this.place(op.to, to.extent) + to.byteOffset, arena, source + from.byteOffset, count * src.blockSize);
        this.dirty.add(key(op.to, to.extent));
        this.sums.carry(op.from, from.extent, from.blockInExtent, op.to, to.extent, to.blockInExtent, count);
        this.sums.trust(op.to, to.extent, to.blockInExtent, count);
      }
    }
  }

  /** The extents the ops wrote, as runs of adjacent extents of one disk that were all fresh (never written) or all not. */
  dirtyRuns(isWritten: (disk: number, extent: number) => boolean): DirtyRun[] {
    const out: DirtyRun[] = [];
    for (const run of this.runs) {
      const layout = this.layout(run.disk);
      let current: DirtyRun | undefined;
      for (let e = run.first; e < run.first + run.count; e++) {
        const fresh = !isWritten(run.disk, e);
        if (!this.dirty.has(key(run.disk, e))) {
          current = undefined;
          continue;
        }
        if (current === undefined || current.fresh !== fresh) {
          current = { disk: run.disk, first: e, count: 0, offset: this.place(run.disk, e), bytes: 0, fresh };
          out.push(current);
        }
        current.count++;
        current.bytes += extentByteLength(layout, e);
      }
    }
    return out;
  }

  private place(disk: number, extent: number): number {
    const at = this.places.get(key(disk, extent));
    if (at === undefined) throw new Error(`extent ${extent} of disk ${disk} was not staged`);
    return at;
  }

  private layout(disk: number): ExtentLayout {
    const layout = this.layouts.get(disk);
    if (layout === undefined) throw new Error(`no layout for disk ${disk} (commit not checked?)`);
    return layout;
  }
}
