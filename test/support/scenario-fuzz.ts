/**
 * Generators for fuzzing the scenario parser, written from SCENARIOS.md rather than from the
 * validator: valid scenarios with tiny disks (built from a plan of numbers, so fast-check can
 * shrink them), and single-field mutations that break exactly one rule, with the path of the field.
 */
import fc from 'fast-check';
import { COPY_TYPES, DISK_STATES, FULL_POLICIES, PRIORITIES, REPOSITORY_PERCENTS } from '../../src/core/vocabulary.ts';

/** How a field's value is ruled: a kind, or the list of allowed values. */
export type Kind =
  | 'version' | 'blockSize' | 'text' | 'list' | 'do' | 'declName' | 'newName' | 'disk' | 'block' | 'blockList' | 'data'
  | 'fill' | 'byte' | 'dataText' | 'hex' | 'bool' | 'posInt' | 'natInt' | 'percent' | 'diskBlocks' | readonly (string | number)[];

const priority = PRIORITIES;
/** Fields of every step kind (SCENARIOS.md's table and exact rules). */
export const STEPS: Record<string, { required: Record<string, Kind>; optional: Record<string, Kind> }> = {
  createDisk: { required: { name: 'newName', blocks: 'diskBlocks' }, optional: { fill: 'fill' } },
  deleteDisk: { required: { name: 'disk' }, optional: {} },
  createCopy: {
    required: { source: 'disk', target: 'disk', type: COPY_TYPES },
    optional: { priority, repositoryPercent: REPOSITORY_PERCENTS, warningPercent: 'percent', fullPolicy: FULL_POLICIES, targetReadOnly: 'bool' },
  },
  copy: { required: { blocks: 'posInt' }, optional: { target: 'disk' } },
  tick: { required: { ms: 'natInt' }, optional: {} },
  run: { required: {}, optional: {} },
  write: { required: { disk: 'disk', data: 'data' }, optional: { block: 'block', blocks: 'blockList' } },
  read: { required: { disk: 'disk', block: 'block' }, optional: {} },
  stop: { required: {}, optional: { target: 'disk' } },
  recopy: { required: {}, optional: { target: 'disk', priority, targetReadOnly: 'bool' } },
  removeCopy: { required: {}, optional: { target: 'disk' } },
  setPriority: { required: { priority }, optional: { target: 'disk' } },
  setTargetReadOnly: { required: { value: 'bool' }, optional: { target: 'disk' } },
  setDiskState: { required: { disk: 'disk', state: DISK_STATES }, optional: {} },
  failBlock: { required: { disk: 'disk', block: 'block' }, optional: {} },
  repairBlock: { required: { disk: 'disk', block: 'block' }, optional: {} },
};
export const KINDS = Object.keys(STEPS);
export const TOP_FIELDS = ['version', 'name', 'blockSize', 'copyRate', 'disks', 'steps'];
const POOL = ['SRC', 'TGT', 'A', 'b-2', 'C_3'];

type Json = Record<string, unknown>;
/** A field of a built scenario: where it is, how it is ruled, and what a mutation needs to know. */
export interface FieldRef { path: string; holder: Json; key: string; kind: Kind; required: boolean; size: number | null; taken: string[] }
/** An object of a built scenario and the keys it allows. */
export interface ObjectRef { path: string; holder: Json; allowed: string[] }
export interface Built { scenario: Json; blockSize: number; fields: FieldRef[]; objects: ObjectRef[] }

/** A plan: numbers from which `build` makes a valid scenario. */
export const planArb = fc.record({
  blockSize: fc.constantFrom(512, 1024, 4096, undefined),
  copyRate: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  name: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  disks: fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), { maxLength: 4 }),
  steps: fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.array(fc.nat(), { minLength: 9, maxLength: 9 })), { maxLength: 12 }),
});
export type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

interface Ctx { known: Map<string, number | null>; live: Set<string>; index: number }

function valid(kind: Kind, n: number, c: Ctx, step: Json): unknown {
  if (typeof kind !== 'string') return kind[n % kind.length];
  const size = (): number => c.known.get(String(step['disk'])) ?? 4;
  switch (kind) {
    case 'newName': return (n % 2 && POOL.find((name) => !c.live.has(name))) || `D${c.index}`;
    case 'disk': return [...c.known.keys()][n % c.known.size];
    case 'block': return n % size();
    case 'blockList': return Array.from({ length: 1 + (n % 3) }, (_, i) => (n + 7 * i) % size());
    case 'data': return [{ byte: n % 256 }, { text: 'héllo <b>&'.slice(0, n % 11) }, { hex: 'aB01'.repeat(n % 5) }][n % 3];
    case 'fill': return ['zero', 'index', { byte: n % 256 }][n % 3];
    case 'bool': return n % 2 === 0;
    case 'posInt': return 1 + (n % 20);
    case 'natInt': return n % 3000;
    case 'percent': return 1 + (n % 100);
    case 'diskBlocks': return 1 + (n % 16);
    default: throw new Error(`no valid value for ${kind}`);
  }
}

/** The valid scenario of a plan, with references to its fields and objects. */
export function build(plan: Plan): Built {
  const blockSize = plan.blockSize ?? 4096;
  const fields: FieldRef[] = [];
  const objects: ObjectRef[] = [];
  const c: Ctx = { known: new Map(), live: new Set(), index: 0 };
  const note = (path: string, holder: Json, key: string, kind: Kind, required: boolean, size: number | null = null): void => {
    fields.push({ path, holder, key, kind, required, size, taken: [...c.live] });
    const value = holder[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const inner = value as Json;
      objects.push({ path, holder: inner, allowed: kind === 'data' ? ['byte', 'text', 'hex'] : ['byte'] });
      for (const k of Object.keys(inner)) note(`${path}.${k}`, inner, k, k === 'text' ? 'dataText' : k === 'hex' ? 'hex' : 'byte', true);
    }
  };
  const disks = plan.disks.map(([b = 0, f = 0], i) => ({ name: POOL[i]!, blocks: 1 + (b % 16), ...(f % 4 ? { fill: valid('fill', f, c, {}) } : {}) }));
  const top: Json = { version: 1, ...(plan.name === undefined ? {} : { name: plan.name }), ...(plan.blockSize ? { blockSize } : {}) };
  Object.assign(top, plan.copyRate ? { copyRate: plan.copyRate } : {}, { disks, steps: [] as Json[] });
  objects.push({ path: '', holder: top, allowed: TOP_FIELDS });
  for (const key of Object.keys(top)) note(key, top, key, ({ version: 'version', blockSize: 'blockSize', copyRate: 'posInt', name: 'text' } as Record<string, Kind>)[key] ?? 'list', ['version', 'disks', 'steps'].includes(key));
  disks.forEach((disk, i) => {
    const path = `disks[${i}]`;
    objects.push({ path, holder: disk, allowed: ['name', 'blocks', 'fill'] });
    note(`${path}.name`, disk, 'name', 'declName', true);
    note(`${path}.blocks`, disk, 'blocks', 'diskBlocks', true);
    if ('fill' in disk) note(`${path}.fill`, disk, 'fill', 'fill', false);
    c.known.set(disk.name, disk.blocks);
    c.live.add(disk.name);
  });
  for (const [index, [wanted, seeds]] of plan.steps.entries()) {
    c.index = index;
    const kind = c.known.size === 0 && wanted !== 'run' && wanted !== 'tick' ? 'createDisk' : wanted;
    const shape = STEPS[kind]!;
    const step: Json = { do: kind };
    const path = `steps[${index}]`;
    const chosen = Object.entries(shape.required).concat(Object.entries(shape.optional).filter((_, i) => (seeds[8]! >> i) & 1));
    if (kind === 'write') chosen.splice(2, chosen.length, (seeds[8]! & 1 ? ['block', 'block'] : ['blocks', 'blockList']));
    chosen.forEach(([key, rule], i) => (step[key] = valid(rule, seeds[i]!, c, step)));
    (top['steps'] as Json[]).push(step);
    objects.push({ path, holder: step, allowed: ['do', ...Object.keys(shape.required), ...Object.keys(shape.optional)] });
    note(`${path}.do`, step, 'do', 'do', true);
    const size = c.known.get(String(step['disk'])) ?? null;
    chosen.forEach(([key, rule]) => note(`${path}.${key}`, step, key, rule, key in shape.required || kind === 'write', size));
    if (kind === 'createDisk') (c.known.set(String(step['name']), Number(step['blocks'])), c.live.add(String(step['name'])));
    if (kind === 'deleteDisk') c.live.delete(String(step['name']));
    if (kind === 'createCopy' && step['type'] === 'online' && !c.known.has(`${String(step['source'])}-R1`)) c.known.set(`${String(step['source'])}-R1`, null);
  }
  return { scenario: top, blockSize, fields, objects };
}

/** Values that break a field's rule whatever the rest of the scenario holds. */
function invalidValues(ref: FieldRef, blockSize: number): unknown[] {
  const kind = ref.kind;
  const past = ref.size === null ? [] : [ref.size, ref.size + 7];
  if (typeof kind !== 'string') return ['nope', null, 3.5, [], typeof kind[0] === 'string' ? kind[0].toUpperCase() : 30];
  switch (kind) {
    case 'version': return [0, 2, '1', 1.5, null, -1];
    case 'blockSize': return [1000, 256, 131072, 0, '512', 4096.5, null];
    case 'text': return [5, null, [], {}, true];
    case 'dataText': return [5, null, 'x'.repeat(blockSize + 1), 'é'.repeat(blockSize / 2 + 1)];
    case 'hex': return ['zz', 'abc', '0'.repeat(2 * blockSize + 2), 7, null];
    case 'list': return [{}, 'x', null, 5];
    case 'do': return ['snapshot', 'Write', 5, null, ''];
    case 'declName': case 'newName': return ['', 'a'.repeat(31), 'has space', '<script>alert(1)</script>', 'é', 5, null, ...ref.taken.slice(0, 2)];
    case 'disk': return ['GHOST', 5, null, '', ['SRC'], {}];
    case 'block': return [-1, 1.5, '0', null, 2 ** 53, ...past];
    case 'blockList': return [[], 'x', [-1], {}, null, [0, 'a'], ...past.map((block) => [0, block])];
    case 'data': return [5, 'abc', {}, { byte: 1, text: 'a' }, { bytes: 1 }, null, []];
    case 'fill': return ['ones', 5, null, { byte: -1 }, { byte: 'x' }, {}, { kind: 'zero' }, []];
    case 'byte': return [256, -1, 1.5, '7', null];
    case 'bool': return ['true', 1, null, 0, 'yes'];
    case 'posInt': return [0, -1, 1.5, '3', null, 2 ** 53];
    case 'natInt': return [-1, 2.5, '0', null, 1e300];
    case 'percent': return [0, 101, 50.5, '50', null];
    case 'diskBlocks': return [0, -3, 1.5, '4', null, 2 ** 30 / blockSize + 1];
  }
}

const UNKNOWN_KEYS = ['colour', 'targte', 'Blocks', 'constructor', 'toString', 'valueOf', 'blockSize', 'do'];

/** A valid scenario with one field made wrong, removed, or an unknown field added; `path` names the field. */
export interface Mutant { text: string; path: string; change: string }

/** Mutation `op` (replace, remove, add unknown) of the field or object chosen by `pick`, with the `variant`-th bad value or key. */
export function mutate(plan: Plan, op: number, pick: number, variant: number): Mutant {
  const built = build(plan);
  const text = (): string => JSON.stringify(built.scenario);
  if (op % 3 === 0) {
    const ref = built.fields[pick % built.fields.length]!;
    const values = invalidValues(ref, built.blockSize);
    const value = values[variant % values.length];
    ref.holder[ref.key] = value;
    return { text: text(), path: ref.path, change: `${ref.path} = ${String(JSON.stringify(value)).slice(0, 40)}` };
  }
  if (op % 3 === 1) {
    const required = built.fields.filter((f) => f.required);
    const ref = required[pick % required.length]!;
    delete ref.holder[ref.key];
    const inData = /\.data\.\w+$/.test(ref.path);
    const path = inData ? ref.path.replace(/\.\w+$/, '') : ref.holder['do'] === 'write' && ref.key === 'blocks' ? ref.path.slice(0, -1) : ref.path;
    return { text: text(), path, change: `without ${ref.path}` };
  }
  const object = built.objects[pick % built.objects.length]!;
  const keys = UNKNOWN_KEYS.filter((key) => !object.allowed.includes(key));
  const key = keys[variant % keys.length]!;
  object.holder[key] = 1;
  return { text: text(), path: object.path ? `${object.path}.${key}` : key, change: `added ${key} to ${object.path || 'the top'}` };
}

const NUMBERS = ['block', 'posInt', 'natInt', 'percent', 'diskBlocks', 'byte', 'version', 'blockSize'];
const NAMES = ['disk', 'newName', 'declName'];
const family = (kind: Kind): string => (typeof kind !== 'string' ? JSON.stringify(kind) : NUMBERS.includes(kind) ? 'number' : NAMES.includes(kind) ? 'name' : kind);
const EDGES: Record<string, unknown[]> = {
  number: [0, -1, 1, 3, 15, 16, 17, 512, 1.5],
  name: ['SRC', 'TGT', 'SRC-R1', 'SRC-R2', 'TGT-R1', 'D0', 'D3', 'A', 'nope'],
  bool: [true, false],
};

/**
 * A valid scenario with some fields set to other values: mostly values of the same family taken
 * from its other fields or from edge values (names created later or deleted, blocks of a smaller
 * disk), sometimes anything. The result may be valid or not.
 */
export function perturb(plan: Plan, changes: readonly (readonly [number, number])[]): string {
  const built = build(plan);
  const everything = [...Object.values(EDGES).flat(), null, { byte: 1 }, ...built.fields.map((f) => f.holder[f.key])];
  for (const [field, value] of changes) {
    const ref = built.fields[field % built.fields.length]!;
    const kin = built.fields.filter((f) => family(f.kind) === family(ref.kind)).map((f) => f.holder[f.key]);
    const pool = value % 4 === 0 ? everything : [...kin, ...(EDGES[family(ref.kind)] ?? [])];
    ref.holder[ref.key] = structuredClone(pool[value % pool.length]);
  }
  return JSON.stringify(built.scenario);
}
