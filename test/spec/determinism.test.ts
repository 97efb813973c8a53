import { describe, it, expect } from 'vitest';
import { createCopy, runReport, scenario, srcTgt, write, type Report, type Scenario } from './helpers.ts';

/** A scenario touching most step kinds, with ticks between events. */
const busy: Scenario = scenario(
  [...srcTgt(32), { name: 'T2', blocks: 40, fill: { byte: 3 } }],
  [
    createCopy('online', { warningPercent: 20 }),
    { do: 'createCopy', source: 'SRC', target: 'T2', type: 'copyBeforeWrite', priority: 'low' },
    { do: 'tick', ms: 300 },
    write('SRC', [7, 8], 1),
    { do: 'tick', ms: 450 },
    { do: 'setPriority', target: 'T2', priority: 'high' },
    write('SRC', 20, 2),
    { do: 'read', disk: 'SRC', block: 20 },
    { do: 'stop', target: 'TGT' },
    { do: 'tick', ms: 250 },
    { do: 'recopy', target: 'TGT' },
    { do: 'failBlock', disk: 'SRC', block: 30 },
    { do: 'read', disk: 'SRC', block: 30 },
    { do: 'repairBlock', disk: 'SRC', block: 30 },
    { do: 'run' },
    { do: 'removeCopy', target: 'T2' },
  ],
);

function checkEvents(r: Report): void {
  r.events.forEach((e, i) => expect(e.seq).toBe(i));
  for (let i = 1; i < r.events.length; i++) {
    expect(r.events[i]!.timeMs).toBeGreaterThanOrEqual(r.events[i - 1]!.timeMs);
  }
}

describe('determinism', () => {
  it('gives deep-equal and byte-equal reports for the same file run twice', async () => {
    const a = await runReport(busy);
    const b = await runReport(busy);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.steps).toHaveLength(16);
  });

  it('numbers events from seq 0 upward with non-decreasing simulated time', async () => {
    const r = await runReport(busy);
    expect(r.events.length).toBeGreaterThan(5);
    checkEvents(r);
  });

  it('stamps events with the simulated time advanced only by tick', async () => {
    const r = await runReport(busy);
    const allowed = new Set([0, 300, 750, 1000]);
    for (const e of r.events) expect(allowed.has(e.timeMs)).toBe(true);
    expect(r.events.filter((e) => e.type === 'COPY_STOPPED').map((e) => e.timeMs)).toEqual([750]);
    expect(r.events.filter((e) => e.type === 'COPY_REMOVED').map((e) => e.timeMs)).toEqual([1000]);
    expect(r.events.filter((e) => e.type === 'PRIORITY_CHANGED').map((e) => e.timeMs)).toEqual([750]);
  });

  it('keeps every event at time 0 when no tick runs', async () => {
    const r = await runReport(scenario(srcTgt(8), [createCopy('online'), write('SRC', 1, 1), { do: 'run' }]));
    expect(r.events.length).toBeGreaterThan(0);
    checkEvents(r);
    for (const e of r.events) expect(e.timeMs).toBe(0);
  });

  it('uses only the event types of the report format', async () => {
    const types = new Set([
      'COPY_STARTED',
      'COPY_PENDING',
      'SNAPSHOT_CREATED',
      'COPY_ON_WRITE',
      'COPY_BEFORE_WRITE',
      'REPOSITORY_THRESHOLD',
      'REPOSITORY_FULL',
      'SNAPSHOT_FAILED',
      'SNAPSHOT_DISABLED',
      'COPY_COMPLETED',
      'COPY_FAILED',
      'COPY_STOPPED',
      'COPY_REMOVED',
      'WRITE_REJECTED',
      'PRIORITY_CHANGED',
    ]);
    const r = await runReport(busy);
    for (const e of r.events) expect(types.has(e.type)).toBe(true);
  });
});
