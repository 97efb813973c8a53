import type { BitmapId, BufferId, Kernel } from '../core/ports.ts';
import {
  HandleTable, MAX_BITMAP_BITS, MAX_BUFFER_BYTES, checkByte, checkCount, checkImportLength,
  checkIndex, checkRange, checkSpan, checkStart,
} from './kernel-checks.ts';
import { xxh32 } from './xxh32.ts';

/** A bitmap as its exported bytes: bit i is bit (i & 7) of byte (i >> 3). */
interface Bitmap { bits: number; bytes: Uint8Array }

/**
 * The Kernel in plain TypeScript, bit by bit and byte by byte: the oracle the wasm kernel is
 * tested against, and a fallback where wasm is unavailable. Same checks, same results.
 */
export class ReferenceKernel implements Kernel {
  private readonly handles = new HandleTable<Bitmap, Uint8Array>();

  createBitmap(bits: number): BitmapId {
    checkCount('bitmap size', bits, MAX_BITMAP_BITS);
    return this.handles.addBitmap({ bits, bytes: new Uint8Array(Math.ceil(bits / 8)) });
  }

  freeBitmap(id: BitmapId): void {
    this.handles.removeBitmap(id);
  }

  bitmapSize(id: BitmapId): number {
    return this.handles.bitmap(id).bits;
  }

  setRange(id: BitmapId, from: number, to: number): void {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    for (let i = from; i < to; i++) writeBit(bitmap, i, true);
  }

  clearRange(id: BitmapId, from: number, to: number): void {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    for (let i = from; i < to; i++) writeBit(bitmap, i, false);
  }

  testBit(id: BitmapId, index: number): boolean {
    const bitmap = this.handles.bitmap(id);
    checkIndex(index, bitmap.bits);
    return readBit(bitmap, index);
  }

  countSet(id: BitmapId): number {
    const bitmap = this.handles.bitmap(id);
    return this.countSetRange(id, 0, bitmap.bits);
  }

  countSetRange(id: BitmapId, from: number, to: number): number {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    let count = 0;
    for (let i = from; i < to; i++) if (readBit(bitmap, i)) count++;
    return count;
  }

  findNextSet(id: BitmapId, from: number): number {
    return this.findNext(id, from, true);
  }

  findNextClear(id: BitmapId, from: number): number {
    return this.findNext(id, from, false);
  }

  exportBitmap(id: BitmapId): Uint8Array {
    return this.handles.bitmap(id).bytes.slice();
  }

  importBitmap(id: BitmapId, bytes: Uint8Array): void {
    const bitmap = this.handles.bitmap(id);
    checkImportLength(bytes, bitmap.bits);
    bitmap.bytes.fill(0);
    for (let i = 0; i < bitmap.bits; i++) writeBit(bitmap, i, ((bytes[i >> 3] >> (i & 7)) & 1) === 1);
  }

  createBuffer(bytes: number): BufferId {
    checkCount('buffer size', bytes, MAX_BUFFER_BYTES);
    return this.handles.addBuffer(new Uint8Array(bytes));
  }

  freeBuffer(id: BufferId): void {
    this.handles.removeBuffer(id);
  }

  bufferSize(id: BufferId): number {
    return this.handles.buffer(id).length;
  }

  bufferView(id: BufferId): Uint8Array {
    return this.handles.buffer(id);
  }

  writeBytes(id: BufferId, offset: number, bytes: Uint8Array): void {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, bytes.length, buffer.length);
    const copy = bytes.slice();
    for (let i = 0; i < copy.length; i++) buffer[offset + i] = copy[i];
  }

  readBytes(id: BufferId, offset: number, length: number): Uint8Array {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.length);
    return buffer.slice(offset, offset + length);
  }

  moveBytes(dst: BufferId, dstOffset: number, src: BufferId, srcOffset: number, length: number): void {
    const to = this.handles.buffer(dst);
    const from = this.handles.buffer(src);
    checkSpan(dstOffset, length, to.length);
    checkSpan(srcOffset, length, from.length);
    // Copying out first makes overlapping moves within one buffer trivially right.
    const copy = from.slice(srcOffset, srcOffset + length);
    for (let i = 0; i < length; i++) to[dstOffset + i] = copy[i];
  }

  fillBytes(id: BufferId, offset: number, length: number, value: number): void {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.length);
    checkByte(value);
    for (let i = 0; i < length; i++) buffer[offset + i] = value;
  }

  checksum(id: BufferId, offset: number, length: number): number {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.length);
    return xxh32(buffer.subarray(offset, offset + length));
  }

  equalBytes(a: BufferId, aOffset: number, b: BufferId, bOffset: number, length: number): boolean {
    const left = this.handles.buffer(a);
    const right = this.handles.buffer(b);
    checkSpan(aOffset, length, left.length);
    checkSpan(bOffset, length, right.length);
    for (let i = 0; i < length; i++) if (left[aOffset + i] !== right[bOffset + i]) return false;
    return true;
  }

  private findNext(id: BitmapId, from: number, wanted: boolean): number {
    const bitmap = this.handles.bitmap(id);
    checkStart(from);
    for (let i = from; i < bitmap.bits; i++) if (readBit(bitmap, i) === wanted) return i;
    return -1;
  }
}

function readBit(bitmap: Bitmap, index: number): boolean {
  return ((bitmap.bytes[index >> 3] >> (index & 7)) & 1) === 1;
}

function writeBit(bitmap: Bitmap, index: number, value: boolean): void {
  const mask = 1 << (index & 7);
  if (value) bitmap.bytes[index >> 3] |= mask;
  else bitmap.bytes[index >> 3] &= ~mask;
}
