/**
 * The shape of a breakpoint list at the worker boundary (api-guard.ts lists it for
 * setBreakpoints): anything can arrive through comlink, so each entry is checked field by field
 * before the breakpoint set looks at it. Values are described, never echoed at length.
 */
import type { BreakpointKind } from './breakpoints-types.ts';

/** Most breakpoints one lab keeps. */
export const MAX_BREAKPOINTS = 50;
const MAX_TARGET_LENGTH = 100;
const MAX_BLOCK = 2 ** 31;

type FieldCheck = (value: unknown) => string | null;
/** Where in the argument the problem is ('[2].block') and what it is. */
export interface ShapeProblem {
  at: string;
  message: string;
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? `a string of ${value.length} characters` : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
const target: FieldCheck = (v) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_TARGET_LENGTH ? null : `${describe(v)} is not a target disk name`);
const block: FieldCheck = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < MAX_BLOCK ? null : `${describe(v)} is not a block index (a whole number, at least 0)`);
const percent: FieldCheck = (v) => (Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 100 ? null : `${describe(v)} is not a fill level (a whole number from 1 to 100)`);

/** The fields of each kind: required ones, and the optional target of the copy-end kinds. */
const FIELDS: Readonly<Record<BreakpointKind, { required: Record<string, FieldCheck>; optional: Record<string, FieldCheck> }>> = {
  repositoryFill: { required: { target, percent }, optional: {} },
  firstCopyOnWrite: { required: { target, block }, optional: {} },
  copierReaches: { required: { target, block }, optional: {} },
  writeRefused: { required: {}, optional: {} },
  copyCompleted: { required: {}, optional: { target } },
  copyFailed: { required: {}, optional: { target } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The problem of one entry, or null when it is a breakpoint. */
function entryProblem(value: unknown): ShapeProblem | null {
  if (!isRecord(value)) return { at: '', message: `${describe(value)} is not a breakpoint (an object with a kind)` };
  const kind = value['kind'];
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    return { at: '.kind', message: `${describe(kind)} is not a breakpoint kind (one of ${Object.keys(FIELDS).join(', ')})` };
  }
  const { required, optional } = FIELDS[kind as BreakpointKind];
  const allowed = ['kind', ...Object.keys(required), ...Object.keys(optional)];
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) return { at: '', message: `a field that a ${kind} breakpoint does not have (allowed: ${allowed.join(', ')})` };
  for (const [key, check] of Object.entries(required)) {
    const message = Object.hasOwn(value, key) ? check(value[key]) : 'required field is missing';
    if (message) return { at: `.${key}`, message };
  }
  for (const [key, check] of Object.entries(optional)) {
    const message = value[key] === undefined ? null : check(value[key]);
    if (message) return { at: `.${key}`, message };
  }
  return null;
}

/** The first problem of a breakpoint list (an array of at most MAX_BREAKPOINTS breakpoints), or null. */
export function breakpointListProblem(value: unknown): ShapeProblem | null {
  if (!Array.isArray(value) || value.length > MAX_BREAKPOINTS) {
    return { at: '', message: `${describe(value)} is not a list of breakpoints (an array of 0 to ${MAX_BREAKPOINTS} entries)` };
  }
  for (let i = 0; i < value.length; i++) {
    const problem = entryProblem(value[i]);
    if (problem) return { at: `[${i}]${problem.at}`, message: problem.message };
  }
  return null;
}
