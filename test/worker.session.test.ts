/**
 * The worker's side of handing the lab to another tab (src/worker/lab-session.ts), over the real
 * engine and IndexedDB store (fake-indexeddb): suspend finishes what was asked, pauses the driver
 * and the workload, closes the database and refuses later calls; another tab's newer schema closes
 * the store and the page hears why.
 */
import { SCHEMA_VERSION } from '../src/storage/idb-schema.ts';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { sessionApi } from '../src/worker/lab-session.ts';

const BLOCK = 512;
let dbCounter = 0;

async function openSession(name = `session-${dbCounter++}`) {
  const kernel = await loadKernelFromFile();
  const store = await IdbStore.open(name, kernel);
  const engine = await Engine.open(kernel, store);
  const service = new LabService(engine);
  return { name, kernel, store, service, api: sessionApi(service, store) };
}

describe('suspending the lab for another tab', () => {
  it('finishes every write already asked for, then closes the database; later calls change nothing', async () => {
    const { name, kernel, service, api } = await openSession();
    await api.createDisk({ name: 'SRC', blocks: 64, blockSize: BLOCK, fill: { kind: 'zero' } });
    await api.setWorkload({ running: true, disk: 'SRC', pattern: 'sequential', ratePerSecond: 1000 });
    service.driver.start();
    // Writes in flight when the handover starts: each is either acknowledged (and stored) or refused.
    const writes = Array.from({ length: 20 }, (_, i) => api.write('SRC', [i], new Uint8Array(BLOCK).fill(i + 1)));
    const suspended = api.suspend();
    const late = api.write('SRC', [30], new Uint8Array(BLOCK).fill(99));
    expect((await suspended).ok).toBe(true);
    const results = await Promise.all(writes);
    expect(results.every((result) => result.ok)).toBe(true);
    const refused = await late;
    expect(refused.ok ? 'ok' : `${refused.code} ${refused.message}`).toBe('STORAGE_ERROR the lab moved to another tab: nothing was changed in this tab');
    expect(await api.frame(-1, -1)).toBeNull();
    expect(service.workload.state.running).toBe(false);
    expect(await api.storageLost()).toBe('the lab moved to another tab');

    // The next tab sees every acknowledged write and nothing after.
    const next = await Engine.open(kernel, await IdbStore.open(name, kernel));
    const read = await next.readRaw('SRC', 0, 31);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    for (let block = 0; block < 20; block++) expect(read.value[block * BLOCK]).toBe(block + 1);
    expect(read.value[30 * BLOCK]).not.toBe(99);
  });

  it('settles a second suspend like the first', async () => {
    const { api } = await openSession();
    const [first, second] = await Promise.all([api.suspend(), api.suspend()]);
    expect(first).toEqual(second);
    expect(first.ok).toBe(true);
  });
});

describe('another tab upgrading the database', () => {
  it('closes this tab\'s store, pauses its driver and tells the page why', async () => {
    const { name, api } = await openSession();
    await api.createDisk({ name: 'SRC', blocks: 8, blockSize: BLOCK, fill: { kind: 'zero' } });
    const upgraded = await new Promise<number>((resolve, reject) => {
      const request = indexedDB.open(name, SCHEMA_VERSION + 1);
      request.onsuccess = () => {
        request.result.close();
        resolve(request.result.version);
      };
      request.onerror = () => reject(request.error);
    });
    expect(upgraded).toBe(SCHEMA_VERSION + 1);
    expect(await api.storageLost()).toBe('another tab opened a newer version of the database');
    const refused = await api.createDisk({ name: 'TGT', blocks: 8, blockSize: BLOCK, fill: { kind: 'zero' } });
    expect(refused.ok ? 'ok' : refused.code).toBe('STORAGE_ERROR');
  });
});
