/**
 * A damaged block through the whole engine on OpfsStore: one byte of a block is flipped in its
 * disk file, and the engine turns the checksum mismatch into the domain's outcomes (MEDIA_ERROR
 * naming disk and block, the block marked unreadable, the online copy failed) instead of
 * showing or copying garbage; the other blocks stay readable.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine.ts';
import type { Kernel, LabEvent } from '../../../src/core/ports.ts';
import { diskFileName } from '../../../src/storage/opfs-data.ts';
import type { OpfsStore } from '../../../src/storage/opfs-store.ts';
import type { CrashHarness } from './opfs-crash.cases.ts';
import { flipByte } from './flip-byte.ts';

const BLOCK = 512;
const BLOCKS = 64;
const content = (block: number): Uint8Array => new Uint8Array(BLOCK).fill((block * 7 + 1) % 256);

/** Opens the engine on store `name` (4 blocks per extent for new disks). */
async function openEngine(kernel: Kernel, h: CrashHarness, name: string): Promise<{ engine: Engine; store: OpfsStore }> {
  const store = await h.open(name, { directory: await h.directory(name), blocksPerExtent: 4 });
  return { engine: await Engine.open(kernel, store), store };
}

/** Store `name` with SRC holding content(block) on every block, an empty TGT and (when `copy`) an online copy pair, closed; SRC's disk file. */
async function prepare(kernel: Kernel, h: CrashHarness, name: string, copy: boolean): Promise<string> {
  const { engine, store } = await openEngine(kernel, h, name);
  const must = (ok: boolean): void => expect(ok).toBe(true);
  must((await engine.createDisk({ name: 'SRC', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } })).ok);
  must((await engine.createDisk({ name: 'TGT', blocks: BLOCKS, blockSize: BLOCK, fill: { kind: 'zero' } })).ok);
  const all = new Uint8Array(BLOCKS * BLOCK);
  for (let b = 0; b < BLOCKS; b++) all.set(content(b), b * BLOCK);
  must((await engine.loadContent('SRC', all)).ok);
  if (copy) must((await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' })).ok);
  await engine.idle();
  const source = (await store.load()).disks.find((d) => d.name === 'SRC');
  await store.close();
  if (source === undefined) throw new Error('no SRC in the store');
  return diskFileName(source.id);
}

const unreadable = (engine: Engine, disk: string): number[] => [...(engine.disks().find((d) => d.name === disk)?.unreadable ?? [])];

/** Registers the engine cases. */
export function opfsEngineCorruptionCases(kernel: Kernel, h: CrashHarness): void {
  describe('the engine on OpfsStore with a damaged block', () => {
    it('answers a host read with MEDIA_ERROR naming disk and block, marks it unreadable, reads its neighbours; the scrub finds the others', async () => {
      const name = h.freshName();
      const file = await prepare(kernel, h, name, false);
      for (const block of [20, 41]) await flipByte(await h.directory(name), file, block * BLOCK + 3);
      const { engine } = await openEngine(kernel, h, name);
      const read = await engine.read('SRC', 20);
      expect(read).toMatchObject({ ok: false, code: 'MEDIA_ERROR' });
      expect(read.ok ? '' : read.message).toBe('block 20 of SRC is damaged: its stored checksum does not match');
      expect(unreadable(engine, 'SRC')).toEqual([20]);
      expect(await engine.read('SRC', 21)).toEqual({ ok: true, value: content(21) });
      expect(await engine.scrub()).toBe(2); // 20 again (it still fails) and 41, which nothing had read
      expect(unreadable(engine, 'SRC')).toEqual([20, 41]);
      expect(unreadable(engine, 'TGT')).toEqual([]);
      expect(await engine.read('SRC', 42)).toEqual({ ok: true, value: content(42) });
      // The way out: repair the block and rewrite it; its new bytes get a new checksum.
      expect((await engine.repairBlock('SRC', 20)).ok).toBe(true);
      expect((await engine.write({ disk: 'SRC', blocks: [20], data: new Uint8Array(BLOCK).fill(7) })).ok).toBe(true);
      expect(await engine.read('SRC', 20)).toEqual({ ok: true, value: new Uint8Array(BLOCK).fill(7) });
      expect(unreadable(engine, 'SRC')).toEqual([41]);
    });

    it('fails an online copy that reaches the block with COPY_FAILED MEDIA_ERROR, copying no garbage', async () => {
      const name = h.freshName();
      await flipByte(await h.directory(name), await prepare(kernel, h, name, true), 20 * BLOCK + 3);
      const { engine } = await openEngine(kernel, h, name);
      const events: LabEvent[] = [];
      engine.onEvents((batch) => events.push(...batch));
      expect((await engine.run()).ok).toBe(true);
      expect(engine.pairs()[0]!.status).toBe('Failed');
      expect(events.find((e) => e.type === 'COPY_FAILED')).toMatchObject({ reason: 'MEDIA_ERROR', target: 'TGT' });
      expect(unreadable(engine, 'SRC')).toEqual([20]);
      const copied = engine.bitmaps('TGT')!.copied;
      const isCopied = (b: number): boolean => ((copied[b >> 3]! >> (b & 7)) & 1) === 1;
      expect([isCopied(19), isCopied(20)]).toEqual([true, false]);
      const target = await engine.readRaw('TGT', 0, BLOCKS);
      if (!target.ok) throw new Error(target.message);
      for (let b = 0; b < BLOCKS; b++) {
        const bytes = target.value.subarray(b * BLOCK, (b + 1) * BLOCK);
        expect(bytes).toEqual(isCopied(b) ? content(b) : new Uint8Array(BLOCK));
      }
      expect(await engine.read('SRC', 21)).toEqual({ ok: true, value: content(21) });
    });
  });
}
