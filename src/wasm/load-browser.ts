import kernelUrl from '../../build/kernel.wasm?url';
import { WasmKernel } from './wasm-kernel.ts';

/** Streams, compiles and instantiates the kernel.wasm that Vite serves or bundles. */
export async function loadKernelInBrowser(): Promise<WasmKernel> {
  return WasmKernel.create(await WebAssembly.compileStreaming(fetch(kernelUrl)));
}
