/**
 * The IndexedDB store's whole-segment copies (idb-segment-copy.ts), through fake-indexeddb: a copy
 * over whole segments of a source kept as segment records moves them record to record, gives the
 * same bytes and checksums as block-by-block staging, falls back to staging when a segment has
 * extent records over it, and refuses a damaged segment like any read.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { CorruptBlockError } from '../src/core/corruption.ts';
import type { BlockOp } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, pattern } from './storage.model.ts';
import { flipStoredByte } from './support/idb-stored-block.ts';

const BLOCK = 64;
/** Segments of 4 one-block extents; disks of 10 blocks: segments 0 to 1 whole, segment 2 of 2 blocks. */
const OPTIONS = { blocksPerExtent: 1, segmentBytes: 4 * BLOCK };
let databases = 0;

/** A store with source disk 1 written whole (so kept as segments) and an empty target disk 2. */
async function storeWithSource(): Promise<{ name: string; store: IdbStore }> {
  const name = `segment-copy-${++databases}-${Date.now()}`;
  const store = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
  const ops: BlockOp[] = Array.from({ length: 10 }, (_, block) => ({ kind: 'write', disk: 1, block, data: pattern(BLOCK, block + 1) }));
  await store.commit({ putDisks: [disk(1, 10, BLOCK), disk(2, 10, BLOCK)], ops });
  return { name, store };
}

async function records(name: string, store: 'segments' | 'extents'): Promise<IDBValidKey[]> {
  const db = await openDB(name);
  const keys = await db.getAllKeys(store);
  db.close();
  return keys;
}

const copy = (fromBlock: number, count: number): BlockOp => ({ kind: 'copy', from: 1, fromBlock, to: 2, toBlock: fromBlock, count });

describe('IdbStore copies whole segments record to record', () => {
  it('copies whole segments as segment records and the pieces around them as extents, with the same bytes and checksums', async () => {
    const { name, store } = await storeWithSource();
    await store.commit({ ops: [copy(1, 9)] });
    expect(await store.readBlocks(2, 0, 10)).toEqual(Uint8Array.from([...new Uint8Array(BLOCK), ...(await store.readBlocks(1, 1, 9))]));
    const source = [...(await store.readChecksums(1, 1, 9))];
    expect([...(await store.readChecksums(2, 1, 9))]).toEqual(source);
    await store.close();
    // Segment 0 (blocks 0 to 3) was not whole in the copy: its blocks 1 to 3 became extent records.
    expect(await records(name, 'segments')).toEqual([[1, 0], [1, 1], [1, 2], [2, 1], [2, 2]]);
    expect(await records(name, 'extents')).toEqual([[2, 1], [2, 2], [2, 3]]);
  });

  it('drops the target\'s extent records under the segments it copies whole, so the copied blocks are read', async () => {
    const { name, store } = await storeWithSource();
    await store.commit({ ops: [2, 5, 9].map((block) => ({ kind: 'write', disk: 2, block, data: pattern(BLOCK, 200 + block) })) });
    await store.commit({ ops: [copy(0, 8)] });
    expect(await store.readBlocks(2, 0, 10)).toEqual(Uint8Array.from([...(await store.readBlocks(1, 0, 8)), ...new Uint8Array(BLOCK), ...pattern(BLOCK, 209)]));
    await store.close();
    expect(await records(name, 'extents')).toEqual([[2, 9]]);
  });

  it('stages a segment that has an extent record over it, so the newer block is copied', async () => {
    const { store } = await storeWithSource();
    await store.commit({ ops: [{ kind: 'write', disk: 1, block: 5, data: pattern(BLOCK, 99) }] });
    await store.commit({ ops: [copy(0, 10)] });
    expect(await store.readBlocks(2, 0, 10)).toEqual(await store.readBlocks(1, 0, 10));
    expect(await store.readBlocks(2, 5, 1)).toEqual(pattern(BLOCK, 99));
    expect([...(await store.readChecksums(2, 0, 10))]).toEqual([...(await store.readChecksums(1, 0, 10))]);
    await store.close();
  });

  it('refuses to copy a damaged segment: CorruptBlockError names the block, and the target is unchanged', async () => {
    const { name, store } = await storeWithSource();
    await store.close();
    await flipStoredByte(name, 1, 6);
    const again = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    const error = await again.commit({ ops: [copy(4, 4)] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect(error).toMatchObject({ disk: 1, block: 6 });
    expect(await again.readBlocks(2, 0, 10)).toEqual(new Uint8Array(10 * BLOCK));
    await again.close();
    expect(await records(name, 'segments')).toEqual([[1, 0], [1, 1], [1, 2]]);
  });

  it('refuses a segment whose extent record over it is damaged, naming that block', async () => {
    const { name, store } = await storeWithSource();
    await store.commit({ ops: [{ kind: 'write', disk: 1, block: 5, data: pattern(BLOCK, 77) }] });
    await store.close();
    await flipStoredByte(name, 1, 5);
    const again = await IdbStore.open(name, new ReferenceKernel(), OPTIONS);
    const error = await again.commit({ ops: [copy(4, 4)] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ disk: 1, block: 5 });
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect(await again.readBlocks(2, 4, 4)).toEqual(new Uint8Array(4 * BLOCK));
    await again.close();
  });
});
