/**
 * Strategies side by side (issue 6, point 3) in Node: the same seeded writes on separate engines
 * give the figures DOMAIN.md predicts for each copy type, and bad specs are refused naming the field.
 * Expectations come from DOMAIN.md sections 3, 5 and 7 and SCENARIOS.md's tick rule, not from the code.
 */
import { describe, expect, it, vi } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import type { Comparison, ComparisonSpec, TypeResult } from '../src/worker/api.ts';
import { StrategyComparer } from '../src/worker/compare.ts';
import { LabService } from '../src/worker/lab-service.ts';

const ALL = ['offline', 'online', 'copyBeforeWrite', 'unprotected'] as const;

function spec(change: Partial<ComparisonSpec> & { pattern?: ComparisonSpec['workload']['pattern']; writes?: number } = {}): ComparisonSpec {
  const { pattern = 'behindCopier', writes = 16, ...rest } = change;
  return {
    blocks: 128, fill: { kind: 'index' }, types: [...ALL], repositoryPercent: 60, fullPolicy: 'failSnapshot', copyRate: 32,
    workload: { pattern, writes, seed: 7 }, ...rest,
  };
}

async function service(): Promise<LabService> {
  const kernel = await loadKernelFromFile();
  const lab = new LabService(await Engine.open(kernel, new MemoryStore(kernel)), [], { running: false });
  lab.comparisons = new StrategyComparer(() => loadKernelFromFile());
  return lab;
}

async function compare(change: Parameters<typeof spec>[0] = {}): Promise<Comparison> {
  const outcome = await (await service()).compareStrategies(spec(change));
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value;
}

const column = (comparison: Comparison, type: TypeResult['type']): TypeResult => comparison.results.find((r) => r.type === type)!;

/**
 * The planned writes split by the copier's planned position (SCENARIOS.md: at priority highest,
 * copyRate × ms / 1000 blocks), writes spread as compare-types.ts documents.
 */
function sides(comparison: Comparison): { behind: Set<number>; ahead: Set<number> } {
  const { blocks, copyRate, workload } = comparison.spec;
  const duration = Math.ceil(((blocks - workload.writes) * 1000) / copyRate);
  const behind = new Set<number>();
  const ahead = new Set<number>();
  comparison.plannedBlocks.forEach((block, i) => {
    const copied = Math.floor((copyRate * Math.floor(((i + 1) * duration) / (workload.writes + 1))) / 1000);
    (block < copied ? behind : ahead).add(block);
  });
  return { behind, ahead };
}

describe('strategies side by side', () => {
  it('writes behind the copier: online spends one repository block per block, copy-before-write nothing, offline refuses all', async () => {
    const result = await compare({ pattern: 'behindCopier' });
    const { behind, ahead } = sides(result);
    expect(ahead.size).toBe(0);
    expect(behind.size).toBeGreaterThan(8);
    const online = column(result, 'online');
    expect(online.repository).toMatchObject({ used: behind.size, usedBehindCopier: behind.size, capacity: Math.floor(128 * 0.6) });
    expect(online.ios).toMatchObject({ hostWrites: 16, copyOnWrites: behind.size, extra: 2 * behind.size });
    const cbw = column(result, 'copyBeforeWrite');
    expect(cbw.repository).toBeNull();
    expect(cbw.ios).toMatchObject({ hostWrites: 16, hostWriteIos: 16, extra: 0, perWrite: 1, copyBeforeWrites: 0 });
    const offline = column(result, 'offline');
    expect(offline.writes).toMatchObject({ acknowledged: 0, refused: 16, refusedBy: { WRITE_PROTECTED: 16 } });
    expect(offline.ios.hostWrites).toBe(0);
    // The unprotected copier took the old data before each write: by luck, its target is the point in time.
    for (const r of result.results) {
      expect(r.status).toBe('Completed');
      expect(r.target).toEqual({ matches: true, tornBlocks: 0, checked: 128 });
      expect(r.writes.behindCopier).toBe(16);
      expect(r.secondsToComplete).toBe(4);
    }
  });

  it('writes ahead of the copier: online and copy-before-write both pay 3 I/Os, the unprotected target is torn at every written block', async () => {
    const result = await compare({ pattern: 'aheadOfCopier' });
    const { behind, ahead } = sides(result);
    expect(behind.size).toBe(0);
    const online = column(result, 'online');
    expect(online.repository).toMatchObject({ used: ahead.size, usedBehindCopier: 0 });
    expect(online.ios.extra).toBe(2 * ahead.size);
    const cbw = column(result, 'copyBeforeWrite');
    expect(cbw.ios).toMatchObject({ copyBeforeWrites: ahead.size, extra: 2 * ahead.size });
    const unprotected = column(result, 'unprotected');
    expect(unprotected.ios.extra).toBe(0);
    expect(unprotected.target).toEqual({ matches: false, tornBlocks: ahead.size, checked: 128 });
    expect(unprotected.blocks.torn).toEqual([...ahead].sort((a, b) => a - b));
    for (const type of ['online', 'copyBeforeWrite', 'offline'] as const) expect(column(result, type).target?.matches).toBe(true);
    // Blocks copied before their write need no copier pass: copy-before-write is never later than online.
    expect(cbw.secondsToComplete!).toBeLessThanOrEqual(online.secondsToComplete!);
  });

  it('writes on both sides: online spends a slot on every write behind the copier, copy-before-write none; unprotected does not match', async () => {
    const result = await compare({ pattern: 'bothSides', writes: 20 });
    const { behind, ahead } = sides(result);
    expect(behind.size).toBe(10);
    expect(ahead.size).toBe(10);
    const online = column(result, 'online');
    expect(online.repository).toMatchObject({ used: 20, usedBehindCopier: 10 });
    expect(online.writes.behindCopier).toBe(10);
    expect(column(result, 'copyBeforeWrite').ios).toMatchObject({ copyBeforeWrites: 10, extra: 20 });
    expect(column(result, 'unprotected').target).toMatchObject({ matches: false, tornBlocks: 10 });
  });

  it('a repository too small: failSourceWrites refuses with REPOSITORY_FULL and completes; failSnapshot fails the copy', async () => {
    const small = { pattern: 'random' as const, writes: 40, blocks: 64, repositoryPercent: 20 as const, types: ['online', 'copyBeforeWrite'] as ComparisonSpec['types'] };
    const refusingRun = await compare({ ...small, fullPolicy: 'failSourceWrites' });
    // The first 12 distinct blocks get the 12 slots; later writes to them still succeed, writes to other blocks are refused.
    const slotted = new Set<number>();
    for (const block of refusingRun.plannedBlocks) if (slotted.size < 12) slotted.add(block);
    const accepted = refusingRun.plannedBlocks.filter((block) => slotted.has(block)).length;
    expect(accepted).toBeLessThan(40);
    const refusing = column(refusingRun, 'online');
    expect(refusing.repository).toMatchObject({ used: 12, capacity: 12 });
    expect(refusing.writes).toMatchObject({ acknowledged: accepted, refused: 40 - accepted, refusedBy: { REPOSITORY_FULL: 40 - accepted } });
    expect(refusing).toMatchObject({ status: 'Completed', target: { matches: true } });
    const failing = await compare({ ...small, fullPolicy: 'failSnapshot' });
    expect(column(failing, 'online')).toMatchObject({ status: 'Failed', target: null, secondsToComplete: null });
    expect(column(failing, 'copyBeforeWrite')).toMatchObject({ status: 'Completed', target: { matches: true }, writes: { refused: 0 } });
  });

  it('is seeded: the same spec gives the same writes and figures (measured milliseconds aside); another seed other writes', async () => {
    const strip = (c: Comparison): unknown => c.results.map(({ latency: _latency, ...rest }) => rest);
    const [a, b, c] = [await compare({ pattern: 'random' }), await compare({ pattern: 'random' }), await compare({ pattern: 'random', workload: { pattern: 'random', writes: 16, seed: 8 } })];
    expect(b.plannedBlocks).toEqual(a.plannedBlocks);
    expect(strip(b)).toEqual(strip(a));
    expect(c.plannedBlocks).not.toEqual(a.plannedBlocks);
    expect(a.results.map((r) => r.latency.count)).toEqual(a.results.map((r) => r.writes.acknowledged));
  });

  it('leaves the lab array alone', async () => {
    const lab = await service();
    expect((await lab.compareStrategies(spec())).ok).toBe(true);
    const frame = await lab.frame(-1, -1);
    expect(frame?.disks).toEqual([]);
    expect(frame?.pairs).toEqual([]);
  });

  it('refuses bad specs with INVALID_ARGUMENT naming the field, and says when no kernel can be loaded', async () => {
    const lab = await service();
    const bad: Array<[unknown, string]> = [
      [{ ...spec(), types: ['online'] }, 'spec.types'],
      [{ ...spec(), types: [] }, 'spec.types'],
      [{ ...spec(), types: 'online' }, 'spec.types'],
      [{ ...spec(), types: ['online', 'online'] }, 'spec.types'],
      [{ ...spec(), types: ['online', 'snapshot'] }, 'spec.types[1]'],
      [{ ...spec(), types: [...ALL, 'online'] }, 'spec.types'],
      [{ ...spec(), blocks: 8 }, 'spec.blocks'],
      [{ ...spec(), blocks: 100.5 }, 'spec.blocks'],
      [{ ...spec(), copyRate: 0 }, 'spec.copyRate'],
      [{ ...spec(), repositoryPercent: 30 }, 'spec.repositoryPercent'],
      [{ ...spec(), fullPolicy: 'ignore' }, 'spec.fullPolicy'],
      [{ ...spec(), fill: { kind: 'byte', value: 300 } }, 'spec.fill.value'],
      [{ ...spec(), workload: { pattern: 'zigzag', writes: 4, seed: 1 } }, 'spec.workload.pattern'],
      [{ ...spec(), workload: { pattern: 'random', writes: 0, seed: 1 } }, 'spec.workload.writes'],
      [{ ...spec(), workload: { pattern: 'random', writes: 129, seed: 1 } }, 'spec.workload.writes'],
      [{ ...spec(), workload: { pattern: 'random', writes: 4, seed: -1 } }, 'spec.workload.seed'],
      [{ ...spec(), extra: 1 }, 'spec.extra'],
      [(({ copyRate: _c, ...rest }) => rest)(spec()), 'spec.copyRate'],
      ['online', 'spec'],
    ];
    for (const [value, field] of bad) {
      const outcome = await lab.compareStrategies(value as ComparisonSpec);
      expect(outcome.ok ? 'accepted' : `${outcome.code} ${outcome.message}`, field).toMatch(new RegExp(`^INVALID_ARGUMENT ${field.replace(/[.[\]]/g, '\\$&')}[:.[]`));
    }
    const kernel = await loadKernelFromFile();
    const noKernel = await new LabService(await Engine.open(kernel, new MemoryStore(kernel)), [], { running: false }).compareStrategies(spec());
    expect(noKernel).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });
});

describe('a comparison beside the live lab', () => {
  it('lets the live lab in while its steps run, not only once a type is done', async () => {
    const lab = await service();
    // The first digest is the first type's report: every turn before it fell among that type's steps
    // (or the kernel's loading, a handful).
    let digests = 0;
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'digest').mockImplementation((...args: Parameters<SubtleCrypto['digest']>) => (digests++, digest(...args)));
    let done = false;
    let turnsDuringSteps = 0;
    const running = lab.compareStrategies(spec({ writes: 400, blocks: 2048 })).finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (digests === 0) turnsDuringSteps++;
    }
    spy.mockRestore();
    expect((await running).ok).toBe(true);
    // 400 writes with a pause every 20: at least 20 turns in the first type's steps alone.
    expect(turnsDuringSteps).toBeGreaterThanOrEqual(20);
  });
});
