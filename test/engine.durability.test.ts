/**
 * The engine over real stores: a write is acknowledged only once committed, a failed commit
 * changes nothing, and reopening the IndexedDB database (fake-indexeddb in Node) brings back
 * disks, pairs, bitmaps, the repository map, counters and events, with the copy resuming.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { StoreCommit } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';

const BLOCK = 512;
const byteBlock = (value: number): Uint8Array => new Uint8Array(BLOCK).fill(value);
let dbCounter = 0;

async function firstByte(engine: Engine, disk: string, block: number): Promise<number> {
  const read = await engine.readRaw(disk, block, 1);
  if (!read.ok) throw new Error(read.message);
  return read.value[0]!;
}

async function setUp(engine: Engine, blocks = 64): Promise<void> {
  expect((await engine.createDisk({ name: 'SRC', blocks, blockSize: BLOCK, fill: { kind: 'index' } })).ok).toBe(true);
  expect((await engine.createDisk({ name: 'TGT', blocks, blockSize: BLOCK, fill: { kind: 'zero' } })).ok).toBe(true);
  expect((await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' })).ok).toBe(true);
}

describe('a failed commit changes nothing', () => {
  it('refuses with STORAGE_ERROR and keeps the source, the repository and the counters as they were', async () => {
    const kernel = await loadKernelFromFile();
    let failNext = false;
    const store = new MemoryStore(kernel, { failCommitWhen: (_c: StoreCommit) => failNext });
    const engine = await Engine.open(kernel, store);
    await setUp(engine);
    await engine.copy('TGT', 10);
    failNext = true;
    const refused = await engine.write({ disk: 'SRC', blocks: [20], data: byteBlock(200) });
    failNext = false;
    expect(refused.ok ? 'ok' : refused.code).toBe('STORAGE_ERROR');
    expect(await firstByte(engine, 'SRC', 20)).toBe(20);
    const pair = engine.pairs()[0]!;
    expect(pair.repository!.preserved).toEqual([]);
    expect(pair.counters.hostWrites).toBe(0);
    expect(pair.progress.copied).toBe(10);
    // The same write goes through once storage accepts it again, and is preserved exactly once.
    expect((await engine.write({ disk: 'SRC', blocks: [20], data: byteBlock(200) })).ok).toBe(true);
    expect(engine.pairs()[0]!.repository!.preserved).toEqual([20]);
  });
});

describe('reopening the IndexedDB database', () => {
  it('brings back disks, the pair, its bitmaps, repository map, counters and events, and the copy resumes', async () => {
    const kernel = await loadKernelFromFile();
    const name = `durability-${dbCounter++}`;
    const first = await Engine.open(kernel, await IdbStore.open(name, kernel));
    await setUp(first, 100);
    await first.copy('TGT', 30);
    await first.write({ disk: 'SRC', blocks: [5], data: byteBlock(201) }); // behind the copier
    await first.write({ disk: 'SRC', blocks: [30], data: byteBlock(202) }); // at the copier
    await first.write({ disk: 'SRC', blocks: [80, 80], data: byteBlock(203) }); // ahead, twice
    const before = first.pairs()[0]!;
    const eventsBefore = first.nextEventSeq;

    const store = await IdbStore.open(name, kernel);
    const second = await Engine.open(kernel, store);
    const after = second.pairs()[0]!;
    expect(after).toEqual(before);
    expect(second.disks()).toEqual(first.disks());
    expect(second.bitmaps('TGT')).toEqual(first.bitmaps('TGT'));
    const written = second.bitmaps('TGT')!.written;
    expect([5, 30, 80].every((b) => (written[b >> 3]! >> (b & 7)) & 1)).toBe(true);
    expect(second.nextEventSeq).toBe(eventsBefore);
    const events = await store.readEvents(0, 1000);
    expect(events.map((e) => e.type)).toContain('COPY_ON_WRITE');
    expect(events.at(-1)!.seq).toBe(eventsBefore - 1);

    await second.run();
    const done = second.pairs()[0]!;
    expect(done.status).toBe('Completed');
    for (let block = 0; block < 100; block++) expect(await firstByte(second, 'TGT', block)).toBe(block);
    expect(await firstByte(second, 'SRC', 80)).toBe(203);
    expect(done.repository!.preserved).toEqual([5, 30, 80]);
  });
});

describe('loading content onto a free disk', () => {
  it('writes whole blocks in one commit, and is refused once the disk is in a pair', async () => {
    const kernel = await loadKernelFromFile();
    const engine = await Engine.open(kernel, new MemoryStore(kernel));
    await engine.createDisk({ name: 'PIC', blocks: 4, blockSize: BLOCK, fill: { kind: 'zero' } });
    await engine.createDisk({ name: 'TGT', blocks: 4, blockSize: BLOCK, fill: { kind: 'zero' } });
    const bytes = new Uint8Array(3 * BLOCK).map((_, i) => Math.floor(i / BLOCK) + 40);
    expect((await engine.loadContent('PIC', bytes)).ok).toBe(true);
    expect(await firstByte(engine, 'PIC', 2)).toBe(42);
    expect(await firstByte(engine, 'PIC', 3)).toBe(0);
    const ragged = await engine.loadContent('PIC', new Uint8Array(BLOCK + 1));
    expect(ragged.ok ? '' : ragged.code).toBe('INVALID_ARGUMENT');
    await engine.createCopy({ source: 'PIC', target: 'TGT', type: 'online' });
    const refused = await engine.loadContent('PIC', bytes);
    expect(refused.ok ? '' : refused.code).toBe('NOT_ALLOWED');
    expect(await firstByte(engine, 'PIC', 0)).toBe(40);
  });
});

describe('values kept beside the array', () => {
  it('survive a reopen, and dropping one never drops another whose key starts the same', async () => {
    const kernel = await loadKernelFromFile();
    const name = `attachments-${dbCounter++}`;
    const first = await Engine.open(kernel, await IdbStore.open(name, kernel));
    await first.setAttachment('pit/TGT', Uint32Array.of(1, 2));
    await first.setAttachment('pit/TGT2', Uint32Array.of(3));
    await first.setAttachment('pit/TGT', undefined);
    const second = await Engine.open(kernel, await IdbStore.open(name, kernel));
    expect(second.attachment('pit/TGT')).toBeUndefined();
    expect(second.attachment('pit/TGT2')).toEqual(Uint32Array.of(3));
  });
});
