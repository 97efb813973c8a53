// Raw-pointer kernels for bitmaps and byte ranges. The JS side owns allocation and checks every
// argument; these functions trust their inputs and never allocate. A bitmap is an array of u64
// words at an 8-byte-aligned address; bits past the bitmap's size are kept zero by the caller.
// Bit indexes are u32 (the JS side limits bitmaps to 2^31 bits); "none found" is `size`.

const ALL: u64 = 0xFFFF_FFFF_FFFF_FFFF;

// @ts-ignore: decorator
@inline function wordAt(words: usize, index: u32): usize {
  return words + (usize(index) << 3);
}

// @ts-ignore: decorator
@inline function lowMask(from: u32): u64 {
  return ALL << u64(from & 63); // bits >= from within its word
}

// @ts-ignore: decorator
@inline function highMask(to: u32): u64 {
  return ALL >> u64(63 - ((to - 1) & 63)); // bits < to within the word of bit to - 1
}

/** Address where free memory starts (after static data); the allocator manages everything above. */
export function heapBase(): usize {
  return __heap_base;
}

/** Sets bits [from, to) of the bitmap at `words`. */
export function bitmapSetRange(words: usize, from: u32, to: u32): void {
  if (from >= to) return;
  const first = from >> 6;
  const last = (to - 1) >> 6;
  if (first == last) {
    const p = wordAt(words, first);
    store<u64>(p, load<u64>(p) | (lowMask(from) & highMask(to)));
    return;
  }
  const p = wordAt(words, first);
  store<u64>(p, load<u64>(p) | lowMask(from));
  memory.fill(wordAt(words, first + 1), 0xFF, usize(last - first - 1) << 3);
  const q = wordAt(words, last);
  store<u64>(q, load<u64>(q) | highMask(to));
}

/** Clears bits [from, to) of the bitmap at `words`. */
export function bitmapClearRange(words: usize, from: u32, to: u32): void {
  if (from >= to) return;
  const first = from >> 6;
  const last = (to - 1) >> 6;
  if (first == last) {
    const p = wordAt(words, first);
    store<u64>(p, load<u64>(p) & ~(lowMask(from) & highMask(to)));
    return;
  }
  const p = wordAt(words, first);
  store<u64>(p, load<u64>(p) & ~lowMask(from));
  memory.fill(wordAt(words, first + 1), 0, usize(last - first - 1) << 3);
  const q = wordAt(words, last);
  store<u64>(q, load<u64>(q) & ~highMask(to));
}

/** 1 when bit `index` is set, else 0. */
export function bitmapTest(words: usize, index: u32): bool {
  return ((load<u64>(wordAt(words, index >> 6)) >> u64(index & 63)) & 1) != 0;
}

// Popcount of `count` whole words; SIMD over pairs because it is the hot path of progress counters.
// Offsets, not end pointers: a block may end exactly at the 4 GiB top of memory.
function countWords(words: usize, count: u32): u32 {
  let acc = i32x4.splat(0);
  const pairs = count >> 1;
  for (let i: u32 = 0; i < pairs; i++) {
    const bytes = i8x16.popcnt(v128.load(words + (usize(i) << 4)));
    acc = i32x4.add(acc, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(bytes)));
  }
  let total = u32(i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1))
    + u32(i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3));
  if (count & 1) total += u32(popcnt<u64>(load<u64>(wordAt(words, count - 1))));
  return total;
}

/** Number of set bits in the first `wordCount` words. */
export function bitmapCount(words: usize, wordCount: u32): u32 {
  return countWords(words, wordCount);
}

/** Number of set bits in [from, to). */
export function bitmapCountRange(words: usize, from: u32, to: u32): u32 {
  if (from >= to) return 0;
  const first = from >> 6;
  const last = (to - 1) >> 6;
  if (first == last) {
    return u32(popcnt<u64>(load<u64>(wordAt(words, first)) & lowMask(from) & highMask(to)));
  }
  let total = u32(popcnt<u64>(load<u64>(wordAt(words, first)) & lowMask(from)));
  total += countWords(wordAt(words, first + 1), last - first - 1);
  total += u32(popcnt<u64>(load<u64>(wordAt(words, last)) & highMask(to)));
  return total;
}

/** First set bit at index >= from and < size, or `size` when there is none. */
export function bitmapFindNextSet(words: usize, size: u32, from: u32): u32 {
  if (from >= size) return size;
  const last = (size - 1) >> 6;
  let index = from >> 6;
  let word = load<u64>(wordAt(words, index)) & lowMask(from);
  while (word == 0) {
    if (++index > last) return size;
    word = load<u64>(wordAt(words, index));
  }
  const bit = (index << 6) + u32(ctz<u64>(word));
  return bit < size ? bit : size;
}

/** First clear bit at index >= from and < size, or `size` when there is none. */
export function bitmapFindNextClear(words: usize, size: u32, from: u32): u32 {
  if (from >= size) return size;
  const last = (size - 1) >> 6;
  let index = from >> 6;
  let word = ~load<u64>(wordAt(words, index)) & lowMask(from);
  while (word == 0) {
    if (++index > last) return size;
    word = ~load<u64>(wordAt(words, index));
  }
  // Bits past size are zero, so their complement is set: clamp instead of masking the last word.
  const bit = (index << 6) + u32(ctz<u64>(word));
  return bit < size ? bit : size;
}

/** Copies `length` bytes from `src` to `dst`; the ranges may overlap. */
export function bytesMove(dst: usize, src: usize, length: usize): void {
  memory.copy(dst, src, length);
}

/** Sets `length` bytes at `dst` to `value`. */
export function bytesFill(dst: usize, value: u8, length: usize): void {
  memory.fill(dst, value, length);
}

/** True when the `length` bytes at `a` and at `b` are equal. */
export function bytesEqual(a: usize, b: usize, length: usize): bool {
  let i: usize = 0;
  const wide = length & ~usize(15);
  while (i < wide) {
    if (!v128.all_true<u8>(v128.eq<u8>(v128.load(a + i), v128.load(b + i)))) return false;
    i += 16;
  }
  while (i < length) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
    i++;
  }
  return true;
}

const P1: u32 = 2654435761;
const P2: u32 = 2246822519;
const P3: u32 = 3266489917;
const P4: u32 = 668265263;
const P5: u32 = 374761393;

// @ts-ignore: decorator
@inline function round(acc: u32, lane: u32): u32 {
  return rotl<u32>(acc + lane * P2, 13) * P1;
}

/** xxHash32 with seed 0 of the `length` bytes at `ptr`. */
export function xxh32(ptr: usize, length: usize): u32 {
  let i: usize = 0;
  let h: u32;
  if (length >= 16) {
    let v1: u32 = P1 + P2;
    let v2: u32 = P2;
    let v3: u32 = 0;
    let v4: u32 = 0 - P1;
    const stripes = length & ~usize(15);
    while (i < stripes) {
      const p = ptr + i;
      v1 = round(v1, load<u32>(p));
      v2 = round(v2, load<u32>(p, 4));
      v3 = round(v3, load<u32>(p, 8));
      v4 = round(v4, load<u32>(p, 12));
      i += 16;
    }
    h = rotl<u32>(v1, 1) + rotl<u32>(v2, 7) + rotl<u32>(v3, 12) + rotl<u32>(v4, 18);
  } else {
    h = P5;
  }
  h += u32(length);
  while (length - i >= 4) {
    h = rotl<u32>(h + load<u32>(ptr + i) * P3, 17) * P4;
    i += 4;
  }
  while (i < length) {
    h = rotl<u32>(h + u32(load<u8>(ptr + i)) * P5, 11) * P1;
    i++;
  }
  h ^= h >> 15;
  h *= P2;
  h ^= h >> 13;
  h *= P3;
  h ^= h >> 16;
  return h;
}
