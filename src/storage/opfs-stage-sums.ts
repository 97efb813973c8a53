/**
 * The checksums of one staged commit (opfs-stage.ts): the stored sums of every written extent it
 * loaded, and which blocks the ops wrote or verified. A copy checks its source blocks before it
 * moves them; a dirty extent's new sums are fresh for those blocks and the stored ones for the
 * rest, so a damaged block that a commit only carries along stays detectably damaged.
 */
import type { BufferId, Kernel } from '../core/ports.ts';
import { checksumBuffer } from './block-sums.ts';
import { extentBlocks, extentFirstBlock, type ExtentLayout } from './extent-layout.ts';
import { verifyBlocks } from './opfs-sums.ts';

const key = (disk: number, extent: number): string => `${disk}:${extent}`;

/** Stored sums and trusted blocks of the extents a commit stages. */
export class StagedSums {
  private readonly stored = new Map<string, Uint32Array>();
  /** Per extent, 1 for each block the ops wrote or verified. */
  private readonly trusted = new Map<string, Uint8Array>();

  constructor(
    private readonly kernel: Kernel,
    private readonly layoutOf: (disk: number) => ExtentLayout,
  ) {}

  /** Keeps the stored sums of blocks loaded from a disk file: `sums[i]` is block `firstBlock + i`'s. */
  remember(disk: number, firstExtent: number, endExtent: number, sums: Uint32Array): void {
    const layout = this.layoutOf(disk);
    const base = extentFirstBlock(layout, firstExtent);
    for (let e = firstExtent; e < endExtent; e++) {
      const from = extentFirstBlock(layout, e) - base;
      this.stored.set(key(disk, e), sums.subarray(from, from + extentBlocks(layout, e)));
    }
  }

  /** Marks blocks [from, from + count) of an extent as holding bytes this commit wrote or verified. */
  trust(disk: number, extent: number, from: number, count: number): void {
    let flags = this.trusted.get(key(disk, extent));
    if (flags === undefined) {
      flags = new Uint8Array(this.layoutOf(disk).blocksPerExtent);
      this.trusted.set(key(disk, extent), flags);
    }
    flags.fill(1, from, from + count);
  }

  /** Checks blocks [from, from + count) of an extent staged at `place` before they are read (CorruptBlockError). */
  verify(arena: BufferId, disk: number, extent: number, place: number, from: number, count: number): void {
    const sums = this.stored.get(key(disk, extent));
    if (sums === undefined) return; // never written (reads as the fill) or overwritten whole by this commit
    const layout = this.layoutOf(disk);
    const trusted = this.trusted.get(key(disk, extent));
    const first = extentFirstBlock(layout, extent);
    for (let b = from; b < from + count; b++) {
      if (trusted?.[b] === 1) continue;
      verifyBlocks(this.kernel, arena, place + b * layout.blockSize, layout.blockSize, sums.subarray(b, b + 1), disk, first + b);
    }
    this.trust(disk, extent, from, count);
  }

  /** The sums to store for `count` adjacent dirty extents from `first`, staged at `offset`. */
  forRun(arena: BufferId, disk: number, first: number, count: number, offset: number): Uint32Array {
    const layout = this.layoutOf(disk);
    const base = extentFirstBlock(layout, first);
    const blocks = extentFirstBlock(layout, first + count - 1) + extentBlocks(layout, first + count - 1) - base;
    const sums = checksumBuffer(this.kernel, arena, offset, blocks, layout.blockSize);
    for (let e = first; e < first + count; e++) {
      const stored = this.stored.get(key(disk, e));
      if (stored === undefined) continue;
      const trusted = this.trusted.get(key(disk, e));
      const at = extentFirstBlock(layout, e) - base;
      for (let b = 0; b < stored.length; b++) if (trusted?.[b] !== 1) sums[at + b] = stored[b]!;
    }
    return sums;
  }
}
