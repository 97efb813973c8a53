/** Typed view of the exports of build/kernel.wasm (assembly/index.ts); u32 results arrive as signed i32. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  bitmapSetRange(words: number, from: number, to: number): void;
  bitmapClearRange(words: number, from: number, to: number): void;
  bitmapTest(words: number, index: number): number;
  bitmapCount(words: number, wordCount: number): number;
  bitmapCountRange(words: number, from: number, to: number): number;
  bitmapFindNextSet(words: number, size: number, from: number): number;
  bitmapFindNextClear(words: number, size: number, from: number): number;
  bytesMove(dst: number, src: number, length: number): void;
  bytesFill(dst: number, value: number, length: number): void;
  bytesEqual(a: number, b: number, length: number): number;
  xxh32(ptr: number, length: number): number;
}

const FUNCTIONS = [
  'heapBase', 'bitmapSetRange', 'bitmapClearRange', 'bitmapTest', 'bitmapCount', 'bitmapCountRange',
  'bitmapFindNextSet', 'bitmapFindNextClear', 'bytesMove', 'bytesFill', 'bytesEqual', 'xxh32',
] as const;

/** The instance's exports, checked to be the kernel's (a stale or foreign .wasm fails here). */
export function kernelExports(instance: WebAssembly.Instance): KernelExports {
  const exports = instance.exports;
  for (const name of FUNCTIONS) {
    if (typeof exports[name] !== 'function') throw new Error(`kernel.wasm does not export ${name}()`);
  }
  if (!(exports.memory instanceof WebAssembly.Memory)) throw new Error('kernel.wasm does not export its memory');
  return exports as unknown as KernelExports;
}
