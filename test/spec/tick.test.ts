import { describe, it, expect } from 'vitest';
import {
  createCopy,
  eventsOf,
  outcomeOf,
  pair,
  runReport,
  scenario,
  srcTgt,
  write,
  type Step,
} from './helpers.ts';

const tick = (ms: number): Step => ({ do: 'tick', ms });

async function copiedAfter(steps: Step[], blocks = 256, extra: Record<string, unknown> = {}): Promise<number> {
  const r = await runReport(scenario(srcTgt(blocks), steps, extra));
  return pair(r).progress.copied;
}

describe('tick: copier progress from simulated time', () => {
  it('copies floor(100 * 1000 * 48 / 168000) = 28 blocks in 1000 ms at priority medium', async () => {
    expect(Math.floor((100 * 1000 * 48) / 168000)).toBe(28);
    expect(await copiedAfter([createCopy('online', { priority: 'medium' }), tick(1000)])).toBe(28);
  });

  it('carries fractions over between ticks (2 x 1000 ms at medium gives 57, not 56)', async () => {
    expect(await copiedAfter([createCopy('online', { priority: 'medium' }), tick(1000), tick(1000)])).toBe(57);
  });

  it('accumulates ticks too small to copy a block on their own', async () => {
    const small = [createCopy('online', { priority: 'medium' }), tick(10), tick(10), tick(10)];
    expect(await copiedAfter(small)).toBe(0);
    expect(await copiedAfter([...small, tick(10)])).toBe(1);
  });

  it('copies exactly copyRate * ms / 1000 blocks at priority highest', async () => {
    const base = [createCopy('offline', { priority: 'highest' })];
    expect(await copiedAfter([...base, tick(1000)], 64, { copyRate: 7 })).toBe(7);
    expect(await copiedAfter([...base, tick(1000), tick(500)], 64, { copyRate: 7 })).toBe(10);
    expect(await copiedAfter([...base, tick(1000), tick(500), tick(500)], 64, { copyRate: 7 })).toBe(14);
  });

  it('uses copyRate 100 by default', async () => {
    const r = await runReport({
      version: 1,
      blockSize: 512,
      disks: srcTgt(256),
      steps: [createCopy('online', { priority: 'highest' }), tick(1000)],
    });
    expect(pair(r).progress.copied).toBe(100);
  });

  it('uses the rates high 84, low 28 and lowest 21 per 168', async () => {
    const at = (priority: string): Promise<number> =>
      copiedAfter([createCopy('online', { priority }), tick(1000)], 256, { copyRate: 168 });
    expect(await at('high')).toBe(84);
    expect(await at('medium')).toBe(48);
    expect(await at('low')).toBe(28);
    expect(await at('lowest')).toBe(21);
  });

  it('uses medium when createCopy gives no priority', async () => {
    expect(await copiedAfter([createCopy('online'), tick(1000)])).toBe(28);
  });

  it('keeps the credit across a priority change (medium then low: 28 + 17 = 45)', async () => {
    // 4,800,000 credit -> 28 blocks, 96,000 left; + 2,800,000 -> 2,896,000 -> 17 blocks
    const steps = [
      createCopy('online', { priority: 'medium' }),
      tick(1000),
      { do: 'setPriority', priority: 'low' },
      tick(1000),
    ];
    expect(await copiedAfter(steps)).toBe(45);
  });

  it('does not let copy take or reset the credit (28 + 1 + 29 = 58)', async () => {
    const steps = [createCopy('online', { priority: 'medium' }), tick(1000), { do: 'copy', blocks: 1 }, tick(1000)];
    expect(await copiedAfter(steps)).toBe(58);
  });

  it('starts the credit at 0 again on recopy, copying from block 0', async () => {
    const steps = [
      createCopy('online', { priority: 'medium' }),
      tick(1000),
      { do: 'stop' },
      { do: 'recopy' },
      tick(1000),
    ];
    expect(await copiedAfter(steps)).toBe(28);
  });

  it('does not advance a stopped pair', async () => {
    expect(await copiedAfter([createCopy('online'), tick(1000), { do: 'stop' }, tick(5000)])).toBe(28);
  });

  it('does nothing on tick 0', async () => {
    const r = await runReport(scenario(srcTgt(), [createCopy('online'), tick(0)]));
    expect(outcomeOf(r, 1)).toBe('ok');
    expect(pair(r).progress.copied).toBe(0);
  });

  it('completes a pair when the credit reaches the last block, at the time after the tick', async () => {
    const r = await runReport(scenario(srcTgt(16), [createCopy('online', { priority: 'highest' }), tick(1000)]));
    expect(pair(r).status).toBe('Completed');
    expect(pair(r).progress).toEqual({ copied: 16, total: 16 });
    const done = eventsOf(r, 'COPY_COMPLETED');
    expect(done).toHaveLength(1);
    expect(done[0]?.timeMs).toBe(1000);
  });

  it('advances pairs by simulated time only, stamping later events with the tick total', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('online'), write('SRC', 40, 1), tick(250), tick(750), write('SRC', 50, 1)]),
    );
    const cows = eventsOf(r, 'COPY_ON_WRITE');
    expect(cows.map((e) => [e.block, e.timeMs])).toEqual([
      [40, 0],
      [50, 1000],
    ]);
  });

  it('does not advance in the same tick a pair promoted from Pending during that tick', async () => {
    const disks = [
      { name: 'S', blocks: 8, fill: 'index' as const },
      ...Array.from({ length: 9 }, (_, i) => ({ name: `T${i + 1}`, blocks: 8 })),
    ];
    const creates: Step[] = Array.from({ length: 9 }, (_, i) => ({
      do: 'createCopy',
      source: 'S',
      target: `T${i + 1}`,
      type: 'offline',
      priority: 'highest',
    }));
    const once = await runReport(scenario(disks, [...creates, tick(1000)]));
    for (let i = 1; i <= 8; i++) expect(pair(once, `T${i}`).status).toBe('Completed');
    expect(pair(once, 'T9').status).toBe('InProgress');
    expect(pair(once, 'T9').progress.copied).toBe(0);
    const twice = await runReport(scenario(disks, [...creates, tick(1000), tick(1000)]));
    expect(pair(twice, 'T9').status).toBe('Completed');
  });

  it('moves copiers in ascending block order and run/copy leave no credit behind', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('online', { priority: 'medium' }), { do: 'copy', blocks: 30 }, tick(1000)]),
    );
    expect(pair(r).progress.copied).toBe(58);
  });
});
