/**
 * The stored checksums of a range of blocks of the IndexedDB store (schema 3, idb-segments.ts):
 * the checksums of an extent record where a block has one, else those its ref refers to
 * (idb-refs.ts), else those of its segment's checksum record, else the fill's. Segment data is
 * never read; extent records are (they hold their sums).
 */
import type { Kernel } from '../core/ports.ts';
import { extentBlocks, extentFirstBlock, locate, type ExtentLayout } from './extent-layout.ts';
import type { RefIndex } from './idb-ref-index.ts';
import { fillChecksums } from './fill-checksums.ts';
import type { LabDatabase } from './idb-schema.ts';
import { extentKeyRange, segmentBlocks, segmentOf } from './idb-segments.ts';

/**
 * The checksums of `count` blocks of `disk` from `first` (a range already checked against
 * `layout`), read in one readonly transaction. A block damaged at rest gives its stored (intended)
 * sum; reads and the scrub find damage.
 */
export async function readStoredChecksums(
  db: LabDatabase,
  kernel: Kernel,
  refs: RefIndex,
  { layout, disk, first, count }: { layout: ExtentLayout; disk: number; first: number; count: number },
): Promise<Uint32Array> {
  const out = new Uint32Array(count);
  if (count === 0) return out;
  const firstExtent = locate(layout, first).extent;
  const lastExtent = locate(layout, first + count - 1).extent;
  const tx = db.transaction(['extents', 'sums']);
  const segments: number[] = [];
  for (let s = segmentOf(layout, firstExtent); s <= segmentOf(layout, lastExtent); s++) segments.push(s);
  const range = extentKeyRange(disk, firstExtent, lastExtent);
  const referring = refs.extentsIn(disk, firstExtent, lastExtent + 1).map((extent) => ({ extent, ref: refs.get(disk, extent)! }));
  // Each referred segment's checksum record once, however many blocks refer into it.
  const referredKeys = [...new Map(referring.map(({ ref }) => [`${ref.disk}:${ref.segment}`, [ref.disk, ref.segment] as [number, number]])).entries()];
  const [segmentSums, keys, extents, referredSums] = await Promise.all([
    Promise.all(segments.map((s) => tx.objectStore('sums').get([disk, s]))),
    tx.objectStore('extents').getAllKeys(range),
    tx.objectStore('extents').getAll(range),
    Promise.all(referredKeys.map(([, key]) => tx.objectStore('sums').get(key))),
  ]);
  const referred = new Map(referredKeys.map(([name], i) => [name, referredSums[i]]));
  const end = first + count;
  segments.forEach((segment, i) => {
    const blocks = segmentBlocks(layout, segment);
    const from = Math.max(first, blocks.first);
    const to = Math.min(end, blocks.first + blocks.count);
    const sums = segmentSums[i];
    if (sums === undefined) fillChecksums(kernel).fillInto(out, from - first, layout.fill, from, to - from, layout.blockSize);
    else out.set(sums.subarray(from - blocks.first, to - blocks.first), from - first);
  });
  referring.forEach(({ extent, ref }) => {
    const sums = referred.get(`${ref.disk}:${ref.segment}`);
    if (sums === undefined) throw new Error(`extent ${extent} of disk ${disk} refers to a segment that is not stored`);
    const { blockOffset } = ref;
    const start = extentFirstBlock(layout, extent);
    const blocks = extentBlocks(layout, extent);
    for (let b = Math.max(first, start); b < Math.min(end, start + blocks); b++) out[b - first] = sums[blockOffset + b - start]!;
  });
  keys.forEach(([, extent], i) => {
    const start = extentFirstBlock(layout, extent);
    const sums = extents[i]!.sums;
    for (let b = Math.max(first, start); b < Math.min(end, start + sums.length); b++) out[b - first] = sums[b - start]!;
  });
  return out;
}
