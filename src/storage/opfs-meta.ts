/**
 * The OPFS store's metadata in memory: disks with their geometry and which extents were ever
 * written (the others read as the fill), and the metadata records sorted by key. A commit's
 * change is a Delta (JSON, as the journal keeps it); `apply` replays one in the documented order.
 */
import type { DiskRecord } from '../core/ports.ts';
import { decodeValue, encodeValue, fromBase64, toBase64, type Json } from './opfs-codec.ts';
import { extentCount, type ExtentLayout } from './extent-layout.ts';
import { deletePrefix, putRecord } from './sorted-records.ts';

/** One disk: its record, its extent geometry and a bit per extent that holds written bytes. */
export interface OpfsDisk {
  record: DiskRecord;
  layout: ExtentLayout;
  written: Uint8Array;
}

/**
 * Extents [first, first + count) of a disk: `bytes` new bytes for file offset `at`, their xxh32,
 * whether they were written in place before the entry (1: extents never written before) or
 * travel in the entry as redo data (0), and the checksum of each of their blocks (opfs-sums.ts
 * encodeSums; missing in entries written before the store kept checksums, version 1).
 */
export type ExtentWrite = [...ExtentWriteV1, sums: string] | ExtentWriteV1;
type ExtentWriteV1 = [disk: number, first: number, count: number, at: number, bytes: number, sum: number, inPlace: number];

/** The metadata format: 2 since every written block has a checksum in its disk's checksum file. */
const VERSION = 2;

/** What one commit changes, as the journal keeps it (values encoded with opfs-codec). */
export type Delta = {
  putDisks: Array<[record: Json, blocksPerExtent: number]>;
  deletePrefixes: string[];
  putRecords: Array<[key: string, value: Json]>;
  writes: ExtentWrite[];
  deleteDisks: number[];
  events: Json[];
};

/** Disks and records, as held in memory and written to a checkpoint. */
export class OpfsMeta {
  readonly disks = new Map<number, OpfsDisk>();
  /** Ascending by key (code units, as IndexedDB orders strings). */
  readonly records: Array<[string, unknown]> = [];
  /** False while some written block may lack its checksum (a version 1 store, or replayed version 1 entries). */
  hasSums = true;

  /** Applies the metadata part of a delta up to its writes: putDisks, deletePrefixes, putRecords. */
  applyBeforeOps(delta: Delta): void {
    for (const [json, blocksPerExtent] of delta.putDisks) {
      const record = decodeValue(json) as DiskRecord;
      const { blocks, blockSize, fill } = record;
      const old = this.disks.get(record.id);
      const layout = old?.layout ?? { blocks, blockSize, fill, blocksPerExtent };
      const written = old?.written ?? new Uint8Array(Math.ceil(extentCount(layout) / 8));
      this.disks.set(record.id, { record, layout, written });
    }
    for (const prefix of delta.deletePrefixes) deletePrefix(this.records, prefix);
    for (const [key, value] of delta.putRecords) putRecord(this.records, key, decodeValue(value));
  }

  /** Marks extents [first, first + count) of a disk as holding written bytes. */
  markWritten(disk: number, first: number, count: number): void {
    const written = this.disk(disk).written;
    for (let e = first; e < first + count; e++) written[e >> 3]! |= 1 << (e & 7);
  }

  /** True when the extent holds written bytes (else it reads as the disk's fill). */
  isWritten(disk: number, extent: number): boolean {
    const written = this.disks.get(disk)?.written;
    return written !== undefined && (written[extent >> 3]! & (1 << (extent & 7))) !== 0;
  }

  /** The disk, or an error naming it. */
  disk(id: number): OpfsDisk {
    const disk = this.disks.get(id);
    if (disk === undefined) throw new Error(`OPFS store: no disk ${id} in the metadata`);
    return disk;
  }

  /** Everything, as the JSON a checkpoint stores. */
  encode(): Json {
    const disks: Json[] = [...this.disks.values()].map((d) => [encodeValue(d.record), d.layout.blocksPerExtent, toBase64(d.written)]);
    // Until the migration has computed every sum, a checkpoint must still say version 1.
    return { version: this.hasSums ? VERSION : 1, disks, records: this.records.map(([key, value]): Json => [key, encodeValue(value)]) };
  }

  /** The metadata a checkpoint stored. */
  static decode(json: Json): OpfsMeta {
    const meta = new OpfsMeta();
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('corrupt OPFS metadata');
    const { disks, records, version } = json;
    if (!Array.isArray(disks) || !Array.isArray(records)) throw new Error('corrupt OPFS metadata');
    // Version 1 checkpoints have no marker: their blocks have no checksums yet (opfs-migrate.ts adds them).
    meta.hasSums = typeof version === 'number' && version >= VERSION;
    for (const entry of disks) {
      if (!Array.isArray(entry) || typeof entry[1] !== 'number' || typeof entry[2] !== 'string') throw new Error('corrupt OPFS disk');
      meta.applyBeforeOps({ ...emptyDelta(), putDisks: [[entry[0]!, entry[1]]] });
      const disk = meta.disk((decodeValue(entry[0]!) as DiskRecord).id);
      disk.written.set(fromBase64(entry[2]).subarray(0, disk.written.length));
    }
    for (const entry of records) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw new Error('corrupt OPFS record');
      meta.records.push([entry[0], decodeValue(entry[1]!)]);
    }
    return meta;
  }
}

/** A delta that changes nothing. */
export function emptyDelta(): Delta {
  return { putDisks: [], deletePrefixes: [], putRecords: [], writes: [], deleteDisks: [], events: [] };
}

