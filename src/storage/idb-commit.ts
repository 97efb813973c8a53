/**
 * One StoreCommit as ONE readwrite IndexedDB transaction. Inside it nothing is awaited but
 * IndexedDB requests (the idb rule: any other await lets the transaction commit early): requests
 * are issued in the documented order, extent gets are awaited together, the ops run
 * synchronously in kernel staging buffers, and each dirty extent is put once.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Kernel } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { prefixEnd } from './commit-check.ts';
import { extentByteLength } from './extent-layout.ts';
import { ExtentStage, extentsTouched, type BufferSource } from './extent-stage.ts';
import {
  diskExtentRange,
  exactArrayBuffer,
  storageError,
  type LabDatabase,
  type LabDB,
  type StoredExtent,
} from './idb-schema.ts';

type WriteTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, 'readwrite'>;
type Track = (request: Promise<unknown>) => void;

const ignore = (): void => undefined;

/** Writes a checked commit all or nothing; rejects (the transaction aborted) on any failure. */
export async function writeCommit(
  db: LabDatabase,
  kernel: Kernel,
  buffers: BufferSource,
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
    if (checked.ops.length > 0) await putExtents(tx, kernel, buffers, checked, track);
    for (const id of checked.deleteDisks) {
      track(tx.objectStore('disks').delete(id));
      track(tx.objectStore('extents').delete(diskExtentRange(id)));
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
  if (checked.ops.length + checked.deleteDisks.length > 0) names.push('extents');
  if (checked.deletePrefixes.length + checked.putRecords.length > 0) names.push('records');
  if (checked.events.length > 0) names.push('events');
  return names;
}

function putMetadata(tx: WriteTx, checked: CheckedCommit, track: Track): void {
  for (const { record, layout } of checked.putDisks) {
    track(tx.objectStore('disks').put({ id: record.id, record, blocksPerExtent: layout.blocksPerExtent }));
  }
  for (const prefix of checked.deletePrefixes) {
    track(tx.objectStore('records').delete(IDBKeyRange.bound(prefix, prefixEnd(prefix))));
  }
  for (const [key, value] of checked.putRecords) track(tx.objectStore('records').put(value, key));
}

async function putExtents(
  tx: WriteTx,
  kernel: Kernel,
  buffers: BufferSource,
  checked: CheckedCommit,
  track: Track,
): Promise<void> {
  const store = tx.objectStore('extents');
  const keys = extentsTouched(checked.ops, checked.layouts);
  const found = await Promise.all(keys.map((key) => store.get(key)));
  const fetched = new Map<string, StoredExtent>();
  keys.forEach(([disk, extent], i) => {
    const value = found[i];
    if (value !== undefined) fetched.set(`${disk}:${extent}`, value);
  });
  const committed = (d: number, e: number): Uint8Array | undefined => {
    const value = fetched.get(`${d}:${e}`);
    return value === undefined ? undefined : new Uint8Array(value.data);
  };
  // Blocks the ops read are verified against these; a mismatch throws CorruptBlockError and aborts the commit.
  const sums = (d: number, e: number): Uint32Array | undefined => fetched.get(`${d}:${e}`)?.sums;
  const stage = new ExtentStage(kernel, checked.layouts, committed, buffers, sums);
  try {
    stage.apply(checked.ops);
    const deleted = new Set(checked.deleteDisks);
    for (const staged of stage.dirtyExtents()) {
      const { disk, extent, buffer } = staged;
      if (deleted.has(disk)) continue; // the disk is dropped later in this same commit
      const layout = checked.layouts.get(disk);
      if (layout === undefined) throw new Error(`no layout for disk ${disk}`);
      const bytes = kernel.readBytes(buffer, 0, extentByteLength(layout, extent));
      track(store.put({ data: exactArrayBuffer(bytes), sums: stage.sumsFor(staged) }, [disk, extent]));
    }
  } finally {
    // put() has cloned each value already, so the staging buffers can go back to the pool.
    stage.release();
  }
}

function abortQuietly(tx: WriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by IndexedDB itself: nothing left to undo.
  }
}
