/**
 * IndexedDB measured without the engine, in the bench worker:
 * - the ceiling: read and then write back the same 64 MiB in large records, few transactions,
 *   written with the lab's durability ('strict') and with the browser's default ('relaxed')
 *   (the fastest layouts found: 4 MiB and 16 MiB records, one transaction each way); MiB/s is
 *   64 MiB over the read time plus the write time, the rate of a copy with nothing else to do;
 * - copy patterns: a copy of 64 MiB between two object stores with a given record size and records
 *   per transaction, optionally reading the destination record first (what the engine's commit does),
 *   onto fresh keys: where the engine's layout sits between per-record cost and the ceiling;
 * - one 4 KiB put in its own readwrite transaction (the write-latency baseline);
 * - a copy of 1 MiB records, one per transaction, round and round: the engine's copier while hosts
 *   write, without the engine, so that a put beside it shows the browser's own floor.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { MiB } from './suite-types.ts';

export const TOTAL_BYTES = 64 * MiB;

/** The durability of the lab's IndexedDB commits (IdbStore's default), for raw patterns that stand for them. */
export const LAB_DURABILITY: IDBTransactionDurability = 'strict';

/** A ceiling layout: record size and records per transaction. */
export interface Layout {
  recordBytes: number;
  perTx: number;
}

export const CEILING_LAYOUTS: readonly Layout[] = [
  { recordBytes: 4 * MiB, perTx: 16 },
  { recordBytes: 16 * MiB, perTx: 4 },
];

type Db = IDBPDatabase<unknown>;

/** Random bytes in an ArrayBuffer of exactly `bytes` (getRandomValues fills at most 64 KiB a call). */
export function randomBuffer(bytes: number): ArrayBuffer {
  const out = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(out.subarray(at, Math.min(bytes, at + 65536)));
  return out.buffer;
}

async function openStores(name: string, stores: readonly string[]): Promise<Db> {
  return openDB(name, 1, { upgrade: (db) => stores.forEach((s) => db.createObjectStore(s)) });
}

/** A database holding 64 MiB of random records in `layout`, ready for `ceilingOnce`. */
export async function ceilingSetup(layout: Layout): Promise<Db> {
  const db = await openStores(`bench-ceiling-${layout.recordBytes}`, ['r']);
  const n = TOTAL_BYTES / layout.recordBytes;
  for (let i = 0; i < n; i += layout.perTx) {
    const tx = db.transaction('r', 'readwrite');
    for (let j = i; j < Math.min(n, i + layout.perTx); j++) void tx.store.put(randomBuffer(layout.recordBytes), j);
    await tx.done;
  }
  return db;
}

/**
 * Reads every record, then writes the same values back in place, the write transactions with
 * `durability` (the lab's commits are 'strict'; the browser's default is 'relaxed'); MiB/s over both.
 */
export async function ceilingOnce(db: Db, layout: Layout, durability: IDBTransactionDurability): Promise<{ mibps: number; readMiBps: number; writeMiBps: number }> {
  const n = TOTAL_BYTES / layout.recordBytes;
  const values: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i += layout.perTx) {
    const tx = db.transaction('r');
    const keys = Array.from({ length: Math.min(layout.perTx, n - i) }, (_, k) => i + k);
    values.push(...(await Promise.all(keys.map((k) => tx.store.get(k)))));
    await tx.done;
  }
  const t1 = performance.now();
  for (let i = 0; i < n; i += layout.perTx) {
    const tx = db.transaction('r', 'readwrite', { durability });
    for (let j = i; j < Math.min(n, i + layout.perTx); j++) void tx.store.put(values[j], j);
    await tx.done;
  }
  const t2 = performance.now();
  if (values.some((v) => !(v instanceof ArrayBuffer) || v.byteLength !== layout.recordBytes)) throw new Error('a ceiling record came back wrong');
  const rate = (ms: number): number => TOTAL_BYTES / MiB / (ms / 1000);
  return { mibps: rate(t2 - t0), readMiBps: rate(t1 - t0), writeMiBps: rate(t2 - t1) };
}

/** A raw copy pattern: records of `recordBytes`, `perTx` per transaction, with or without reading the destination. */
export interface Pattern extends Layout {
  readDestination: boolean;
}

/** A source store of 64 MiB for `pattern`'s record size, and a destination store. */
export async function patternSetup(pattern: Pattern): Promise<Db> {
  const db = await openStores(`bench-pattern-${pattern.recordBytes}`, ['src', 'dst']);
  const n = TOTAL_BYTES / pattern.recordBytes;
  if ((await db.count('src')) === n) return db;
  for (let i = 0; i < n; i += 256) {
    const tx = db.transaction('src', 'readwrite');
    for (let j = i; j < Math.min(n, i + 256); j++) void tx.store.put(randomBuffer(pattern.recordBytes), j);
    await tx.done;
  }
  return db;
}

/** Copies the 64 MiB source onto fresh destination keys from `keyBase`; MiB/s. */
export async function patternOnce(db: Db, pattern: Pattern, keyBase: number): Promise<number> {
  const n = TOTAL_BYTES / pattern.recordBytes;
  const start = performance.now();
  for (let i = 0; i < n; i += pattern.perTx) {
    const tx = db.transaction(['src', 'dst'], 'readwrite', { durability: LAB_DURABILITY });
    const keys = Array.from({ length: Math.min(pattern.perTx, n - i) }, (_, k) => i + k);
    const src = tx.objectStore('src');
    const dst = tx.objectStore('dst');
    const reads: Array<Promise<unknown>> = keys.map((k) => src.get(k));
    if (pattern.readDestination) reads.push(...keys.map((k) => dst.get(keyBase + k)));
    const values = await Promise.all(reads);
    keys.forEach((k, j) => void dst.put(values[j], keyBase + k));
    await tx.done;
  }
  return TOTAL_BYTES / MiB / ((performance.now() - start) / 1000);
}

/** Copies the 64 MiB source of `db` (patternSetup with 1 MiB records) one record per transaction, round and round, until `stop()`; MiB/s. */
export async function rawCopyLoop(db: Db, stop: () => boolean): Promise<number> {
  const n = TOTAL_BYTES / MiB;
  const start = performance.now();
  let copied = 0;
  while (!stop()) {
    const tx = db.transaction(['src', 'dst'], 'readwrite', { durability: LAB_DURABILITY });
    const value: unknown = await tx.objectStore('src').get(copied % n);
    void tx.objectStore('dst').put(value, copied % n);
    await tx.done;
    copied++;
  }
  return copied / ((performance.now() - start) / 1000);
}

/** The baseline's database: one object store of 4 KiB values. */
export function rawPutDb(name: string): Promise<Db> {
  return openStores(name, ['blocks']);
}

/** One 4 KiB put in its own readwrite transaction, from the call to `done`; ms. */
export async function rawPut(db: Db, key: number, durability: IDBTransactionDurability): Promise<number> {
  const value = randomBuffer(4096);
  const start = performance.now();
  const tx = db.transaction('blocks', 'readwrite', { durability });
  void tx.store.put(value, key);
  await tx.done;
  return performance.now() - start;
}
