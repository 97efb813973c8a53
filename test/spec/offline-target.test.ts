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
} from './helpers.ts';

describe('offline copy', () => {
  it('refuses source writes with WRITE_PROTECTED while In Progress and changes nothing', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('offline'),
        { do: 'copy', blocks: 3 },
        write('SRC', 5, 1),
        write('SRC', 1, 1),
        read('SRC', 5),
        { do: 'run' },
      ]),
    );
    expect(outcomeOf(r, 2)).toBe('WRITE_PROTECTED');
    expect(outcomeOf(r, 3)).toBe('WRITE_PROTECTED');
    expect(stepAt(r, 4)).toMatchObject({ ok: true, sha256: indexDigest(5) });
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.snapshot).toBeNull();
    expect(c.repository).toBeNull();
    expect(c.counters).toMatchObject({ hostWrites: 0, hostWriteIos: 0, rejectedWrites: 2 });
    expect(disk(r, 'SRC').sha256).toEqual(indexDigests(64));
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(64));
    expect(eventsOf(r, 'SNAPSHOT_CREATED')).toHaveLength(0);
  });

  it('accepts source writes again after completion, at 1 I/O each', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('offline'), { do: 'run' }, write('SRC', 5, 1)]));
    expect(outcomeOf(r, 2)).toBe('ok');
    expect(pair(r).counters).toMatchObject({ hostWrites: 1, hostWriteIos: 1, rejectedWrites: 0 });
    expect(disk(r, 'SRC').sha256[5]).toBe(byteDigest(1));
    expect(disk(r, 'TGT').sha256[5]).toBe(indexDigest(5));
  });

  it('accepts source writes again after stop', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('offline'), { do: 'copy', blocks: 2 }, { do: 'stop' }, write('SRC', 5, 1)]),
    );
    expect(pair(r).status).toBe('Stopped');
    expect(outcomeOf(r, 3)).toBe('ok');
    expect(disk(r, 'SRC').sha256[5]).toBe(byteDigest(1));
  });

  it('keeps the source read-only after the copy failed', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('offline'),
        { do: 'failBlock', disk: 'SRC', block: 4 },
        { do: 'run' },
        write('SRC', 6, 1),
      ]),
    );
    expect(pair(r).status).toBe('Failed');
    expect(outcomeOf(r, 3)).toBe('WRITE_PROTECTED');
    expect(disk(r, 'SRC').sha256[6]).toBe(indexDigest(6));
  });
});

describe('target access', () => {
  it('refuses target reads and writes with TARGET_BUSY while In Progress', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('online'), { do: 'copy', blocks: 2 }, read('TGT', 0), write('TGT', 7, 1)]),
    );
    expect(outcomeOf(r, 2)).toBe('TARGET_BUSY');
    expect(outcomeOf(r, 3)).toBe('TARGET_BUSY');
    expect(disk(r, 'TGT').sha256[7]).toBe(byteDigest(0));
  });

  it('refuses target I/O with TARGET_BUSY after a failure before completion', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('online'), { do: 'failBlock', disk: 'SRC', block: 3 }, { do: 'run' }, read('TGT', 0)]),
    );
    expect(pair(r).status).toBe('Failed');
    expect(outcomeOf(r, 3)).toBe('TARGET_BUSY');
  });

  it('makes the target read-only at completion by default: reads succeed, writes get WRITE_PROTECTED', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('online'), { do: 'run' }, read('TGT', 3), write('TGT', 3, 1)]),
    );
    expect(pair(r).targetReadOnly).toBe(true);
    expect(stepAt(r, 2)).toMatchObject({ ok: true, sha256: indexDigest(3) });
    expect(outcomeOf(r, 3)).toBe('WRITE_PROTECTED');
    expect(disk(r, 'TGT').sha256[3]).toBe(indexDigest(3));
  });

  it('leaves the target writable after completion when created with targetReadOnly false', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('offline', { targetReadOnly: false }),
        read('TGT', 3),
        { do: 'run' },
        write('TGT', 3, 1),
      ]),
    );
    expect(outcomeOf(r, 1)).toBe('TARGET_BUSY');
    expect(outcomeOf(r, 3)).toBe('ok');
    expect(pair(r).targetReadOnly).toBe(false);
    expect(disk(r, 'TGT').sha256[3]).toBe(byteDigest(1));
  });

  it('refuses setTargetReadOnly before completion and allows it after', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('online'),
        { do: 'setTargetReadOnly', value: false },
        { do: 'run' },
        { do: 'setTargetReadOnly', value: false },
        write('TGT', 0, 1),
        { do: 'setTargetReadOnly', target: 'TGT', value: true },
        write('TGT', 1, 1),
      ]),
    );
    expect([1, 3, 4, 5, 6].map((i) => outcomeOf(r, i))).toEqual([
      'NOT_ALLOWED',
      'ok',
      'ok',
      'ok',
      'WRITE_PROTECTED',
    ]);
    expect(pair(r).targetReadOnly).toBe(true);
    expect(disk(r, 'TGT').sha256.slice(0, 2)).toEqual([byteDigest(1), indexDigest(1)]);
  });

  it('on removeCopy keeps the target data and clears its read-only flag', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('online'), { do: 'run' }, { do: 'removeCopy' }, read('TGT', 4), write('TGT', 5, 1)]),
    );
    expect(r.copies.find((c) => c.target === 'TGT')).toBeUndefined();
    expect(eventsOf(r, 'COPY_REMOVED')).toHaveLength(1);
    expect(stepAt(r, 3)).toMatchObject({ ok: true, sha256: indexDigest(4) });
    expect(outcomeOf(r, 4)).toBe('ok');
    const expected = indexDigests(8);
    expected[5] = byteDigest(1);
    expect(disk(r, 'TGT').sha256).toEqual(expected);
  });

  it('frees a removed in-progress pair of its source protection and target busy state', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('offline'),
        { do: 'copy', blocks: 3 },
        { do: 'removeCopy' },
        write('SRC', 6, 1),
        write('TGT', 7, 2),
      ]),
    );
    expect(outcomeOf(r, 3)).toBe('ok');
    expect(outcomeOf(r, 4)).toBe('ok');
    expect(disk(r, 'TGT').sha256.slice(0, 3)).toEqual(indexDigests(3));
    expect(disk(r, 'TGT').sha256[7]).toBe(byteDigest(2));
  });
});
