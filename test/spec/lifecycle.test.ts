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
  write,
} from './helpers.ts';

describe('recopy', () => {
  it('takes a new point in time for an online pair and empties its repository', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('online'), write('SRC', 5, 1), { do: 'run' }, { do: 'recopy' }]),
    );
    const c = pair(r);
    expect(c.status).toBe('InProgress');
    expect(c.snapshot).toEqual({ state: 'active' });
    expect(c.repository).toEqual({ capacity: 12, used: 0, preserved: [] });
    expect(c.progress).toEqual({ copied: 0, total: 64 });
    expect(c.counters).toMatchObject({ hostWrites: 1, hostWriteIos: 3, copyOnWrites: 1 });
    expect(disk(r, 'TGT').sha256[5]).toBe(indexDigest(5));
  });

  it('copies from block 0 again', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('online'),
        { do: 'run' },
        write('SRC', [0, 1], 9),
        { do: 'recopy' },
        { do: 'copy', blocks: 1 },
      ]),
    );
    expect(pair(r).progress.copied).toBe(1);
    expect(disk(r, 'TGT').sha256.slice(0, 2)).toEqual([byteDigest(9), indexDigest(1)]);
  });

  it('ends with the target equal to the new point in time and keeps the counters', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('online'),
        write('SRC', 5, 1),
        { do: 'run' },
        { do: 'recopy' },
        write('SRC', 6, 3),
        write('SRC', 5, 4),
        { do: 'run' },
      ]),
    );
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.repository?.preserved).toEqual([5, 6]);
    expect(c.counters).toMatchObject({ hostWrites: 3, hostWriteIos: 9, copyOnWrites: 3 });
    const expected = indexDigests(64);
    expected[5] = byteDigest(1);
    expect(disk(r, 'TGT').sha256).toEqual(expected);
    expect(eventsOf(r, 'COPY_COMPLETED')).toHaveLength(2);
  });

  it('is refused with NOT_ALLOWED while In Progress or Pending', async () => {
    const r = await runReport(scenario(srcTgt(), [createCopy('online'), { do: 'recopy' }]));
    expect(outcomeOf(r, 1)).toBe('NOT_ALLOWED');
  });
});

describe('stop', () => {
  it('stops an online copy, disables the snapshot and keeps the target busy', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('online'),
        { do: 'copy', blocks: 4 },
        write('SRC', 20, 1),
        { do: 'stop' },
        read('TGT', 0),
        write('SRC', 30, 1),
        { do: 'copy', blocks: 1 },
        { do: 'run' },
      ]),
    );
    const c = pair(r);
    expect(c.status).toBe('Stopped');
    expect(c.snapshot).toEqual({ state: 'disabled' });
    expect(c.progress.copied).toBe(4);
    expect(c.repository).toMatchObject({ used: 1, preserved: [20] });
    expect(eventsOf(r, 'COPY_STOPPED', 'TGT')).toHaveLength(1);
    expect(outcomeOf(r, 4)).toBe('TARGET_BUSY');
    expect(c.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 4, copyOnWrites: 1 });
    expect(outcomeOf(r, 6)).toBe('NOT_ALLOWED');
  });

  it('keeps the target busy until a recopy completes', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('online'),
        { do: 'stop' },
        { do: 'recopy' },
        read('TGT', 0),
        { do: 'run' },
        read('TGT', 0),
      ]),
    );
    expect(outcomeOf(r, 3)).toBe('TARGET_BUSY');
    expect(outcomeOf(r, 5)).toBe('ok');
  });

  it('stops a Failed pair and refuses to stop a Completed or Stopped one', async () => {
    const r = await runReport(
      scenario(
        [...srcTgt(8), { name: 'B', blocks: 8 }, { name: 'BT', blocks: 8 }],
        [
          createCopy('online'),
          { do: 'run' },
          { do: 'stop', target: 'TGT' },
          { do: 'createCopy', source: 'B', target: 'BT', type: 'offline' },
          { do: 'failBlock', disk: 'B', block: 0 },
          { do: 'run' },
          { do: 'stop', target: 'BT' },
          { do: 'stop', target: 'BT' },
        ],
      ),
    );
    expect([2, 6, 7].map((i) => outcomeOf(r, i))).toEqual(['NOT_ALLOWED', 'ok', 'NOT_ALLOWED']);
    expect(pair(r, 'BT').status).toBe('Stopped');
    expect(pair(r, 'TGT').status).toBe('Completed');
  });
});

describe('steps that leave out target', () => {
  it('are refused with NO_SUCH_COPY when there is no pair, and the file still runs', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [{ do: 'copy', blocks: 1 }, { do: 'stop' }, { do: 'setPriority', priority: 'low' }]),
    );
    expect([0, 1, 2].map((i) => outcomeOf(r, i))).toEqual(['NO_SUCH_COPY', 'NO_SUCH_COPY', 'NO_SUCH_COPY']);
  });

  it('are refused with NO_SUCH_COPY when there are two pairs', async () => {
    const r = await runReport(
      scenario(
        [...srcTgt(8), { name: 'T2', blocks: 8 }],
        [
          createCopy('online'),
          { do: 'createCopy', source: 'SRC', target: 'T2', type: 'online' },
          { do: 'copy', blocks: 1 },
          { do: 'removeCopy' },
          { do: 'recopy' },
          { do: 'setTargetReadOnly', value: true },
          { do: 'copy', target: 'T2', blocks: 1 },
        ],
      ),
    );
    expect([2, 3, 4, 5].map((i) => outcomeOf(r, i))).toEqual([
      'NO_SUCH_COPY',
      'NO_SUCH_COPY',
      'NO_SUCH_COPY',
      'NO_SUCH_COPY',
    ]);
    expect(outcomeOf(r, 6)).toBe('ok');
    expect(r.copies).toHaveLength(2);
    expect(pair(r, 'TGT').progress.copied).toBe(0);
  });

  it('name the only pair when exactly one exists', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), { do: 'copy', blocks: 2 }]));
    expect(outcomeOf(r, 1)).toBe('ok');
    expect(pair(r).progress.copied).toBe(2);
  });

  it('give NO_SUCH_COPY for a declared disk that is not the target of a pair', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), { do: 'stop', target: 'SRC' }]));
    expect(outcomeOf(r, 1)).toBe('NO_SUCH_COPY');
    expect(pair(r).status).toBe('InProgress');
  });
});
