/**
 * A full quota inside a transaction, through the whole engine and the IndexedDB store (on
 * fake-indexeddb): IDBObjectStore.put throws a QuotaExceededError on its Nth call, for every N a
 * commit makes. The action is refused with STORAGE_ERROR saying the browser refused to store
 * more, nothing of it is stored (in memory or in the database, reopened), and the same action
 * succeeds once space is back.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { Kernel } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';

const BLOCK = 512;
const BLOCKS = 64;
const byteBlock = (value: number): Uint8Array => new Uint8Array(BLOCK).fill(value);

/** Counts IDBObjectStore.put calls and makes the armed one throw as a full disk does. */
const quota = { calls: 0, failAt: -1 };
const realPut = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>): IDBRequest<IDBValidKey> {
  quota.calls++;
  if (quota.calls === quota.failAt) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  return realPut.apply(this, args);
};
afterEach(() => void (quota.failAt = -1));

let dbCounter = 0;
let kernelPromise: Promise<Kernel> | undefined;

/** A fresh database with SRC (index fill) → TGT online, 10 blocks copied, block 3 already written. */
async function openLab(): Promise<{ name: string; kernel: Kernel; engine: Engine }> {
  kernelPromise ??= loadKernelFromFile();
  const kernel = await kernelPromise;
  const name = `quota-${dbCounter++}`;
  const engine = await Engine.open(kernel, await IdbStore.open(name, kernel));
  expect((await engine.createDisk({ name: 'SRC', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'index' } })).ok).toBe(true);
  expect((await engine.createDisk({ name: 'TGT', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } })).ok).toBe(true);
  expect((await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' })).ok).toBe(true);
  expect((await engine.copy('TGT', 10)).ok).toBe(true);
  expect((await engine.write({ disk: 'SRC', blocks: [3], data: byteBlock(99) })).ok).toBe(true);
  return { name, kernel, engine };
}

/** Everything a learner could see of the array: disks, the pair with its counters, bitmaps, and every byte. */
async function everything(engine: Engine): Promise<unknown> {
  const pair = engine.pairs()[0]!;
  const raw = async (disk: string, blocks: number): Promise<number[]> => {
    const read = await engine.readRaw(disk, 0, blocks);
    if (!read.ok) throw new Error(read.message);
    return Array.from(read.value);
  };
  return {
    disks: engine.disks(),
    pair,
    bitmaps: engine.bitmaps('TGT'),
    events: engine.nextEventSeq,
    source: await raw('SRC', BLOCKS),
    target: await raw('TGT', BLOCKS),
    repository: await raw(pair.repository!.name, pair.repository!.capacity),
  };
}

/** The same, read back from the database by a new engine on a new connection. */
async function reopened(name: string, kernel: Kernel): Promise<unknown> {
  return everything(await Engine.open(kernel, await IdbStore.open(name, kernel)));
}

/** How many put calls `action` makes when storage accepts everything. */
async function putsOf(action: (engine: Engine) => Promise<unknown>): Promise<number> {
  const { engine } = await openLab();
  const before = quota.calls;
  await action(engine);
  return quota.calls - before;
}

const copyOnWrite = (engine: Engine) => engine.write({ disk: 'SRC', blocks: [20, 21], data: byteBlock(200) });
const copierBatch = (engine: Engine) => engine.copy('TGT', 20);
/** A picture disk of 3 IndexedDB segments (2,048 blocks of 512 bytes per 1 MiB segment; the last one partial), so a load puts several records. */
const PIC_BLOCKS = 6000;
const loadPicture = (engine: Engine) => engine.loadContent('PIC', new Uint8Array(PIC_BLOCKS * BLOCK).fill(7));

describe('a full quota inside a transaction', () => {
  const cases = [
    ['a copy-on-write host write', copyOnWrite],
    ['a copier batch with its progress', copierBatch],
  ] as const;

  for (const [what, action] of cases) {
    it(`refuses ${what} with STORAGE_ERROR at every put, stores none of it, and accepts it once space is back`, async () => {
      const puts = await putsOf(action);
      expect(puts).toBeGreaterThan(2);
      for (let n = 1; n <= puts; n++) {
        const { name, kernel, engine } = await openLab();
        const before = await everything(engine);
        quota.failAt = quota.calls + n;
        const refused = await action(engine);
        quota.failAt = -1;
        expect(refused.ok, `put ${n} of ${puts}`).toBe(false);
        if (refused.ok) continue;
        expect(refused.code).toBe('STORAGE_ERROR');
        expect(refused.message).toMatch(/browser refused to store more data \(storage quota exceeded\)/);
        expect(await everything(engine), `memory after put ${n} failed`).toEqual(before);
        expect(await reopened(name, kernel), `database after put ${n} failed`).toEqual(before);

        const accepted = await action(engine);
        expect(accepted.ok, `after put ${n} failed, space back`).toBe(true);
        const after = await everything(engine);
        expect(after).not.toEqual(before);
        expect(await reopened(name, kernel)).toEqual(after);
      }
    });
  }

  it('keeps a host write of a copy-on-write exactly once: the old contents preserved, the new on the source', async () => {
    const { engine } = await openLab();
    quota.failAt = quota.calls + 2;
    expect((await copyOnWrite(engine)).ok).toBe(false);
    expect((await copyOnWrite(engine)).ok).toBe(true);
    const pair = engine.pairs()[0]!;
    expect(pair.repository!.preserved).toEqual([3, 20, 21]);
    expect(pair.counters.hostWrites).toBe(3); // blocks 3, 20 and 21, each once
    const source = await engine.read('SRC', 20);
    expect(source.ok && source.value[0]).toBe(200);
    const snapshot = await engine.readCopySource('TGT', 20);
    expect(snapshot.ok && snapshot.value[0]).toBe(20);
  });

  it('loads content onto a disk all or nothing when an extent in the middle does not fit', async () => {
    let loadPuts = 0;
    await putsOf(async (engine) => {
      await engine.createDisk({ name: 'PIC', blocks: PIC_BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } });
      const from = quota.calls;
      await loadPicture(engine);
      loadPuts = quota.calls - from;
    });
    expect(loadPuts, 'puts of one picture load').toBeGreaterThan(3);
    const { name, kernel, engine } = await openLab();
    await engine.createDisk({ name: 'PIC', blocks: PIC_BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } });
    const before = await everything(engine);
    quota.failAt = quota.calls + 5;
    const refused = await loadPicture(engine);
    quota.failAt = -1;
    expect(refused.ok ? 'ok' : refused.code).toBe('STORAGE_ERROR');
    const pic = await engine.readRaw('PIC', 0, PIC_BLOCKS);
    expect(pic.ok && pic.value.every((byte) => byte === 0)).toBe(true);
    expect(await reopened(name, kernel)).toEqual(before);
    expect((await loadPicture(engine)).ok).toBe(true);
    const loaded = await engine.readRaw('PIC', 0, PIC_BLOCKS);
    expect(loaded.ok && loaded.value.every((byte) => byte === 7)).toBe(true);
  });
});
