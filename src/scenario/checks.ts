/** Small checks for the scenario validator; each throws Invalid naming the field path and the problem. */

/** A scenario value that breaks the format, with the path of the field (e.g. `steps[3].block`). */
export class Invalid extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}

export type Fields = Record<string, unknown>;

/** How a value looks in a message: compact JSON cut at 60 characters, built only that far (no deep recursion). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = preview(value, 60);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** JSON of a parsed value, stopping once it is longer than `room`; each level of nesting uses up room. */
function preview(value: unknown, room: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, room + 1));
  if (typeof value !== 'object' || value === null) return String(JSON.stringify(value));
  const isArray = Array.isArray(value);
  let text = isArray ? '[' : '{';
  for (const key of isArray ? value.keys() : Object.keys(value)) {
    if (text.length > room) break;
    if (text.length > 1) text += ',';
    if (!isArray) text += `${JSON.stringify(String(key).slice(0, room))}:`;
    text += preview((value as Record<string | number, unknown>)[key], room - text.length);
  }
  return text + (isArray ? ']' : '}');
}

/** The value as a plain object, or Invalid. */
export function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid(path, `expected an object, got ${show(value)}`);
  }
  return value as Fields;
}

/** Invalid when the object has a field outside `allowed` (a typo must not pass silently). */
export function onlyKnown(fields: Fields, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      throw new Invalid(fieldPath(path, key), `unknown field (allowed here: ${allowed.join(', ')})`);
    }
  }
}

/** An integer within [min, max], or Invalid. */
export function integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new Invalid(path, `expected an integer ${range}, got ${show(value)}`);
  }
  return value;
}

/** A string, or Invalid. */
export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new Invalid(path, `expected a string, got ${show(value)}`);
  return value;
}

/** A boolean, or Invalid. */
export function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new Invalid(path, `expected true or false, got ${show(value)}`);
  return value;
}

/** One of `values`, or Invalid. */
export function member<T extends string | number>(value: unknown, values: readonly T[], path: string): T {
  if (!(values as readonly unknown[]).includes(value)) {
    throw new Invalid(path, `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** An array, or Invalid. */
export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new Invalid(path, `expected an array, got ${show(value)}`);
  return value;
}

/** `path.key`, or `key` at the top level; a key that is not a short plain name is quoted and cut: `path["…"]`. */
export function fieldPath(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]{0,39}$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${show(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}
