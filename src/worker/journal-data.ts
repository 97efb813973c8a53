/**
 * Compact encodings of the journal's bytes: one block of write data as a scenario BlockData
 * ({byte} when all bytes are equal, {text} for zero-padded UTF-8, else zero-padded {hex}), and
 * loaded contents as base64 in their own attachment.
 */
import type { BlockData } from '../scenario/types.ts';
import { dataBytes } from '../scenario/validate-values.ts';
import type { JournalData } from './journal-types.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The shortest BlockData that `dataBytes(…, data.length)` turns back into exactly `data`. */
export function encodeBlockData(data: Uint8Array): BlockData {
  const first = data[0] ?? 0;
  if (data.every((b) => b === first)) return { byte: first };
  const used = withoutPadding(data);
  const text = utf8Text(used);
  if (text !== null) return { text };
  return { hex: Array.from(used, (b) => b.toString(16).padStart(2, '0')).join('') };
}

/** The bytes before the trailing zeros. */
function withoutPadding(data: Uint8Array): Uint8Array {
  let end = data.length;
  while (end > 0 && data[end - 1] === 0) end--;
  return data.subarray(0, end);
}

/** The text whose UTF-8 bytes are exactly `bytes` (no NUL inside, so that zero padding stays unambiguous), or null. */
function utf8Text(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    const text = decoder.decode(bytes);
    const again = encoder.encode(text);
    return again.length === bytes.length && again.every((b, i) => b === bytes[i]) ? text : null;
  } catch {
    return null;
  }
}

/** Write data for the journal: {byte} or {text} when that is exact, else a copy of the raw bytes. */
export function journalData(data: Uint8Array): JournalData {
  const first = data[0] ?? 0;
  if (data.every((b) => b === first)) return { byte: first };
  const text = utf8Text(withoutPadding(data));
  return text === null ? { bytes: data.slice() } : { text };
}

/** The bytes of one block of journal write data. */
export function journalBytes(data: JournalData, size: number): Uint8Array {
  return 'bytes' in data ? data.bytes : dataBytes(data, size);
}

/** Journal write data as a scenario BlockData (raw bytes become hex). */
export function scenarioData(data: JournalData): BlockData {
  return 'bytes' in data ? encodeBlockData(data.bytes) : data;
}

/** Base64 of bytes, in slices so that large contents do not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of a base64 text made by toBase64. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
