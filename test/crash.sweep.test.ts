/**
 * Crash consistency (issue 5, point 1): a session is killed at a store operation (before the
 * commit reaches the store, after the store issued it and aborted, or after it became durable with
 * the acknowledgement lost), the array is reopened from what survived, and (a) to (d) of
 * support/crash-check.ts must hold; the reopened engine must also equal the engine's own state
 * after the last durable commit. Then the copies run to the end and every target must equal its
 * point-in-time image. Every operation of a scripted session is swept, on the memory store and on
 * the IndexedDB store (fake-indexeddb), then random crash points of random sessions.
 */
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { DEFAULT_KERNEL_PATH } from '../src/wasm/load-node.ts';
import { compileKernel, WasmKernel } from '../src/wasm/wasm-kernel.ts';
import { finishViolations, violations } from './support/crash-check.ts';
import { applyOp, imageOf, playSession, type EngineImage, type Model, type Op, type Target } from './support/crash-model.ts';
import { crashableIdbStore, crashableMemoryStore, type CrashMode, type CrashPlan, type StoreOperation } from './support/faulty-store.ts';

type StoreKind = 'memory' | 'idb';
const MODES: readonly CrashMode[] = ['before', 'during', 'after'];
const compiled = compileKernel(await readFile(DEFAULT_KERNEL_PATH));
let databases = 0;
const figures: string[] = [];
afterAll(() => console.log(`crash figures:\n  ${figures.join('\n  ')}`));

interface CrashRun {
  crashed: boolean;
  operations: StoreOperation[];
  violations: string[];
}

/** Plays `ops` in a process killed at `plan`, reopens the array and checks everything. */
async function crashAndCheck(kind: StoreKind, ops: readonly Op[], plan: CrashPlan | undefined): Promise<CrashRun> {
  const kernel = await WasmKernel.create(await compiled);
  const name = `crash-${databases++}`;
  const crashable = kind === 'memory' ? crashableMemoryStore(kernel, plan) : await crashableIdbStore(kernel, name, plan);
  const { store } = crashable;
  const engine = await Engine.open(kernel, store);
  const images: EngineImage[] = [imageOf(engine)];
  store.onCommit = () => images.push(imageOf(engine));
  const end = await playSession(engine, ops);
  const durable = await crashable.reopen();
  const reopened = await Engine.open(kernel, durable);
  const exact = isDeepStrictEqual(imageOf(reopened), images[store.durableCommits])
    ? []
    : [`the reopened engine differs from its state after durable commit ${store.durableCommits}`];
  // Before or during a commit nothing of it may survive; after it, the unacknowledged operation may have happened.
  const candidates: Model[] = [end.model];
  if (end.inFlight && plan?.mode === 'after') candidates.push(applyOp(end.model, end.inFlight.op, end.inFlight.before));
  const wrong: string[] = [];
  let model: Model | undefined;
  for (const candidate of candidates) {
    const found = await violations(reopened, candidate);
    if (found.length === 0) {
      model = candidate;
      break;
    }
    wrong.push(...found);
  }
  const found = [...exact, ...(model ? await finishViolations(reopened, model) : wrong)];
  await durable.close();
  if (kind === 'idb') indexedDB.deleteDatabase(name);
  return { crashed: store.dead, operations: store.operations, violations: found };
}

const w = (blocks: number[], byte: number): Op => ({ kind: 'write', blocks, byte });
const SCRIPT: readonly Op[] = [
  { kind: 'createDisk', name: 'SRC', blocks: 48 },
  { kind: 'loadSource' },
  { kind: 'createDisk', name: 'TGT', blocks: 48 },
  { kind: 'createDisk', name: 'CBW', blocks: 48 },
  { kind: 'createCopy', target: 'TGT', repositoryPercent: 40, fullPolicy: 'failSnapshot' },
  { kind: 'createCopy', target: 'CBW' },
  { kind: 'copy', target: 'TGT', blocks: 8 },
  { kind: 'copy', target: 'CBW', blocks: 4 },
  w([2], 201), // behind both copiers
  w([8], 202), // at the online copier, ahead of the copy-before-write one
  w([30], 203), // ahead of both
  w([30], 204), // the same block again
  w([30, 30, 31], 205), // repeated within one write, and a new block
  { kind: 'read', target: 'TGT', block: 30 },
  { kind: 'read', target: 'CBW', block: 30 },
  { kind: 'tick', ms: 50 },
  { kind: 'tick', ms: 120 },
  w([12, 13, 14], 206),
  { kind: 'copy', target: 'TGT', blocks: 10 },
  { kind: 'copy', target: 'CBW', blocks: 20 },
  w([40], 207),
  w([40], 208),
  { kind: 'read', target: 'TGT', block: 40 },
  { kind: 'stop', target: 'TGT' },
  w([45], 209), // no copy-on-write once stopped; still copy-before-write
  { kind: 'recopy', target: 'TGT' },
  w([45], 210),
  w([0], 211),
  { kind: 'copy', target: 'TGT', blocks: 5 },
  { kind: 'tick', ms: 200 },
  { kind: 'read', target: 'CBW', block: 0 },
  { kind: 'run' },
  w([1], 212), // after completion
  { kind: 'read', target: 'TGT', block: 1 },
];

describe.each<StoreKind>(['memory', 'idb'])('a crash at every store operation of a scripted session (%s store)', (kind) => {
  it('leaves a state that acknowledged operations produced, and the copies then finish at their point in time', async () => {
    const started = performance.now();
    const baseline = await crashAndCheck(kind, SCRIPT, undefined);
    expect(baseline.violations).toEqual([]);
    const operations = baseline.operations;
    expect(operations.filter((o) => o === 'commit').length).toBeGreaterThanOrEqual(25);
    let crashes = 0;
    for (let at = 0; at < operations.length; at++) {
      for (const mode of operations[at] === 'commit' ? MODES : (['before', 'after'] as const)) {
        const run = await crashAndCheck(kind, SCRIPT, { at, mode });
        expect(run.crashed, `crash ${mode} operation ${at}`).toBe(true);
        expect(run.operations).toEqual(operations.slice(0, at + 1));
        expect(run.violations.join('\n'), `crash ${mode} operation ${at} (${operations[at]})`).toBe('');
        crashes++;
      }
    }
    const commits = operations.filter((o) => o === 'commit').length;
    figures.push(`${kind} sweep: ${operations.length} operations (${commits} commits, ${operations.length - commits} reads), ${crashes} crashes, ${Math.round(performance.now() - started)} ms`);
  }, 60_000);
});

interface Setup {
  blocks: number;
  targets: Target[];
  repositoryPercent: 20 | 40 | 60 | 120;
  fullPolicy: 'failSnapshot' | 'failSourceWrites';
}

function setupOps(setup: Setup): Op[] {
  const disks = (['SRC', ...setup.targets] as const).map((name): Op => ({ kind: 'createDisk', name, blocks: setup.blocks }));
  const copies = setup.targets.map((target): Op =>
    target === 'TGT' ? { kind: 'createCopy', target, repositoryPercent: setup.repositoryPercent, fullPolicy: setup.fullPolicy } : { kind: 'createCopy', target },
  );
  return [...disks, { kind: 'loadSource' }, ...copies];
}

function opArb(setup: Setup): fc.Arbitrary<Op> {
  const block = fc.integer({ min: 0, max: setup.blocks - 1 });
  const target = fc.constantFrom(...setup.targets);
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('write' as const), blocks: fc.array(block, { minLength: 1, maxLength: 3 }), byte: fc.integer({ min: 100, max: 255 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('copy' as const), target, blocks: fc.integer({ min: 1, max: 6 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 150 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), target }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('recopy' as const), target }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), target, block }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'run' as const }) },
  );
}

const sessionArb = fc
  .record({
    blocks: fc.integer({ min: 2, max: 24 }),
    targets: fc.constantFrom<Target[]>(['TGT'], ['CBW'], ['TGT', 'CBW']),
    repositoryPercent: fc.constantFrom(20 as const, 40 as const, 60 as const, 120 as const),
    fullPolicy: fc.constantFrom('failSnapshot' as const, 'failSourceWrites' as const),
  })
  .chain((setup) => fc.array(opArb(setup), { maxLength: 24 }).map((ops) => [...setupOps(setup), ...ops]))
  .chain((ops) => fc.record({ ops: fc.constant(ops), crash: fc.record({ at: fc.integer({ min: 0, max: ops.length }), mode: fc.constantFrom(...MODES) }) }));

describe.each<[StoreKind, number]>([['memory', 4000], ['idb', 800]])('random crash points of random sessions (%s store)', (kind, runs) => {
  it('always reopen to a state that acknowledged operations produced, and the copies finish at their point in time', async () => {
    const started = performance.now();
    let crashes = 0;
    await fc.assert(
      fc.asyncProperty(sessionArb, async ({ ops, crash }) => {
        const run = await crashAndCheck(kind, ops, crash);
        if (run.crashed) crashes++;
        expect(run.violations.join('\n')).toBe('');
      }),
      { numRuns: runs },
    );
    figures.push(`${kind} random: ${runs} sessions, ${crashes} crashed mid-session (the rest at the end), ${Math.round(performance.now() - started)} ms`);
    expect(crashes).toBeGreaterThanOrEqual(kind === 'memory' ? 3000 : 500);
  }, 60_000);
});
