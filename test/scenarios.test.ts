/**
 * Scenario fixtures with their expected reports: each `test/scenarios/X.json` must give exactly
 * `X.expected.json`. The expected reports were checked by hand against DOMAIN.md and SCENARIOS.md
 * (see the README's "Scenario fixtures"); a change in any step outcome, digest, counter or event fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../src/cli/run-text.ts';

const folder = new URL('./scenarios/', import.meta.url);
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json'));

describe('scenario fixtures give their expected reports', () => {
  it('has fixtures, one of them using every step type', () => {
    const every = JSON.parse(readFileSync(new URL('every-step.json', folder), 'utf8')) as { steps: Array<{ do: string }> };
    const kinds = new Set(every.steps.map((step) => step.do));
    expect([...kinds].sort()).toEqual(
      ['copy', 'createCopy', 'createDisk', 'deleteDisk', 'failBlock', 'read', 'recopy', 'removeCopy', 'repairBlock', 'run', 'setDiskState', 'setPriority', 'setTargetReadOnly', 'stop', 'tick', 'write'].sort(),
    );
  });

  for (const name of fixtures) {
    it(name, async () => {
      const outcome = await runScenarioText(readFileSync(new URL(name, folder), 'utf8'));
      const expected: unknown = JSON.parse(readFileSync(new URL(name.replace(/\.json$/, '.expected.json'), folder), 'utf8'));
      expect(outcome.exitCode).toBe(0);
      if (outcome.exitCode === 0) expect(JSON.parse(JSON.stringify(outcome.report))).toEqual(expected);
    });
  }
});
