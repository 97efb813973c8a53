/**
 * The session journal (issue 6): random sessions on a LabService over a MemoryStore; the replay of
 * the journal to every position equals the live state captured there (maps, counters, log, bytes);
 * the exported scenario run by the command line's runner equals the live state; an invalid import
 * changes nothing; the journal survives a reopen and never disagrees with the state after a crash.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { BlockStore, Kernel } from '../src/core/ports.ts';
import { openMemoryEngine } from '../src/cli/node-engine.ts';
import { runScenarioText } from '../src/scenario/index.ts';
import { copyReport, diskReports } from '../src/scenario/report.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { COPY_TYPES, PRIORITIES } from '../src/core/vocabulary.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { crashableIdbStore, crashableMemoryStore } from './support/faulty-store.ts';
import { dataBytes } from '../src/scenario/validate-values.ts';
import { encodeBlockData, journalBytes, journalData, scenarioData } from '../src/worker/journal-data.ts';

type Op =
  | { kind: 'write'; disk: 'SRC' | 'TGT' | 'PIC'; block: number; byte: number; text: boolean | 'noise' }
  | { kind: 'copy'; blocks: number } | { kind: 'tick'; ms: number } | { kind: 'createCopy'; type: string }
  | { kind: 'stop' } | { kind: 'recopy' } | { kind: 'removeCopy' } | { kind: 'priority'; priority: string }
  | { kind: 'fail'; block: number } | { kind: 'repair'; block: number } | { kind: 'rate'; rate: number } | { kind: 'load'; seed: number };

const BLOCKS = 24;
const SIZE = 512;
const block = fc.integer({ min: 0, max: BLOCKS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), disk: fc.constantFrom('SRC' as const, 'SRC' as const, 'TGT' as const, 'PIC' as const), block, byte: fc.nat(255), text: fc.constantFrom(false, true, 'noise' as const) }),
  fc.record({ kind: fc.constant('copy' as const), blocks: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ kind: fc.constant('createCopy' as const), type: fc.constantFrom(...COPY_TYPES) }),
  fc.constantFrom<Op>({ kind: 'stop' }, { kind: 'recopy' }, { kind: 'removeCopy' }),
  fc.record({ kind: fc.constant('priority' as const), priority: fc.constantFrom(...PRIORITIES) }),
  fc.record({ kind: fc.constantFrom('fail' as const, 'repair' as const), block }),
  fc.record({ kind: fc.constant('rate' as const), rate: fc.constantFrom(100, 200, 300) }),
  fc.record({ kind: fc.constant('load' as const), seed: fc.nat(255) }),
);

/** One block of write data: one byte repeated, a short text, or noise (no compact form: kept raw). */
function data(byte: number, text: boolean | 'noise'): Uint8Array {
  const bytes = new Uint8Array(SIZE);
  if (text === 'noise') bytes.forEach((_, i) => (bytes[i] = (i * 131 + byte * 17 + (i >> 3)) & 255));
  else if (text) bytes.set(new TextEncoder().encode(`block ${byte} ü`));
  else bytes.fill(byte);
  return bytes;
}

async function perform(lab: LabService, o: Op): Promise<unknown> {
  switch (o.kind) {
    case 'write': return lab.write(o.disk, [o.block], data(o.byte, o.text));
    case 'copy': return lab.copy('TGT', o.blocks);
    case 'tick': return lab.tick(o.ms);
    case 'createCopy': return lab.createCopy({ source: 'SRC', target: 'TGT', type: o.type as 'online', repositoryPercent: 20 });
    case 'stop': return lab.stop('TGT');
    case 'recopy': return lab.recopy('TGT');
    case 'removeCopy': return lab.removeCopy('TGT');
    case 'priority': return lab.setPriority('TGT', o.priority);
    case 'fail': return lab.failBlock('SRC', o.block);
    case 'repair': return lab.repairBlock('SRC', o.block);
    case 'rate': return lab.setDriver({ copyRate: o.rate });
    case 'load': return lab.loadContent('PIC', Uint8Array.from({ length: SIZE * 3 }, (_, i) => (i * o.seed) & 255));
  }
}

/** What the page shows of the lab: disks, pairs with their bitmaps and counters, time, the log, and every block's bytes. */
async function image(lab: LabService): Promise<unknown> {
  const first = (await lab.frame(-1, -1))!;
  // Live, a completed copy is verified in the background: wait for it (the past computes its own).
  if (!first.travel) for (const pair of first.pairs) if (pair.status === 'Completed') await lab.verify(pair.target);
  const frame = (await lab.frame(-1, -1))!;
  const bytes: Record<string, string> = {};
  for (const disk of frame.disks) {
    const raw = await lab.readRaw(disk.name, 0, disk.blocks);
    bytes[disk.name] = raw.ok ? createHash('sha256').update(raw.value).digest('hex') : raw.code;
  }
  return { timeMs: frame.timeMs, disks: frame.disks, pairs: frame.pairs, events: frame.events, bytes };
}

async function openLab(kernel: Kernel, store: BlockStore = new MemoryStore(kernel)): Promise<{ lab: LabService; engine: Engine }> {
  const engine = await Engine.open(kernel, store);
  // As the worker does: the log's recent events come from the store.
  return { lab: new LabService(engine, await store.readEvents(0, 500)), engine };
}

async function setUp(lab: LabService): Promise<void> {
  await lab.setDriver({ running: false });
  for (const [name, fill] of [['SRC', { kind: 'index' }], ['TGT', { kind: 'zero' }], ['PIC', { kind: 'byte', value: 7 }]] as const) {
    await lab.createDisk({ name, blocks: BLOCKS, blockSize: SIZE, fill });
  }
}

/** Plays a session and captures the live image at every journal position. */
async function play(lab: LabService, ops: readonly Op[]): Promise<Map<number, unknown>> {
  await setUp(lab);
  const images = new Map<number, unknown>([[(await lab.timeline()).of, await image(lab)]]);
  for (const o of ops) {
    await perform(lab, o);
    images.set((await lab.timeline()).of, await image(lab));
  }
  return images;
}

const kernel = await loadKernelFromFile();

describe('the session journal', () => {
  it('replays to every position exactly as the lab was live there, and back to live', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 45 }), async (ops) => {
      const { lab } = await openLab(kernel);
      const images = await play(lab, ops);
      const live = await image(lab);
      const { of } = await lab.timeline();
      for (const position of [...images.keys()].sort(() => 0.5 - Math.random())) {
        const travelled = await lab.travel(position);
        expect(travelled).toEqual({ ok: true, value: { position, of } });
        expect((await lab.frame(-1, -1))!.travel).toEqual({ position, of });
        expect(await image(lab), `position ${position} of ${of}`).toEqual(images.get(position));
      }
      await lab.travel(null);
      expect(await image(lab)).toEqual(live);
    }), { numRuns: 30 });
  }, 60_000);

  it('exports a scenario that the runner turns into the same disks, copies and log', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 45 }), async (ops) => {
      const { lab, engine } = await openLab(kernel);
      await play(lab, ops);
      const text = await lab.exportScenario({ contents: true });
      if (!text.ok) throw new Error(text.message);
      const run = await runScenarioText(text.value, openMemoryEngine);
      if (run.exitCode !== 0) throw new Error(run.message);
      expect(run.report.disks).toEqual(await diskReports(engine));
      expect(run.report.copies).toEqual(engine.pairs().map(copyReport));
      const scaled = text.value.includes('scaled');
      const log = (await lab.frame(-1, -1))!.events;
      const strip = (events: typeof log): unknown[] => events.map(({ timeMs, ...rest }) => (scaled ? rest : { timeMs, ...rest }));
      expect(strip(run.report.events)).toEqual(strip(log));
    }), { numRuns: 30 });
  }, 60_000);

  it('answers overlapping travels (a scrub) in order, and keeps few checkpoints in a long session', async () => {
    const { lab } = await openLab(kernel);
    const ops: Op[] = [{ kind: 'createCopy', type: 'online' }];
    for (let i = 0; i < 700; i++) ops.push({ kind: 'write', disk: i % 3 ? 'PIC' : 'SRC', block: i % BLOCKS, byte: i & 255, text: i % 2 === 0 });
    const images = await play(lab, ops);
    const wanted = [650, 12, 699, 340];
    const answers = await Promise.all(wanted.map((position) => lab.travel(position)));
    expect(answers.map((a) => a.ok && a.value?.position)).toEqual(wanted);
    expect(await image(lab)).toEqual(images.get(340));
    for (const position of [5, 520, 3]) {
      await lab.travel(position);
      expect(await image(lab), `position ${position}`).toEqual(images.get(position));
    }
  }, 60_000);

  it('encodes a block of write data compactly and exactly', () => {
    const blocks = fc.oneof(
      fc.uint8Array({ minLength: 512, maxLength: 512 }),
      fc.tuple(fc.nat(255)).map(([byte]) => new Uint8Array(512).fill(byte)),
      fc.string({ maxLength: 100 }).map((text) => dataBytes({ text }, 512)).filter((bytes) => bytes.length === 512),
      fc.uint8Array({ maxLength: 40 }).map((head) => Uint8Array.from([...head, ...new Array(512 - head.length).fill(0)])),
    );
    fc.assert(fc.property(blocks, (bytes) => {
      const data = encodeBlockData(bytes);
      expect(dataBytes(data, 512)).toEqual(bytes);
      if (bytes.every((b) => b === bytes[0])) expect(data).toEqual({ byte: bytes[0] });
    }), { numRuns: 500 });
    expect(encodeBlockData(dataBytes({ text: 'hallo ü' }, 512))).toEqual({ text: 'hallo ü' });
  });

  it('keeps write data in the journal as a byte, a text or the raw bytes, never as hex, and gives back exactly the block', () => {
    const blocks = fc.oneof(
      fc.uint8Array({ minLength: 512, maxLength: 512 }),
      fc.nat(255).map((byte) => new Uint8Array(512).fill(byte)),
      fc.string({ maxLength: 100 }).map((text) => dataBytes({ text }, 512)).filter((bytes) => bytes.length === 512),
    );
    fc.assert(fc.property(blocks, (bytes) => {
      const kept = journalData(bytes);
      expect('hex' in kept).toBe(false);
      expect(journalBytes(kept, 512)).toEqual(bytes);
      expect(dataBytes(scenarioData(kept), 512)).toEqual(bytes);
      // A copy: the caller's buffer may be transferred or reused after the write.
      if ('bytes' in kept) expect(kept.bytes.buffer).not.toBe(bytes.buffer);
    }), { numRuns: 500 });
  });

  it('continues from the past with the old future kept as a branch, and switches back to it', async () => {
    const { lab } = await openLab(kernel);
    const ops: Op[] = [{ kind: 'createCopy', type: 'online' }, { kind: 'copy', blocks: 4 }, { kind: 'write', disk: 'SRC', block: 9, byte: 1, text: false },
      { kind: 'tick', ms: 300 }, { kind: 'write', disk: 'SRC', block: 20, byte: 2, text: true }, { kind: 'copy', blocks: 5 }];
    const images = await play(lab, ops);
    const end = (await lab.timeline()).of;
    const timeless = (shown: unknown): unknown => JSON.parse(JSON.stringify(shown, (key, value: unknown) => (/time|^events$|^seq$/i.test(key) ? undefined : value)));
    await lab.travel(end - 3);
    expect(await lab.write('SRC', [1], data(5, false))).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await lab.setDriver({ running: true })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await lab.setDriver({ speed: 2 })).toMatchObject({ ok: true });
    const continued = await lab.continueFromHere();
    expect(continued.ok && continued.value).toMatchObject({ position: null, of: end - 3, branches: [{ id: 0, steps: end, fromStep: end - 3 }] });
    expect(timeless(await image(lab))).toEqual(timeless(images.get(end - 3)));
    await lab.write('SRC', [1], data(5, false));
    const switched = await lab.switchBranch(0);
    expect(switched.ok && switched.value).toMatchObject({ of: end, branches: [{ id: 1, steps: end - 2, fromStep: end - 3 }] });
    expect(timeless(await image(lab))).toEqual(timeless(images.get(end)));
  });

  it('merges driver ticks and copies only where the earlier one produced no event', async () => {
    const { lab } = await openLab(kernel);
    await setUp(lab);
    await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
    for (let i = 0; i < 10; i++) await lab.tick(10);
    for (let i = 0; i < 5; i++) await lab.copy('TGT', 2);
    await lab.run();
    const labels = (await lab.timeline()).entries.map((e) => e.label);
    expect(labels.slice(-3)).toEqual(['tick 100 ms', 'copy TGT 10', 'run']);
  });

  it('refuses an invalid import naming the field, and changes nothing', async () => {
    const { lab } = await openLab(kernel);
    await play(lab, [{ kind: 'createCopy', type: 'online' }, { kind: 'write', disk: 'SRC', block: 3, byte: 9, text: false }]);
    const before = [await image(lab), await lab.timeline()];
    const bad = JSON.stringify({ version: 1, blockSize: 512, disks: [{ name: 'A', blocks: 8 }], steps: [{ do: 'tick', ms: 1 }, { do: 'write', disk: 'A', block: 70, data: { byte: 1 } }] });
    const refused = await lab.importScenario(bad);
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(!refused.ok && refused.message).toMatch(/^steps\[1\]\.block: /);
    expect([await image(lab), await lab.timeline()]).toEqual(before);
  });

  it('imports a valid scenario in place of the lab, and exports it again', async () => {
    const { lab } = await openLab(kernel);
    await play(lab, [{ kind: 'createCopy', type: 'online' }]);
    const scenario = { version: 1, blockSize: 512, copyRate: 50, disks: [{ name: 'S', blocks: 16, fill: 'index' }, { name: 'T', blocks: 16 }],
      steps: [{ do: 'createCopy', source: 'S', target: 'T', type: 'online' }, { do: 'tick', ms: 500 }, { do: 'write', disk: 'S', block: 15, data: { text: 'hi' } }, { do: 'run' }] };
    expect(await lab.importScenario(JSON.stringify(scenario))).toEqual({ ok: true, value: { steps: 4 } });
    expect((await lab.frame(-1, -1))!.disks.filter((d) => d.role === 'standard').map((d) => d.name)).toEqual(['S', 'T']);
    const again = await lab.exportScenario({ contents: false });
    expect(again.ok && JSON.parse(again.value)).toMatchObject({ copyRate: 50, steps: [{ do: 'createDisk', name: 'S' }, { do: 'createDisk', name: 'T' }, ...scenario.steps] });
  });

  it('keeps the journal across a reopen', async () => {
    const store = new MemoryStore(kernel);
    const { lab } = await openLab(kernel, store);
    await play(lab, [{ kind: 'createCopy', type: 'online' }, { kind: 'tick', ms: 300 }, { kind: 'load', seed: 3 }, { kind: 'write', disk: 'SRC', block: 1, byte: 2, text: true }]);
    const [timeline, exported] = [await lab.timeline(), await lab.exportScenario({ contents: true })];
    const reopened = (await openLab(kernel, store)).lab;
    expect(await reopened.timeline()).toEqual(timeline);
    expect(await reopened.exportScenario({ contents: true })).toEqual(exported);
  });

  it.each(['memory', 'idb'] as const)('never disagrees with the stored state after a crash at any store operation (%s store)', async (kind) => {
    const ops: Op[] = [{ kind: 'createCopy', type: 'online' }, { kind: 'tick', ms: 200 }, { kind: 'write', disk: 'SRC', block: 20, byte: 1, text: false },
      { kind: 'rate', rate: 200 }, { kind: 'tick', ms: 300 }, { kind: 'load', seed: 5 }, { kind: 'copy', blocks: 3 }, { kind: 'write', disk: 'SRC', block: 22, byte: 4, text: true }];
    for (let at = 0; ; at++) {
      for (const mode of ['before', 'during', 'after'] as const) {
        const crashable = kind === 'memory' ? crashableMemoryStore(kernel, { at, mode }) : await crashableIdbStore(kernel, `journal-crash-${at}-${mode}`, { at, mode });
        const { lab } = await openLab(kernel, crashable.store);
        try {
          await play(lab, ops);
        } catch {
          // The process died; what survived is checked below.
        }
        if (!crashable.store.dead && mode === 'after') {
          // The whole session ran: every store operation before it was a crash point.
          expect(at).toBeGreaterThan(40);
          return;
        }
        const reopened = (await openLab(kernel, await crashable.reopen())).lab;
        const live = await image(reopened);
        const { of } = await reopened.timeline();
        expect((await reopened.travel(of)).ok).toBe(true);
        expect(await image(reopened), `crash ${mode} operation ${at}`).toEqual(live);
      }
    }
  }, 120_000);
});
