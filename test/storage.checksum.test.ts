import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { CorruptBlockError } from '../src/core/corruption.ts';
import type { StoredExtent } from '../src/storage/idb-schema.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, event, pattern } from './storage.model.ts';

let databases = 0;
/** A database name no other test uses. */
const freshName = (): string => `storage-checksum-${++databases}-${Date.now()}`;

/** Flips one byte of a block as stored, straight in IndexedDB. */
async function flipByte(name: string, diskId: number, block: number, blockSize: number, perExtent = 4): Promise<void> {
  const db = await openDB(name);
  const key = [diskId, Math.floor(block / perExtent)];
  const record = (await db.get('extents', key)) as StoredExtent;
  const bytes = new Uint8Array(record.data);
  bytes[(block % perExtent) * blockSize + 7] ^= 0x20;
  await db.put('extents', record, key);
  db.close();
}

/** A store with disk 1 (16 blocks of 64 bytes, 4 per extent) whose blocks hold pattern(64, block + 1), and an empty disk 2. */
async function writtenStore(name: string): Promise<IdbStore> {
  const store = await IdbStore.open(name, new ReferenceKernel(), { blocksPerExtent: 4 });
  const ops = Array.from({ length: 16 }, (_, block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) }));
  await store.commit({ putDisks: [disk(1, 16, 64), disk(2, 16, 64)], ops });
  return store;
}

describe('IdbStore checksums', () => {
  it('refuses to read a block whose stored bytes changed, naming its disk and block; its neighbours read fine', async () => {
    const name = freshName();
    const store = await writtenStore(name);
    await flipByte(name, 1, 5, 64);
    const error = await store.readBlocks(1, 5, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptBlockError);
    expect(error).toMatchObject({ disk: 1, block: 5 });
    expect(String(error)).toMatch(/block 5 of disk 1 is damaged/);
    await expect(store.readBlocks(1, 0, 5)).resolves.toEqual(Uint8Array.from([1, 2, 3, 4, 5].flatMap((s) => [...pattern(64, s)])));
    expect(await store.readBlocks(1, 4, 1)).toEqual(pattern(64, 5));
    expect(await store.readBlocks(1, 6, 1)).toEqual(pattern(64, 7));
    await expect(store.readBlocks(1, 3, 4)).rejects.toMatchObject({ disk: 1, block: 5 });
  });

  it('aborts a commit that copies from a damaged block: nothing of it changes', async () => {
    const name = freshName();
    const store = await writtenStore(name);
    await flipByte(name, 1, 9, 64);
    const state = async (): Promise<unknown> => [await store.load(), await store.readBlocks(2, 0, 16), await store.readBlocks(1, 0, 8)];
    const before = await state();
    const commit = {
      putRecords: [['progress', 12]] as Array<[string, unknown]>,
      events: [event(0)],
      ops: [
        { kind: 'write' as const, disk: 2, block: 0, data: pattern(64, 99) },
        { kind: 'copy' as const, from: 1, fromBlock: 8, to: 2, toBlock: 8, count: 4 },
      ],
    };
    await expect(store.commit(commit)).rejects.toMatchObject({ disk: 1, block: 9 });
    expect(await state()).toEqual(before);
    expect(await store.readEvents(0, 10)).toEqual([]);
  });

  it('keeps a damaged block damaged when a neighbour in its extent is rewritten, and heals it when it is rewritten itself', async () => {
    const name = freshName();
    const store = await writtenStore(name);
    await flipByte(name, 1, 9, 64);
    await store.commit({ ops: [{ kind: 'write', disk: 1, block: 8, data: pattern(64, 50) }] });
    expect(await store.readBlocks(1, 8, 1)).toEqual(pattern(64, 50));
    await expect(store.readBlocks(1, 9, 1)).rejects.toBeInstanceOf(CorruptBlockError);
    await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 10, to: 2, toBlock: 0, count: 2 }] });
    expect(await store.readBlocks(2, 0, 2)).toEqual(Uint8Array.from([...pattern(64, 11), ...pattern(64, 12)]));
    await store.commit({ ops: [{ kind: 'write', disk: 1, block: 9, data: pattern(64, 51) }] });
    expect(await store.readBlocks(1, 8, 2)).toEqual(Uint8Array.from([...pattern(64, 50), ...pattern(64, 51)]));
  });

  it('opens a version 1 database, adds the checksums, and reads back the same bytes', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('disks', { keyPath: 'id' });
        db.createObjectStore('extents');
        db.createObjectStore('records');
        db.createObjectStore('events', { keyPath: 'seq' });
      },
    });
    const first = Uint8Array.from([...pattern(32, 1), ...pattern(32, 2), ...pattern(32, 3)]);
    const last = pattern(32, 4);
    await v1.put('disks', { id: 3, record: disk(3, 4, 32), blocksPerExtent: 3 });
    await v1.put('extents', first.slice().buffer, [3, 0]);
    await v1.put('extents', last.slice().buffer, [3, 1]);
    await v1.put('records', 'kept', 'note');
    await v1.put('events', event(0));
    v1.close();

    const store = await IdbStore.open(name, new ReferenceKernel());
    expect(await store.readBlocks(3, 0, 4)).toEqual(Uint8Array.from([...first, ...last]));
    expect((await store.load()).records).toEqual([['note', 'kept']]);
    expect(await store.readEvents(0, 5)).toEqual([event(0)]);
    await store.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(2);
    const migrated = (await raw.get('extents', [3, 0])) as StoredExtent;
    expect(migrated.sums).toHaveLength(3);
    raw.close();
    await flipByte(name, 3, 3, 32, 3);
    const again = await IdbStore.open(name, new ReferenceKernel());
    await expect(again.readBlocks(3, 3, 1)).rejects.toMatchObject({ disk: 3, block: 3 });
  });
});
