/**
 * A damaged block through the whole engine over the IndexedDB store (fake-indexeddb): one byte of
 * a stored block is flipped in the database, and the engine turns the checksum mismatch into the
 * domain's outcomes (MEDIA_ERROR, the block marked unreadable, the copy failed) instead of
 * showing garbage or retrying forever.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { Kernel, LabEvent } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { flipStoredByte } from './support/idb-stored-block.ts';

const BLOCK = 512;
const BLOCKS = 64;
const PER_EXTENT = 4;
const content = (block: number): Uint8Array => new Uint8Array(BLOCK).fill((block * 7 + 1) % 256);
const kernelPromise: Promise<Kernel> = loadKernelFromFile();
let dbCounter = 0;

/** Flips one byte of block `block` of the disk called `diskName`, straight in the database. */
function flipByte(name: string, diskName: string, block: number): Promise<void> {
  return flipStoredByte(name, diskName, block);
}

/** SRC holding content(block) on every block, an empty TGT, and the engine's events. */
async function openLab(): Promise<{ name: string; engine: Engine; events: LabEvent[] }> {
  const kernel = await kernelPromise;
  const name = `corruption-${dbCounter++}`;
  const engine = await Engine.open(kernel, await IdbStore.open(name, kernel, { blocksPerExtent: PER_EXTENT }));
  const events: LabEvent[] = [];
  engine.onEvents((batch) => events.push(...batch));
  expect((await engine.createDisk({ name: 'SRC', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } })).ok).toBe(true);
  expect((await engine.createDisk({ name: 'TGT', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } })).ok).toBe(true);
  const all = new Uint8Array(BLOCKS * BLOCK);
  for (let b = 0; b < BLOCKS; b++) all.set(content(b), b * BLOCK);
  expect((await engine.loadContent('SRC', all)).ok).toBe(true);
  return { name, engine, events };
}

describe('a damaged block in the IndexedDB store', () => {
  it('answers a host read with MEDIA_ERROR naming disk and block, marks it unreadable, and reads its neighbours', async () => {
    const { name, engine } = await openLab();
    await flipByte(name, 'SRC', 20);
    const read = await engine.read('SRC', 20);
    expect(read).toMatchObject({ ok: false, code: 'MEDIA_ERROR' });
    expect(read.ok ? '' : read.message).toBe('block 20 of SRC is damaged: its stored checksum does not match');
    expect(engine.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([20]);
    expect(await engine.read('SRC', 21)).toEqual({ ok: true, value: content(21) });
    const kernel = await kernelPromise;
    const again = await Engine.open(kernel, await IdbStore.open(name, kernel));
    expect(again.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([20]);
  });

  it('finds every damaged block on a scrub after opening, even blocks nothing has read', async () => {
    const { name } = await openLab();
    await flipByte(name, 'SRC', 20);
    await flipByte(name, 'SRC', 41);
    const kernel = await kernelPromise;
    const reopened = await Engine.open(kernel, await IdbStore.open(name, kernel));
    expect(reopened.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([]);
    expect(await reopened.scrub()).toBe(2);
    expect(reopened.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([20, 41]);
    expect(reopened.disks().find((d) => d.name === 'TGT')!.unreadable).toEqual([]);
    expect(await reopened.read('SRC', 42)).toEqual({ ok: true, value: content(42) });
  });

  it('fails an online copy that reaches the block with COPY_FAILED MEDIA_ERROR, copying no garbage', async () => {
    const { name, engine, events } = await openLab();
    expect((await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' })).ok).toBe(true);
    await flipByte(name, 'SRC', 20);
    expect((await engine.run()).ok).toBe(true);
    const pair = engine.pairs()[0]!;
    expect(pair.status).toBe('Failed');
    const failed = events.find((e) => e.type === 'COPY_FAILED');
    expect(failed).toMatchObject({ reason: 'MEDIA_ERROR', target: 'TGT' });
    expect(engine.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([20]);
    const copied = engine.bitmaps('TGT')!.copied;
    const isCopied = (b: number): boolean => ((copied[b >> 3]! >> (b & 7)) & 1) === 1;
    expect(isCopied(19)).toBe(true);
    expect(isCopied(20)).toBe(false);
    const target = await engine.readRaw('TGT', 0, BLOCKS);
    if (!target.ok) throw new Error(target.message);
    for (let b = 0; b < BLOCKS; b++) {
      const bytes = target.value.subarray(b * BLOCK, (b + 1) * BLOCK);
      if (isCopied(b)) expect(bytes).toEqual(content(b));
      else expect(bytes.every((v) => v === 0)).toBe(true);
    }
  });

  it('refuses a copy-on-write host write over a damaged old block with MEDIA_ERROR, changing nothing', async () => {
    const { name, engine } = await openLab();
    expect((await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' })).ok).toBe(true);
    await flipByte(name, 'SRC', 30);
    const write = await engine.write({ disk: 'SRC', blocks: [30], data: new Uint8Array(BLOCK).fill(9) });
    expect(write).toMatchObject({ ok: false, code: 'MEDIA_ERROR' });
    expect(engine.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([30]);
    expect((await engine.write({ disk: 'SRC', blocks: [31], data: new Uint8Array(BLOCK).fill(9) })).ok).toBe(true);
  });
});
