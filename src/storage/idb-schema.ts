/**
 * The IndexedDB schema of the lab (typed for idb), its upgrade steps, and the small conversions
 * between stored values and what the stores work with.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DiskRecord, Kernel, LabEvent } from '../core/ports.ts';
import type { ExtentLayout } from './extent-layout.ts';
import { addChecksums } from './idb-migrate.ts';
import type { BufferSource } from './extent-stage.ts';

/** Current schema version; bump it and add a step to `upgradeSchema` when the stores change. */
export const SCHEMA_VERSION = 4;

/** An extent as stored since version 2: its bytes and one xxHash32 per block (version 1 kept bare bytes). */
export interface StoredExtent {
  /** Exact-size ArrayBuffer (blocksPerExtent blocks, fewer in a disk's last extent). */
  data: ArrayBuffer;
  sums: Uint32Array;
}

/**
 * An extent kept by reference (version 4, idb-refs.ts): its bytes and checksums are those at block
 * `blockOffset` of segment record `segment` of disk `disk` (whose own extent there has a newer record).
 */
export interface StoredRef {
  disk: number;
  segment: number;
  blockOffset: number;
}

/** A disk as stored: its record plus the extent size it was created with (it must never change). */
export interface StoredDisk {
  id: number;
  record: DiskRecord;
  blocksPerExtent: number;
  /** Extents per segment record (version 3; absent for disks created before: the default for their layout). */
  extentsPerSegment?: number;
}

/**
 * The object stores: disks by id; a disk's blocks in segments with extents and refs over them
 * (idb-segments.ts, idb-refs.ts), all keyed [diskId, index]; metadata records by key; events by seq.
 */
export interface LabDB extends DBSchema {
  disks: { key: number; value: StoredDisk };
  /** One extent (since version 3 one block by default) with its checksums; it wins over its segment. */
  extents: { key: [number, number]; value: StoredExtent };
  /** Exact-size bytes of one segment's extents, concatenated (version 3). */
  segments: { key: [number, number]; value: ArrayBuffer };
  /** The xxHash32 of every block of one segment record, written with it (version 3). */
  sums: { key: [number, number]; value: Uint32Array };
  /** Extents kept by reference to a segment record of another disk (version 4); a ref yields to an extent record. */
  refs: { key: [number, number]; value: StoredRef };
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
  if (oldVersion < 3) {
    // Version 3: segment records and their checksum records; extents stay as version 2 wrote them.
    db.createObjectStore('segments');
    db.createObjectStore('sums');
  }
  if (oldVersion < 4) db.createObjectStore('refs');
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

/** The layout a stored disk was created with. */
export function layoutOfStored(disk: StoredDisk): ExtentLayout {
  const { blocks, blockSize, fill } = disk.record;
  const layout: ExtentLayout = { blocks, blockSize, fill, blocksPerExtent: disk.blocksPerExtent };
  if (disk.extentsPerSegment !== undefined) layout.extentsPerSegment = disk.extentsPerSegment;
  return layout;
}

/** Key range of every record of a disk in a store keyed [diskId, index]. */
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
