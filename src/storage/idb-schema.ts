/**
 * The IndexedDB schema of the lab (typed for idb), its upgrade steps, and the small conversions
 * between stored values and what the stores work with.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { DiskRecord, LabEvent } from '../core/ports.ts';
import type { ExtentLayout } from './extent-layout.ts';

/** Current schema version; bump it and add a step to `upgradeSchema` when the stores change. */
export const SCHEMA_VERSION = 1;

/** A disk as stored: its record plus the extent size it was created with (it must never change). */
export interface StoredDisk {
  id: number;
  record: DiskRecord;
  blocksPerExtent: number;
}

/** The object stores: disks by id, extents by [diskId, extentIndex], records by key, events by seq. */
export interface LabDB extends DBSchema {
  disks: { key: number; value: StoredDisk };
  /** Exact-size ArrayBuffers (blocksPerExtent blocks, fewer in a disk's last extent). */
  extents: { key: [number, number]; value: ArrayBuffer };
  records: { key: string; value: unknown };
  events: { key: number; value: LabEvent };
}

/** An open lab database. */
export type LabDatabase = IDBPDatabase<LabDB>;

/** Brings a database from `oldVersion` to SCHEMA_VERSION; one guarded step per version. */
export function upgradeSchema(db: LabDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('disks', { keyPath: 'id' });
    db.createObjectStore('extents');
    db.createObjectStore('records');
    db.createObjectStore('events', { keyPath: 'seq' });
  }
  // Later versions: `if (oldVersion < 2) { ... }` here, migrating through the upgrade transaction.
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
