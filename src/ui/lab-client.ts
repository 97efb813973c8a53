/** The page's handle on the lab worker: a typed comlink proxy of its API, and the worker to end it. */
import * as Comlink from 'comlink';
import type { LabApi, LabWorkerApi } from '../worker/api.ts';

/** A running lab worker and its API. */
export interface LabWorker {
  readonly api: Comlink.Remote<LabWorkerApi>;
  readonly worker: Worker;
}

/** Starts a lab worker (it opens the database at once). */
export function startLabWorker(): LabWorker {
  const worker = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: 'storage-lab' });
  return { api: Comlink.wrap<LabWorkerApi>(worker), worker };
}

/** Starts the lab worker and returns its API. */
export function connectLab(): Comlink.Remote<LabApi> {
  return startLabWorker().api;
}
