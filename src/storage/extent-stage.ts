/**
 * Applies the block ops of one commit to staged copies of extents in kernel memory. Every extent
 * an op writes is copied into a staging buffer first, so later ops of the same commit see earlier
 * ops' effects and the committed extents stay untouched until the store decides to keep the result.
 */
import type { BlockOp, BufferId, Kernel } from '../core/ports.ts';
import { checksumBuffer, verifyBuffer } from './block-sums.ts';
import {
  copySegments,
  extentByteLength,
  extentFirstBlock,
  extentBlocks,
  fillKernelBuffer,
  layoutOf,
  locate,
  type ExtentLayout,
} from './extent-layout.ts';

/** An extent's committed bytes: a kernel buffer, bytes fetched from storage, or absent (reads as fill). */
export type CommittedExtent = BufferId | Uint8Array | undefined;

/** The stored per-block checksums of an extent, when the store keeps them. */
export type StoredSums = (disk: number, extent: number) => Uint32Array | undefined;

/** Kernel buffers on loan to a stage. */
export interface BufferSource {
  acquire(bytes: number): BufferId;
  release(id: BufferId): void;
}

/** One staged extent; `dirty` when an op wrote it (clean ones were only read). */
export interface StagedExtent {
  disk: number;
  extent: number;
  buffer: BufferId;
  dirty: boolean;
}

/** Staging area of one commit; call `release` exactly once when done with it. */
export class ExtentStage {
  private readonly staged = new Map<string, StagedExtent>();
  /** Per staged extent, the blocks written by this commit or already verified (1), by block in extent. */
  private readonly trusted = new Map<string, Uint8Array>();

  constructor(
    private readonly kernel: Kernel,
    private readonly layouts: Map<number, ExtentLayout>,
    private readonly committed: (disk: number, extent: number) => CommittedExtent,
    private readonly buffers: BufferSource,
    private readonly storedSums?: StoredSums,
  ) {}

  /** Applies the ops in order; a copy behaves like memmove when its ranges overlap. */
  apply(ops: readonly BlockOp[]): void {
    for (const op of ops) {
      if (op.kind === 'write') this.write(op.disk, op.block, op.data);
      else this.copy(op.from, op.fromBlock, op.to, op.toBlock, op.count);
    }
  }

  /** Extents written by the ops, with their new contents. */
  dirtyExtents(): StagedExtent[] {
    return [...this.staged.values()].filter((s) => s.dirty);
  }

  /** The checksums to store with a dirty extent: fresh ones for blocks written or verified, the stored ones for the rest. */
  sumsFor(staged: StagedExtent): Uint32Array {
    const layout = layoutOf(this.layouts, staged.disk);
    const blocks = extentBlocks(layout, staged.extent);
    const stored = this.storedSums?.(staged.disk, staged.extent);
    const fresh = checksumBuffer(this.kernel, staged.buffer, 0, blocks, layout.blockSize);
    if (stored === undefined) return fresh;
    // An untouched damaged block keeps its old checksum, so it stays detectably damaged.
    const trusted = this.trusted.get(`${staged.disk}:${staged.extent}`);
    for (let b = 0; b < blocks; b++) if (trusted?.[b] !== 1 && stored[b] !== undefined) fresh[b] = stored[b] ?? 0;
    return fresh;
  }

  /** Returns every staged buffer except those `keep` claims (the caller then owns them). */
  release(keep: (staged: StagedExtent) => boolean = () => false): void {
    for (const staged of this.staged.values()) {
      if (!keep(staged)) this.buffers.release(staged.buffer);
    }
    this.staged.clear();
    this.trusted.clear();
  }

  private write(disk: number, block: number, data: Uint8Array): void {
    const place = locate(layoutOf(this.layouts, disk), block);
    this.kernel.writeBytes(this.destination(disk, place.extent), place.byteOffset, data);
    this.trust(disk, place.extent, place.blockInExtent, 1);
  }

  private copy(from: number, fromBlock: number, to: number, toBlock: number, count: number): void {
    const src = layoutOf(this.layouts, from);
    const segments = copySegments(src, fromBlock, layoutOf(this.layouts, to), toBlock, count);
    // Moving a range up inside one disk: go backwards so no source block is overwritten before it is read.
    if (from === to && toBlock > fromBlock) segments.reverse();
    for (const { index, count: n, from: f, to: t } of segments) {
      const dst = this.destination(to, t.extent);
      const source = this.source(from, f.extent);
      if (source === undefined) {
        fillKernelBuffer(this.kernel, dst, t.byteOffset, src.fill, fromBlock + index, n, src.blockSize);
      } else {
        this.verify(from, f.extent, source, f.blockInExtent, n);
        this.kernel.moveBytes(dst, t.byteOffset, source, f.byteOffset, n * src.blockSize);
      }
      this.trust(to, t.extent, t.blockInExtent, n);
    }
  }

  /** Checks blocks about to be read against their stored checksums (CorruptBlockError on a mismatch). */
  private verify(disk: number, extent: number, buffer: BufferId, from: number, count: number): void {
    const sums = this.storedSums?.(disk, extent);
    if (sums === undefined) return;
    const layout = layoutOf(this.layouts, disk);
    const trusted = this.trusted.get(`${disk}:${extent}`);
    const at = { disk, firstBlock: extentFirstBlock(layout, extent), blockSize: layout.blockSize, sums };
    for (let b = from; b < from + count; b++) {
      if (trusted?.[b] === 1) continue;
      verifyBuffer(this.kernel, buffer, at, b, 1);
      this.trust(disk, extent, b, 1);
    }
  }

  /** Marks blocks of an extent as holding bytes this commit wrote or verified. */
  private trust(disk: number, extent: number, from: number, count: number): void {
    if (this.storedSums === undefined) return;
    const key = `${disk}:${extent}`;
    let flags = this.trusted.get(key);
    if (flags === undefined) {
      flags = new Uint8Array(layoutOf(this.layouts, disk).blocksPerExtent);
      this.trusted.set(key, flags);
    }
    flags.fill(1, from, from + count);
  }

  /** Current bytes of an extent for reading, or undefined when it still reads as its fill. */
  private source(disk: number, extent: number): BufferId | undefined {
    const staged = this.staged.get(`${disk}:${extent}`);
    if (staged !== undefined) return staged.buffer;
    const committed = this.committed(disk, extent);
    if (committed === undefined || typeof committed === 'number') return committed;
    return this.stage(disk, extent, false).buffer;
  }

  /** A staged, writable copy of an extent, marked dirty. */
  private destination(disk: number, extent: number): BufferId {
    const staged = this.staged.get(`${disk}:${extent}`) ?? this.stage(disk, extent, true);
    staged.dirty = true;
    return staged.buffer;
  }

  private stage(disk: number, extent: number, dirty: boolean): StagedExtent {
    const layout = layoutOf(this.layouts, disk);
    const bytes = extentByteLength(layout, extent);
    const buffer = this.buffers.acquire(bytes);
    const staged = { disk, extent, buffer, dirty };
    this.staged.set(`${disk}:${extent}`, staged);
    const committed = this.committed(disk, extent);
    if (typeof committed === 'number') {
      this.kernel.moveBytes(buffer, 0, committed, 0, bytes);
    } else if (committed !== undefined) {
      if (committed.length !== bytes) {
        throw new Error(`stored extent ${extent} of disk ${disk} has ${committed.length} bytes, expected ${bytes}`);
      }
      this.kernel.writeBytes(buffer, 0, committed);
    } else {
      const first = extentFirstBlock(layout, extent);
      fillKernelBuffer(this.kernel, buffer, 0, layout.fill, first, extentBlocks(layout, extent), layout.blockSize);
    }
    return staged;
  }
}
