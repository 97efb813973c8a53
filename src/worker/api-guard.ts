/**
 * Checks of every LabApi call's arguments at the worker boundary. Through comlink (structured
 * clone) any value can arrive, not only the declared types, so each method has one description of
 * its parameters here; a call that breaks it is refused with INVALID_ARGUMENT naming the argument
 * (or the field inside it) and the problem, before anything is touched. Values shown in messages
 * are short descriptions, never the input itself at length. The engine still checks the rules
 * that depend on the array (names that exist, blocks inside a disk, the block size of a disk).
 */
import { MAX_BLOCK_SIZE, MAX_DISK_BYTES, MIN_BLOCK_SIZE } from '../core/limits.ts';
import { refuse, type Refusal } from '../core/outcome.ts';
import { COPY_TYPES, DISK_STATES, FULL_POLICIES, PRIORITIES, REPOSITORY_PERCENTS } from '../core/vocabulary.ts';
import { WORKLOAD_PATTERNS, type LabApi } from './api.ts';
import { COMPARISON_BLOCKS, COMPARISON_MAX_WRITES, COMPARISON_PATTERNS, COMPARISON_RATE } from './compare-types.ts';
import { breakpointListProblem } from './breakpoints-check.ts';

/** Longest name accepted at the boundary (a disk name has at most 30 characters). */
export const MAX_NAME_LENGTH = 100;
/** Most blocks a disk can have: 1 GiB of the smallest blocks. */
export const MAX_BLOCKS = MAX_DISK_BYTES / MIN_BLOCK_SIZE;
/** Most blocks one host write may name. */
export const MAX_WRITE_BLOCKS = 1024;
/** Longest single tick: about 31 years of simulated time. */
export const MAX_TICK_MS = 1e12;
/** Fastest copier: blocks per simulated second at priority highest. */
export const MAX_COPY_RATE = 1e9;
const MAX_SPEED = 1e6;
/** Longest scenario text accepted for import (64 MiB: a 1 GiB disk's contents do not fit a file anyway). */
const MAX_SCENARIO_TEXT = 64 * 1024 * 1024;
const MAX_SHOWN = 40;

/** Where inside the argument the problem is ('' for the argument itself, '.field', '[3]') and what it is. */
interface Problem {
  at: string;
  message: string;
}
type Check = (value: unknown) => Problem | null;
/** A parameter: its name, its check, and whether it may be left out (or undefined). */
type Param = readonly [name: string, check: Check, optional?: 'optional'];

/** A short, safe description of any value for a message. */
export function shown(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return value.length > MAX_SHOWN ? `${JSON.stringify(cut)} (${value.length} characters)` : JSON.stringify(cut);
  }
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (ArrayBuffer.isView(value)) return `a ${tag} of ${value.byteLength} bytes`;
  return typeof value === 'function' ? 'a function' : tag === 'Object' ? 'an object' : `a ${tag}`;
}

/** `.key` for a plain short key, else `["…"]` with the key quoted and cut short. */
function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]{0,39}$/.test(key) ? `.${key}` : `[${JSON.stringify(key.length > MAX_SHOWN ? `${key.slice(0, MAX_SHOWN)}…` : key)}]`;
}

const fail = (value: unknown, expected: string): Problem => ({ at: '', message: `${shown(value)} is not ${expected}` });
const within = (at: string, problem: Problem | null): Problem | null => problem && { at: at + problem.at, message: problem.message };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const int = (what: string, min: number, max: number): Check => (v) =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? null : fail(v, `${what} (an integer from ${min} to ${max})`);

const num = (what: string, min: number, max: number, minIncluded: boolean): Check => (v) =>
  typeof v === 'number' && (minIncluded ? v >= min : v > min) && v <= max
    ? null
    : fail(v, `${what} (a number ${minIncluded ? 'from' : 'above'} ${min} ${minIncluded ? 'to' : 'and up to'} ${max})`);

const text = (what: string): Check => (v) =>
  typeof v === 'string' && v.length <= MAX_NAME_LENGTH ? null : fail(v, `${what} (a string of at most ${MAX_NAME_LENGTH} characters)`);

const bool = (what: string): Check => (v) => (typeof v === 'boolean' ? null : fail(v, `${what} (true or false)`));

const oneOf = (what: string, values: readonly (string | number)[]): Check => (v) =>
  (values as readonly unknown[]).includes(v) ? null : fail(v, `${what} (one of ${values.map((x) => JSON.stringify(x)).join(', ')})`);

/** A Uint8Array of its own (not shared) memory with `min` to `max` bytes; a power of two when `block`. */
const bytes = (what: string, min: number, max: number, block: boolean): Check => (v) => {
  const fits = v instanceof Uint8Array && !(typeof SharedArrayBuffer !== 'undefined' && v.buffer instanceof SharedArrayBuffer) &&
    v.length >= min && v.length <= max && (!block || (v.length & (v.length - 1)) === 0);
  return fits ? null : fail(v, `${what} (a Uint8Array of ${min} to ${max} bytes${block ? ', a power of two' : ''})`);
};

/** An array of 1 to `max` entries, each passing `entry`. */
const list = (what: string, entry: Check, max: number): Check => (v) => {
  if (!Array.isArray(v) || v.length < 1 || v.length > max) return fail(v, `${what} (an array of 1 to ${max} entries)`);
  for (let i = 0; i < v.length; i++) {
    const problem = within(`[${i}]`, entry(v[i]));
    if (problem) return problem;
  }
  return null;
};

/**
 * A plain object with the `required` fields and any of the `optional` ones, nothing else; an
 * optional field set to undefined counts as left out unless `strict` (a change that would store it).
 */
const obj = (what: string, required: Record<string, Check>, optional: Record<string, Check> = {}, strict = false): Check => (v) => {
  if (!isPlainObject(v)) return fail(v, `${what} (an object)`);
  const allowed = [...Object.keys(required), ...Object.keys(optional)];
  const unknown = Object.keys(v).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return { at: keyPath(unknown), message: `unknown field (allowed: ${allowed.join(', ') || 'none'})` };
  for (const [key, check] of Object.entries(required)) {
    if (!Object.hasOwn(v, key)) return { at: `.${key}`, message: 'required field is missing' };
    const problem = within(`.${key}`, check(v[key]));
    if (problem) return problem;
  }
  for (const [key, check] of Object.entries(optional)) {
    if (!Object.hasOwn(v, key) || (v[key] === undefined && !strict)) continue;
    const problem = within(`.${key}`, check(v[key]));
    if (problem) return problem;
  }
  return null;
};

const byteFill = obj('a fill', { kind: oneOf('a fill kind', ['byte']), value: int('a byte', 0, 255) });
const plainFill = obj('a fill', { kind: oneOf('a fill kind', ['zero', 'index', 'byte']) });
const fill: Check = (v) => (isPlainObject(v) && v['kind'] === 'byte' ? byteFill(v) : plainFill(v));

const name: Check = text('a disk name');
const target: Param = ['target', text('a target disk name'), 'optional'];
const block: Check = int('a block index', 0, MAX_BLOCKS - 1);
const priority: Check = oneOf('a priority', PRIORITIES);
const sequence = (what: string): Check => int(what, -1, Number.MAX_SAFE_INTEGER);

/** A comparison of copy types (compare-types.ts); compare.ts checks what spans fields (distinct types, writes per block). */
const comparisonSpec: Check = obj('a comparison', {
  blocks: int('a number of blocks', COMPARISON_BLOCKS.min, COMPARISON_BLOCKS.max),
  fill,
  types: (v) => (Array.isArray(v) && v.length >= 2 ? list('a list of 2 to 4 copy types', oneOf('a copy type', COPY_TYPES), 4)(v) : fail(v, 'a list of 2 to 4 copy types')),
  repositoryPercent: oneOf('a repository size', REPOSITORY_PERCENTS),
  fullPolicy: oneOf('a full policy', FULL_POLICIES),
  copyRate: int('a copy rate', COMPARISON_RATE.min, COMPARISON_RATE.max),
  workload: obj('a comparison workload', {
    pattern: oneOf('a comparison pattern', COMPARISON_PATTERNS),
    writes: int('a number of writes', 1, COMPARISON_MAX_WRITES),
    seed: int('a seed', 0, 0xffffffff),
  }),
});

/** The parameters of every API call, in order. */
const PARAMS: { readonly [M in keyof LabApi]: readonly Param[] } = {
  createDisk: [['spec', obj('a new disk', {
    name, blocks: int('a number of blocks', 1, MAX_BLOCKS), blockSize: int('a block size', MIN_BLOCK_SIZE, MAX_BLOCK_SIZE), fill,
  })]],
  deleteDisk: [['name', name]],
  loadContent: [['name', name], ['bytes', bytes('content', 1, MAX_DISK_BYTES, false)]],
  setDiskState: [['name', name], ['state', oneOf('a disk state', DISK_STATES)]],
  failBlock: [['name', name], ['block', block]],
  repairBlock: [['name', name], ['block', block]],
  createCopy: [['spec', obj('a new copy', { source: name, target: name, type: oneOf('a copy type', COPY_TYPES) }, {
    priority,
    repositoryPercent: oneOf('a repository size', REPOSITORY_PERCENTS),
    warningPercent: int('a warning threshold', 1, 100),
    fullPolicy: oneOf('a full policy', FULL_POLICIES),
    targetReadOnly: bool('a read-only flag'),
  })]],
  stop: [target],
  recopy: [target, ['options', obj('recopy options', {}, { priority, targetReadOnly: bool('a read-only flag') }), 'optional']],
  removeCopy: [target],
  setPriority: [target, ['priority', priority]],
  setTargetReadOnly: [target, ['value', bool('a read-only flag')]],
  write: [['disk', name], ['blocks', list('a list of blocks', block, MAX_WRITE_BLOCKS)], ['data', bytes('one block of data', MIN_BLOCK_SIZE, MAX_BLOCK_SIZE, true)]],
  read: [['disk', name], ['block', block]],
  readCopySource: [target, ['block', block]],
  readCopySourceRange: [target, ['first', block], ['count', int('a number of blocks', 1, MAX_BLOCKS)]],
  readRaw: [['disk', name], ['first', block], ['count', int('a number of blocks', 0, MAX_BLOCKS)]],
  copy: [target, ['blocks', int('a number of blocks', 1, Number.MAX_SAFE_INTEGER)]],
  tick: [['ms', int('a time in ms', 0, MAX_TICK_MS)]],
  run: [],
  setDriver: [['change', obj('a driver change', {}, {
    running: bool('a running flag'), speed: num('a speed', 0, MAX_SPEED, false),
    fullSpeed: bool('a full-speed flag'), copyRate: int('a copy rate', 1, MAX_COPY_RATE),
  }, true)]],
  setWorkload: [['change', obj('a workload change', {}, {
    running: bool('a running flag'), disk: name, pattern: oneOf('a workload pattern', WORKLOAD_PATTERNS),
    ratePerSecond: num('a rate', 0.5, 1000, true),
  }, true)]],
  verify: [target],
  compareStrategies: [['spec', comparisonSpec]],
  setBreakpoints: [['list', breakpointListProblem]],
  blockHistory: [['disk', name], ['block', block]],
  exportScenario: [['options', obj('export options', { contents: bool('a contents flag') }, { upTo: int('a journal position', 0, Number.MAX_SAFE_INTEGER) })]],
  importScenario: [['text', (v) => (typeof v === 'string' && v.length <= MAX_SCENARIO_TEXT ? null : fail(v, `a scenario text (a string of at most ${MAX_SCENARIO_TEXT} characters)`))]],
  checkScenario: [['text', (v) => (typeof v === 'string' && v.length <= MAX_SCENARIO_TEXT ? null : fail(v, `a scenario text (a string of at most ${MAX_SCENARIO_TEXT} characters)`))]],
  timeline: [['around', int('a journal position', 0, Number.MAX_SAFE_INTEGER), 'optional']],
  travel: [['position', (v) => (v === null ? null : int('a journal position', 0, Number.MAX_SAFE_INTEGER)(v))]],
  continueFromHere: [],
  switchBranch: [['id', int('a branch id', 0, Number.MAX_SAFE_INTEGER)]],
  resetLab: [],
  frame: [['sinceVersion', sequence('a version')], ['sinceEventSeq', sequence('an event seq')], ['sinceWriteSeq', sequence('a write seq'), 'optional']],
};

/** The names of the API's calls. */
export const API_METHODS = Object.keys(PARAMS) as (keyof LabApi)[];

/** INVALID_ARGUMENT naming the first argument that breaks the call's description, or null. */
export function checkCall(method: keyof LabApi, args: ArrayLike<unknown>): Refusal | null {
  const params = PARAMS[method];
  let count = args.length;
  while (count > params.length && args[count - 1] === undefined) count--;
  if (count > params.length) {
    return refuse('INVALID_ARGUMENT', `arguments: ${method} takes ${params.length ? `at most ${params.length}` : 'no arguments'}, got ${count}`);
  }
  for (const [index, [param, check, optional]] of params.entries()) {
    const value = args[index];
    if (value === undefined) {
      if (optional) continue;
      return refuse('INVALID_ARGUMENT', `${param}: required argument is missing`);
    }
    const problem = check(value);
    if (problem) return refuse('INVALID_ARGUMENT', `${param}${problem.at}: ${problem.message}`);
  }
  return null;
}

/** The call's refusal as a settled promise when its arguments are not acceptable, else null: go ahead. */
export function refusedCall(method: keyof LabApi, args: ArrayLike<unknown>): Promise<Refusal> | null {
  const refusal = checkCall(method, args);
  return refusal && Promise.resolve(refusal);
}
