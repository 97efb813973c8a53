/**
 * Reads what a commit or a read needs from the schema-3 layout (idb-segments.ts), inside the
 * caller's transaction and awaiting nothing but its requests, in one round per segment: the
 * records of the needed extents that have one (the store's ExtentIndex knows which), and the
 * segment record with its checksums when a needed extent has none.
 * Nothing is cached between calls, except the segments a commit finds read ahead of the copier
 * (idb-read-ahead.ts): damage at rest must show on the next read.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { extentBlocks, extentByteLength, type ExtentLayout } from './extent-layout.ts';
import { NarrowScope } from './idb-commit-scope.ts';
import type { ExtentIndex } from './idb-extent-index.ts';
import type { ReadAhead } from './idb-read-ahead.ts';
import type { RefIndex } from './idb-ref-index.ts';
import { segmentAndSums } from './idb-refs.ts';
import type { LabDB, StoredExtent } from './idb-schema.ts';
import { extentKeyRange, placeInSegment, segmentOf } from './idb-segments.ts';

/** Any transaction over the block stores (read for reads, readwrite for commits). */
export type BlockTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, IDBTransactionMode>;

/** Above this many extent records needed in one segment, they are read as one key range. */
const FEW_EXTENTS = 8;

/** What was read for one touched segment. */
export interface FetchedSegment {
  disk: number;
  segment: number;
  layout: ExtentLayout;
  /** Own records of the needed extents that have one, by extent index. */
  extents: Map<number, StoredExtent>;
  /** The bytes and checksums of the needed extents kept by reference (idb-refs.ts), by extent index. */
  referred: Map<number, { data: Uint8Array; sums: Uint32Array }>;
  /** The segment record and its checksums, when a needed extent had no record of its own and the segment exists. */
  base: { data: ArrayBuffer; sums: Uint32Array | undefined } | undefined;
}

/** The committed state of the needed extents, by segment. */
export class Fetched {
  private readonly segments = new Map<string, FetchedSegment>();

  constructor(
    segments: FetchedSegment[],
    private readonly layouts: (disk: number) => ExtentLayout,
  ) {
    for (const s of segments) this.segments.set(`${s.disk}:${s.segment}`, s);
  }

  /** The committed bytes of an extent (its record, or its slice of the segment), or undefined for the fill. */
  bytes(disk: number, extent: number): Uint8Array | undefined {
    const { seg, own } = this.find(disk, extent);
    if (own !== undefined) return new Uint8Array(own.data);
    const referred = seg?.referred.get(extent);
    if (referred !== undefined) return referred.data;
    if (seg?.base === undefined) return undefined;
    const { byteOffset } = placeInSegment(seg.layout, extent);
    return new Uint8Array(seg.base.data, byteOffset, extentByteLength(seg.layout, extent));
  }

  /** The stored checksums of an extent's blocks (its record's, or a view into its segment's), or undefined. */
  sums(disk: number, extent: number): Uint32Array | undefined {
    const { seg, own } = this.find(disk, extent);
    if (own !== undefined) return own.sums;
    const referred = seg?.referred.get(extent);
    if (referred !== undefined) return referred.sums;
    if (seg?.base?.sums === undefined) return undefined;
    const { blockOffset } = placeInSegment(seg.layout, extent);
    return seg.base.sums.subarray(blockOffset, blockOffset + extentBlocks(seg.layout, extent));
  }

  /** What was read for segment `segment` of `disk`, if it was needed. */
  segment(disk: number, segment: number): FetchedSegment | undefined {
    return this.segments.get(`${disk}:${segment}`);
  }

  private find(disk: number, extent: number): { seg: FetchedSegment | undefined; own: StoredExtent | undefined } {
    const seg = this.segments.get(`${disk}:${segmentOf(this.layouts(disk), extent)}`);
    return { seg, own: seg?.extents.get(extent) };
  }
}

/** Fetches the committed state of the needed extents. */
export async function fetchExtents(
  tx: BlockTx,
  needed: ReadonlyArray<readonly [number, number]>,
  layouts: (disk: number) => ExtentLayout,
  index: ExtentIndex,
  refs: RefIndex,
  readAhead?: ReadAhead,
): Promise<Fetched> {
  const groups = groupBySegment(needed, layouts);
  return new Fetched(await Promise.all(groups.map((group) => fetchSegment(tx, group, index, refs, readAhead))), layouts);
}

interface Group {
  disk: number;
  segment: number;
  layout: ExtentLayout;
  extents: number[];
}

/**
 * One round of requests: the needed extents' own records (known from the index), the segments
 * their refs refer into and, if some have neither, the segment and its checksums (unless read ahead).
 */
async function fetchSegment(tx: BlockTx, { disk, segment, layout, extents }: Group, index: ExtentIndex, refs: RefIndex, readAhead?: ReadAhead): Promise<FetchedSegment> {
  const withRecord = extents.filter((e) => index.has(disk, e));
  const withRef = extents.filter((e) => !index.has(disk, e) && refs.get(disk, e) !== undefined);
  const needBase = withRecord.length + withRef.length < extents.length;
  const base = async (): Promise<[ArrayBuffer | undefined, Uint32Array | undefined]> => {
    const kept = readAhead?.get(disk, segment);
    if (kept !== undefined) return [kept.data, kept.sums];
    if (!tx.objectStoreNames.contains('segments')) throw new NarrowScope();
    return Promise.all([tx.objectStore('segments').get([disk, segment]), tx.objectStore('sums').get([disk, segment])]);
  };
  const [own, referred, early] = await Promise.all([
    ownRecords(tx, disk, withRecord),
    referredExtents(tx, disk, withRef, layout, refs, readAhead),
    needBase ? base() : undefined,
  ]);
  // The index only saves a round: should it name a record that is not there, read the segment after all.
  const [data, sums] = early ?? (own.size + referred.size < extents.length ? await base() : [undefined, undefined]);
  return { disk, segment, layout, extents: own, referred, base: data === undefined ? undefined : { data, sums } };
}

/** The bytes and checksums that extents kept by reference refer to, from their segments (read ahead or read now). */
async function referredExtents(
  tx: BlockTx,
  disk: number,
  extents: number[],
  layout: ExtentLayout,
  refs: RefIndex,
  readAhead?: ReadAhead,
): Promise<Map<number, { data: Uint8Array; sums: Uint32Array }>> {
  const found = new Map<number, { data: Uint8Array; sums: Uint32Array }>();
  const referred = extents.map((extent) => ({ extent, ref: refs.get(disk, extent)! }));
  // Each segment once, however many extents refer into it.
  const segments = new Map<string, { disk: number; segment: number }>();
  for (const { ref } of referred) segments.set(`${ref.disk}:${ref.segment}`, ref);
  if (!tx.objectStoreNames.contains('segments') && [...segments.values()].some((s) => !readAhead?.has(s.disk, s.segment))) throw new NarrowScope();
  const ahead = { tx, readAhead: readAhead ?? NOTHING_AHEAD };
  const keys = [...segments.keys()];
  const records = await Promise.all([...segments.values()].map((s) => segmentAndSums(ahead, s.disk, s.segment)));
  const recordOf = new Map(keys.map((key, i) => [key, records[i]!]));
  for (const { extent, ref } of referred) {
    const { data, sums } = recordOf.get(`${ref.disk}:${ref.segment}`)!;
    const blocks = extentBlocks(layout, extent);
    found.set(extent, {
      data: new Uint8Array(data, ref.blockOffset * layout.blockSize, blocks * layout.blockSize),
      sums: sums.subarray(ref.blockOffset, ref.blockOffset + blocks),
    });
  }
  return found;
}

/** For reads that keep nothing read ahead. */
const NOTHING_AHEAD: Pick<ReadAhead, 'get'> = { get: () => undefined };

/** The records of `extents` (ascending): a get each when they are few, one range read when many. */
async function ownRecords(tx: BlockTx, disk: number, extents: number[]): Promise<Map<number, StoredExtent>> {
  const store = tx.objectStore('extents');
  const found = new Map<number, StoredExtent>();
  if (extents.length === 0) return found;
  if (extents.length <= FEW_EXTENTS) {
    const values = await Promise.all(extents.map((e) => store.get([disk, e])));
    extents.forEach((e, i) => {
      const value = values[i];
      if (value !== undefined) found.set(e, value);
    });
    return found;
  }
  const range = extentKeyRange(disk, extents[0]!, extents.at(-1)!);
  const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  const wanted = new Set(extents);
  keys.forEach((key, i) => {
    const value = values[i];
    if (wanted.has(key[1]) && value !== undefined) found.set(key[1], value);
  });
  return found;
}

function groupBySegment(needed: ReadonlyArray<readonly [number, number]>, layouts: (disk: number) => ExtentLayout): Group[] {
  const groups = new Map<string, Group>();
  for (const [disk, extent] of needed) {
    const layout = layouts(disk);
    const segment = segmentOf(layout, extent);
    const key = `${disk}:${segment}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { disk, segment, layout, extents: [] };
      groups.set(key, group);
    }
    group.extents.push(extent);
  }
  for (const group of groups.values()) group.extents = [...new Set(group.extents)].sort((a, b) => a - b);
  return [...groups.values()];
}
