/**
 * One StoreCommit as ONE readwrite IndexedDB transaction. Inside it nothing is awaited but
 * IndexedDB requests (the idb rule: any other await lets the transaction commit early): the
 * touched segments' state is fetched in two rounds (idb-fetch.ts), the ops run synchronously in
 * kernel staging buffers, then each touched segment gets its new data (one segment record when
 * the commit rewrote all of it, else its rewritten extent records) and its new checksum record.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Kernel } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { prefixEnd } from './commit-check.ts';
import { extentByteLength, type ExtentLayout } from './extent-layout.ts';
import { ExtentStage, extentsTouched, type BufferSource, type StagedExtent } from './extent-stage.ts';
import { fillChecksums } from './fill-checksums.ts';
import { fetchExtents, segmentKey, type FetchedSegment } from './idb-fetch.ts';
import { diskExtentRange, exactArrayBuffer, storageError, type LabDatabase, type LabDB } from './idb-schema.ts';
import {
  EXTENTS_PER_SEGMENT,
  placeInSegment,
  segmentBlocks,
  segmentByteLength,
  segmentExtentRange,
  segmentExtents,
  segmentOf,
} from './idb-segments.ts';

type WriteTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, 'readwrite'>;
type Track = (request: Promise<unknown>) => void;

const ignore = (): void => undefined;

/** The object stores that hold a disk's blocks, all keyed [disk, index]. */
const BLOCK_STORES = ['extents', 'segments', 'sums'] as const;

/** Writes a checked commit all or nothing; rejects (the transaction aborted) on any failure. */
export async function writeCommit(
  db: LabDatabase,
  tools: CommitTools,
  checked: CheckedCommit,
  simulateFailure: () => boolean,
): Promise<void> {
  const names = storesTouched(checked);
  if (names.length === 0) return;
  const tx: WriteTx = db.transaction(names, 'readwrite');
  const pending: Array<Promise<unknown>> = [];
  // Requests not awaited yet still reject when the transaction aborts: mark them handled now.
  const track: Track = (request) => {
    request.catch(ignore);
    pending.push(request);
  };
  try {
    putMetadata(tx, checked, track);
    if (checked.ops.length > 0) await putExtents(tx, tools, checked, track);
    for (const id of checked.deleteDisks) {
      track(tx.objectStore('disks').delete(id));
      for (const name of BLOCK_STORES) track(tx.objectStore(name).delete(diskExtentRange(id)));
    }
    for (const event of checked.events) track(tx.objectStore('events').put(event));
    if (simulateFailure()) throw new Error('simulated storage failure');
    await Promise.all(pending);
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(ignore);
    // A failed request aborts the transaction with the root cause (e.g. a full quota) in tx.error.
    throw storageError(tx.error ?? error);
  }
}

function storesTouched(checked: CheckedCommit): Array<StoreNames<LabDB>> {
  const names: Array<StoreNames<LabDB>> = [];
  if (checked.putDisks.length + checked.deleteDisks.length > 0) names.push('disks');
  if (checked.ops.length + checked.deleteDisks.length > 0) names.push(...BLOCK_STORES);
  if (checked.deletePrefixes.length + checked.putRecords.length > 0) names.push('records');
  if (checked.events.length > 0) names.push('events');
  return names;
}

function putMetadata(tx: WriteTx, checked: CheckedCommit, track: Track): void {
  for (const { record, layout } of checked.putDisks) {
    track(tx.objectStore('disks').put({ id: record.id, record, blocksPerExtent: layout.blocksPerExtent, extentsPerSegment: EXTENTS_PER_SEGMENT }));
  }
  for (const prefix of checked.deletePrefixes) {
    track(tx.objectStore('records').delete(IDBKeyRange.bound(prefix, prefixEnd(prefix))));
  }
  for (const [key, value] of checked.putRecords) track(tx.objectStore('records').put(value, key));
}

/** What a commit needs besides the transaction: the kernel and staging buffers. */
export interface CommitTools {
  kernel: Kernel;
  buffers: BufferSource;
}

async function putExtents(tx: WriteTx, tools: CommitTools, checked: CheckedCommit, track: Track): Promise<void> {
  const layouts = (disk: number): ExtentLayout => layoutOf(checked, disk);
  const fetched = await fetchExtents(tx, extentsTouched(checked.ops, checked.layouts), layouts);
  // Blocks the ops read are verified against the stored sums; a mismatch throws CorruptBlockError and aborts the commit.
  const stage = new ExtentStage(tools.kernel, checked.layouts, (d, e) => fetched.bytes(d, e), tools.buffers, (d, e) => fetched.sums(d, e));
  try {
    stage.apply(checked.ops);
    const deleted = new Set(checked.deleteDisks);
    for (const group of dirtyBySegment(stage.dirtyExtents())) {
      if (deleted.has(group.disk)) continue; // the disk is dropped later in this same commit
      const seg = fetched.segments.get(segmentKey(group.disk, group.segment));
      if (seg === undefined) throw new Error(`segment ${group.segment} of disk ${group.disk} was not fetched`);
      putSegmentData(tx, tools.kernel, seg, group.extents, track);
      track(tx.objectStore('sums').put(newSums(stage, tools.kernel, seg, group.extents), [seg.disk, seg.segment]));
    }
  } finally {
    // put() has cloned each value already, so the staging buffers can go back to the pool.
    stage.release();
  }
}

/**
 * Puts the segment's new bytes: one segment record (dropping its extent records) when the commit
 * rewrote every extent of it, else one record per rewritten extent.
 */
function putSegmentData(tx: WriteTx, kernel: Kernel, seg: FetchedSegment, dirty: StagedExtent[], track: Track): void {
  const { first, end } = segmentExtents(seg.layout, seg.segment);
  if (dirty.length < end - first) {
    for (const staged of dirty) {
      const bytes = kernel.readBytes(staged.buffer, 0, extentByteLength(seg.layout, staged.extent));
      track(tx.objectStore('extents').put(exactArrayBuffer(bytes), [seg.disk, staged.extent]));
    }
    return;
  }
  const out = new Uint8Array(segmentByteLength(seg.layout, seg.segment));
  for (const staged of dirty) {
    const length = extentByteLength(seg.layout, staged.extent);
    out.set(kernel.bufferView(staged.buffer).subarray(0, length), placeInSegment(seg.layout, staged.extent).byteOffset);
  }
  track(tx.objectStore('segments').put(out.buffer, [seg.disk, seg.segment]));
  if (seg.hasExtentRecords) track(tx.objectStore('extents').delete(segmentExtentRange(seg.disk, seg.layout, seg.segment)));
}

/** The segment's checksum record after the commit: the stored one (or the fill's) with the rewritten extents' sums. */
function newSums(stage: ExtentStage, kernel: Kernel, seg: FetchedSegment, dirty: StagedExtent[]): Uint32Array {
  const { first, count } = segmentBlocks(seg.layout, seg.segment);
  let sums = seg.sums?.slice();
  if (sums === undefined || sums.length !== count) {
    sums = new Uint32Array(count);
    fillChecksums(kernel).fillInto(sums, 0, seg.layout.fill, first, count, seg.layout.blockSize);
  }
  for (const staged of dirty) sums.set(stage.sumsFor(staged), placeInSegment(seg.layout, staged.extent).blockOffset);
  return sums;
}

/** Dirty extents grouped by (disk, segment), each group in ascending extent order. */
function dirtyBySegment(dirty: StagedExtent[]): Array<{ disk: number; segment: number; extents: StagedExtent[] }> {
  const groups = new Map<string, { disk: number; segment: number; extents: StagedExtent[] }>();
  for (const staged of dirty) {
    const segment = segmentOf(staged.extent);
    const key = segmentKey(staged.disk, segment);
    const group = groups.get(key) ?? { disk: staged.disk, segment, extents: [] };
    group.extents.push(staged);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function layoutOf(checked: CheckedCommit, disk: number): ExtentLayout {
  const layout = checked.layouts.get(disk);
  if (layout === undefined) throw new Error(`no layout for disk ${disk}`);
  return layout;
}

function abortQuietly(tx: WriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by IndexedDB itself: nothing left to undo.
  }
}
