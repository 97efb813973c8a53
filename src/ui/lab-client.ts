/** The page's handle on the lab worker: a typed comlink proxy of its API, and the worker to end it. */
import * as Comlink from 'comlink';
import type { LabApi, LabWorkerApi } from '../worker/api.ts';

/** A running lab worker and its API. */
export interface LabWorker {
  readonly api: Comlink.Remote<LabWorkerApi>;
  readonly worker: Worker;
}

/** Where the lab keeps its disks: IndexedDB (the default) or the Origin Private File System (`?store=opfs`). */
export function chosenStore(): 'idb' | 'opfs' {
  return new URLSearchParams(location.search).get('store') === 'opfs' ? 'opfs' : 'idb';
}

/** Starts a lab worker (it opens its store at once); the worker learns the store from its name. */
export function startLabWorker(): LabWorker {
  const worker = new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: `storage-lab:${chosenStore()}` });
  return { api: Comlink.wrap<LabWorkerApi>(worker), worker };
}

/** Starts the lab worker and returns its API. */
export function connectLab(): Comlink.Remote<LabApi> {
  return startLabWorker().api;
}
