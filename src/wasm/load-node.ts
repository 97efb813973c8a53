import { readFile } from 'node:fs/promises';
import { WasmKernel, compileKernel } from './wasm-kernel.ts';

/** Where `npm run build:wasm` writes the kernel, resolved from this file so any cwd works. */
export const DEFAULT_KERNEL_PATH = new URL('../../build/kernel.wasm', import.meta.url);

/** Reads, compiles and instantiates kernel.wasm in Node (run `npm run build:wasm` first). */
export async function loadKernelFromFile(path: string | URL = DEFAULT_KERNEL_PATH): Promise<WasmKernel> {
  const bytes = await readFile(path);
  return WasmKernel.create(await compileKernel(bytes));
}
