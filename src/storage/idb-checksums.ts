/**
 * The stored checksums of a range of blocks of the IndexedDB store (schema version 2: each
 * extent record carries its blocks' xxHash32 beside its bytes, written in the same transaction).
 * The record is loaded whole, but only its sums are kept and no block is hashed.
 */
import type { Kernel } from '../core/ports.ts';
import { extentRuns, type ExtentLayout } from './extent-layout.ts';
import { fillChecksums } from './fill-checksums.ts';
import type { LabDatabase } from './idb-schema.ts';

/**
 * The checksums of `count` blocks of `disk` from `first` (a range already checked against
 * `layout`), read in one readonly transaction: a written extent's stored sums, the fill's for the
 * others. A block damaged at rest gives its stored (intended) sum; reads and the scrub find damage.
 */
export async function readStoredChecksums(db: LabDatabase, kernel: Kernel, layout: ExtentLayout, disk: number, first: number, count: number): Promise<Uint32Array> {
  const runs = extentRuns(layout, first, count);
  const store = db.transaction('extents').store;
  // Keep only the sums of each record as it arrives, so the extents' bytes are not held together.
  const found = await Promise.all(runs.map((run) => store.get([disk, run.extent]).then((extent) => extent?.sums)));
  const out = new Uint32Array(count);
  runs.forEach((run, i) => {
    const sums = found[i];
    const at = run.byteOffset / layout.blockSize;
    if (sums === undefined) fillChecksums(kernel).fillInto(out, run.index, layout.fill, first + run.index, run.count, layout.blockSize);
    else out.set(sums.subarray(at, at + run.count), run.index);
  });
  return out;
}
