import { describe, it, expect } from 'vitest';
import {
  byteDigest,
  createCopy,
  disk,
  eventsOf,
  indexDigest,
  indexDigests,
  outcomeOf,
  pair,
  read,
  runReport,
  scenario,
  srcTgt,
  stepAt,
  write,
  type Step,
} from './helpers.ts';

async function capacity(blocks: number, repositoryPercent?: number): Promise<number | undefined> {
  const more = repositoryPercent === undefined ? {} : { repositoryPercent };
  const r = await runReport(scenario(srcTgt(blocks), [createCopy('online', more)]));
  return pair(r).repository?.capacity;
}

const writes = (blocks: number[]): Step[] => blocks.map((b) => write('SRC', b, 0xee));

describe('repository capacity', () => {
  it('is the percentage of the source blocks rounded down, at least 1 block', async () => {
    expect(await capacity(64)).toBe(12);
    expect(await capacity(64, 40)).toBe(25);
    expect(await capacity(7, 60)).toBe(4);
    expect(await capacity(10, 120)).toBe(12);
    expect(await capacity(3)).toBe(1);
    expect(await capacity(1, 20)).toBe(1);
  });

  it('starts empty with an active snapshot', async () => {
    const c = pair(await runReport(scenario(srcTgt(), [createCopy('online')])));
    expect(c.repository).toEqual({ capacity: 12, used: 0, preserved: [] });
    expect(c.snapshot).toEqual({ state: 'active' });
    expect(c.status).toBe('InProgress');
  });
});

describe('repository warning threshold', () => {
  it('is not raised below the default 50% (5 of 12 blocks)', async () => {
    const r = await runReport(scenario(srcTgt(), [createCopy('online'), ...writes([10, 11, 12, 13, 14])]));
    expect(eventsOf(r, 'REPOSITORY_THRESHOLD')).toHaveLength(0);
  });

  it('is raised once when used/capacity first reaches the default 50% (6 of 12)', async () => {
    const r = await runReport(scenario(srcTgt(), [createCopy('online'), ...writes([10, 11, 12, 13, 14, 15, 16, 17])]));
    expect(eventsOf(r, 'REPOSITORY_THRESHOLD')).toHaveLength(1);
    expect(pair(r).repository?.used).toBe(8);
  });

  it('uses warningPercent: 25% of 12 is reached at the 3rd preserved block, and raised once', async () => {
    const base = [createCopy('online', { warningPercent: 25 })];
    const two = await runReport(scenario(srcTgt(), [...base, ...writes([10, 11])]));
    expect(eventsOf(two, 'REPOSITORY_THRESHOLD')).toHaveLength(0);
    const five = await runReport(scenario(srcTgt(), [...base, ...writes([10, 11, 12, 13, 14])]));
    expect(eventsOf(five, 'REPOSITORY_THRESHOLD', 'TGT')).toHaveLength(1);
  });

  it('is raised again for the new point in time after a recopy', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('online', { warningPercent: 25 }),
        ...writes([10, 11, 12, 13]),
        { do: 'run' },
        { do: 'recopy' },
        ...writes([20, 21, 22]),
      ]),
    );
    expect(eventsOf(r, 'REPOSITORY_THRESHOLD')).toHaveLength(2);
    expect(pair(r).repository?.preserved).toEqual([20, 21, 22]);
  });
});

describe('repository full under failSnapshot (the default)', () => {
  // 10 blocks at 20% -> capacity 2
  const steps = [createCopy('online'), write('SRC', 1, 0xa1), write('SRC', 2, 0xa2), write('SRC', 3, 0xa3)];

  it('lets the write succeed, fails the snapshot and the copy, and keeps the preserved blocks', async () => {
    const r = await runReport(scenario(srcTgt(10), [...steps, read('TGT', 0)]));
    expect(outcomeOf(r, 3)).toBe('ok');
    expect(disk(r, 'SRC').sha256[3]).toBe(byteDigest(0xa3));
    const c = pair(r);
    expect(c.status).toBe('Failed');
    expect(c.snapshot).toEqual({ state: 'failed' });
    expect(c.repository).toEqual({ capacity: 2, used: 2, preserved: [1, 2] });
    expect(c.counters).toMatchObject({ hostWrites: 3, hostWriteIos: 7, copyOnWrites: 2, rejectedWrites: 0 });
    expect(eventsOf(r, 'REPOSITORY_FULL')).toHaveLength(1);
    expect(eventsOf(r, 'SNAPSHOT_FAILED')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_FAILED', 'TGT')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_COMPLETED')).toHaveLength(0);
    expect(outcomeOf(r, 4)).toBe('TARGET_BUSY');
  });

  it('charges later writes 1 I/O and recovers with a recopy that empties the repository', async () => {
    const r = await runReport(
      scenario(srcTgt(10), [...steps, write('SRC', 4, 0xa4), { do: 'recopy' }, write('SRC', 1, 0xb1), { do: 'run' }]),
    );
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.repository).toEqual({ capacity: 2, used: 1, preserved: [1] });
    expect(c.counters).toMatchObject({ hostWrites: 5, hostWriteIos: 11, copyOnWrites: 3 });
    const expected = indexDigests(10);
    [1, 2, 3, 4].forEach((b) => (expected[b] = byteDigest(0xa0 + b)));
    expect(disk(r, 'TGT').sha256).toEqual(expected);
  });
});

describe('repository full under failSourceWrites', () => {
  const create = createCopy('online', { fullPolicy: 'failSourceWrites' });

  it('refuses a write needing a new preserved block with REPOSITORY_FULL and keeps the source', async () => {
    const r = await runReport(
      scenario(srcTgt(10), [create, write('SRC', 1, 0xa1), write('SRC', 2, 0xa2), write('SRC', 3, 0xa3), read('SRC', 3)]),
    );
    expect(outcomeOf(r, 3)).toBe('REPOSITORY_FULL');
    expect(stepAt(r, 4)).toMatchObject({ ok: true, sha256: indexDigest(3) });
    expect(disk(r, 'SRC').sha256[3]).toBe(indexDigest(3));
    const c = pair(r);
    expect(c.status).toBe('InProgress');
    expect(c.snapshot).toEqual({ state: 'active' });
    expect(c.repository).toEqual({ capacity: 2, used: 2, preserved: [1, 2] });
    expect(c.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 6, rejectedWrites: 1 });
  });

  it('still accepts writes to preserved blocks, also refuses blocks already copied, and completes correctly', async () => {
    const r = await runReport(
      scenario(srcTgt(10), [
        create,
        write('SRC', 1, 0xa1),
        write('SRC', 2, 0xa2),
        { do: 'copy', blocks: 5 },
        write('SRC', 0, 0xa0),
        write('SRC', 1, 0xb1),
        { do: 'run' },
        write('SRC', 7, 0xa7),
      ]),
    );
    expect([4, 5, 6, 7].map((i) => outcomeOf(r, i))).toEqual(['REPOSITORY_FULL', 'ok', 'ok', 'ok']);
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.snapshot).toEqual({ state: 'disabled' });
    expect(c.counters).toMatchObject({ hostWrites: 4, hostWriteIos: 8, rejectedWrites: 1, copyOnWrites: 2 });
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(10));
    const src = indexDigests(10);
    src[1] = byteDigest(0xb1);
    src[2] = byteDigest(0xa2);
    src[7] = byteDigest(0xa7);
    expect(disk(r, 'SRC').sha256).toEqual(src);
  });
});

describe('multi-block writes are atomic', () => {
  it('writes none of the blocks when one would be refused (1 free slot, 2 needed)', async () => {
    const r = await runReport(
      scenario(srcTgt(10), [
        createCopy('online', { fullPolicy: 'failSourceWrites' }),
        write('SRC', 0, 0xa0),
        write('SRC', [0, 1, 2], 0xcc),
        write('SRC', [0, 1], 0xdd),
      ]),
    );
    expect(outcomeOf(r, 2)).toBe('REPOSITORY_FULL');
    expect(outcomeOf(r, 3)).toBe('ok');
    const src = disk(r, 'SRC').sha256;
    expect(src.slice(0, 3)).toEqual([byteDigest(0xdd), byteDigest(0xdd), indexDigest(2)]);
    const c = pair(r);
    expect(c.repository?.preserved).toEqual([0, 1]);
    expect(c.counters).toMatchObject({ hostWrites: 3, hostWriteIos: 7, copyOnWrites: 2 });
    expect(c.counters.rejectedWrites).toBeGreaterThanOrEqual(1);
  });

  it('counts each block of an accepted block list as one host write', async () => {
    const r = await runReport(scenario(srcTgt(10), [createCopy('online'), { do: 'run' }, write('SRC', [3, 4, 5], 1)]));
    expect(pair(r).counters).toMatchObject({ hostWrites: 3, hostWriteIos: 3 });
  });
});
