import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCopy, runReport, scenario, srcTgt, write, type Report, type Scenario } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const valid: Scenario = scenario(srcTgt(16), [
  createCopy('online'),
  { do: 'copy', blocks: 3 },
  write('SRC', 5, 1),
  write('SRC', 5, 2),
  { do: 'run' },
]);
const invalid: Scenario = scenario(srcTgt(16), [createCopy('online'), write('SRC', 16, 1)]);

let dir = '';

function cli(args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['bin/storage-lab.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
}

function file(name: string, s: Scenario): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(s, null, 2));
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'storage-lab-spec-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('command line: storage-lab run', () => {
  it('prints the JSON report on stdout and exits 0 for a valid file', async () => {
    const res = cli(['run', file('valid.json', valid)]);
    expect(res.status, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.version).toBe(1);
    expect(report.copies[0]?.status).toBe('Completed');
    expect(report).toEqual(await runReport(valid));
  });

  it("reads the scenario from standard input for '-'", async () => {
    const res = cli(['run', '-'], JSON.stringify(valid));
    expect(res.status, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report).toEqual(await runReport(valid));
  });

  it('exits 0 when steps are refused (refusals are outcomes)', () => {
    const refused = scenario(srcTgt(4), [createCopy('offline'), write('SRC', 0, 1)]);
    const res = cli(['run', file('refused.json', refused)]);
    expect(res.status, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.steps[1]).toMatchObject({ ok: false, error: 'WRITE_PROTECTED' });
  });

  it('exits 2 with the offending field on stderr for an invalid file', () => {
    const res = cli(['run', file('invalid.json', invalid)]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('steps[1].block');
    expect(res.stdout.trim()).toBe('');
  });

  it('exits 2 for text that is not JSON on standard input', () => {
    const res = cli(['run', '-'], 'not json at all');
    expect(res.status).toBe(2);
    expect(res.stderr.length).toBeGreaterThan(0);
  });
});
