/** The command line's composition: the engine over an in-memory store and the wasm kernel. */
import { Engine } from '../core/engine.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { loadKernelFromFile } from '../wasm/load-node.ts';

/** A fresh engine on an empty in-memory store, sharing one wasm kernel per process. */
export async function openMemoryEngine(options: { copyRate: number }): Promise<Engine> {
  const kernel = await loadKernelFromFile();
  return Engine.open(kernel, new MemoryStore(kernel), options);
}
