/**
 * Reads what a commit or a read needs from the schema-3 layout (idb-segments.ts), inside the
 * caller's transaction and awaiting nothing but its requests: for every segment touched, the keys
 * of its extent records and its checksum record, then the touched extent records that exist and,
 * when a touched extent has no record of its own, the segment record. Nothing is cached between
 * calls: damage at rest must show on the next read (a cache would serve the bytes it kept).
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { ExtentLayout } from './extent-layout.ts';
import { extentByteLength } from './extent-layout.ts';
import type { LabDB } from './idb-schema.ts';
import { placeInSegment, segmentExtentRange, segmentOf } from './idb-segments.ts';

/** Any transaction over the block stores (read for reads, readwrite for commits). */
export type BlockTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, IDBTransactionMode>;

/** What was read for one touched segment. */
export interface FetchedSegment {
  disk: number;
  segment: number;
  layout: ExtentLayout;
  /** Extent records of the segment, by extent index (only the touched ones are fetched). */
  extents: Map<number, ArrayBuffer>;
  /** True when the segment has extent records (touched or not). */
  hasExtentRecords: boolean;
  /** The segment record, when a touched extent had none of its own; undefined when absent or not needed. */
  base: ArrayBuffer | undefined;
  /** The checksum record: one per block of the segment; undefined when nothing of it was ever written. */
  sums: Uint32Array | undefined;
}

/** The committed state of the touched extents, by segment. */
export class Fetched {
  constructor(readonly segments: Map<string, FetchedSegment>) {}

  /** The committed bytes of an extent (its record, or its slice of the segment), or undefined for the fill. */
  bytes(disk: number, extent: number): Uint8Array | undefined {
    const seg = this.segments.get(segmentKey(disk, segmentOf(extent)));
    if (seg === undefined) return undefined;
    const own = seg.extents.get(extent);
    if (own !== undefined) return new Uint8Array(own);
    if (seg.base === undefined) return undefined;
    const { byteOffset } = placeInSegment(seg.layout, extent);
    return new Uint8Array(seg.base, byteOffset, extentByteLength(seg.layout, extent));
  }

  /** The stored checksums of an extent's blocks (a view into the segment's record), or undefined. */
  sums(disk: number, extent: number): Uint32Array | undefined {
    const seg = this.segments.get(segmentKey(disk, segmentOf(extent)));
    if (seg?.sums === undefined) return undefined;
    const { blockOffset } = placeInSegment(seg.layout, extent);
    return seg.sums.subarray(blockOffset, blockOffset + extentByteLength(seg.layout, extent) / seg.layout.blockSize);
  }
}

/** The map key of a segment. */
export function segmentKey(disk: number, segment: number): string {
  return `${disk}:${segment}`;
}

/** Fetches the touched extents' committed state in two rounds of requests. */
export async function fetchExtents(
  tx: BlockTx,
  touched: ReadonlyArray<readonly [number, number]>,
  layouts: (disk: number) => ExtentLayout,
): Promise<Fetched> {
  const groups = groupBySegment(touched);
  const extentStore = tx.objectStore('extents');
  const sumStore = tx.objectStore('sums');
  const first = await Promise.all(
    [...groups.values()].map(async ({ disk, segment, extents }) => {
      const layout = layouts(disk);
      const [keys, sums] = await Promise.all([
        extentStore.getAllKeys(segmentExtentRange(disk, layout, segment)),
        sumStore.get([disk, segment]),
      ]);
      const existing = new Set(keys.map((key) => key[1]));
      return { disk, segment, extents, layout, existing, sums };
    }),
  );
  const segments = await Promise.all(
    first.map(async ({ disk, segment, extents, layout, existing, sums }): Promise<FetchedSegment> => {
      const own = extents.filter((e) => existing.has(e));
      const needBase = own.length < extents.length;
      const [values, base] = await Promise.all([
        Promise.all(own.map((e) => extentStore.get([disk, e]))),
        needBase ? tx.objectStore('segments').get([disk, segment]) : undefined,
      ]);
      const map = new Map<number, ArrayBuffer>();
      own.forEach((e, i) => {
        const value = values[i];
        if (value !== undefined) map.set(e, value);
      });
      return { disk, segment, layout, extents: map, hasExtentRecords: existing.size > 0, base, sums };
    }),
  );
  return new Fetched(new Map(segments.map((s) => [segmentKey(s.disk, s.segment), s])));
}

function groupBySegment(touched: ReadonlyArray<readonly [number, number]>): Map<string, { disk: number; segment: number; extents: number[] }> {
  const groups = new Map<string, { disk: number; segment: number; extents: number[] }>();
  for (const [disk, extent] of touched) {
    const segment = segmentOf(extent);
    const key = segmentKey(disk, segment);
    let group = groups.get(key);
    if (group === undefined) {
      group = { disk, segment, extents: [] };
      groups.set(key, group);
    }
    if (!group.extents.includes(extent)) group.extents.push(extent);
  }
  return groups;
}
