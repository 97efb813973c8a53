import { describe, it, expect } from 'vitest';
import {
  createCopy,
  disk,
  eventsOf,
  indexDigests,
  outcomeOf,
  pair,
  read,
  runReport,
  scenario,
  srcTgt,
  write,
  type DiskDecl,
  type Step,
} from './helpers.ts';

function targets(n: number, blocks = 64): DiskDecl[] {
  return [
    { name: 'S', blocks, fill: 'index' },
    ...Array.from({ length: n }, (_, i) => ({ name: `T${i + 1}`, blocks })),
  ];
}

function creates(n: number, more: Record<string, unknown> = {}): Step[] {
  return Array.from({ length: n }, (_, i) => ({
    do: 'createCopy',
    source: 'S',
    target: `T${i + 1}`,
    type: 'online',
    ...more,
  }));
}

describe('host I/O check order across pairs', () => {
  it('refuses with WRITE_PROTECTED before any copy-on-write need (offline and online pair on one source)', async () => {
    const r = await runReport(
      scenario(
        [...srcTgt(8), { name: 'T2', blocks: 8 }],
        [
          createCopy('online'),
          { do: 'createCopy', source: 'SRC', target: 'T2', type: 'offline' },
          { do: 'failBlock', disk: 'SRC', block: 3 },
          write('SRC', 3, 1),
        ],
      ),
    );
    expect(outcomeOf(r, 3)).toBe('WRITE_PROTECTED');
  });

  it('names the pair in copy-on-write events', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), write('SRC', 2, 1)]));
    expect(eventsOf(r, 'COPY_ON_WRITE', 'TGT')).toHaveLength(1);
  });
});

describe('slots and credit', () => {
  it('gives a Pending pair no credit: promoted after a tick, it copies only from its own ticks', async () => {
    const r = await runReport(
      scenario(targets(9), [
        ...creates(9),
        { do: 'tick', ms: 1000 },
        { do: 'stop', target: 'T1' },
        { do: 'tick', ms: 1000 },
      ]),
    );
    expect(pair(r, 'T9').status).toBe('InProgress');
    expect(pair(r, 'T9').progress.copied).toBe(28);
    expect(pair(r, 'T2').progress.copied).toBe(57);
  });

  it('promotes a Pending pair when an In Progress pair fails on a repository overflow', async () => {
    // 5-block source: capacity 1; T1..T8 online on S, T9 Pending on another source
    const r = await runReport(
      scenario(
        [...targets(8, 5), { name: 'S2', blocks: 5 }, { name: 'T9', blocks: 5 }],
        [
          ...creates(8),
          { do: 'createCopy', source: 'S2', target: 'T9', type: 'offline' },
          write('S', 0, 1),
          { do: 'copy', target: 'T9', blocks: 1 },
          write('S', 1, 1),
          { do: 'copy', target: 'T9', blocks: 1 },
        ],
      ),
    );
    expect(outcomeOf(r, 10)).toBe('NOT_ALLOWED');
    expect(outcomeOf(r, 11)).toBe('ok');
    expect(outcomeOf(r, 12)).toBe('ok');
    expect(pair(r, 'T1').status).toBe('Failed');
    expect(pair(r, 'T1').snapshot).toEqual({ state: 'failed' });
    expect(pair(r, 'T9').status).toBe('InProgress');
    expect(pair(r, 'T9').progress.copied).toBe(1);
  });
});

describe('copy step bounds and status', () => {
  it('stops at the last block when asked for more blocks than remain', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), { do: 'copy', blocks: 100 }]));
    expect(outcomeOf(r, 1)).toBe('ok');
    expect(pair(r).status).toBe('Completed');
    expect(pair(r).progress).toEqual({ copied: 8, total: 8 });
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(8));
  });

  it('refuses copy on a Completed pair with NOT_ALLOWED', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), { do: 'run' }, { do: 'copy', blocks: 1 }]));
    expect(outcomeOf(r, 2)).toBe('NOT_ALLOWED');
  });

  it('refuses setTargetReadOnly on a Failed or Stopped pair with NOT_ALLOWED', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('online'),
        { do: 'stop' },
        { do: 'setTargetReadOnly', value: false },
        { do: 'failBlock', disk: 'SRC', block: 0 },
        { do: 'recopy' },
        { do: 'run' },
        { do: 'setTargetReadOnly', value: false },
      ]),
    );
    expect(pair(r).status).toBe('Failed');
    expect(outcomeOf(r, 2)).toBe('NOT_ALLOWED');
    expect(outcomeOf(r, 6)).toBe('NOT_ALLOWED');
  });
});

describe('recopy of other copy types', () => {
  it('makes an offline source read-only again', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [createCopy('offline'), { do: 'run' }, write('SRC', 1, 1), { do: 'recopy' }, write('SRC', 2, 1)]),
    );
    expect(outcomeOf(r, 2)).toBe('ok');
    expect(outcomeOf(r, 4)).toBe('WRITE_PROTECTED');
  });

  it('resets the copy-before-write bitmap: a write to a block copied before the recopy costs 3 again', async () => {
    const r = await runReport(
      scenario(srcTgt(8), [
        createCopy('copyBeforeWrite'),
        { do: 'run' },
        { do: 'recopy' },
        write('SRC', 1, 1),
        { do: 'run' },
        read('TGT', 1),
      ]),
    );
    const c = pair(r);
    expect(c.counters).toMatchObject({ hostWrites: 1, hostWriteIos: 3, copyBeforeWrites: 1 });
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(8));
  });
});

describe('SOURCE_IN_USE for every status but Completed', () => {
  it('refuses the target of a Stopped or Failed pair as a source', async () => {
    const r = await runReport(
      scenario(
        [...srcTgt(8), { name: 'T2', blocks: 8 }],
        [
          createCopy('online'),
          { do: 'stop' },
          { do: 'createCopy', source: 'TGT', target: 'T2', type: 'offline' },
          { do: 'failBlock', disk: 'SRC', block: 0 },
          { do: 'recopy' },
          { do: 'run' },
          { do: 'createCopy', source: 'TGT', target: 'T2', type: 'offline' },
        ],
      ),
    );
    expect(pair(r).status).toBe('Failed');
    expect(outcomeOf(r, 2)).toBe('SOURCE_IN_USE');
    expect(outcomeOf(r, 6)).toBe('SOURCE_IN_USE');
    expect(r.copies).toHaveLength(1);
  });
});
