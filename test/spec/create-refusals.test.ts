import { describe, it, expect } from 'vitest';
import {
  byteDigest,
  disk,
  indexDigests,
  outcomeOf,
  pair,
  runReport,
  scenario,
  type DiskDecl,
  type Step,
} from './helpers.ts';

const disks: DiskDecl[] = [
  { name: 'SRC', blocks: 8, fill: 'index' },
  { name: 'TGT', blocks: 8 },
  { name: 'T2', blocks: 8 },
  { name: 'T3', blocks: 8 },
  { name: 'SMALL', blocks: 4 },
  { name: 'BIG', blocks: 16, fill: { byte: 9 } },
];

function cc(source: string, target: string, type = 'online'): Step {
  return { do: 'createCopy', source, target, type };
}

function state(name: string, s: string): Step {
  return { do: 'setDiskState', disk: name, state: s };
}

describe('createCopy refusals', () => {
  it('refuses a target with fewer blocks than the source with TARGET_TOO_SMALL', async () => {
    const r = await runReport(scenario(disks, [cc('SRC', 'SMALL')]));
    expect(outcomeOf(r, 0)).toBe('TARGET_TOO_SMALL');
    expect(r.copies).toEqual([]);
  });

  it('refuses the same disk as source and target with SOURCE_EQUALS_TARGET', async () => {
    const r = await runReport(scenario(disks, [cc('SRC', 'SRC')]));
    expect(outcomeOf(r, 0)).toBe('SOURCE_EQUALS_TARGET');
    expect(r.copies).toEqual([]);
  });

  it('refuses a target of another pair with TARGET_IN_USE in any status, until the pair is removed', async () => {
    const r = await runReport(
      scenario(disks, [
        cc('SRC', 'TGT'),
        cc('T2', 'TGT'),
        { do: 'run' },
        cc('T2', 'TGT', 'offline'),
        { do: 'removeCopy', target: 'TGT' },
        cc('T2', 'TGT', 'offline'),
      ]),
    );
    expect([1, 3, 5].map((i) => outcomeOf(r, i))).toEqual(['TARGET_IN_USE', 'TARGET_IN_USE', 'ok']);
    expect(r.copies).toHaveLength(1);
    expect(pair(r).source).toBe('T2');
  });

  it('refuses a source that is the target of a pair not Completed with SOURCE_IN_USE', async () => {
    const r = await runReport(
      scenario(disks, [cc('SRC', 'TGT'), cc('TGT', 'T2'), { do: 'run' }, cc('TGT', 'T2'), { do: 'run' }]),
    );
    expect(outcomeOf(r, 1)).toBe('SOURCE_IN_USE');
    expect(outcomeOf(r, 3)).toBe('ok');
    expect(pair(r, 'T2').status).toBe('Completed');
    expect(disk(r, 'T2').sha256).toEqual(indexDigests(8));
  });

  it('refuses a failed source or target with DISK_FAILED', async () => {
    const r = await runReport(
      scenario(disks, [state('SRC', 'failed'), cc('SRC', 'TGT'), state('SRC', 'optimal'), state('TGT', 'failed'), cc('SRC', 'TGT')]),
    );
    expect(outcomeOf(r, 1)).toBe('DISK_FAILED');
    expect(outcomeOf(r, 4)).toBe('DISK_FAILED');
    expect(r.copies).toEqual([]);
  });

  it('refuses a degraded target with TARGET_DEGRADED', async () => {
    const r = await runReport(scenario(disks, [state('TGT', 'degraded'), cc('SRC', 'TGT')]));
    expect(outcomeOf(r, 1)).toBe('TARGET_DEGRADED');
    expect(disk(r, 'TGT').state).toBe('degraded');
    expect(r.copies).toEqual([]);
  });

  describe('check order follows the table', () => {
    it('TARGET_TOO_SMALL before TARGET_IN_USE', async () => {
      const r = await runReport(scenario(disks, [cc('SRC', 'TGT'), cc('BIG', 'TGT')]));
      expect(outcomeOf(r, 1)).toBe('TARGET_TOO_SMALL');
      expect(r.copies).toHaveLength(1);
    });

    it('TARGET_TOO_SMALL before SOURCE_IN_USE, DISK_FAILED and TARGET_DEGRADED', async () => {
      const r = await runReport(
        scenario(disks, [cc('SRC', 'SMALL'), state('SMALL', 'degraded'), cc('BIG', 'SMALL'), cc('SRC', 'BIG'), cc('BIG', 'T2')]),
      );
      expect(outcomeOf(r, 0)).toBe('TARGET_TOO_SMALL');
      expect(outcomeOf(r, 2)).toBe('TARGET_TOO_SMALL');
      // BIG is the target of an in-progress pair: used as a source it is in use, but T2 is too small first
      expect(outcomeOf(r, 4)).toBe('TARGET_TOO_SMALL');
    });

    it('SOURCE_EQUALS_TARGET before TARGET_IN_USE', async () => {
      const r = await runReport(scenario(disks, [cc('SRC', 'TGT'), cc('TGT', 'TGT')]));
      expect(outcomeOf(r, 1)).toBe('SOURCE_EQUALS_TARGET');
    });

    it('TARGET_IN_USE before SOURCE_IN_USE', async () => {
      const r = await runReport(scenario(disks, [cc('SRC', 'TGT'), cc('T2', 'T3'), cc('TGT', 'T3')]));
      expect(outcomeOf(r, 2)).toBe('TARGET_IN_USE');
    });

    it('SOURCE_IN_USE before DISK_FAILED', async () => {
      const r = await runReport(scenario(disks, [cc('SRC', 'TGT'), state('T2', 'failed'), cc('TGT', 'T2')]));
      expect(outcomeOf(r, 2)).toBe('SOURCE_IN_USE');
    });

    it('TARGET_IN_USE before DISK_FAILED', async () => {
      const r = await runReport(scenario(disks, [cc('SRC', 'TGT'), state('TGT', 'failed'), cc('T2', 'TGT')]));
      expect(outcomeOf(r, 2)).toBe('TARGET_IN_USE');
    });

    it('DISK_FAILED before TARGET_DEGRADED', async () => {
      const r = await runReport(scenario(disks, [state('SRC', 'failed'), state('TGT', 'degraded'), cc('SRC', 'TGT')]));
      expect(outcomeOf(r, 2)).toBe('DISK_FAILED');
    });
  });

  it('copies onto a larger target and keeps its blocks past the source end', async () => {
    const r = await runReport(scenario(disks, [cc('SRC', 'BIG', 'offline'), { do: 'run' }]));
    const c = pair(r, 'BIG');
    expect(c.status).toBe('Completed');
    expect(c.progress).toEqual({ copied: 8, total: 8 });
    expect(disk(r, 'BIG').sha256).toEqual([...indexDigests(8), ...Array<string>(8).fill(byteDigest(9))]);
  });
});
