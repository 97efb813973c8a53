import type { BitmapId, BufferId, Kernel } from '../core/ports.ts';
import { FirstFitAllocator } from './first-fit-allocator.ts';
import { kernelExports, type KernelExports } from './kernel-exports.ts';
import {
  HandleTable, MAX_BITMAP_BITS, MAX_BUFFER_BYTES, checkByte, checkCount, checkImportLength,
  checkIndex, checkRange, checkSpan, checkStart,
} from './kernel-checks.ts';

const PAGE = 65536;
const MAX_PAGES = 65536;
// Grow by at least 1 MiB so that many small allocations do not each pay for a grow.
const MIN_GROW_PAGES = 16;

interface Bitmap { ptr: number; bits: number; words: number }
interface BufferBlock { ptr: number; bytes: number }

/** Compiles kernel.wasm bytes (Node; in the browser prefer WebAssembly.compileStreaming). */
export function compileKernel(bytes: BufferSource): Promise<WebAssembly.Module> {
  return WebAssembly.compile(bytes);
}

/** The Kernel over the AssemblyScript exports; it owns the wasm memory and its allocator. */
export class WasmKernel implements Kernel {
  private readonly handles = new HandleTable<Bitmap, BufferBlock>();
  private readonly allocator: FirstFitAllocator;
  private heap: Uint8Array;

  private constructor(private readonly wasm: KernelExports) {
    this.heap = new Uint8Array(wasm.memory.buffer);
    this.allocator = new FirstFitAllocator(wasm.heapBase() >>> 0, this.heap.byteLength);
  }

  /** Instantiates the compiled kernel (it has no imports) and takes over its memory. */
  static async create(module: WebAssembly.Module): Promise<WasmKernel> {
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmKernel(kernelExports(instance));
  }

  /** Bytes of wasm memory (for diagnostics and tests of growth). */
  get memoryBytes(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  createBitmap(bits: number): BitmapId {
    checkCount('bitmap size', bits, MAX_BITMAP_BITS);
    const words = Math.ceil(bits / 64);
    return this.handles.addBitmap({ ptr: this.allocateZeroed(words * 8), bits, words });
  }

  freeBitmap(id: BitmapId): void {
    this.allocator.release(this.handles.removeBitmap(id).ptr);
  }

  bitmapSize(id: BitmapId): number {
    return this.handles.bitmap(id).bits;
  }

  setRange(id: BitmapId, from: number, to: number): void {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    this.wasm.bitmapSetRange(bitmap.ptr, from, to);
  }

  clearRange(id: BitmapId, from: number, to: number): void {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    this.wasm.bitmapClearRange(bitmap.ptr, from, to);
  }

  testBit(id: BitmapId, index: number): boolean {
    const bitmap = this.handles.bitmap(id);
    checkIndex(index, bitmap.bits);
    return this.wasm.bitmapTest(bitmap.ptr, index) !== 0;
  }

  countSet(id: BitmapId): number {
    const bitmap = this.handles.bitmap(id);
    return this.wasm.bitmapCount(bitmap.ptr, bitmap.words) >>> 0;
  }

  countSetRange(id: BitmapId, from: number, to: number): number {
    const bitmap = this.handles.bitmap(id);
    checkRange(from, to, bitmap.bits);
    return this.wasm.bitmapCountRange(bitmap.ptr, from, to) >>> 0;
  }

  findNextSet(id: BitmapId, from: number): number {
    const bitmap = this.handles.bitmap(id);
    checkStart(from);
    if (from >= bitmap.bits) return -1;
    const found = this.wasm.bitmapFindNextSet(bitmap.ptr, bitmap.bits, from) >>> 0;
    return found === bitmap.bits ? -1 : found;
  }

  findNextClear(id: BitmapId, from: number): number {
    const bitmap = this.handles.bitmap(id);
    checkStart(from);
    if (from >= bitmap.bits) return -1;
    const found = this.wasm.bitmapFindNextClear(bitmap.ptr, bitmap.bits, from) >>> 0;
    return found === bitmap.bits ? -1 : found;
  }

  exportBitmap(id: BitmapId): Uint8Array {
    const bitmap = this.handles.bitmap(id);
    return this.heap.slice(bitmap.ptr, bitmap.ptr + Math.ceil(bitmap.bits / 8));
  }

  importBitmap(id: BitmapId, bytes: Uint8Array): void {
    const bitmap = this.handles.bitmap(id);
    checkImportLength(bytes, bitmap.bits);
    this.heap.set(bytes, bitmap.ptr);
    // Kernels rely on bits past the size being zero (counts, find-next-clear), and so does export.
    this.wasm.bitmapClearRange(bitmap.ptr, bitmap.bits, bitmap.words * 64);
  }

  createBuffer(bytes: number): BufferId {
    checkCount('buffer size', bytes, MAX_BUFFER_BYTES);
    return this.handles.addBuffer({ ptr: this.allocateZeroed(bytes), bytes });
  }

  freeBuffer(id: BufferId): void {
    this.allocator.release(this.handles.removeBuffer(id).ptr);
  }

  bufferSize(id: BufferId): number {
    return this.handles.buffer(id).bytes;
  }

  bufferView(id: BufferId): Uint8Array {
    const buffer = this.handles.buffer(id);
    return new Uint8Array(this.wasm.memory.buffer, buffer.ptr, buffer.bytes);
  }

  writeBytes(id: BufferId, offset: number, bytes: Uint8Array): void {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, bytes.length, buffer.bytes);
    this.heap.set(bytes, buffer.ptr + offset);
  }

  readBytes(id: BufferId, offset: number, length: number): Uint8Array {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.bytes);
    return this.heap.slice(buffer.ptr + offset, buffer.ptr + offset + length);
  }

  moveBytes(dst: BufferId, dstOffset: number, src: BufferId, srcOffset: number, length: number): void {
    const to = this.handles.buffer(dst);
    const from = this.handles.buffer(src);
    checkSpan(dstOffset, length, to.bytes);
    checkSpan(srcOffset, length, from.bytes);
    this.wasm.bytesMove(to.ptr + dstOffset, from.ptr + srcOffset, length);
  }

  fillBytes(id: BufferId, offset: number, length: number, value: number): void {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.bytes);
    checkByte(value);
    this.wasm.bytesFill(buffer.ptr + offset, value, length);
  }

  checksum(id: BufferId, offset: number, length: number): number {
    const buffer = this.handles.buffer(id);
    checkSpan(offset, length, buffer.bytes);
    return this.wasm.xxh32(buffer.ptr + offset, length) >>> 0;
  }

  equalBytes(a: BufferId, aOffset: number, b: BufferId, bOffset: number, length: number): boolean {
    const left = this.handles.buffer(a);
    const right = this.handles.buffer(b);
    checkSpan(aOffset, length, left.bytes);
    checkSpan(bOffset, length, right.bytes);
    return this.wasm.bytesEqual(left.ptr + aOffset, right.ptr + bOffset, length) !== 0;
  }

  // Reused memory holds old data, so every new block is zeroed by the kernel, not by JS.
  private allocateZeroed(bytes: number): number {
    let ptr = this.allocator.allocate(bytes);
    if (ptr === undefined) {
      this.grow(this.allocator.requiredEnd(bytes));
      ptr = this.allocator.allocate(bytes);
      if (ptr === undefined) throw new RangeError(`kernel allocator failed for ${bytes} bytes after growing`);
    }
    this.wasm.bytesFill(ptr, 0, this.allocator.blockSize(ptr));
    return ptr;
  }

  private grow(requiredEnd: number): void {
    const current = this.wasm.memory.buffer.byteLength / PAGE;
    const needed = Math.ceil(requiredEnd / PAGE) - current;
    if (current + needed > MAX_PAGES) {
      throw new RangeError(`kernel memory cannot reach ${requiredEnd} bytes (limit 4 GiB)`);
    }
    try {
      this.wasm.memory.grow(Math.min(Math.max(needed, MIN_GROW_PAGES), MAX_PAGES - current));
    } catch {
      try {
        this.wasm.memory.grow(needed);
      } catch {
        throw new RangeError(`kernel memory cannot grow by ${needed} pages (${requiredEnd} bytes needed)`);
      }
    }
    // Growing detaches the old ArrayBuffer: every cached view must be rebuilt from the new one.
    this.heap = new Uint8Array(this.wasm.memory.buffer);
    this.allocator.extend(this.heap.byteLength);
  }
}
