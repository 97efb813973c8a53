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

const failBlock = (d: string, block: number): Step => ({ do: 'failBlock', disk: d, block });
const repairBlock = (d: string, block: number): Step => ({ do: 'repairBlock', disk: d, block });

describe('unreadable blocks (MEDIA_ERROR)', () => {
  it('refuses a read of a failed block with MEDIA_ERROR and reads it again after repairBlock', async () => {
    const r = await runReport(scenario(srcTgt(8), [failBlock('SRC', 5), read('SRC', 5), read('SRC', 4), repairBlock('SRC', 5), read('SRC', 5)]));
    expect(outcomeOf(r, 1)).toBe('MEDIA_ERROR');
    expect(stepAt(r, 2)).toMatchObject({ ok: true, sha256: indexDigest(4) });
    expect(stepAt(r, 4)).toMatchObject({ ok: true, sha256: indexDigest(5) });
    expect(stepAt(r, 1).sha256).toBeUndefined();
  });

  it('fails a copy whose copier reaches an unreadable source block', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), failBlock('SRC', 5), { do: 'run' }]));
    const c = pair(r);
    expect(c.status).toBe('Failed');
    expect(c.progress.copied).toBe(5);
    expect(c.snapshot).toEqual({ state: 'disabled' });
    expect(eventsOf(r, 'COPY_FAILED', 'TGT')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_COMPLETED')).toHaveLength(0);
  });

  it('fails an offline copy the same way and completes after repair and recopy', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('offline'),
        failBlock('SRC', 2),
        { do: 'run' },
        repairBlock('SRC', 2),
        { do: 'recopy' },
        { do: 'run' },
      ]),
    );
    expect(pair(r).status).toBe('Completed');
    expect(eventsOf(r, 'COPY_FAILED')).toHaveLength(1);
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(8));
  });

  it('refuses a write whose copy-on-write would read an unreadable old block, changing nothing', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('online'),
        failBlock('SRC', 5),
        write('SRC', 5, 1),
        write('SRC', [4, 5], 2),
        repairBlock('SRC', 5),
        { do: 'run' },
      ]),
    );
    expect(outcomeOf(r, 2)).toBe('MEDIA_ERROR');
    expect(outcomeOf(r, 3)).toBe('MEDIA_ERROR');
    const c = pair(r);
    expect(c.repository?.preserved).toEqual([]);
    expect(c.counters).toMatchObject({ hostWrites: 0, hostWriteIos: 0, copyOnWrites: 0 });
    expect(c.status).toBe('Completed');
    expect(disk(r, 'SRC').sha256).toEqual(indexDigests(8));
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(8));
  });

  it('refuses a copy-before-write that would read an unreadable block with MEDIA_ERROR', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('copyBeforeWrite'), failBlock('SRC', 6), write('SRC', 6, 1)]));
    expect(outcomeOf(r, 2)).toBe('MEDIA_ERROR');
    expect(pair(r).counters).toMatchObject({ hostWrites: 0, copyBeforeWrites: 0 });
  });

  it('lets the snapshot read a preserved block from the repository, not the unreadable source', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('online'), write('SRC', 5, 1), failBlock('SRC', 5), { do: 'run' }]),
    );
    expect(pair(r).status).toBe('Completed');
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(8));
  });

  it('accepts a plain write when no copy needs the old block', async () => {
    const r = await runReport(scenario(srcTgt(8), [failBlock('SRC', 5), write('SRC', 5, 1)]));
    expect(outcomeOf(r, 1)).toBe('ok');
    expect(disk(r, 'SRC').sha256[5]).toBe(byteDigest(1));
  });
});

describe('disk states and host I/O', () => {
  it('refuses any host I/O to a failed disk with DISK_FAILED and reports the state', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [{ do: 'setDiskState', disk: 'SRC', state: 'failed' }, read('SRC', 0), write('SRC', 0, 1)]),
    );
    expect(outcomeOf(r, 1)).toBe('DISK_FAILED');
    expect(outcomeOf(r, 2)).toBe('DISK_FAILED');
    expect(disk(r, 'SRC').state).toBe('failed');
  });

  it('checks DISK_FAILED before TARGET_BUSY and MEDIA_ERROR', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('online'),
        failBlock('TGT', 1),
        { do: 'setDiskState', disk: 'TGT', state: 'failed' },
        read('TGT', 1),
      ]),
    );
    expect(outcomeOf(r, 3)).toBe('DISK_FAILED');
  });

  it('checks TARGET_BUSY before MEDIA_ERROR on reads', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), failBlock('TGT', 7), read('TGT', 7)]));
    expect(outcomeOf(r, 2)).toBe('TARGET_BUSY');
  });

  it('serves host I/O on a degraded disk', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [{ do: 'setDiskState', disk: 'SRC', state: 'degraded' }, write('SRC', 0, 1), read('SRC', 0)]),
    );
    expect(outcomeOf(r, 1)).toBe('ok');
    expect(stepAt(r, 2)).toMatchObject({ ok: true, sha256: byteDigest(1) });
    expect(disk(r, 'SRC').state).toBe('degraded');
  });
});
