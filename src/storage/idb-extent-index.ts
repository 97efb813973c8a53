/**
 * Which extents have a record of their own in the IndexedDB store (idb-segments.ts), kept in the
 * worker so that a commit need not ask IndexedDB first: a copy-on-write then reads its old block
 * in one round of requests, and a copier commit skips a key lookup per segment. The store is the
 * database's only writer, so this mirrors the database: loaded with the store's state, changed
 * only after a transaction has committed. Only keys are kept, never bytes: damage at rest still
 * shows on the next read.
 */
import type { StoredRef } from './idb-schema.ts';

/** What a committed transaction changed in the extent records. */
export interface ExtentIndexChange {
  /** Extent records put: [disk, extent]. */
  added: Array<[number, number]>;
  /** Extent records deleted: [disk, first extent, end extent). */
  cleared: Array<[number, number, number]>;
  droppedDisks: number[];
  /** Segment records put: [disk, segment] (what was read ahead of them is stale, idb-read-ahead.ts). */
  rewritten: Array<[number, number]>;
  /** Refs put (idb-refs.ts): [disk, extent, what it refers to]. */
  refsPut: Array<[number, number, StoredRef]>;
  /** Refs deleted: [disk, extent]. */
  refsDropped: Array<[number, number]>;
}

/** An empty change, to fill while a commit is built. */
export function noIndexChange(): ExtentIndexChange {
  return { added: [], cleared: [], droppedDisks: [], rewritten: [], refsPut: [], refsDropped: [] };
}

/** The extents with records of their own, and the segments that have a record, by disk. */
export class ExtentIndex {
  private readonly byDisk = new Map<number, Set<number>>();
  private readonly segmentsByDisk = new Map<number, Set<number>>();

  /** Replaces everything with the keys of the extent records and of the segment records as stored. */
  reset(keys: ReadonlyArray<[number, number]>, segmentKeys: ReadonlyArray<[number, number]> = []): void {
    this.byDisk.clear();
    this.segmentsByDisk.clear();
    for (const [disk, extent] of keys) this.extentsOf(disk).add(extent);
    for (const [disk, segment] of segmentKeys) setOf(this.segmentsByDisk, disk).add(segment);
  }

  /** True when segment `segment` of `disk` has a record. */
  hasSegment(disk: number, segment: number): boolean {
    return this.segmentsByDisk.get(disk)?.has(segment) ?? false;
  }

  /** True when extent `extent` of `disk` has a record of its own. */
  has(disk: number, extent: number): boolean {
    return this.byDisk.get(disk)?.has(extent) ?? false;
  }

  /** True when any extent in [first, end) of `disk` has a record of its own. */
  anyIn(disk: number, first: number, end: number): boolean {
    const extents = this.byDisk.get(disk);
    if (extents === undefined || extents.size === 0) return false;
    if (extents.size < end - first) return [...extents].some((e) => e >= first && e < end);
    for (let e = first; e < end; e++) if (extents.has(e)) return true;
    return false;
  }

  /** Applies what a committed transaction did. */
  apply(change: ExtentIndexChange): void {
    for (const [disk, first, end] of change.cleared) {
      const extents = this.byDisk.get(disk);
      if (extents === undefined) continue;
      if (extents.size < end - first) {
        for (const e of [...extents]) if (e >= first && e < end) extents.delete(e);
      } else {
        for (let e = first; e < end; e++) extents.delete(e);
      }
    }
    for (const [disk, extent] of change.added) this.extentsOf(disk).add(extent);
    for (const [disk, segment] of change.rewritten) setOf(this.segmentsByDisk, disk).add(segment);
    for (const disk of change.droppedDisks) {
      this.byDisk.delete(disk);
      this.segmentsByDisk.delete(disk);
    }
  }

  private extentsOf(disk: number): Set<number> {
    return setOf(this.byDisk, disk);
  }
}

function setOf(map: Map<number, Set<number>>, disk: number): Set<number> {
  let set = map.get(disk);
  if (set === undefined) {
    set = new Set();
    map.set(disk, set);
  }
  return set;
}
