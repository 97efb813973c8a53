/**
 * Which block stores a commit's transaction must lock. IndexedDB runs readwrite transactions
 * whose stores overlap one after another, so a host write that only puts extent records must not
 * name the segment stores: it would wait for every transaction reading or writing a 1 MiB segment
 * (the copier's, the read ahead). Segments are named only when the commit reads a segment it does
 * not find read ahead, puts a segment record, or deletes a disk.
 */
import type { StoreNames } from 'idb';
import type { BlockOp } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { layoutOf, locate, type ExtentLayout } from './extent-layout.ts';
import { extentsNeeded } from './extents-needed.ts';
import type { ExtentIndex } from './idb-extent-index.ts';
import type { ReadAhead } from './idb-read-ahead.ts';
import type { LabDB } from './idb-schema.ts';
import { splitSegmentCopies } from './idb-segment-copy.ts';
import { segmentExtents, segmentOf } from './idb-segments.ts';

/** The block stores, all keyed [disk, index]. */
export const BLOCK_STORES = ['extents', 'segments', 'sums'] as const;

/** Thrown inside a commit built without the segment stores that found it needs them after all (a stale index entry): it runs again with them. */
export class NarrowScope extends Error {
  constructor() {
    super('the commit needs the segment stores');
  }
}

/** The block stores the commit's transaction locks. */
export function blockStoresFor(checked: CheckedCommit, index: ExtentIndex, readAhead: ReadAhead): Array<StoreNames<LabDB>> {
  if (checked.deleteDisks.length > 0) return [...BLOCK_STORES];
  if (checked.ops.length === 0) return [];
  return needsSegments(checked, index, readAhead) ? [...BLOCK_STORES] : ['extents'];
}

/** The segments ([disk, segment]) whose records the commit's ops read: extents they need that have no record of their own. */
export function segmentsRead(checked: CheckedCommit, index: ExtentIndex): Array<[number, number]> {
  const found = new Map<string, [number, number]>();
  for (const [disk, extent] of extentsNeeded(checked.ops, checked.layouts)) {
    if (index.has(disk, extent)) continue;
    const segment = segmentOf(layoutOf(checked.layouts, disk), extent);
    found.set(`${disk}:${segment}`, [disk, segment]);
  }
  return [...found.values()];
}

function needsSegments(checked: CheckedCommit, index: ExtentIndex, readAhead: ReadAhead): boolean {
  const layouts = (disk: number): ExtentLayout => layoutOf(checked.layouts, disk);
  if (splitSegmentCopies(checked.ops, layouts).whole.length > 0) return true;
  if (segmentsRead(checked, index).some(([disk, segment]) => !readAhead.has(disk, segment))) return true;
  return rewritesWholeSegment(checked.ops, layouts);
}

/** True when the ops write every extent of some segment (the commit then puts it as one segment record). */
function rewritesWholeSegment(ops: readonly BlockOp[], layouts: (disk: number) => ExtentLayout): boolean {
  const written = new Map<string, Set<number>>();
  const mark = (disk: number, block: number, count: number): boolean => {
    const layout = layouts(disk);
    for (let b = block; b < block + count; b++) {
      const { extent } = locate(layout, b);
      const segment = segmentOf(layout, extent);
      const key = `${disk}:${segment}`;
      const extents = written.get(key) ?? new Set<number>();
      extents.add(extent);
      written.set(key, extents);
      const { first, end } = segmentExtents(layout, segment);
      if (extents.size === end - first) return true;
    }
    return false;
  };
  return ops.some((op) => (op.kind === 'write' ? mark(op.disk, op.block, 1) : mark(op.to, op.toBlock, op.count)));
}
