/**
 * The lab's Web Worker, the composition root in the browser: the wasm kernel, the IndexedDB
 * store, the engine and its copier driver, exposed to the page through comlink.
 */
import * as Comlink from 'comlink';
import { Engine } from '../core/engine.ts';
import { IdbStore } from '../storage/idb-store.ts';
import { OpfsStore } from '../storage/opfs-store.ts';
import { loadKernelInBrowser } from '../wasm/load-browser.ts';
import type { LabWorkerApi } from './api.ts';
import { API_METHODS } from './api-guard.ts';
import { StrategyComparer } from './compare.ts';
import { LabService } from './lab-service.ts';
import { sessionApi } from './lab-session.ts';
import { transferringApi, whenReady } from './transfer.ts';

/** Name of the lab's database. */
const DATABASE = 'storage-lab';
const RECENT_EVENTS = 500;

async function openLab(): Promise<LabWorkerApi> {
  const kernel = await loadKernelInBrowser();
  // The page names the worker `storage-lab:<store>`: a worker cannot see the page's address.
  const store = self.name.endsWith(':opfs') ? await OpfsStore.open(DATABASE, kernel) : await IdbStore.open(DATABASE, kernel);
  const engine = await Engine.open(kernel, store);
  const newest = engine.nextEventSeq;
  const recent = await store.readEvents(Math.max(0, newest - RECENT_EVENTS), RECENT_EVENTS);
  const service = new LabService(engine, recent);
  // Each comparison gets a kernel (and wasm memory) of its own, dropped when it is done.
  service.comparisons = new StrategyComparer(loadKernelInBrowser);
  service.driver.start();
  // Check every stored block once in the background, so damage is found even where nothing reads.
  void engine.scrub().catch((error: unknown) => console.warn('The scrub of the stored blocks stopped:', error));
  return sessionApi(service, store);
}

// Expose at once: a message that arrives while the worker is still starting would otherwise find
// no listener and be lost, and its caller would wait forever. Calls wait for the lab instead, and
// a failed start rejects every call with its reason.
Comlink.expose(transferringApi(whenReady(openLab(), [...API_METHODS, 'suspend', 'storageLost'])));
