/**
 * Property test: random interleavings of host writes, copier steps, ticks, stop, recopy and
 * priority changes, for every copy type, checked after every step against a small reference model
 * of what the source, the point-in-time image and the repository must hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src/core/engine.ts';
import type { PairView } from '../src/core/views.ts';
import { COPY_TYPES, PRIORITIES, type CopyType } from '../src/core/vocabulary.ts';
import { openMemoryEngine } from '../src/cli/node-engine.ts';

const BLOCK = 512;

type Op =
  | { kind: 'write'; blocks: number[]; byte: number }
  | { kind: 'copy'; blocks: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'stop' }
  | { kind: 'recopy' }
  | { kind: 'priority'; priority: string }
  | { kind: 'run' };

interface Setup {
  type: CopyType;
  blocks: number;
  repositoryPercent: 20 | 40 | 60 | 120;
  fullPolicy: 'failSnapshot' | 'failSourceWrites';
  ops: Op[];
}

/** The reference model: one byte stands for a block's contents. */
interface Model {
  source: number[];
  pit: number[];
  preserved: Set<number>;
}

const setupArb = fc.integer({ min: 1, max: 24 }).chain((blocks) =>
  fc.record({
    type: fc.constantFrom(...COPY_TYPES),
    blocks: fc.constant(blocks),
    repositoryPercent: fc.constantFrom(20 as const, 40 as const, 60 as const, 120 as const),
    fullPolicy: fc.constantFrom('failSnapshot' as const, 'failSourceWrites' as const),
    ops: fc.array(opArb(blocks), { maxLength: 30 }),
  }),
);

function opArb(blocks: number): fc.Arbitrary<Op> {
  const block = fc.integer({ min: 0, max: blocks - 1 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), blocks: fc.array(block, { minLength: 1, maxLength: 3 }), byte: fc.integer({ min: 100, max: 255 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('copy' as const), blocks: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 120 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'stop' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'recopy' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('priority' as const), priority: fc.constantFrom(...PRIORITIES) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'run' as const }) },
  );
}

async function bytesOf(engine: Engine, disk: string, blocks: number): Promise<number[]> {
  const read = await engine.readRaw(disk, 0, blocks);
  if (!read.ok) throw new Error(read.message);
  const values: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const block = read.value.subarray(b * BLOCK, (b + 1) * BLOCK);
    expect(block.every((v) => v === block[0]), `block ${b} of ${disk} is uniform`).toBe(true);
    values.push(block[0]!);
  }
  return values;
}

function pairOf(engine: Engine): PairView {
  const pair = engine.pairs()[0];
  if (!pair) throw new Error('the pair is gone');
  return pair;
}

const protecting = (pair: PairView): boolean => pair.status === 'Pending' || pair.status === 'InProgress';

/** Applies one op to engine and model, checking the outcome the model predicts. */
async function step(engine: Engine, model: Model, setup: Setup, op: Op): Promise<void> {
  const before = pairOf(engine);
  switch (op.kind) {
    case 'write':
      return writeStep(engine, model, setup, op, before);
    case 'copy':
      await engine.copy('TGT', op.blocks);
      return;
    case 'tick':
      await engine.tick(op.ms);
      return;
    case 'stop':
      await engine.stop('TGT');
      return;
    case 'recopy': {
      const outcome = await engine.recopy('TGT');
      expect(outcome.ok).toBe(['Stopped', 'Failed', 'Completed'].includes(before.status));
      if (outcome.ok) {
        model.pit = [...model.source];
        model.preserved.clear();
      }
      return;
    }
    case 'priority': {
      const outcome = await engine.setPriority('TGT', op.priority);
      expect(outcome.ok).toBe(protecting(before));
      return;
    }
    case 'run':
      await engine.run();
      return;
  }
}

async function writeStep(engine: Engine, model: Model, setup: Setup, op: Extract<Op, { kind: 'write' }>, before: PairView): Promise<void> {
  const outcome = await engine.write({ disk: 'SRC', blocks: op.blocks, data: new Uint8Array(BLOCK).fill(op.byte) });
  const after = pairOf(engine);
  const offlineLocked = setup.type === 'offline' && ['Pending', 'InProgress', 'Failed'].includes(before.status);
  if (offlineLocked) {
    expect(outcome.ok ? 'ok' : outcome.code).toBe('WRITE_PROTECTED');
    return;
  }
  if (setup.type === 'online' && before.snapshot?.state === 'active') {
    const needed = new Set(op.blocks.filter((b) => !model.preserved.has(b)));
    const capacity = before.repository!.capacity;
    const fits = model.preserved.size + needed.size <= capacity;
    if (!fits && setup.fullPolicy === 'failSourceWrites') {
      expect(outcome.ok ? 'ok' : outcome.code).toBe('REPOSITORY_FULL');
      return;
    }
    expect(outcome.ok).toBe(true);
    if (fits) {
      for (const b of needed) model.preserved.add(b);
      expect(after.counters.copyOnWrites - before.counters.copyOnWrites).toBe(needed.size);
      expect(after.counters.hostWriteIos - before.counters.hostWriteIos).toBe(op.blocks.length + 2 * needed.size);
    } else {
      expect(after.snapshot?.state).toBe('failed');
      expect(after.status).toBe('Failed');
      for (const b of [...needed].slice(0, capacity - model.preserved.size)) model.preserved.add(b);
    }
  } else {
    expect(outcome.ok).toBe(true);
  }
  if (outcome.ok) for (const b of op.blocks) model.source[b] = op.byte;
}

/** The invariants of DOMAIN.md section 8, checked after every step. */
async function checkInvariants(engine: Engine, model: Model, setup: Setup): Promise<void> {
  const pair = pairOf(engine);
  expect(await bytesOf(engine, 'SRC', setup.blocks)).toEqual(model.source);
  if (pair.repository) {
    expect(pair.repository.used).toBeLessThanOrEqual(pair.repository.capacity);
    expect(pair.repository.preserved).toEqual([...model.preserved].sort((a, b) => a - b));
  }
  const target = await bytesOf(engine, 'TGT', setup.blocks);
  const bits = engine.bitmaps('TGT')!.copied;
  const protects = setup.type === 'online' ? pair.snapshot?.state === 'active' : setup.type === 'copyBeforeWrite' && protecting(pair);
  if (protects || (setup.type === 'offline' && protecting(pair))) {
    for (let b = 0; b < setup.blocks; b++) {
      if ((bits[b >> 3]! >> (b & 7)) & 1) expect(target[b], `copied block ${b} equals the point in time`).toBe(model.pit[b]);
      if (setup.type === 'online') {
        const view = await engine.readCopySource('TGT', b);
        expect(view.ok && view.value[0]).toBe(model.pit[b]);
      }
    }
  }
  if (pair.status === 'Completed' && setup.type !== 'unprotected') expect(target).toEqual(model.pit);
}

describe('random interleavings of writes and copy steps against a reference model', () => {
  it('keeps every acknowledged write, the point-in-time image and one preserved copy per block', async () => {
    await fc.assert(
      fc.asyncProperty(setupArb, async (setup) => {
        const engine = await openMemoryEngine({ copyRate: 100 });
        const initial = Array.from({ length: setup.blocks }, (_, b) => b % 256);
        await engine.createDisk({ name: 'SRC', blocks: setup.blocks, blockSize: BLOCK, fill: { kind: 'index' } });
        await engine.createDisk({ name: 'TGT', blocks: setup.blocks, blockSize: BLOCK, fill: { kind: 'byte', value: 99 } });
        const created = await engine.createCopy({ source: 'SRC', target: 'TGT', type: setup.type, repositoryPercent: setup.repositoryPercent, fullPolicy: setup.fullPolicy });
        expect(created.ok).toBe(true);
        const model: Model = { source: [...initial], pit: [...initial], preserved: new Set() };
        for (const op of setup.ops) {
          await step(engine, model, setup, op);
          await checkInvariants(engine, model, setup);
        }
        await engine.run();
        await checkInvariants(engine, model, setup);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
