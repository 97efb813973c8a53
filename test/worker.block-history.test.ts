/**
 * Following one block, in Node: a hand-computed online scenario (a write before the copier
 * preserves the block in slot 0 and the copier reads it from there; a write after the copier is
 * preserved too, because the snapshot is independent of the copier; a write after completion is
 * not), copy-before-write and an unprotected copy for contrast, a reopened worker, and the
 * timeline sentences in English and German.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { CopyType } from '../src/core/vocabulary.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { historyTimeline } from '../src/ui/i18n/block-history.ts';
import { setLanguage } from '../src/ui/i18n/language.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import type { BlockHistory } from '../src/worker/api.ts';
import { LabService } from '../src/worker/lab-service.ts';

const SIZE = 512;

/** SRC (64 blocks, block i holds the byte i) → TGT; the copier only moves when the test copies (1 block per simulated second at most, lowest priority). */
async function lab(type: CopyType = 'online') {
  const kernel = await loadKernelFromFile();
  const store = new MemoryStore(kernel);
  const engine = await Engine.open(kernel, store, { copyRate: 1 });
  const service = new LabService(engine, [], { running: false });
  await service.createDisk({ name: 'SRC', blocks: 64, blockSize: SIZE, fill: { kind: 'index' } });
  await service.createDisk({ name: 'TGT', blocks: 64, blockSize: SIZE, fill: { kind: 'zero' } });
  expect((await service.createCopy({ source: 'SRC', target: 'TGT', type, priority: 'lowest' })).ok).toBe(true);
  const write = async (block: number, byte: number) => expect((await service.write('SRC', [block], new Uint8Array(SIZE).fill(byte))).ok).toBe(true);
  const history = async (block: number, disk = 'SRC'): Promise<BlockHistory> => {
    const outcome = await service.blockHistory(disk, block);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  };
  const seqOf = async (type: string, block: number) => (await service.frame(-1, -1))!.events.find((e) => e.type === type && e.block === block)!.seq;
  return { kernel, store, engine, service, write, history, seqOf };
}

afterEach(() => setLanguage('en'));

describe('the history of one block of an online copy', () => {
  it('matches the hand-computed scenario', async () => {
    const { service, write, history, seqOf } = await lab();
    await service.tick(1000);
    await write(20, 0xaa); // t = 1 s, before the copier: preserved in slot 0
    await service.copy('TGT', 30); // blocks 0..29 at t = 1 s; block 20 from slot 0
    await service.tick(1000);
    await write(5, 0xbb); // t = 2 s, block 5 is already on the target, still preserved (slot 1)
    await write(5, 0xcc);
    await service.tick(1000);
    await service.run(); // t = 3 s: blocks 30..63, then completion disables the snapshot
    await write(50, 0xdd); // after completion: not preserved

    const b20 = await history(20);
    expect(b20).toMatchObject({
      source: 'SRC', target: 'TGT', type: 'online', status: 'Completed', pointInTimeMs: 0,
      original: { kind: 'byte', value: 20 }, originalFrom: 'repository',
      preserved: { repository: 'SRC-R1', slot: 0, timeMs: 1000, eventSeq: await seqOf('COPY_ON_WRITE', 20) },
      copiedBeforeWrite: null,
      writes: { count: 1, firstMs: [1000], lastMs: 1000, before: false },
      copied: { timeMs: 1000, from: 'repository', slot: 0 },
      targetNow: { contents: { kind: 'byte', value: 20 }, equalsPointInTime: true },
    });
    const b5 = await history(5);
    expect(b5).toMatchObject({
      preserved: { slot: 1, timeMs: 2000 }, writes: { count: 2, firstMs: [2000, 2000] },
      copied: { timeMs: 1000, from: 'source', slot: null }, targetNow: { equalsPointInTime: true }, originalFrom: 'repository',
    });
    const b50 = await history(50);
    expect(b50).toMatchObject({
      preserved: null, writes: { count: 1, firstMs: [3000] }, copied: { timeMs: 3000, from: 'source' },
      original: { kind: 'byte', value: 50 }, originalFrom: 'target', targetNow: { equalsPointInTime: true },
    });
    expect(await history(20, 'TGT')).toEqual(b20);

    const lines = historyTimeline(b20).map((line) => line.text);
    const cow = await seqOf('COPY_ON_WRITE', 20);
    expect(lines).toEqual([
      'At the point in time (0 s) block 20 of SRC held the byte 14 repeated (checksum ' + b20.original!.checksum.toString(16).padStart(8, '0') + ').',
      `At 1 s (event #${cow}) the first write copied its old contents on write into slot 0 of SRC-R1.`,
      'A host wrote to it at 1 s.',
      'At 1 s the copier read it from slot 0 of SRC-R1 (the snapshot view) and wrote it to TGT.',
      'TGT now holds the point-in-time contents.',
    ]);
    expect(historyTimeline(b50).map((line) => line.text).slice(1, 4)).toEqual([
      'A host wrote to it at 3 s.',
      'Its old contents were not preserved: the snapshot was no longer active when a host wrote to it.',
      'At 3 s the copier read it from the source SRC and wrote it to TGT.',
    ]);
    setLanguage('de');
    expect(historyTimeline(b5).map((line) => line.text).slice(1, 4)).toEqual([
      'Bei 1 s hat der Kopierer ihn aus dem Quelllaufwerk SRC gelesen und auf TGT geschrieben.',
      `Bei 2 s (Ereignis #${await seqOf('COPY_ON_WRITE', 5)}) hat der erste Schreibvorgang seinen alten Inhalt per Kopie bei Schreibvorgang in Slot 1 von SRC-R1 gesichert.`,
      'Hosts haben ihn 2-mal beschrieben, zuerst bei 2 s, zuletzt bei 2 s.',
    ]);
  });

  it('starts again at a recopy: a new point in time with the written contents as its original', async () => {
    const { service, write, history } = await lab();
    await write(20, 0xaa);
    await service.run();
    expect((await history(20)).preserved).toMatchObject({ slot: 0 });
    expect((await service.recopy('TGT')).ok).toBe(true);
    const h = await history(20);
    expect(h).toMatchObject({ preserved: null, copied: null, writes: { count: 0, before: false }, original: { kind: 'byte', value: 0xaa }, originalFrom: 'source' });
    await write(20, 0xbb);
    expect((await history(20)).preserved).toMatchObject({ slot: 0, eventSeq: expect.any(Number) });
  });

  it('says what is not known after the worker restarts, and refuses what is not a pair or a block', async () => {
    const { kernel, store, engine, service, write } = await lab();
    await write(7, 1);
    await service.copy('TGT', 10);
    await engine.idle();
    const again = new LabService(await Engine.open(kernel, store, { copyRate: 1 }), [], { running: false });
    const outcome = await again.blockHistory('SRC', 7);
    expect(outcome).toMatchObject({
      ok: true,
      value: { preserved: { slot: 0, timeMs: null }, copied: { timeMs: null, from: null }, writes: { count: 0, before: true }, targetNow: { equalsPointInTime: true } },
    });
    expect(await again.blockHistory('NOPE', 1)).toMatchObject({ ok: false, code: 'NO_SUCH_COPY' });
    expect(await again.blockHistory('SRC', 64)).toMatchObject({ ok: false, code: 'BLOCK_OUT_OF_RANGE' });
    expect(await again.blockHistory('SRC', -1)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});

describe('the history of one block of the contrasting copy types', () => {
  it('copy-before-write: the old contents went straight to the target', async () => {
    const { service, write, history } = await lab('copyBeforeWrite');
    await write(10, 9);
    const h = await history(10);
    expect(h).toMatchObject({ preserved: null, copied: null, copiedBeforeWrite: { timeMs: 0 }, originalFrom: 'target', targetNow: { equalsPointInTime: true } });
    await service.run();
    expect((await history(10)).copied).toBeNull();
  });

  it('unprotected: the copier copies the new data, so no disk keeps the point in time', async () => {
    const { service, write, history } = await lab('unprotected');
    await write(10, 9);
    await service.copy('TGT', 20);
    const h = await history(10);
    expect(h).toMatchObject({ original: null, originalFrom: null, copied: { from: 'source' }, targetNow: { contents: { kind: 'byte', value: 9 }, equalsPointInTime: false } });
    expect(historyTimeline(h)[0]!.text).toBe('The contents of block 10 at the point in time (0 s) are on no disk any more.');
  });
});
