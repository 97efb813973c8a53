/** base64url without padding (RFC 4648 §5), with decode errors that say which character is wrong. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map<string, number>([...ALPHABET].map((char, i) => [char, i]));

/** The bytes as base64url text, no padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (b1 !== undefined) out += ALPHABET[(n >> 6) & 63]!;
    if (b2 !== undefined) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** The bytes of base64url text, or a problem naming the first bad character (1-based). */
export function fromBase64Url(text: string): { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; message: string } {
  for (let i = 0; i < text.length; i++) {
    if (!VALUE.has(text[i]!)) return { ok: false, message: `not base64url at character ${i + 1}` };
  }
  // One character past a multiple of four carries only 6 bits: never the end of whole bytes.
  if (text.length % 4 === 1) return { ok: false, message: `the data is cut short (${text.length} characters)` };
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let filled = 0;
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (VALUE.get(chunk[j] ?? 'A') ?? 0);
    const parts = [(n >> 16) & 255, (n >> 8) & 255, n & 255].slice(0, chunk.length - 1);
    bytes.set(parts, filled);
    filled += parts.length;
  }
  return { ok: true, bytes };
}
