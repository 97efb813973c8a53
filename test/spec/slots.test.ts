import { describe, it, expect } from 'vitest';
import {
  byteDigest,
  disk,
  eventsOf,
  indexDigests,
  outcomeOf,
  pair,
  runReport,
  scenario,
  write,
  type DiskDecl,
  type Report,
  type Step,
} from './helpers.ts';

/** Source S (8 blocks, index fill) and targets T1..Tn. */
function manyTargets(n: number): DiskDecl[] {
  const targets = Array.from({ length: n }, (_, i) => ({ name: `T${i + 1}`, blocks: 8 }));
  return [{ name: 'S', blocks: 8, fill: 'index' }, ...targets];
}

function creates(n: number, type = 'online'): Step[] {
  return Array.from({ length: n }, (_, i) => ({ do: 'createCopy', source: 'S', target: `T${i + 1}`, type }));
}

function statuses(r: Report): Record<string, string> {
  return Object.fromEntries(r.copies.map((c) => [c.target, c.status]));
}

describe('copy slots (at most 8 In Progress)', () => {
  it('leaves the 9th copy Pending with a COPY_PENDING event', async () => {
    const r = await runReport(scenario(manyTargets(9), creates(9)));
    const st = statuses(r);
    for (let i = 1; i <= 8; i++) expect(st[`T${i}`]).toBe('InProgress');
    expect(st['T9']).toBe('Pending');
    expect(eventsOf(r, 'COPY_PENDING', 'T9')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_PENDING')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_STARTED', 'T9')).toHaveLength(0);
    expect(outcomeOf(r, 8)).toBe('ok');
  });

  it('refuses copy on a Pending pair with NOT_ALLOWED and refuses its target with TARGET_BUSY', async () => {
    const r = await runReport(
      scenario(manyTargets(9), [
        ...creates(9),
        { do: 'copy', target: 'T9', blocks: 1 },
        { do: 'read', disk: 'T9', block: 0 },
        write('T9', 0, 1),
      ]),
    );
    expect([9, 10, 11].map((i) => outcomeOf(r, i))).toEqual(['NOT_ALLOWED', 'TARGET_BUSY', 'TARGET_BUSY']);
    expect(pair(r, 'T9').progress.copied).toBe(0);
  });

  it('promotes the Pending pair when an In Progress pair completes', async () => {
    const r = await runReport(
      scenario(manyTargets(9), [...creates(9), { do: 'copy', target: 'T1', blocks: 8 }, { do: 'copy', target: 'T9', blocks: 2 }]),
    );
    expect(pair(r, 'T1').status).toBe('Completed');
    expect(pair(r, 'T9').status).toBe('InProgress');
    expect(outcomeOf(r, 10)).toBe('ok');
    expect(pair(r, 'T9').progress.copied).toBe(2);
  });

  it('promotes first come, first served on stop and on removal; a removed Pending pair frees nothing', async () => {
    const r = await runReport(
      scenario(manyTargets(11), [
        ...creates(11),
        { do: 'stop', target: 'T3' },
        { do: 'removeCopy', target: 'T11' },
      ]),
    );
    let st = statuses(r);
    expect(st['T3']).toBe('Stopped');
    expect(st['T9']).toBe('InProgress');
    expect(st['T10']).toBe('Pending');
    expect(st['T11']).toBeUndefined();

    const r2 = await runReport(
      scenario(manyTargets(10), [...creates(10), { do: 'removeCopy', target: 'T4' }]),
    );
    st = statuses(r2);
    expect(st['T9']).toBe('InProgress');
    expect(st['T10']).toBe('Pending');
  });

  it('promotes the Pending pair when an In Progress pair fails', async () => {
    const r = await runReport(
      scenario(
        [...manyTargets(8), { name: 'B', blocks: 8, fill: 'index' }, { name: 'BT', blocks: 8 }],
        [
          { do: 'createCopy', source: 'B', target: 'BT', type: 'online' },
          ...creates(8),
          { do: 'failBlock', disk: 'B', block: 2 },
          { do: 'copy', target: 'BT', blocks: 5 },
        ],
      ),
    );
    expect(pair(r, 'BT').status).toBe('Failed');
    expect(pair(r, 'T8').status).toBe('InProgress');
  });

  it('puts a recopy at the end of the queue', async () => {
    const r = await runReport(
      scenario(manyTargets(10), [
        ...creates(10),
        { do: 'stop', target: 'T1' },
        { do: 'recopy', target: 'T1' },
        { do: 'stop', target: 'T2' },
      ]),
    );
    expect(outcomeOf(r, 11)).toBe('ok');
    const st = statuses(r);
    expect(st['T9']).toBe('InProgress');
    expect(st['T10']).toBe('InProgress');
    expect(st['T1']).toBe('Pending');
  });

  it('runs every pair to completion, the Pending ones after promotion', async () => {
    const r = await runReport(scenario(manyTargets(10), [...creates(10), { do: 'run' }]));
    for (const c of r.copies) expect(c.status).toBe('Completed');
    expect(disk(r, 'T10').sha256).toEqual(indexDigests(8));
    const order = eventsOf(r, 'COPY_COMPLETED').map((e) => e.target);
    expect(order).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10']);
  });

  it('protects the source from createCopy on even when the pair starts Pending', async () => {
    const r = await runReport(
      scenario(manyTargets(9), [...creates(9), write('S', 6, 1), { do: 'run' }]),
    );
    const p = pair(r, 'T9');
    expect(p.status).toBe('Completed');
    expect(p.repository?.preserved).toEqual([6]);
    expect(p.counters).toMatchObject({ hostWrites: 1, hostWriteIos: 3, copyOnWrites: 1 });
    expect(disk(r, 'T9').sha256).toEqual(indexDigests(8));
    expect(disk(r, 'S').sha256[6]).toBe(byteDigest(1));
  });

  it('makes the source of a Pending offline pair read-only', async () => {
    const r = await runReport(
      scenario(
        [...manyTargets(8), { name: 'O', blocks: 4, fill: 'index' }, { name: 'OT', blocks: 4 }],
        [...creates(8), { do: 'createCopy', source: 'O', target: 'OT', type: 'offline' }, write('O', 1, 1)],
      ),
    );
    expect(pair(r, 'OT').status).toBe('Pending');
    expect(outcomeOf(r, 9)).toBe('WRITE_PROTECTED');
  });
});

describe('setPriority', () => {
  it('is allowed while Pending and In Progress and refused with NOT_ALLOWED when Stopped', async () => {
    const r = await runReport(
      scenario(manyTargets(9), [
        ...creates(9),
        { do: 'setPriority', target: 'T9', priority: 'high' },
        { do: 'setPriority', target: 'T1', priority: 'lowest' },
        { do: 'stop', target: 'T2' },
        { do: 'setPriority', target: 'T2', priority: 'highest' },
      ]),
    );
    expect([9, 10, 11, 12].map((i) => outcomeOf(r, i))).toEqual(['ok', 'ok', 'ok', 'NOT_ALLOWED']);
    expect(pair(r, 'T9').priority).toBe('high');
    expect(pair(r, 'T1').priority).toBe('lowest');
    expect(pair(r, 'T2').priority).toBe('medium');
    expect(eventsOf(r, 'PRIORITY_CHANGED')).toHaveLength(2);
  });

  it('takes the priority given at createCopy and at recopy', async () => {
    const r = await runReport(
      scenario(manyTargets(1), [
        { do: 'createCopy', source: 'S', target: 'T1', type: 'offline', priority: 'low' },
        { do: 'run' },
        { do: 'recopy', priority: 'high', targetReadOnly: false },
        { do: 'run' },
        write('T1', 0, 1),
      ]),
    );
    const p = pair(r, 'T1');
    expect(p.priority).toBe('high');
    expect(p.targetReadOnly).toBe(false);
    expect(outcomeOf(r, 4)).toBe('ok');
  });
});
