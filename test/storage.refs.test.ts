/**
 * Copy by reference in the IndexedDB store (idb-refs.ts), through fake-indexeddb: a copy-on-write
 * of a block that lies in its segment record reads nothing and locks no segment store, the copy
 * reads back its old bytes and checksums, also after the store opens again, after its segment is
 * rewritten and after its disk is deleted; overwriting the copy drops its ref.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { BlockOp } from '../src/core/ports.ts';
import type { StoreOptions } from '../src/storage/commit-check.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, pattern } from './storage.model.ts';
import { transactionsOpened } from './support/idb-transactions.ts';

const BLOCK = 64;
/** Segments of 4 one-block extents; disks of 8 blocks: segments 0 and 1. */
const OPTIONS: StoreOptions = { blocksPerExtent: 1, segmentBytes: 4 * BLOCK };
let databases = 0;
const kernel = new ReferenceKernel();

const write = (diskId: number, block: number, seed: number): BlockOp => ({ kind: 'write', disk: diskId, block, data: pattern(BLOCK, seed) });
/** A copy-on-write: block `block` of disk 1 copied to block `slot` of disk 2, then overwritten with `seed`. */
const cow = (block: number, slot: number, seed: number): BlockOp[] => [
  { kind: 'copy', from: 1, fromBlock: block, to: 2, toBlock: slot, count: 1 },
  write(1, block, seed),
];
const old = (block: number): Uint8Array => pattern(BLOCK, 100 + block);

/** A store with disk 1 written whole in one commit (segment records) and an empty disk 2. */
async function storeWithSegments(name = `refs-${++databases}-${Date.now()}`): Promise<{ name: string; store: IdbStore }> {
  const store = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
  const ops = Array.from({ length: 8 }, (_, block) => write(1, block, 100 + block));
  await store.commit({ putDisks: [disk(1, 8, BLOCK), disk(2, 8, BLOCK)], ops });
  return { name, store };
}

/** The checksum of one block's bytes, as the store computes it. */
function sumOf(bytes: Uint8Array): number {
  const buffer = kernel.createBuffer(bytes.length);
  kernel.writeBytes(buffer, 0, bytes);
  const sum = kernel.checksum(buffer, 0, bytes.length);
  kernel.freeBuffer(buffer);
  return sum;
}

async function storedRefs(name: string): Promise<number> {
  const db = await openDB(name);
  const count = await db.count('refs');
  db.close();
  return count;
}

describe('IdbStore keeps a copy-on-write by reference', () => {
  it('reads no segment and locks only the extent records and the refs', async () => {
    const { name, store } = await storeWithSegments();
    const seen = await transactionsOpened(() => store.commit({ ops: cow(2, 5, 1) }));
    expect(seen.map(({ mode, stores }) => ({ mode, stores }))).toEqual([{ mode: 'readwrite', stores: ['extents', 'refs'] }]);
    expect(await store.readBlocks(2, 5, 1)).toEqual(old(2));
    expect(await store.readBlocks(1, 2, 1)).toEqual(pattern(BLOCK, 1));
    expect([...(await store.readChecksums(2, 4, 2))]).toEqual([sumOf(new Uint8Array(BLOCK)), sumOf(old(2))]);
    await store.close();
    expect(await storedRefs(name)).toBe(1);
  });

  it('loads its refs when the store opens again', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: [...cow(2, 5, 1), ...cow(6, 6, 2)] });
    await store.close();
    const again = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    expect(await again.readBlocks(2, 5, 2)).toEqual(Uint8Array.from([...old(2), ...old(6)]));
    // A copy from the copy resolves the ref too.
    await again.commit({ ops: [{ kind: 'copy', from: 2, fromBlock: 5, to: 2, toBlock: 0, count: 1 }] });
    expect(await again.readBlocks(2, 0, 1)).toEqual(old(2));
    await again.close();
  });

  it('reads a segment and its checksums once for several blocks referring into it', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: [...cow(1, 5, 1), ...cow(2, 6, 1), ...cow(3, 7, 1)] });
    await store.close();
    const again = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    const proto = IDBObjectStore.prototype;
    const original = proto.get;
    const segmentGets: unknown[] = [];
    proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange): IDBRequest {
      if (this.name === 'segments') segmentGets.push(query);
      return original.call(this, query);
    };
    try {
      expect(await again.readBlocks(2, 5, 3)).toEqual(Uint8Array.from([...old(1), ...old(2), ...old(3)]));
    } finally {
      proto.get = original;
    }
    expect(segmentGets).toEqual([[1, 0]]);
    // Their checksums come from the segment's checksum record, read once too.
    const sumsGets: unknown[] = [];
    proto.get = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange): IDBRequest {
      if (this.name === 'sums') sumsGets.push(query);
      return original.call(this, query);
    };
    try {
      expect([...(await again.readChecksums(2, 5, 3))]).toEqual([old(1), old(2), old(3)].map(sumOf));
    } finally {
      proto.get = original;
    }
    // (disk 2's own checksum record of its segment 1 is read as well: blocks 5 to 7 lie in it)
    expect(sumsGets.filter((key) => Array.isArray(key) && key[0] === 1)).toEqual([[1, 0]]);
    await again.close();
  });

  it('copies the referred bytes out before their segment is rewritten', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: cow(2, 5, 1) });
    await store.commit({ ops: [0, 1, 2, 3].map((block) => write(1, block, 200 + block)) });
    expect(await store.readBlocks(2, 5, 1)).toEqual(old(2));
    expect(await store.readBlocks(1, 2, 1)).toEqual(pattern(BLOCK, 202));
    expect([...(await store.readChecksums(2, 5, 1))]).toEqual([sumOf(old(2))]);
    await store.close();
    expect(await storedRefs(name)).toBe(0);
  });

  it('copies the referred bytes out before their disk is deleted', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: [...cow(1, 1, 1), ...cow(5, 2, 2)] });
    await store.commit({ deleteDisks: [1] });
    expect(await store.readBlocks(2, 1, 2)).toEqual(Uint8Array.from([...old(1), ...old(5)]));
    await store.close();
    expect(await storedRefs(name)).toBe(0);
  });

  it('drops the ref of a copy that is overwritten, and the refs of a deleted disk', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: [...cow(2, 5, 1), ...cow(3, 6, 1)] });
    await store.commit({ ops: [write(2, 5, 9)] });
    expect(await store.readBlocks(2, 5, 2)).toEqual(Uint8Array.from([...pattern(BLOCK, 9), ...old(3)]));
    expect(await storedRefs(name)).toBe(1);
    // Rewriting the source segment must not bring the old bytes back over the newer ones.
    await store.commit({ ops: [0, 1, 2, 3].map((block) => write(1, block, 200 + block)) });
    expect(await store.readBlocks(2, 5, 2)).toEqual(Uint8Array.from([...pattern(BLOCK, 9), ...old(3)]));
    await store.commit({ deleteDisks: [2] });
    await store.close();
    expect(await storedRefs(name)).toBe(0);
  });

  it('opens a version 3 database (no refs store) and keeps copy-on-writes by reference in it', async () => {
    const name = `refs-v3-${++databases}-${Date.now()}`;
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('disks', { keyPath: 'id' });
        for (const store of ['extents', 'records', 'segments', 'sums']) db.createObjectStore(store);
        db.createObjectStore('events', { keyPath: 'seq' });
      },
    });
    // Disk 1 as version 3 stored it after a whole write: segments 0 and 1 of 4 one-block extents.
    await v3.put('disks', { id: 1, record: disk(1, 8, BLOCK), blocksPerExtent: 1, extentsPerSegment: 4 });
    await v3.put('disks', { id: 2, record: disk(2, 8, BLOCK), blocksPerExtent: 1, extentsPerSegment: 4 });
    for (const segment of [0, 1]) {
      const blocks = [0, 1, 2, 3].map((i) => old(segment * 4 + i));
      await v3.put('segments', Uint8Array.from(blocks.flatMap((b) => [...b])).buffer, [1, segment]);
      await v3.put('sums', Uint32Array.from(blocks.map(sumOf)), [1, segment]);
    }
    v3.close();
    const store = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    const seen = await transactionsOpened(() => store.commit({ ops: cow(6, 0, 1) }));
    expect(seen.filter((t) => t.mode === 'readwrite').map((t) => t.stores)).toEqual([['extents', 'refs']]);
    expect(await store.readBlocks(2, 0, 1)).toEqual(old(6));
    expect(await store.readBlocks(1, 4, 4)).toEqual(Uint8Array.from([...old(4), ...old(5), ...pattern(BLOCK, 1), ...old(7)]));
    await store.close();
    expect(await storedRefs(name)).toBe(1);
  });

  it('copies as usual a block that has a record of its own or no segment', async () => {
    const { name, store } = await storeWithSegments();
    await store.commit({ ops: [write(1, 2, 7)] });
    await store.commit({ ops: [...cow(2, 5, 1), { kind: 'copy', from: 2, fromBlock: 0, to: 1, toBlock: 0, count: 1 }] });
    await store.commit({ ops: [{ kind: 'copy', from: 2, fromBlock: 7, to: 1, toBlock: 7, count: 1 }, write(2, 7, 3)] });
    expect(await store.readBlocks(2, 5, 1)).toEqual(pattern(BLOCK, 7));
    expect(await store.readBlocks(1, 7, 1)).toEqual(new Uint8Array(BLOCK));
    await store.close();
    expect(await storedRefs(name)).toBe(0);
  });
});
