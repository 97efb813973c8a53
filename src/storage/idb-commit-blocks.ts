/**
 * The block side of one IndexedDB commit (idb-commit.ts holds the transaction): what the ops read
 * is fetched (idb-fetch.ts), whole segments are copied record to record (idb-segment-copy.ts), the
 * other ops run in kernel staging buffers, and each touched segment gets its new data: one segment
 * record with its checksums when the commit rewrote all of it, else its rewritten extent records.
 * What it adds to or drops from the extent records is collected for the store's ExtentIndex.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { BlockOp, Kernel } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { extentByteLength, layoutOf, type ExtentLayout } from './extent-layout.ts';
import { ExtentStage, type BufferSource, type StagedExtent } from './extent-stage.ts';
import { extentsNeeded } from './extents-needed.ts';
import { NarrowScope } from './idb-commit-scope.ts';
import type { ExtentIndex, ExtentIndexChange } from './idb-extent-index.ts';
import { fetchExtents, type Fetched } from './idb-fetch.ts';
import type { ReadAhead } from './idb-read-ahead.ts';
import type { RefIndex } from './idb-ref-index.ts';
import { dropRef, dropRefsIn } from './idb-refs.ts';
import { exactArrayBuffer, type LabDB } from './idb-schema.ts';
import { splitSegmentCopies, verifiedSegment, type SegmentCopy } from './idb-segment-copy.ts';
import { extentKeyRange, placeInSegment, segmentBlocks, segmentByteLength, segmentExtents, segmentOf } from './idb-segments.ts';

/** The readwrite transaction of a commit. */
export type WriteTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, 'readwrite'>;
/** Keeps a request of the commit, to await them all before the transaction's end. */
export type Track = (request: Promise<unknown>) => void;

/** What a commit needs besides the transaction: the kernel, staging buffers, which extents have records, the segments read ahead. */
export interface CommitTools {
  kernel: Kernel;
  buffers: BufferSource;
  index: ExtentIndex;
  refs: RefIndex;
  readAhead: ReadAhead;
  /** Whether a commit's transaction completes only once flushed to disk (StoreOptions.durability). */
  durability: 'strict' | 'relaxed';
}

/** Puts the new bytes the commit's ops give, all inside `tx`; records extent records added or dropped in `change`. */
export async function putExtents(tx: WriteTx, tools: CommitTools, checked: CheckedCommit, track: Track, change: ExtentIndexChange): Promise<void> {
  const layouts = (disk: number): ExtentLayout => layoutOf(checked.layouts, disk);
  const fetched = await fetchExtents(tx, extentsNeeded(checked.ops, checked.layouts), layouts, tools.index, tools.refs, tools.readAhead);
  const writes: Writes = { tx, index: tools.index, refs: tools.refs, change, track };
  const { whole, rest } = splitSegmentCopies(checked.ops, layouts);
  rest.push(...putWholeSegments(writes, tools, fetched, whole, layouts));
  // Blocks the ops read are verified against the stored sums; a mismatch throws CorruptBlockError and aborts the commit.
  const stage = new ExtentStage(tools.kernel, checked.layouts, (d, e) => fetched.bytes(d, e), tools.buffers, (d, e) => fetched.sums(d, e));
  try {
    stage.apply(rest);
    const deleted = new Set(checked.deleteDisks);
    for (const group of dirtyBySegment(stage.dirtyExtents(), layouts)) {
      if (deleted.has(group.disk)) continue; // the disk is dropped later in this same commit
      putGroup(writes, tools.kernel, stage, group);
    }
  } finally {
    // put() has cloned each value already, so the staging buffers can go back to the pool.
    stage.release();
  }
}

/**
 * Puts each whole-segment copy's source segment as the target's (idb-segment-copy.ts), verified
 * like a staged read (CorruptBlockError aborts the commit); returns, as copy ops to stage, those
 * whose source is not eligible.
 */
function putWholeSegments(writes: Writes, tools: CommitTools, fetched: Fetched, whole: SegmentCopy[], layouts: (disk: number) => ExtentLayout): BlockOp[] {
  const { tx, track } = writes;
  const staged: BlockOp[] = [];
  const written: SegmentCopy[] = [];
  for (const copy of whole) {
    const source = verifiedSegment(copy, fetched, tools.kernel, tools.buffers, layouts(copy.from).blockSize);
    if (source === undefined) {
      staged.push({ kind: 'copy', from: copy.from, fromBlock: copy.first, to: copy.to, toBlock: copy.first, count: copy.count });
      continue;
    }
    requireSegmentStores(tx);
    track(tx.objectStore('segments').put(source.data, [copy.to, copy.segment]));
    track(tx.objectStore('sums').put(source.sums, [copy.to, copy.segment]));
    writes.change.rewritten.push([copy.to, copy.segment]);
    written.push(copy);
  }
  dropExtentsUnder(writes, written, layouts);
  return staged;
}

/** Where a commit's puts go, and the extent records (and refs) it adds or drops. */
interface Writes {
  tx: WriteTx;
  index: ExtentIndex;
  refs: RefIndex;
  change: ExtentIndexChange;
  track: Track;
}

/** Deletes the extent records of [first, end) of a disk, when it has any (stored, or put earlier in this commit). */
function dropExtents({ tx, index, change, track }: Writes, disk: number, first: number, end: number): void {
  const putHere = change.added.some(([d, e]) => d === disk && e >= first && e < end);
  if (!putHere && !index.anyIn(disk, first, end)) return;
  track(tx.objectStore('extents').delete(extentKeyRange(disk, first, end - 1)));
  change.cleared.push([disk, first, end]);
}

/** The dirty extents of one segment, ascending. */
interface DirtyGroup {
  disk: number;
  segment: number;
  layout: ExtentLayout;
  extents: StagedExtent[];
}

/**
 * Puts a segment's new bytes: when the commit rewrote every extent of it, one segment record with
 * its checksum record (dropping its extent records); else one record per rewritten extent, with its checksums.
 */
function putGroup(writes: Writes, kernel: Kernel, stage: ExtentStage, group: DirtyGroup): void {
  const { tx, track } = writes;
  const { disk, segment, layout, extents } = group;
  const { first, end } = segmentExtents(layout, segment);
  if (extents.length < end - first) {
    for (const staged of extents) {
      const bytes = kernel.readBytes(staged.buffer, 0, extentByteLength(layout, staged.extent));
      track(tx.objectStore('extents').put({ data: exactArrayBuffer(bytes), sums: stage.sumsFor(staged) }, [disk, staged.extent]));
      writes.change.added.push([disk, staged.extent]);
      if (writes.refs.get(disk, staged.extent) !== undefined) dropRef(writes, disk, staged.extent);
    }
    return;
  }
  const out = new Uint8Array(segmentByteLength(layout, segment));
  const sums = new Uint32Array(segmentBlocks(layout, segment).count);
  for (const staged of extents) {
    const place = placeInSegment(layout, staged.extent);
    sums.set(stage.sumsFor(staged), place.blockOffset);
    out.set(kernel.bufferView(staged.buffer).subarray(0, extentByteLength(layout, staged.extent)), place.byteOffset);
  }
  requireSegmentStores(tx);
  track(tx.objectStore('segments').put(out.buffer, [disk, segment]));
  track(tx.objectStore('sums').put(sums, [disk, segment]));
  writes.change.rewritten.push([disk, segment]);
  dropExtents(writes, disk, first, end);
  dropRefsIn(writes, disk, first, end);
}

/** NarrowScope when the transaction was opened without the segment stores (the commit then runs again with them). */
function requireSegmentStores(tx: WriteTx): void {
  if (!tx.objectStoreNames.contains('segments')) throw new NarrowScope();
}

/** Deletes the extent records under segments copied whole: one range per run of consecutive segments of a disk. */
function dropExtentsUnder(writes: Writes, copies: SegmentCopy[], layouts: (disk: number) => ExtentLayout): void {
  const sorted = [...copies].sort((a, b) => a.to - b.to || a.segment - b.segment);
  for (let i = 0; i < sorted.length; ) {
    const { to, segment } = sorted[i]!;
    let last = segment;
    while (i + 1 < sorted.length && sorted[i + 1]!.to === to && sorted[i + 1]!.segment === last + 1) last = sorted[++i]!.segment;
    i++;
    const layout = layouts(to);
    dropExtents(writes, to, segmentExtents(layout, segment).first, segmentExtents(layout, last).end);
    dropRefsIn(writes, to, segmentExtents(layout, segment).first, segmentExtents(layout, last).end);
  }
}

/** Dirty extents grouped by (disk, segment). */
function dirtyBySegment(dirty: StagedExtent[], layouts: (disk: number) => ExtentLayout): DirtyGroup[] {
  const groups = new Map<string, DirtyGroup>();
  for (const staged of dirty) {
    const layout = layouts(staged.disk);
    const segment = segmentOf(layout, staged.extent);
    const key = `${staged.disk}:${segment}`;
    const group = groups.get(key) ?? { disk: staged.disk, segment, layout, extents: [] };
    group.extents.push(staged);
    groups.set(key, group);
  }
  return [...groups.values()];
}
