/**
 * The refs of the IndexedDB store (idb-refs.ts), kept in the worker both ways: which extents are
 * kept by reference and to what, and which extents refer into each segment record (so that a
 * commit about to rewrite or delete that segment copies their bytes out first). Like the
 * ExtentIndex it mirrors the database: loaded with the store's state, changed only after a
 * transaction has committed.
 */
import type { ExtentIndexChange } from './idb-extent-index.ts';
import type { StoredRef } from './idb-schema.ts';

/** An extent of a disk: [disk, extent]. */
export type ExtentKey = [number, number];

const keyOf = (disk: number, index: number): string => `${disk}:${index}`;

/** Every ref, by the extent kept by reference and by the segment it refers into. */
export class RefIndex {
  private readonly byDisk = new Map<number, Map<number, StoredRef>>();
  private readonly bySegment = new Map<string, Map<string, ExtentKey>>();

  /** Replaces everything with the refs as stored. */
  reset(keys: readonly ExtentKey[], refs: readonly StoredRef[]): void {
    this.byDisk.clear();
    this.bySegment.clear();
    keys.forEach(([disk, extent], i) => this.add(disk, extent, refs[i]!));
  }

  /** How many extents are kept by reference. */
  get size(): number {
    let count = 0;
    for (const refs of this.byDisk.values()) count += refs.size;
    return count;
  }

  /** What extent `extent` of `disk` refers to, if it is kept by reference. */
  get(disk: number, extent: number): StoredRef | undefined {
    return this.byDisk.get(disk)?.get(extent);
  }

  /** The extents referring into segment `segment` of `disk`. */
  referrers(disk: number, segment: number): ExtentKey[] {
    return [...(this.bySegment.get(keyOf(disk, segment))?.values() ?? [])];
  }

  /** The segments of `disk` that some extent refers into. */
  referredSegments(disk: number): number[] {
    const found = new Set<number>();
    for (const refs of this.byDisk.values()) for (const ref of refs.values()) if (ref.disk === disk) found.add(ref.segment);
    return [...found];
  }

  /** The extents of `disk` in [first, end) kept by reference. */
  extentsIn(disk: number, first: number, end: number): number[] {
    const refs = this.byDisk.get(disk);
    if (refs === undefined || refs.size === 0) return [];
    return [...refs.keys()].filter((e) => e >= first && e < end);
  }

  /** Applies what a committed transaction did: refs dropped (and disks deleted) first, then refs put. */
  apply(change: ExtentIndexChange): void {
    for (const [disk, extent] of change.refsDropped) this.drop(disk, extent);
    for (const disk of change.droppedDisks) {
      for (const extent of [...(this.byDisk.get(disk)?.keys() ?? [])]) this.drop(disk, extent);
    }
    for (const [disk, extent, ref] of change.refsPut) this.add(disk, extent, ref);
  }

  private add(disk: number, extent: number, ref: StoredRef): void {
    this.drop(disk, extent);
    let refs = this.byDisk.get(disk);
    if (refs === undefined) {
      refs = new Map();
      this.byDisk.set(disk, refs);
    }
    refs.set(extent, ref);
    const segment = keyOf(ref.disk, ref.segment);
    let referrers = this.bySegment.get(segment);
    if (referrers === undefined) {
      referrers = new Map();
      this.bySegment.set(segment, referrers);
    }
    referrers.set(keyOf(disk, extent), [disk, extent]);
  }

  private drop(disk: number, extent: number): void {
    const refs = this.byDisk.get(disk);
    const ref = refs?.get(extent);
    if (ref === undefined) return;
    refs!.delete(extent);
    const segment = keyOf(ref.disk, ref.segment);
    const referrers = this.bySegment.get(segment);
    referrers?.delete(keyOf(disk, extent));
    if (referrers?.size === 0) this.bySegment.delete(segment);
  }
}
