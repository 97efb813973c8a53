/**
 * Argument checks and handle bookkeeping shared by both kernels, so that they reject exactly the
 * same calls. A rejected call is a programming bug, hence a RangeError rather than a result.
 */

/** Largest bitmap: bit indexes cross into wasm as u32, and 2^31 keeps every sum below 2^32. */
export const MAX_BITMAP_BITS = 2 ** 31;
/** Largest buffer: the whole 32-bit address space (memory growth fails well before it). */
export const MAX_BUFFER_BYTES = 2 ** 32;

/** Throws unless `value` is an integer in [0, max]. */
export function checkCount(what: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer in [0, ${max}], got ${value}`);
  }
}

/** Throws unless 0 <= from <= to <= size (all integers). */
export function checkRange(from: number, to: number, size: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > size) {
    throw new RangeError(`range [${from}, ${to}) is not within [0, ${size})`);
  }
}

/** Throws unless `index` is an integer in [0, size). */
export function checkIndex(index: number, size: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`bit index ${index} is not within [0, ${size})`);
  }
}

/** Throws unless [offset, offset + length) lies inside a buffer of `size` bytes. */
export function checkSpan(offset: number, length: number, size: number): void {
  const ok = Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0;
  if (!ok || offset + length > size) {
    throw new RangeError(`byte span ${offset} + ${length} is not within a buffer of ${size} bytes`);
  }
}

/** Throws unless `value` is a byte (integer in [0, 255]). */
export function checkByte(value: number): void {
  checkCount('fill value', value, 255);
}

/** Throws unless `from` is a non-negative integer (it may lie past the end: nothing is found). */
export function checkStart(from: number): void {
  if (!Number.isInteger(from) || from < 0) throw new RangeError(`search start ${from} must be an integer >= 0`);
}

/** Throws unless an imported bitmap has exactly the exported length for `bits` bits. */
export function checkImportLength(bytes: Uint8Array, bits: number): void {
  const expected = Math.ceil(bits / 8);
  if (bytes.length !== expected) {
    throw new RangeError(`a bitmap of ${bits} bits imports ${expected} bytes, got ${bytes.length}`);
  }
}

/**
 * Live handles of one kernel. Bitmaps and buffers draw ids from one counter and ids are never
 * reused, so a freed handle, or a buffer handle passed as a bitmap, is always caught.
 */
export class HandleTable<B, F> {
  private nextId = 1;
  private readonly bitmaps = new Map<number, B>();
  private readonly buffers = new Map<number, F>();

  /** Registers a bitmap and returns its new id. */
  addBitmap(bitmap: B): number {
    const id = this.nextId++;
    this.bitmaps.set(id, bitmap);
    return id;
  }

  /** Registers a buffer and returns its new id. */
  addBuffer(buffer: F): number {
    const id = this.nextId++;
    this.buffers.set(id, buffer);
    return id;
  }

  /** The live bitmap `id`; throws a RangeError for any other id. */
  bitmap(id: number): B {
    const bitmap = this.bitmaps.get(id);
    if (bitmap === undefined) throw new RangeError(`${id} is not a live bitmap handle`);
    return bitmap;
  }

  /** The live buffer `id`; throws a RangeError for any other id. */
  buffer(id: number): F {
    const buffer = this.buffers.get(id);
    if (buffer === undefined) throw new RangeError(`${id} is not a live buffer handle`);
    return buffer;
  }

  /** Forgets bitmap `id` and returns what it held. */
  removeBitmap(id: number): B {
    const bitmap = this.bitmap(id);
    this.bitmaps.delete(id);
    return bitmap;
  }

  /** Forgets buffer `id` and returns what it held. */
  removeBuffer(id: number): F {
    const buffer = this.buffer(id);
    this.buffers.delete(id);
    return buffer;
  }
}
