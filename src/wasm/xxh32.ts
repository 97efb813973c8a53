const P1 = 2654435761;
const P2 = 2246822519;
const P3 = 3266489917;
const P4 = 668265263;
const P5 = 374761393;

// Math.imul and >>> 0 keep every step in unsigned 32-bit arithmetic, as the C reference does.
function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl((acc + Math.imul(lane, P2)) >>> 0, 13), P1) >>> 0;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/** xxHash32 with seed 0 of `bytes`, as an unsigned 32-bit integer (plain TypeScript reference). */
export function xxh32(bytes: Uint8Array): number {
  const length = bytes.length;
  let i = 0;
  let h: number;
  if (length >= 16) {
    let v1 = (P1 + P2) >>> 0;
    let v2 = P2;
    let v3 = 0;
    let v4 = (0 - P1) >>> 0;
    for (; i + 16 <= length; i += 16) {
      v1 = round(v1, readU32(bytes, i));
      v2 = round(v2, readU32(bytes, i + 4));
      v3 = round(v3, readU32(bytes, i + 8));
      v4 = round(v4, readU32(bytes, i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else {
    h = P5;
  }
  h = (h + length) >>> 0;
  for (; i + 4 <= length; i += 4) {
    h = Math.imul(rotl((h + Math.imul(readU32(bytes, i), P3)) >>> 0, 17), P4) >>> 0;
  }
  for (; i < length; i++) {
    h = Math.imul(rotl((h + Math.imul(bytes[i], P5)) >>> 0, 11), P1) >>> 0;
  }
  h = Math.imul(h ^ (h >>> 15), P2);
  h = Math.imul(h ^ (h >>> 13), P3);
  return (h ^ (h >>> 16)) >>> 0;
}
