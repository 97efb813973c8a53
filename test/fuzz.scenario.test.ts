/**
 * Fuzzing the scenario parser (issue 5, "bad input everywhere"): arbitrary JSON and text, files
 * shaped like scenarios with random values, single-field mutations of valid scenarios, and valid
 * scenarios, which must also run. The parser never throws or hangs, names the offending field first,
 * and never accepts what an independent re-check of SCENARIOS.md's rules refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenarioText } from '../src/cli/run-text.ts';
import { parseScenarioText } from '../src/scenario/validate.ts';
import { build, KINDS, mutate, perturb, planArb, STEPS, TOP_FIELDS, type Kind } from './support/scenario-fuzz.ts';

type Json = Record<string, unknown>;
const NAME = /^[A-Za-z0-9_-]{1,30}$/;
const PATH = /^(?:[A-Za-z_$][\w$]*|\[".*?"\])(?:\[\d+\]|\.[A-Za-z_$][\w$]*|\[".*?"\])*: /;
let inputs = 0;

/** A plain assertion for hot loops (expect() costs more than a parse); fast-check reports the input. */
function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(problem);
}

/** Parses with a time limit per input; the answer is a plain result, never a throw. */
function parse(text: string): ReturnType<typeof parseScenarioText> {
  inputs++;
  const started = performance.now();
  const result = parseScenarioText(text);
  check(performance.now() - started < 2000, 'parsing took 2 s or more');
  check(result.ok || result.message.length < 600, 'the message is 600 characters or more');
  return result;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const onlyKeys = (v: Json, allowed: string[]): boolean => Object.keys(v).every((k) => allowed.includes(k));

/** SCENARIOS.md's rules, checked again without the validator: true when the file keeps every one. */
function keepsTheRules(value: unknown): boolean {
  if (!isObject(value) || !onlyKeys(value, TOP_FIELDS) || value['version'] !== 1) return false;
  const bs = 'blockSize' in value ? value['blockSize'] : 4096;
  if (!int(bs, 512, 65536) || ((bs as number) & ((bs as number) - 1)) !== 0) return false;
  if (('copyRate' in value && !int(value['copyRate'], 1)) || ('name' in value && typeof value['name'] !== 'string')) return false;
  const blockSize = bs as number;
  const known = new Map<string, number | null>();
  const live = new Set<string>();
  const fill = (v: unknown): boolean => v === 'zero' || v === 'index' || (isObject(v) && onlyKeys(v, ['byte']) && int(v['byte'], 0, 255));
  const size = (v: unknown): boolean => int(v, 1) && (v as number) * blockSize <= 2 ** 30;
  const disks = value['disks'];
  if (!Array.isArray(disks) || !Array.isArray(value['steps'])) return false;
  for (const d of disks) {
    if (!isObject(d) || !onlyKeys(d, ['name', 'blocks', 'fill']) || typeof d['name'] !== 'string' || !NAME.test(d['name'])) return false;
    if (known.has(d['name']) || !size(d['blocks']) || ('fill' in d && !fill(d['fill']))) return false;
    known.set(d['name'], d['blocks'] as number);
    live.add(d['name']);
  }
  for (const step of value['steps'] as unknown[]) {
    if (!isObject(step) || typeof step['do'] !== 'string' || !KINDS.includes(step['do'])) return false;
    const shape = STEPS[step['do']]!;
    const rules: Record<string, Kind> = { ...shape.required, ...shape.optional };
    if (!onlyKeys(step, ['do', ...Object.keys(rules)]) || !Object.keys(shape.required).every((k) => k in step)) return false;
    if (step['do'] === 'write' && ('block' in step) === ('blocks' in step)) return false;
    const fits = (b: unknown): boolean => int(b, 0) && (b as number) < (known.get(String(step['disk'])) ?? Infinity);
    const ok = (kind: Kind, v: unknown): boolean => {
      if (typeof kind !== 'string') return kind.includes(v as string);
      switch (kind) {
        case 'newName': return typeof v === 'string' && NAME.test(v) && !live.has(v);
        case 'disk': return typeof v === 'string' && known.has(v);
        case 'block': return fits(v);
        case 'blockList': return Array.isArray(v) && v.length > 0 && v.every(fits);
        case 'fill': return fill(v);
        case 'bool': return typeof v === 'boolean';
        case 'posInt': return int(v, 1);
        case 'natInt': return int(v, 0);
        case 'percent': return int(v, 1, 100);
        case 'diskBlocks': return size(v);
        case 'data': {
          if (!isObject(v) || Object.keys(v).length !== 1) return false;
          if ('byte' in v) return int(v['byte'], 0, 255);
          if ('text' in v) return typeof v['text'] === 'string' && new TextEncoder().encode(v['text']).length <= blockSize;
          return typeof v['hex'] === 'string' && /^(?:[0-9a-f]{2})*$/i.test(v['hex']) && v['hex'].length / 2 <= blockSize;
        }
        default: return false;
      }
    };
    if (!Object.entries(rules).every(([key, kind]) => !(key in step) || ok(kind, step[key]))) return false;
    const named = String(step['name']);
    if (step['do'] === 'createDisk') (known.set(named, step['blocks'] as number), live.add(named));
    if (step['do'] === 'deleteDisk') live.delete(named);
    if (step['do'] === 'createCopy' && step['type'] === 'online') {
      for (let n = 1; n <= 9; n++) if (!known.has(`${String(step['source'])}-R${n}`)) known.set(`${String(step['source'])}-R${n}`, null);
    }
  }
  return true;
}

/** An answer that is either a refusal naming a field, or an acceptance of a file that keeps the rules. */
function expectSound(text: string): void {
  const result = parse(text);
  if (result.ok) check(keepsTheRules(JSON.parse(text)), 'accepted a file that breaks a rule');
  else check(/^the file is not valid JSON: |^expected an object, got /.test(result.message) || PATH.test(result.message), `no field path: ${result.message}`);
}

/** Values shaped like scenario parts: known field names with values from valid to wild. */
const wild = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -2, max: 40 }), fc.constantFrom('SRC', 'TGT', 'SRC-R1', 'online', 'zero', 'index', true));
const fieldNames = [...new Set(KINDS.flatMap((k) => [...Object.keys(STEPS[k]!.required), ...Object.keys(STEPS[k]!.optional)]))];
const looseStep = fc.oneof(
  fc.tuple(fc.constantFrom(...KINDS, 'snapshot'), fc.record(Object.fromEntries(fieldNames.map((k) => [k, wild])), { requiredKeys: [] }))
    .map(([kind, fields]) => ({ do: kind, ...fields })),
  fc.jsonValue({ maxDepth: 3 }),
);
const looseDisk = fc.record({ name: fc.oneof(fc.constantFrom('SRC', 'TGT', 'a b', ''), wild), blocks: wild, fill: wild }, { requiredKeys: [] });
const looseScenario = fc.record(
  { version: fc.oneof(fc.constant(1), wild), blockSize: fc.oneof(fc.constant(512), wild), copyRate: wild, name: wild, disks: fc.array(looseDisk, { maxLength: 3 }), steps: fc.array(looseStep, { maxLength: 6 }) },
  { requiredKeys: ['disks', 'steps'] },
);

describe('the scenario parser under fuzzing', () => {
  it('never throws on arbitrary text, JSON values and deep structures, and a refusal starts with the field path', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), expectSound), { numRuns: 1000 });
    fc.assert(fc.property(fc.json({ depthSize: 'medium' }), expectSound), { numRuns: 1500 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 30 }), (v) => expectSound(JSON.stringify(v) ?? 'null')), { numRuns: 500 });
  }, 20_000);

  it('accepts a scenario-shaped file exactly when an independent check of the rules does', () => {
    const agrees = (text: string): void => {
      expectSound(text);
      check(parseScenarioText(text).ok || !keepsTheRules(JSON.parse(text)), 'refused a file that keeps the rules');
    };
    fc.assert(fc.property(looseScenario, (v) => agrees(JSON.stringify(v))), { numRuns: 500 });
    const changes = fc.array(fc.tuple(fc.nat(999), fc.nat(999)), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(planArb, changes, (plan, picks) => agrees(perturb(plan, picks))), { numRuns: 2000 });
  }, 20_000);

  it('refuses every single-field mutation of a valid scenario and names the mutated field first', () => {
    fc.assert(
      fc.property(planArb, fc.nat(2), fc.nat(999), fc.nat(99), (plan, op, pick, variant) => {
        const mutant = mutate(plan, op, pick, variant);
        const result = parse(mutant.text);
        const message = result.ok ? 'accepted' : result.message;
        check(message.startsWith(mutant.path) && /^[:.[]/.test(message.slice(mutant.path.length)), `${mutant.change} → ${message}`);
      }),
      { numRuns: 4000 },
    );
  }, 20_000);

  it('accepts generated valid scenarios, which keep the rules when checked again', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const text = JSON.stringify(build(plan).scenario);
        check(keepsTheRules(JSON.parse(text)), 'the generator built an invalid scenario');
        const result = parse(text);
        check(result.ok, result.ok ? '' : `refused a valid scenario: ${result.message}`);
      }),
      { numRuns: 2000 },
    );
  }, 20_000);

  it('runs valid scenarios, also oddly perturbed ones, to a report, never to an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        inputs++;
        const outcome = await runScenarioText(JSON.stringify(build(plan).scenario));
        expect(outcome.exitCode, outcome.exitCode === 0 ? '' : outcome.message).toBe(0);
        if (outcome.exitCode === 0) expect(outcome.report.steps).toHaveLength(plan.steps.length);
      }),
      { numRuns: 200 },
    );
    const changes = fc.array(fc.tuple(fc.nat(999), fc.nat(999)), { minLength: 1, maxLength: 2 });
    await fc.assert(
      fc.asyncProperty(planArb, changes, async (plan, picks) => {
        const outcome = await runScenarioText(perturb(plan, picks));
        expect(outcome.exitCode, outcome.exitCode === 1 ? outcome.message : '').not.toBe(1);
      }),
      { numRuns: 200 },
    );
  }, 20_000);

  it('answers pathological files quickly, naming the field without echoing the input', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const huge = 'k'.repeat(1_000_000);
    const base = { version: 1, disks: [{ name: 'A', blocks: 4 }], steps: [] as unknown[] };
    const cases: [string, string][] = [
      [deep, 'expected an object'],
      [JSON.stringify({ ...base, version: 'VERSION' }).replace('"VERSION"', deep), 'version: '],
      [JSON.stringify({ ...base, name: 'NAME' }).replace('"NAME"', deep), 'name: '],
      [JSON.stringify({ ...base, steps: [{ do: 'run', [huge]: 1 }] }), 'steps[0]["kkk'],
      [JSON.stringify({ ...base, disks: [{ name: huge, blocks: 1 }] }), 'disks[0].name: '],
      [JSON.stringify({ ...base, steps: [{ do: 'write', disk: 'A', block: 0, data: { hex: 'ab'.repeat(500_000) } }] }), 'steps[0].data.hex: '],
      [JSON.stringify({ ...base, steps: Array.from({ length: 100_000 }, () => ({ do: 'tick', ms: 1 })).concat([{ do: 'tick', ms: -1 }]) }), 'steps[100000].ms: '],
      ['{"version":1,"disks":[],"steps":[],"__proto__":{"version":2}}', '__proto__: '],
    ];
    for (const [text, start] of cases) {
      const result = parse(text);
      expect(result.ok ? '' : result.message.slice(0, start.length)).toBe(start);
    }
  }, 20_000);

  it('has parsed at least 10,000 generated inputs', () => {
    expect(inputs).toBeGreaterThanOrEqual(10_000);
  });
});
