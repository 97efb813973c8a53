/** The page's handle on the lab worker: a typed comlink proxy of LabApi. */
import * as Comlink from 'comlink';
import type { LabApi } from '../worker/api.ts';

/** Starts the lab worker and returns its API. */
export function connectLab(): Comlink.Remote<LabApi> {
  const worker = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: 'storage-lab' });
  return Comlink.wrap<LabApi>(worker);
}
