/**
 * Generators for fuzzing the worker's API, written from api.ts's declarations rather than from the
 * guard: type-correct calls (which the engine may still refuse), near misses (one argument made
 * wrong, or one argument too many) and calls with arbitrary values.
 */
import fc from 'fast-check';
import { COPY_TYPES, DISK_STATES, FULL_POLICIES, PRIORITIES, REPOSITORY_PERCENTS } from '../../src/core/vocabulary.ts';
import { WORKLOAD_PATTERNS, type LabApi } from '../../src/worker/api.ts';

export type Method = keyof LabApi;
/** A generated call: its method and arguments, and for a near miss the argument it names first. */
export interface Call { method: Method; args: unknown[]; names?: string }

type Param = 'comparison' | 'name' | 'target' | 'block' | 'count' | 'count0' | 'bytes' | 'data' | 'blocks' | 'state' | 'priority' | 'bool' | 'ms'
  | 'exportOptions' | 'scenarioText' | 'position' | 'branchId' | 'newDisk' | 'newCopy' | 'options' | 'driver' | 'workload' | 'seq' | 'seq?' | 'breakpoints';

/** Every call's parameters as api.ts declares them: the argument's name and its kind. */
const API: Record<Method, [string, Param][]> = {
  createDisk: [['spec', 'newDisk']], deleteDisk: [['name', 'name']], loadContent: [['name', 'name'], ['bytes', 'bytes']],
  setDiskState: [['name', 'name'], ['state', 'state']], failBlock: [['name', 'name'], ['block', 'block']],
  repairBlock: [['name', 'name'], ['block', 'block']], createCopy: [['spec', 'newCopy']], stop: [['target', 'target']],
  recopy: [['target', 'target'], ['options', 'options']], removeCopy: [['target', 'target']],
  setPriority: [['target', 'target'], ['priority', 'priority']], setTargetReadOnly: [['target', 'target'], ['value', 'bool']],
  write: [['disk', 'name'], ['blocks', 'blocks'], ['data', 'data']], read: [['disk', 'name'], ['block', 'block']],
  readCopySource: [['target', 'target'], ['block', 'block']],
  readCopySourceRange: [['target', 'target'], ['first', 'block'], ['count', 'count']],
  readRaw: [['disk', 'name'], ['first', 'block'], ['count', 'count0']], copy: [['target', 'target'], ['blocks', 'count']],
  tick: [['ms', 'ms']], run: [], setDriver: [['change', 'driver']], setWorkload: [['change', 'workload']],
  verify: [['target', 'target']], setBreakpoints: [['list', 'breakpoints']], blockHistory: [['disk', 'name'], ['block', 'block']], compareStrategies: [['spec', 'comparison']], resetLab: [],
  exportScenario: [['options', 'exportOptions']], importScenario: [['text', 'scenarioText']], checkScenario: [['text', 'scenarioText']], timeline: [['around', 'position']], travel: [['position', 'position']],
  continueFromHere: [], switchBranch: [['id', 'branchId']], frame: [['sinceVersion', 'seq'], ['sinceEventSeq', 'seq'], ['sinceWriteSeq', 'seq?']],
};
export const METHODS = Object.keys(API) as Method[];

// Names lean towards disks and pairs that exist (SRC → TGT, C, and D or E once created), so that sessions get somewhere.
const names = fc.constantFrom('SRC', 'SRC', 'TGT', 'C', 'D', 'E', 'SRC-R1', 'GHOST');
const targets = fc.constantFrom('TGT', 'TGT', 'D', 'E', 'GHOST');
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const fill = fc.oneof(fc.constant({ kind: 'zero' }), fc.constant({ kind: 'index' }), fc.integer({ min: 0, max: 255 }).map((value) => ({ kind: 'byte', value })));
const newDisk = fc.record({ name: fc.constantFrom('D', 'E', 'F', 'SRC'), blocks: fc.integer({ min: 1, max: 16 }), blockSize: fc.constantFrom(512, 1024), fill });
const newCopy = fc.record(
  { source: fc.constantFrom('SRC', 'C', 'D', 'TGT'), target: fc.constantFrom('TGT', 'D', 'E', 'C'), type: fc.constantFrom(...COPY_TYPES), priority: fc.constantFrom(...PRIORITIES),
    repositoryPercent: fc.constantFrom(...REPOSITORY_PERCENTS), warningPercent: fc.integer({ min: 1, max: 100 }),
    fullPolicy: fc.constantFrom(...FULL_POLICIES), targetReadOnly: fc.boolean() },
  { requiredKeys: ['source', 'target', 'type'] },
);
const driver = fc.record({ running: fc.boolean(), speed: fc.double({ min: 0.01, max: 100, noNaN: true }), fullSpeed: fc.boolean(), copyRate: fc.integer({ min: 1, max: 1000 }) }, { requiredKeys: [] });
/** The workload never starts here: its timer would write in the background. */
const workload = fc.record({ running: fc.constant(false), disk: names, pattern: fc.constantFrom(...WORKLOAD_PATTERNS), ratePerSecond: fc.double({ min: 0.5, max: 1000, noNaN: true }) }, { requiredKeys: [] });
/** A small comparison of copy types (compare-types.ts); without a kernel loader the service refuses it. */
const comparison = fc.record({
  blocks: fc.integer({ min: 16, max: 64 }), fill, types: fc.shuffledSubarray([...COPY_TYPES], { minLength: 2, maxLength: 4 }),
  repositoryPercent: fc.constantFrom(...REPOSITORY_PERCENTS), fullPolicy: fc.constantFrom(...FULL_POLICIES), copyRate: fc.integer({ min: 1, max: 1000 }),
  workload: fc.record({ pattern: fc.constantFrom('random', 'hotspot', 'bothSides'), writes: fc.integer({ min: 1, max: 16 }), seed: fc.nat() }),
});
const bytesOf = (lengths: number[]): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.constantFrom(...lengths), fc.nat(255)).map(([length, byte]) => new Uint8Array(length).fill(byte));

const VALID: Record<Param, fc.Arbitrary<unknown>> = {
  name: names, target: opt(targets), block: fc.integer({ min: 0, max: 20 }), count: fc.integer({ min: 1, max: 20 }),
  count0: fc.integer({ min: 0, max: 20 }), bytes: bytesOf([512, 1024, 1536]), data: bytesOf([512, 1024]),
  blocks: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 }), state: fc.constantFrom(...DISK_STATES),
  priority: fc.constantFrom(...PRIORITIES), bool: fc.boolean(), ms: fc.integer({ min: 0, max: 3000 }), newDisk, newCopy,
  options: opt(fc.record({ priority: fc.constantFrom(...PRIORITIES), targetReadOnly: fc.boolean() }, { requiredKeys: [] })),
  comparison,
  exportOptions: fc.record({ contents: fc.boolean(), upTo: fc.integer({ min: 0, max: 30 }) }, { requiredKeys: ['contents'] }),
  // Imports that are not scenarios (a valid one would reset the lab in the middle of a session).
  scenarioText: fc.constantFrom('{}', 'not json', '{"version":1,"disks":[],"steps":[{"do":"nap"}]}'),
  position: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30 })), branchId: fc.integer({ min: 0, max: 3 }),
  driver, workload, seq: fc.integer({ min: -1, max: 50 }), 'seq?': opt(fc.integer({ min: -1, max: 50 })),
  breakpoints: fc.array(fc.oneof(
    fc.record({ kind: fc.constant('copierReaches'), target: targets, block: fc.integer({ min: 0, max: 20 }) }),
    fc.record({ kind: fc.constant('repositoryFill'), target: targets, percent: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant('firstCopyOnWrite'), target: targets, block: fc.integer({ min: 0, max: 20 }) }),
    fc.constant({ kind: 'writeRefused' }), fc.record({ kind: fc.constantFrom('copyCompleted', 'copyFailed'), target: opt(targets) }, { requiredKeys: ['kind'] }),
  ), { maxLength: 3 }),
};

/** Any value a structured clone could carry, and more (null prototypes, bigints). */
export const anything = fc.anything({
  maxDepth: 3, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true,
  withNullPrototype: true, withSparseArray: true, withTypedArray: true,
});
const defined = anything.filter((v) => v !== undefined);
const html = fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>');
const longText = fc.oneof(fc.string({ minLength: 101, maxLength: 400 }), fc.constant('S'.repeat(3_000_000)));
const notString = fc.oneof(defined.filter((v) => typeof v !== 'string'), longText);
const nearNumbers = fc.constantFrom(-1, -0.5, 0.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300, -(2 ** 53), '3', null, true, [3], {});
const notInt = (min: number): fc.Arbitrary<unknown> => fc.oneof(
  nearNumbers.filter((v) => !(Number.isSafeInteger(v) && (v as number) >= min)),
  fc.double().filter((v) => !Number.isInteger(v)), defined.filter((v) => typeof v !== 'number'), fc.constant(min - 1),
);
const notBytes = fc.oneof(
  defined.filter((v) => !(v instanceof Uint8Array)), fc.constantFrom([1, 2, 3], new Uint16Array(256), new Int8Array(512), new ArrayBuffer(512), new DataView(new ArrayBuffer(512))),
);
/** An object argument made wrong: not an object, an unknown key, a known key of the wrong type, or explicit undefined. */
const badObject = (valid: fc.Arbitrary<object>, wrong: Record<string, unknown>[]): fc.Arbitrary<unknown> => fc.oneof(
  defined.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  fc.constantFrom(new Map(), new Date(0), [], new Uint8Array(4)),
  fc.tuple(valid, fc.constantFrom('role', 'id', 'state', '<b>x</b>', 'k'.repeat(5000), '__proto__')).map(([v, key]) => Object.defineProperty({ ...v }, key, { value: 1, enumerable: true })),
  fc.tuple(valid, fc.constantFrom(...wrong)).map(([v, change]) => ({ ...v, ...change })),
);
const JUNK: Record<Param, fc.Arbitrary<unknown>> = {
  name: notString, target: notString, block: notInt(0), count: notInt(1), count0: notInt(0), ms: notInt(0), seq: notInt(-1), 'seq?': notInt(-1),
  bytes: fc.oneof(notBytes, fc.constant(new Uint8Array(0))),
  data: fc.oneof(notBytes, fc.constantFrom(0, 100, 513, 131072).map((n) => new Uint8Array(n))),
  blocks: fc.oneof(defined.filter((v) => !Array.isArray(v)), fc.constantFrom([], [-1], [0.5], ['1'], [NaN], [0, null], new Array(3), new Array(5000).fill(0))),
  state: fc.oneof(notString, fc.constantFrom('nope', 'FAILED', html)), priority: fc.oneof(notString, fc.constantFrom('urgent', 'Medium')),
  bool: fc.oneof(defined.filter((v) => typeof v !== 'boolean'), fc.constantFrom('true', 0, 1)),
  newDisk: badObject(newDisk, [{ blocks: '4' }, { blocks: 0 }, { blockSize: NaN }, { name: 5 }, { fill: 'zero' }, { fill: { kind: 'weird' } }, { fill: { kind: 'byte' } }, { fill: { kind: 'byte', value: 256 } }, { fill: { kind: 'zero', value: 1 } }, { name: undefined }]),
  newCopy: badObject(newCopy, [{ type: 'snapshot' }, { priority: 'urgent' }, { targetReadOnly: 'no' }, { warningPercent: 0 }, { repositoryPercent: 30 }, { fullPolicy: 1 }, { source: ['SRC'] }]),
  options: badObject(fc.constant({}), [{ priority: 'x' }, { targetReadOnly: 1 }]),
  driver: badObject(driver, [{ speed: 0 }, { speed: NaN }, { speed: Infinity }, { running: 'yes' }, { copyRate: 1.5 }, { copyRate: 1e300 }, { speed: undefined }]),
  comparison: badObject(comparison, [{ types: ['online'] }, { types: ['online', 'online'] }, { blocks: 8 }, { copyRate: 0 }, { workload: { pattern: 'x', writes: 1, seed: 1 } }, { fill: undefined }]),
  exportOptions: badObject(fc.constant({ contents: true }), [{ contents: 'yes' }, { upTo: -1 }, { upTo: 1.5 }, { contents: undefined }]),
  scenarioText: defined.filter((v) => typeof v !== 'string'),
  position: notInt(0).filter((v) => v !== null), branchId: notInt(0),
  workload: badObject(workload, [{ ratePerSecond: 0 }, { pattern: 'burst' }, { disk: 5 }, { running: 1 }, { ratePerSecond: undefined }]),
  breakpoints: fc.oneof(defined.filter((v) => !Array.isArray(v)), fc.constantFrom([{}], [{ kind: 'nap' }], [{ kind: 'copierReaches', target: 'TGT' }],
    [{ kind: 'repositoryFill', target: 'TGT', percent: 0 }], [{ kind: 'writeRefused', block: 1 }], [null], new Array(51).fill({ kind: 'writeRefused' }))),
};

/** A call with type-correct arguments; a reset is left to the wild calls, so that sessions build up pairs. */
export const validCall: fc.Arbitrary<Call> = fc.constantFrom(...METHODS.filter((m) => m !== 'resetLab'), 'createDisk', 'createCopy', 'createCopy', 'write', 'write', 'copy', 'tick')
  .chain((method) => fc.tuple(...API[method].map(([, param]) => VALID[param])).map((args) => ({ method, args })));

/** A type-correct call with one argument made wrong, or with one argument too many. */
export const nearMissCall: fc.Arbitrary<Call> = fc.constantFrom(...METHODS).chain((method) => {
  const params = API[method];
  return fc.nat(params.length).chain((at) =>
    fc.tuple(fc.tuple(...params.map(([, param]) => VALID[param])), at < params.length ? JUNK[params[at]![1]] : defined).map(([valid, bad]) => {
      const args: unknown[] = [...valid];
      args[at] = bad;
      return { method, args, names: at < params.length ? params[at]![0] : 'arguments' };
    }));
});

/** A call of any method with arbitrary arguments. */
export const wildCall: fc.Arbitrary<Call> = fc.tuple(fc.constantFrom(...METHODS), fc.array(anything, { maxLength: 4 })).map(([method, args]) => ({ method, args }));
