/**
 * Share links: `#lab=<version>.<payload>`, payload = base64url of deflate-raw of the UTF-8 JSON
 * `{"position": n | null, "scenario": {…}}` (a scenario file of SCENARIOS.md and the journal
 * position to travel to, null = the end). Pure: no DOM, no eval; the scenario itself is checked
 * by the worker's importScenario, this module checks only the envelope, and never throws on input.
 */
import { fromBase64Url, toBase64Url } from './base64url.ts';

/** Version of the link format; a newer one is refused with a message. */
export const LINK_VERSION = 1;
/** Most bytes of JSON a link may carry (decoded); keeps URLs usable and decompression bounded. */
export const MAX_LINK_JSON_BYTES = 64 * 1024;
/** Longest payload accepted before decoding (deflate never grows data by more than a few bytes per 16 KiB). */
export const MAX_PAYLOAD_CHARS = Math.ceil(((MAX_LINK_JSON_BYTES + 1024) * 4) / 3);
/** The fragment key that marks a shared lab. */
export const LINK_KEY = '#lab=';

/** What a link carries: the scenario JSON text and the step position to show (null: the end). */
export interface SharedLab {
  scenario: string;
  position: number | null;
}

/** A value, or a message naming the field and the problem. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const problem = (message: string): { ok: false; message: string } => ({ ok: false, message: `link: ${message}` });

/** The fragment (`#lab=1.…`) of a shared lab, or a message (too large, not a scenario object). */
export async function encodeLink(lab: SharedLab): Promise<Checked<string>> {
  let scenario: unknown;
  try {
    scenario = JSON.parse(lab.scenario);
  } catch {
    return problem('the scenario is not JSON');
  }
  const json = new TextEncoder().encode(JSON.stringify({ position: lab.position, scenario }));
  if (json.length > MAX_LINK_JSON_BYTES) return problem(tooLarge(json.length));
  const packed = await squeeze(json, new CompressionStream('deflate-raw'), Infinity);
  if (!packed.ok) return problem('compression failed');
  return { ok: true, value: `${LINK_KEY}${LINK_VERSION}.${toBase64Url(packed.value)}` };
}

/** The part after `#lab=` of a location hash, or null when the hash carries no lab. */
export function linkOfHash(hash: string): string | null {
  return hash.startsWith(LINK_KEY) ? hash.slice(LINK_KEY.length) : null;
}

/** Decodes `<version>.<payload>` (the part after `#lab=`); never throws, every problem is a message. */
export async function decodeLink(link: string): Promise<Checked<SharedLab>> {
  const dot = link.indexOf('.');
  if (dot < 0) return problem('expected <version>.<data> after #lab=');
  const version = link.slice(0, dot);
  if (!/^[0-9]{1,6}$/.test(version)) return problem(`version "${version.slice(0, 12)}" is not a number`);
  if (Number(version) > LINK_VERSION) return problem(`version ${Number(version)} is newer than this lab knows (${LINK_VERSION})`);
  if (Number(version) < 1) return problem(`version ${Number(version)} does not exist (versions start at 1)`);
  const payload = link.slice(dot + 1);
  if (payload.length > MAX_PAYLOAD_CHARS) return problem(`${payload.length} characters of data, more than a link may carry (${MAX_PAYLOAD_CHARS})`);
  const bytes = fromBase64Url(payload);
  if (!bytes.ok) return problem(bytes.message);
  const json = await squeeze(bytes.bytes, new DecompressionStream('deflate-raw'), MAX_LINK_JSON_BYTES);
  if (!json.ok) return problem(json.message);
  return envelope(json.value);
}

/** The refusal of a lab too large for a link; `bytes` is its size when known. */
function tooLarge(bytes?: number): string {
  const size = bytes === undefined ? 'more than that' : `${Math.ceil(bytes / 1024)} KiB`;
  return `the shared lab is ${size}, more than a link may carry (${MAX_LINK_JSON_BYTES / 1024} KiB); download the scenario file instead`;
}

/** Checks the decoded JSON envelope: exactly `position` and `scenario`. */
function envelope(bytes: Uint8Array): Checked<SharedLab> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return problem('the data is not JSON text');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('expected an object with "position" and "scenario"');
  const fields = value as Record<string, unknown>;
  const extra = Object.keys(fields).find((key) => key !== 'position' && key !== 'scenario');
  if (extra !== undefined) return problem(`unknown field "${extra.slice(0, 40)}"`);
  const { position, scenario } = fields;
  if (position !== null && !(Number.isSafeInteger(position) && (position as number) >= 0)) {
    return { ok: false, message: 'link.position: expected a step number (an integer ≥ 0) or null' };
  }
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) {
    return { ok: false, message: 'link.scenario: expected a scenario object' };
  }
  return { ok: true, value: { scenario: JSON.stringify(scenario), position: position as number | null } };
}

/** Pushes bytes through a (de)compression stream, stopping once the output passes `limit` bytes. */
async function squeeze(input: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream, limit: number): Promise<Checked<Uint8Array>> {
  const writer = stream.writable.getWriter();
  // The writer's promises reject when the stream errors; the reader below reports it.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, message: tooLarge() };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, message: 'the data is damaged (not deflate-raw)' };
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, value: out };
}
