/**
 * One StoreCommit as ONE readwrite IndexedDB transaction. Inside it nothing is awaited but
 * IndexedDB requests (the idb rule: any other await lets the transaction commit early): the
 * metadata, the blocks (idb-commit-blocks.ts), deleted disks and events, then the store's
 * ExtentIndex learns what changed once the transaction has committed.
 */
import type { StoreNames } from 'idb';
import type { CheckedCommit } from './commit-check.ts';
import { prefixEnd } from './commit-check.ts';
import { putExtents, type CommitTools, type Track, type WriteTx } from './idb-commit-blocks.ts';
import { BLOCK_STORES, blockStoresFor, NarrowScope } from './idb-commit-scope.ts';
import { noIndexChange } from './idb-extent-index.ts';
import { freeReferrers, putRefs, segmentsToFree, type RefCopy } from './idb-refs.ts';
import { diskExtentRange, storageError, type LabDatabase, type LabDB, type StoredDisk } from './idb-schema.ts';

export type { CommitTools } from './idb-commit-blocks.ts';


const ignore = (): void => undefined;

/**
 * Writes a checked commit all or nothing; rejects (the transaction aborted) on any failure. `refs`
 * are its copies kept by reference, already taken out of its ops (idb-refs.ts planRefs).
 */
export async function writeCommit(
  db: LabDatabase,
  tools: CommitTools,
  checked: CheckedCommit,
  refs: readonly RefCopy[],
  simulateFailure: () => boolean,
): Promise<void> {
  const commit: PlannedCommit = { checked, refs };
  try {
    const blockStores = blockStoresFor(checked, refs, tools.index, tools.refs, tools.readAhead);
    await writeIn(db, storesTouched(commit, blockStores), tools, commit, simulateFailure);
  } catch (error) {
    if (!(error instanceof NarrowScope)) throw error;
    await writeIn(db, storesTouched(commit, [...BLOCK_STORES]), tools, commit, simulateFailure);
  }
}

/** A checked commit and its copies kept by reference. */
interface PlannedCommit {
  checked: CheckedCommit;
  refs: readonly RefCopy[];
}

/** The commit as one transaction over `names`. */
async function writeIn(
  db: LabDatabase,
  names: Array<StoreNames<LabDB>>,
  tools: CommitTools,
  { checked, refs }: PlannedCommit,
  simulateFailure: () => boolean,
): Promise<void> {
  if (names.length === 0) return;
  const tx: WriteTx = db.transaction(names, 'readwrite', { durability: tools.durability });
  const pending: Array<Promise<unknown>> = [];
  // Requests not awaited yet still reject when the transaction aborts: mark them handled now.
  const track: Track = (request) => {
    request.catch(ignore);
    pending.push(request);
  };
  const change = noIndexChange();
  try {
    putMetadata(tx, checked, track);
    const referred = segmentsToFree(checked, tools.refs);
    const refWrites = { tx, refs: tools.refs, readAhead: tools.readAhead, change, track };
    if (referred.length > 0) await freeReferrers(refWrites, referred, new Set(checked.deleteDisks));
    if (checked.ops.length > 0) await putExtents(tx, tools, checked, track, change);
    putRefs(refWrites, tools.index, refs);
    change.droppedDisks.push(...checked.deleteDisks);
    for (const id of checked.deleteDisks) {
      track(tx.objectStore('disks').delete(id));
      for (const name of BLOCK_STORES) track(tx.objectStore(name).delete(diskExtentRange(id)));
    }
    for (const event of checked.events) track(tx.objectStore('events').put(event));
    if (simulateFailure()) throw new Error('simulated storage failure');
    await Promise.all(pending);
    await tx.done;
    tools.index.apply(change);
    tools.refs.apply(change);
    tools.readAhead.apply(change);
  } catch (error) {
    abortQuietly(tx);
    await tx.done.catch(ignore);
    if (error instanceof NarrowScope) throw error;
    // A failed request aborts the transaction with the root cause (e.g. a full quota) in tx.error.
    throw storageError(tx.error ?? error);
  }
}

function storesTouched({ checked, refs }: PlannedCommit, blockStores: Array<StoreNames<LabDB>>): Array<StoreNames<LabDB>> {
  const names: Array<StoreNames<LabDB>> = [];
  if (checked.putDisks.length + checked.deleteDisks.length > 0) names.push('disks');
  if (checked.ops.length + refs.length + checked.deleteDisks.length > 0) names.push(...blockStores);
  if (checked.deletePrefixes.length + checked.putRecords.length > 0) names.push('records');
  if (checked.events.length > 0) names.push('events');
  return names;
}

function putMetadata(tx: WriteTx, checked: CheckedCommit, track: Track): void {
  for (const { record, layout } of checked.putDisks) {
    const stored: StoredDisk = { id: record.id, record, blocksPerExtent: layout.blocksPerExtent };
    if (layout.extentsPerSegment !== undefined) stored.extentsPerSegment = layout.extentsPerSegment;
    track(tx.objectStore('disks').put(stored));
  }
  for (const prefix of checked.deletePrefixes) {
    track(tx.objectStore('records').delete(IDBKeyRange.bound(prefix, prefixEnd(prefix))));
  }
  for (const [key, value] of checked.putRecords) track(tx.objectStore('records').put(value, key));
}

function abortQuietly(tx: WriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by IndexedDB itself: nothing left to undo.
  }
}
