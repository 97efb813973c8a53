/**
 * Which block stores a commit's transaction must lock. IndexedDB runs readwrite transactions
 * whose stores overlap one after another, so a host write that only puts extent records must not
 * name the segment stores: it would wait for every transaction reading or writing a 1 MiB segment
 * (the copier's, the read ahead). Segments are named only when the commit reads a segment it does
 * not find read ahead, puts a segment record, or deletes a disk; otherwise it locks the extent
 * records and the refs (idb-refs.ts: a copy-on-write kept by reference reads nothing).
 */
import type { StoreNames } from 'idb';
import type { CheckedCommit } from './commit-check.ts';
import { layoutOf, type ExtentLayout } from './extent-layout.ts';
import { extentsNeeded } from './extents-needed.ts';
import type { ExtentIndex } from './idb-extent-index.ts';
import type { ReadAhead } from './idb-read-ahead.ts';
import type { LabDB } from './idb-schema.ts';
import { splitSegmentCopies } from './idb-segment-copy.ts';
import type { RefIndex } from './idb-ref-index.ts';
import { segmentsRewritten, type RefCopy } from './idb-refs.ts';
import { segmentOf } from './idb-segments.ts';

/** The block stores, all keyed [disk, index]. */
export const BLOCK_STORES = ['extents', 'refs', 'segments', 'sums'] as const;

/** Thrown inside a commit built without the segment stores that found it needs them after all (a stale index entry): it runs again with them. */
export class NarrowScope extends Error {
  constructor() {
    super('the commit needs the segment stores');
  }
}

/** The block stores the commit's transaction locks. */
export function blockStoresFor(checked: CheckedCommit, refs: readonly RefCopy[], index: ExtentIndex, refIndex: RefIndex, readAhead: ReadAhead): Array<StoreNames<LabDB>> {
  if (checked.deleteDisks.length > 0) return [...BLOCK_STORES];
  if (checked.ops.length === 0) return refs.length > 0 ? ['extents', 'refs'] : [];
  return needsSegments(checked, index, refIndex, readAhead) ? [...BLOCK_STORES] : ['extents', 'refs'];
}

/**
 * The segments ([disk, segment]) whose records the commit's ops read: those of extents they need
 * that have no record of their own, or those their refs refer into.
 */
export function segmentsRead(checked: CheckedCommit, index: ExtentIndex, refs: RefIndex): Array<[number, number]> {
  const found = new Map<string, [number, number]>();
  for (const [disk, extent] of extentsNeeded(checked.ops, checked.layouts)) {
    if (index.has(disk, extent)) continue;
    const ref = refs.get(disk, extent);
    const [d, segment] = ref === undefined ? [disk, segmentOf(layoutOf(checked.layouts, disk), extent)] : [ref.disk, ref.segment];
    found.set(`${d}:${segment}`, [d, segment]);
  }
  return [...found.values()];
}

function needsSegments(checked: CheckedCommit, index: ExtentIndex, refs: RefIndex, readAhead: ReadAhead): boolean {
  const layouts = (disk: number): ExtentLayout => layoutOf(checked.layouts, disk);
  if (splitSegmentCopies(checked.ops, layouts).whole.length > 0) return true;
  if (segmentsRead(checked, index, refs).some(([disk, segment]) => !readAhead.has(disk, segment))) return true;
  return segmentsRewritten(checked.ops, layouts).length > 0;
}
