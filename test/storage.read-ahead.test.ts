/**
 * The IndexedDB store's read ahead (idb-read-ahead.ts) and the narrowed transactions it allows
 * (idb-commit-scope.ts), through fake-indexeddb: a commit that finds its segment read ahead locks
 * no segment store, a segment rewritten after (or while) it was read ahead is read again, and a
 * commit built on a stale extent index runs again with the segment stores.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { BlockOp } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, pattern } from './storage.model.ts';
import { readwriteScopes } from './support/idb-transactions.ts';

const BLOCK = 64;
/** Segments of 4 one-block extents; disks of 8 blocks: segments 0 and 1. */
const OPTIONS = { blocksPerExtent: 1, segmentBytes: 4 * BLOCK };
let databases = 0;

const write = (diskId: number, block: number, seed: number): BlockOp => ({ kind: 'write', disk: diskId, block, data: pattern(BLOCK, seed) });
const copyOne = (block: number): BlockOp => ({ kind: 'copy', from: 1, fromBlock: block, to: 2, toBlock: block, count: 1 });
/** Writes of every block of segment 0 of disk 1 (blocks 0 to 3), so that it is stored as one segment record. */
const wholeSegment = (seed: number): BlockOp[] => [0, 1, 2, 3].map((block) => write(1, block, seed + block));

/** A store with disk 1 written whole (kept as segment records) and an empty disk 2. */
async function storeWithSource(name = `read-ahead-${++databases}-${Date.now()}`): Promise<{ name: string; store: IdbStore }> {
  const store = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
  const ops = Array.from({ length: 8 }, (_, block) => write(1, block, block + 1));
  await store.commit({ putDisks: [disk(1, 8, BLOCK), disk(2, 8, BLOCK)], ops });
  return { name, store };
}

describe('IdbStore reads segments ahead of the copier', () => {
  it('copies from a segment read ahead in a transaction that locks no segment store', async () => {
    const { store } = await storeWithSource();
    await store.readAhead(1, 0, 4);
    const scopes = await readwriteScopes(() => store.commit({ ops: [copyOne(2)] }));
    expect(scopes).toEqual([['extents', 'refs']]);
    expect(await store.readBlocks(2, 2, 1)).toEqual(pattern(BLOCK, 3));
    await store.close();
  });

  it('locks the segment stores when the segment was not read ahead', async () => {
    const { store } = await storeWithSource();
    const scopes = await readwriteScopes(() => store.commit({ ops: [copyOne(2)] }));
    expect(scopes).toEqual([['extents', 'refs', 'segments', 'sums']]);
    await store.close();
  });

  it('locks only the extent store for a host write of one block', async () => {
    const { store } = await storeWithSource();
    const scopes = await readwriteScopes(() => store.commit({ ops: [write(1, 6, 50)] }));
    expect(scopes).toEqual([['extents', 'refs']]);
    await store.close();
  });

  it('reads a segment again when a commit rewrote it after it was read ahead', async () => {
    const { store } = await storeWithSource();
    await store.readAhead(1, 0, 4);
    await store.commit({ ops: wholeSegment(100) });
    await store.commit({ ops: [copyOne(2)] });
    expect(await store.readBlocks(2, 2, 1)).toEqual(pattern(BLOCK, 102));
    await store.close();
  });

  it('keeps nothing of a read ahead that a commit rewriting its segment overtook', async () => {
    const { store } = await storeWithSource();
    const ahead = store.readAhead(1, 0, 4);
    await store.commit({ ops: wholeSegment(200) });
    await ahead;
    await store.commit({ ops: [copyOne(1)] });
    expect(await store.readBlocks(2, 1, 1)).toEqual(pattern(BLOCK, 201));
    await store.close();
  });

  it('forgets the segments of a deleted disk', async () => {
    const { store } = await storeWithSource();
    await store.readAhead(1, 0, 8);
    await store.commit({ deleteDisks: [1] });
    await store.commit({ putDisks: [disk(1, 8, BLOCK)] });
    await store.commit({ ops: [copyOne(3)] });
    // The new disk 1 was never written: its blocks, and so the copy, are its fill (zeros).
    expect(await store.readBlocks(2, 3, 1)).toEqual(new Uint8Array(BLOCK));
    await store.close();
  });

  it('runs a commit again with the segment stores when its extent index was stale', async () => {
    const { name, store: first } = await storeWithSource();
    await first.commit({ ops: [write(1, 1, 60)] }); // an extent record over segment 0, in both stores' indexes
    const second = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    await second.commit({ ops: wholeSegment(300) }); // drops that extent record: the first store's index is stale now
    await second.close();
    const scopes = await readwriteScopes(() => first.commit({ ops: [copyOne(1)] }));
    expect(scopes).toEqual([['extents', 'refs'], ['extents', 'refs', 'segments', 'sums']]);
    expect(await first.readBlocks(2, 1, 1)).toEqual(pattern(BLOCK, 301));
    await first.close();
  });
});
