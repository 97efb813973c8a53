import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreOptions } from '../src/storage/commit-check.ts';
import {
  copySegments,
  defaultBlocksPerExtent,
  extentByteLength,
  extentCount,
  fillExtent,
  locate,
} from '../src/storage/extent-layout.ts';
import { SCHEMA_VERSION } from '../src/storage/idb-schema.ts';
import type { BlockOp } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { storeContract } from './storage.contract.ts';
import { disk, event, pattern, snapshot } from './storage.model.ts';

let databases = 0;
/** A database name no other test uses. */
const freshName = (): string => `storage-contract-${++databases}-${Date.now()}`;

const wasmKernel = loadKernelFromFile();

storeContract('MemoryStore (reference kernel)', async (options?: StoreOptions) => ({
  store: new MemoryStore(new ReferenceKernel(), options),
}));

storeContract('MemoryStore (wasm kernel)', async (options?: StoreOptions) => ({
  store: new MemoryStore(await wasmKernel, options),
}));

storeContract('IdbStore (fake-indexeddb)', async (options?: StoreOptions) => {
  const name = freshName();
  const kernel = new ReferenceKernel();
  return { store: await IdbStore.open(name, kernel, options), reopen: () => IdbStore.open(name, kernel, options) };
});

describe('extent layout', () => {
  it('groups blocks into 32 KiB extents, at least one block each', () => {
    expect([512, 4096, 32768, 65536, 100_000].map(defaultBlocksPerExtent)).toEqual([64, 8, 1, 1, 1]);
  });

  it('maps a block to its extent and offset; the last extent holds only the disk\'s blocks', () => {
    const layout = { blocks: 10, blockSize: 16, blocksPerExtent: 4, fill: { kind: 'index' as const } };
    expect(locate(layout, 9)).toEqual({ extent: 2, blockInExtent: 1, byteOffset: 16 });
    expect(extentCount(layout)).toBe(3);
    expect(extentByteLength(layout, 2)).toBe(32);
    expect(fillExtent(layout, 2)).toEqual(Uint8Array.from([...new Array(16).fill(8), ...new Array(16).fill(9)]));
  });

  it('splits a copy where either side crosses an extent boundary', () => {
    const src = { blocks: 20, blockSize: 8, blocksPerExtent: 4, fill: { kind: 'zero' as const } };
    const dst = { ...src, blocksPerExtent: 3 };
    expect(copySegments(src, 2, dst, 1, 6).map((s) => [s.index, s.count, s.from.extent, s.to.extent])).toEqual([
      [0, 2, 0, 0], [2, 3, 1, 1], [5, 1, 1, 2],
    ]);
  });
});

describe('IdbStore over IndexedDB', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The raw records of one object store of a database, by key. */
  async function rawRecords(name: string, store: 'extents' | 'segments' | 'sums'): Promise<Array<[IDBValidKey, unknown]>> {
    const db = await openDB(name);
    const tx = db.transaction(store);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    db.close();
    return keys.map((key, i) => [key, values[i]]);
  }
  const byteLengths = (records: Array<[IDBValidKey, unknown]>): Array<[IDBValidKey, number]> =>
    records.map(([key, value]) => [key, (value as ArrayBuffer).byteLength]);
  const writes = (blocks: number[]): BlockOp[] => blocks.map((block) => ({ kind: 'write', disk: 1, block, data: pattern(4096, block + 1) }));

  it('keeps host writes as one-block extent records, a wholly rewritten segment as one record with a checksum record', async () => {
    const name = freshName();
    const store = await IdbStore.open(name, new ReferenceKernel());
    // 300 blocks of 4 KiB: one block per extent, segments of 1 MiB (256 blocks) and a last one of 44 blocks.
    await store.commit({ putDisks: [disk(1, 300, 4096)], ops: writes([0, 1, 9, 299]) });
    await store.close();
    const extents = await rawRecords(name, 'extents');
    expect(extents.map(([key]) => key)).toEqual([[1, 0], [1, 1], [1, 9], [1, 299]]);
    const stored = extents.map(([, value]) => value as { data: ArrayBuffer; sums: Uint32Array });
    expect(stored.every(({ data, sums }) => data instanceof ArrayBuffer && data.byteLength === 4096 && sums.length === 1)).toBe(true);
    expect(await rawRecords(name, 'segments')).toEqual([]);
    expect(await rawRecords(name, 'sums')).toEqual([]);

    const again = await IdbStore.open(name, new ReferenceKernel());
    await again.commit({ ops: writes(Array.from({ length: 256 }, (_, b) => b)) });
    await again.commit({ ops: writes(Array.from({ length: 44 }, (_, b) => 256 + b)) });
    await again.commit({ ops: writes([3]) });
    expect(await again.readBlocks(1, 250, 12)).toEqual(Uint8Array.from(Array.from({ length: 12 }, (_, i) => [...pattern(4096, 251 + i)]).flat()));
    await again.close();
    expect((await rawRecords(name, 'extents')).map(([key]) => key)).toEqual([[1, 3]]);
    expect(byteLengths(await rawRecords(name, 'segments'))).toEqual([[[1, 0], 256 * 4096], [[1, 1], 44 * 4096]]);
    const sums = (await rawRecords(name, 'sums')).map(([key, value]) => [key, (value as Uint32Array).length]);
    expect(sums).toEqual([[[1, 0], 256], [[1, 1], 44]]);
  });

  it('rolls back a transaction that IndexedDB aborts, and says when the quota is full', async () => {
    const name = freshName();
    const store = await IdbStore.open(name, new ReferenceKernel(), { blocksPerExtent: 2 });
    await store.commit({ putDisks: [disk(1, 6, 64)], putRecords: [['k', 1]], events: [event(0)] });
    const before = await snapshot(store);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'extents') throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const commit = {
      putDisks: [disk(2, 2, 64)], putRecords: [['k', 2]] as Array<[string, unknown]>, events: [event(1)],
      ops: [{ kind: 'write' as const, disk: 1, block: 3, data: pattern(64, 1) }],
    };
    await expect(store.commit(commit)).rejects.toThrow(/browser refused to store more/);
    vi.restoreAllMocks();
    expect(await snapshot(store)).toEqual(before);
    await store.commit(commit);
    expect(await store.readBlocks(1, 3, 1)).toEqual(pattern(64, 1));
  });

  it('keeps the extent size a disk was created with when reopened with another one', async () => {
    const name = freshName();
    const kernel = new ReferenceKernel();
    const store = await IdbStore.open(name, kernel, { blocksPerExtent: 3 });
    await store.commit({ putDisks: [disk(1, 8, 16)], ops: [{ kind: 'write', disk: 1, block: 4, data: pattern(16, 2) }] });
    await store.close();
    const again = await IdbStore.open(name, kernel, { blocksPerExtent: 5 });
    await again.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 4, to: 1, toBlock: 7, count: 1 }] });
    expect(await again.readBlocks(1, 4, 4)).toEqual(Uint8Array.from([...pattern(16, 2), ...new Uint8Array(32), ...pattern(16, 2)]));
  });

  it('steps aside when another tab opens a newer schema version, then refuses calls', async () => {
    const name = freshName();
    const store = await IdbStore.open(name, new ReferenceKernel());
    const newer = await openDB(name, SCHEMA_VERSION + 1);
    expect(newer.version).toBe(SCHEMA_VERSION + 1);
    newer.close();
    await expect(store.load()).rejects.toThrow(/newer version/);
  });

  it('runs calls in the order they were made, without awaiting each one', async () => {
    const store = await IdbStore.open(freshName(), new ReferenceKernel());
    const commit = store.commit({ putDisks: [disk(1, 2, 8)], ops: [{ kind: 'write', disk: 1, block: 1, data: pattern(8, 3) }] });
    const read = store.readBlocks(1, 1, 1);
    await commit;
    expect(await read).toEqual(pattern(8, 3));
  });
});
