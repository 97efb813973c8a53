/**
 * The checksums of one staged commit (opfs-stage.ts): the stored sums of every written extent it
 * loaded, and which blocks the ops wrote or verified. A copy checks its source blocks before it
 * moves them; a dirty extent's new sums are fresh for those blocks and the stored ones for the
 * rest, so a damaged block that a commit only carries along stays detectably damaged. A block
 * copied from a verified block takes that block's sum instead of being hashed again.
 */
import type { BufferId, Kernel } from '../core/ports.ts';
import { extentBlocks, extentFirstBlock, type ExtentLayout } from './extent-layout.ts';
import { verifyBlocks } from './opfs-sums.ts';

const key = (disk: number, extent: number): string => `${disk}:${extent}`;

/** Stored sums and trusted blocks of the extents a commit stages. */
export class StagedSums {
  private readonly stored = new Map<string, Uint32Array>();
  /** Per extent, 1 for each block the ops wrote or verified. */
  private readonly trusted = new Map<string, Uint8Array>();
  /** Per extent, the checksum of each block's bytes in the arena when known without hashing (-1: not known). */
  private readonly known = new Map<string, Float64Array>();

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
      this.knownOf(disk, extent)[b] = sums[b]!;
    }
    this.trust(disk, extent, from, count);
  }

  /** A write replaced blocks [from, from + count) of an extent: their sums are no longer known. */
  forget(disk: number, extent: number, from: number, count: number): void {
    this.knownOf(disk, extent).fill(-1, from, from + count);
  }

  /** A copy moved `count` blocks (already verified or written) to another place: their known sums go with them. */
  carry(fromDisk: number, fromExtent: number, fromBlock: number, toDisk: number, toExtent: number, toBlock: number, count: number): void {
    const moved = this.knownOf(fromDisk, fromExtent).slice(fromBlock, fromBlock + count);
    this.knownOf(toDisk, toExtent).set(moved, toBlock);
  }

  /** The sums to store for `count` adjacent dirty extents from `first`, staged at `offset`. */
  forRun(arena: BufferId, disk: number, first: number, count: number, offset: number): Uint32Array {
    const layout = this.layoutOf(disk);
    const base = extentFirstBlock(layout, first);
    const blocks = extentFirstBlock(layout, first + count - 1) + extentBlocks(layout, first + count - 1) - base;
    const sums = new Uint32Array(blocks);
    for (let e = first; e < first + count; e++) {
      const stored = this.stored.get(key(disk, e));
      const trusted = this.trusted.get(key(disk, e));
      const known = this.known.get(key(disk, e));
      const at = extentFirstBlock(layout, e) - base;
      for (let b = 0; b < extentBlocks(layout, e); b++) {
        const block = at + b;
        if (trusted?.[b] !== 1 && stored !== undefined) sums[block] = stored[b]!;
        else if (trusted?.[b] === 1 && known !== undefined && known[b]! >= 0) sums[block] = known[b]!;
        else sums[block] = this.kernel.checksum(arena, offset + block * layout.blockSize, layout.blockSize);
      }
    }
    return sums;
  }

  private knownOf(disk: number, extent: number): Float64Array {
    let known = this.known.get(key(disk, extent));
    if (known === undefined) {
      known = new Float64Array(this.layoutOf(disk).blocksPerExtent).fill(-1);
      this.known.set(key(disk, extent), known);
    }
    return known;
  }
}
