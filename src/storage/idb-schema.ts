/**
 * The IndexedDB schema of the lab (typed for idb), its upgrade steps, and the small conversions
 * between stored values and what the stores work with.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DiskRecord, Kernel, LabEvent } from '../core/ports.ts';
import { checksumBytes } from './block-sums.ts';
import type { ExtentLayout } from './extent-layout.ts';
import type { BufferSource } from './extent-stage.ts';

/** Current schema version; bump it and add a step to `upgradeSchema` when the stores change. */
export const SCHEMA_VERSION = 2;

/** An extent as stored since version 2: its bytes and one xxHash32 per block (version 1 kept bare bytes). */
export interface StoredExtent {
  /** Exact-size ArrayBuffer (blocksPerExtent blocks, fewer in a disk's last extent). */
  data: ArrayBuffer;
  sums: Uint32Array;
}

/** A disk as stored: its record plus the extent size it was created with (it must never change). */
export interface StoredDisk {
  id: number;
  record: DiskRecord;
  blocksPerExtent: number;
}

/** The object stores: disks by id, extents by [diskId, extentIndex], records by key, events by seq. */
export interface LabDB extends DBSchema {
  disks: { key: number; value: StoredDisk };
  extents: { key: [number, number]; value: StoredExtent };
  records: { key: string; value: unknown };
  events: { key: number; value: LabEvent };
}

/** An open lab database. */
export type LabDatabase = IDBPDatabase<LabDB>;

/** The upgrade transaction. */
export type UpgradeTx = IDBPTransaction<LabDB, Array<StoreNames<LabDB>>, 'versionchange'>;

/** What a migration step needs to compute checksums. */
export interface Migration {
  kernel: Kernel;
  buffers: BufferSource;
}

/** Brings a database from `oldVersion` to SCHEMA_VERSION; one guarded step per version. */
export function upgradeSchema(db: LabDatabase, oldVersion: number, tx: UpgradeTx, migration: Migration): void {
  if (oldVersion < 1) {
    db.createObjectStore('disks', { keyPath: 'id' });
    db.createObjectStore('extents');
    db.createObjectStore('records');
    db.createObjectStore('events', { keyPath: 'seq' });
  }
  if (oldVersion >= 1 && oldVersion < 2) {
    // Version 2: every extent carries per-block checksums. A failed step aborts the upgrade (open fails, nothing changed).
    addChecksums(tx, migration).catch(() => {
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
    });
  }
}

/** Version 1 → 2: wraps each bare extent with the checksums of its blocks, through the upgrade transaction. */
async function addChecksums(tx: UpgradeTx, { kernel, buffers }: Migration): Promise<void> {
  const disks = await tx.objectStore('disks').getAll();
  const blockSizes = new Map(disks.map((d) => [d.id, d.record.blockSize]));
  const extents = tx.objectStore('extents');
  for (let cursor = await extents.openCursor(); cursor !== null; cursor = await cursor.continue()) {
    const old: unknown = cursor.value;
    if (!(old instanceof ArrayBuffer)) continue;
    const blockSize = blockSizes.get(cursor.key[0]);
    if (blockSize === undefined) throw new Error(`extent of unknown disk ${cursor.key[0]}`);
    const sums = checksumBytes(kernel, buffers, new Uint8Array(old), blockSize);
    void cursor.update({ data: old, sums });
  }
}

/** The layout a stored disk was created with. */
export function layoutOfStored(disk: StoredDisk): ExtentLayout {
  const { blocks, blockSize, fill } = disk.record;
  return { blocks, blockSize, fill, blocksPerExtent: disk.blocksPerExtent };
}

/** Key range of every extent of a disk. */
export function diskExtentRange(disk: number): IDBKeyRange {
  return IDBKeyRange.bound([disk, 0], [disk, Infinity]);
}

/**
 * The bytes as an ArrayBuffer of exactly their length: `put` of a view stores its whole
 * underlying buffer (for kernel memory, all of it), and a shared buffer cannot be stored at all.
 */
export function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) {
    return buffer;
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** The error a failed commit rejects with; a full quota gets a message a learner can act on. */
export function storageError(error: unknown): Error {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  if (name === 'QuotaExceededError') {
    return new Error('the browser refused to store more data (storage quota exceeded): delete disks or free space', {
      cause: error,
    });
  }
  if (error instanceof Error) return error;
  return new Error(`storage failed: ${String(error)}`, { cause: error });
}
