import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { CorruptBlockError } from '../src/core/corruption.ts';
import { SCHEMA_VERSION, type StoredExtent } from '../src/storage/idb-schema.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, event, pattern } from './storage.model.ts';
import { flipStoredByte } from './support/idb-stored-block.ts';

let databases = 0;
/** A database name no other test uses. */
const freshName = (): string => `storage-checksum-${++databases}-${Date.now()}`;

/** Flips one byte of a block as stored, straight in IndexedDB. */
function flipByte(name: string, diskId: number, block: number): Promise<void> {
  return flipStoredByte(name, diskId, block, 7, 0x20);
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
    await flipByte(name, 1, 5);
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
    await flipByte(name, 1, 9);
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
    await flipByte(name, 1, 9);
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
    expect(raw.version).toBe(SCHEMA_VERSION);
    const migrated = (await raw.get('extents', [3, 0])) as StoredExtent;
    expect(new Uint8Array(migrated.data)).toEqual(first);
    expect(migrated.sums).toHaveLength(3);
    raw.close();
    await flipByte(name, 3, 3);
    const again = await IdbStore.open(name, new ReferenceKernel());
    await expect(again.readBlocks(3, 3, 1)).rejects.toMatchObject({ disk: 3, block: 3 });
  });

  it('opens a version 2 database, keeps its extents as they are, and still finds damage', async () => {
    const name = freshName();
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('disks', { keyPath: 'id' });
        db.createObjectStore('extents');
        db.createObjectStore('records');
        db.createObjectStore('events', { keyPath: 'seq' });
      },
    });
    const kernel = new ReferenceKernel();
    const blocks = [pattern(32, 5), pattern(32, 6), pattern(32, 7), pattern(32, 8)];
    const sumOf = (bytes: Uint8Array): number => {
      const buffer = kernel.createBuffer(bytes.length);
      kernel.writeBytes(buffer, 0, bytes);
      return kernel.checksum(buffer, 0, bytes.length);
    };
    const v2Extent = (from: number, to: number): StoredExtent => ({
      data: Uint8Array.from(blocks.slice(from, to).flatMap((b) => [...b])).buffer,
      sums: Uint32Array.from(blocks.slice(from, to).map(sumOf)),
    });
    // 6 blocks, 2 per extent: extent 2 (blocks 4 and 5) was never written.
    await v2.put('disks', { id: 4, record: disk(4, 6, 32), blocksPerExtent: 2 });
    await v2.put('extents', v2Extent(0, 2), [4, 0]);
    await v2.put('extents', v2Extent(2, 4), [4, 1]);
    v2.close();

    const store = await IdbStore.open(name, kernel);
    expect(await store.readBlocks(4, 0, 4)).toEqual(Uint8Array.from(blocks.flatMap((b) => [...b])));
    expect(await store.readBlocks(4, 4, 2)).toEqual(new Uint8Array(64));
    expect([...(await store.readChecksums(4, 0, 6))]).toEqual([...blocks.map(sumOf), sumOf(new Uint8Array(32)), sumOf(new Uint8Array(32))]);
    await store.close();
    const raw = await openDB(name);
    expect(raw.version).toBe(SCHEMA_VERSION);
    expect(await raw.get('extents', [4, 1])).toEqual(v2Extent(2, 4));
    expect(await raw.count('sums')).toBe(0);
    raw.close();
    await flipByte(name, 4, 2);
    const again = await IdbStore.open(name, kernel);
    await expect(again.readBlocks(4, 2, 1)).rejects.toMatchObject({ disk: 4, block: 2 });
    expect(await again.readBlocks(4, 3, 1)).toEqual(blocks[3]);
    await again.close();
  });
});
