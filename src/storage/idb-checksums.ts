/**
 * The stored checksums of a range of blocks of the IndexedDB store (schema 3: one record per
 * segment holds the xxHash32 of each of its blocks, written in the same transaction as their
 * bytes; idb-segments.ts). Only those small records are read, no block data.
 */
import type { Kernel } from '../core/ports.ts';
import { locate, type ExtentLayout } from './extent-layout.ts';
import { fillChecksums } from './fill-checksums.ts';
import type { LabDatabase } from './idb-schema.ts';
import { segmentBlocks, segmentOf } from './idb-segments.ts';

/**
 * The checksums of `count` blocks of `disk` from `first` (a range already checked against
 * `layout`), read in one readonly transaction: the stored ones, the fill's for segments never
 * written. A block damaged at rest gives its stored (intended) sum; reads and the scrub find damage.
 */
export async function readStoredChecksums(db: LabDatabase, kernel: Kernel, layout: ExtentLayout, disk: number, first: number, count: number): Promise<Uint32Array> {
  const out = new Uint32Array(count);
  if (count === 0) return out;
  const firstSegment = segmentOf(locate(layout, first).extent);
  const lastSegment = segmentOf(locate(layout, first + count - 1).extent);
  const store = db.transaction('sums').store;
  const segments = Array.from({ length: lastSegment - firstSegment + 1 }, (_, i) => firstSegment + i);
  const found = await Promise.all(segments.map((segment) => store.get([disk, segment])));
  segments.forEach((segment, i) => {
    const blocks = segmentBlocks(layout, segment);
    const from = Math.max(first, blocks.first);
    const to = Math.min(first + count, blocks.first + blocks.count);
    const sums = found[i];
    if (sums === undefined) fillChecksums(kernel).fillInto(out, from - first, layout.fill, from, to - from, layout.blockSize);
    else out.set(sums.subarray(from - blocks.first, to - blocks.first), from - first);
  });
  return out;
}

