/**
 * Values in the OPFS store's files: structured-clone values (records hold byte arrays, maps...)
 * as JSON with tags, bytes as UTF-8 text, and a small checksum (FNV-1a) for headers and metadata.
 * Every array of the encoded form starts with a tag, so plain strings, numbers, booleans and null
 * stay themselves and nothing is ambiguous: ['a', ...items], ['o', {...}], ['u8', base64], ...
 */

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type ViewConstructor = new (buffer: ArrayBuffer) => ArrayBufferView;

const VIEWS: Record<string, ViewConstructor> = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
};

/** The value as JSON; throws for what the store cannot keep (functions, cycles, host objects). */
export function encodeValue(value: unknown, parents: unknown[] = []): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : ['n', Object.is(value, -0) ? '-0' : String(value)];
  if (value === undefined) return ['u'];
  if (typeof value === 'bigint') return ['bi', value.toString()];
  if (typeof value !== 'object') throw new Error(`a ${typeof value} cannot be stored`);
  if (parents.includes(value)) throw new Error('a value that contains itself cannot be stored');
  const inner = [...parents, value];
  if (Array.isArray(value)) return ['a', ...Array.from(value, (item: unknown) => encodeValue(item, inner))];
  if (value instanceof ArrayBuffer) return ['ab', toBase64(new Uint8Array(value))];
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!(name in VIEWS) || !(value.buffer instanceof ArrayBuffer)) throw new Error(`a ${name} cannot be stored`);
    return ['v', name, toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))];
  }
  if (value instanceof Date) return ['d', value.getTime()];
  if (value instanceof RegExp) return ['re', value.source, value.flags];
  if (value instanceof Map) return ['m', ...[...value].flatMap(([k, v]) => [encodeValue(k, inner), encodeValue(v, inner)])];
  if (value instanceof Set) return ['s', ...[...value].map((item: unknown) => encodeValue(item, inner))];
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new Error(`a ${value.constructor.name} cannot be stored`);
  return ['o', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v, inner)]))];
}

/** The value `encodeValue` encoded. */
export function decodeValue(json: Json): unknown {
  if (!Array.isArray(json)) {
    if (typeof json === 'object' && json !== null) throw new Error('corrupt value: untagged object');
    return json;
  }
  const [tag, ...rest] = json;
  const text = (i: number): string => {
    const item = rest[i];
    if (typeof item !== 'string') throw new Error(`corrupt value: ${String(tag)} needs text`);
    return item;
  };
  switch (tag) {
    case 'n': return Number(text(0));
    case 'u': return undefined;
    case 'bi': return BigInt(text(0));
    case 'a': return rest.map(decodeValue);
    case 'ab': return fromBase64(text(0)).buffer;
    case 'v': {
      const View = VIEWS[text(0)];
      if (View === undefined) throw new Error(`corrupt value: unknown view ${text(0)}`);
      return new View(fromBase64(text(1)).buffer);
    }
    case 'd': return new Date(Number(rest[0]));
    case 're': return new RegExp(text(0), text(1));
    case 'm': {
      const map = new Map<unknown, unknown>();
      for (let i = 0; i + 1 < rest.length; i += 2) map.set(decodeValue(rest[i]!), decodeValue(rest[i + 1]!));
      return map;
    }
    case 's': return new Set(rest.map(decodeValue));
    case 'o': {
      const fields = rest[0];
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new Error('corrupt value: bad object');
      return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, decodeValue(v)]));
    }
    default: throw new Error(`corrupt value: unknown tag ${String(tag)}`);
  }
}

/** Base64 of the bytes. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The bytes of a base64 text, in an exact-size buffer. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** JSON text of a value as UTF-8 bytes. */
export function jsonBytes(json: Json): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(json));
}

/** The JSON value in UTF-8 bytes. */
export function parseJsonBytes(bytes: Uint8Array): Json {
  return JSON.parse(decoder.decode(bytes)) as Json;
}

/** FNV-1a (32-bit) of the bytes, continuing from `seed`: torn-write detection for small parts. */
export function fnv1a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}
