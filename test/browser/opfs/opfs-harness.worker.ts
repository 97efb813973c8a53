/**
 * The harness worker: registers the suite the page asks for against OpfsStore on the real OPFS
 * with the wasm kernel ('store': the BlockStore contract, test/storage.contract.ts unchanged with
 * its 'vitest' import aliased to vitest-shim.ts, the engine case and the journal crash cases;
 * 'corruption': the checksum cases), runs the cases one by one, and posts each outcome to the page.
 */
import type { BlockStore } from '../../../src/core/ports.ts';
import { MemoryStore } from '../../../src/storage/memory-store.ts';
import { opfsDirectory, removeOpfsStore } from '../../../src/storage/opfs-files.ts';
import { OpfsStore, type OpfsStoreOptions } from '../../../src/storage/opfs-store.ts';
import { loadKernelInBrowser } from '../../../src/wasm/load-browser.ts';
import { ReferenceKernel } from '../../../src/wasm/reference-kernel.ts';
import { storeContract } from '../../storage.contract.ts';
import type { CaseResult, HarnessMessage, StartMessage } from './harness-types.ts';
import { opfsCorruptionCases } from './opfs-corruption.cases.ts';
import { opfsCrashCases } from './opfs-crash.cases.ts';
import { opfsEngineCases } from './opfs-engine.cases.ts';
import { measureThroughput } from './opfs-throughput.ts';
import { caseContext, describe, expect, it, registeredCases, Skipped } from './vitest-shim.ts';

/** storage.model.ts compares bytes with Node's Buffer.compare; the worker gets that one function. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}
if (!('Buffer' in globalThis)) Object.defineProperty(globalThis, 'Buffer', { value: { compare: compareBytes } });

const CASE_TIMEOUT_MS = 60_000;
const post = (message: HarnessMessage): void => postMessage(message);

// Listen before the first await: a message that arrives while no listener exists is lost.
const started = new Promise<StartMessage>((resolve) => addEventListener('message', (e: MessageEvent<StartMessage>) => resolve(e.data), { once: true }));
const kernel = await loadKernelInBrowser();
const run = `${Date.now().toString(36)}`;
let stores = 0;
/** Names and open stores of the current case, closed and deleted after it. */
const names: string[] = [];
const open: BlockStore[] = [];

function freshName(): string {
  const name = `opfs-harness-${run}-${++stores}`;
  names.push(name);
  return name;
}

async function openStore(name: string, options?: OpfsStoreOptions): Promise<OpfsStore> {
  const store = await OpfsStore.open(name, kernel, options);
  open.push(store);
  return store;
}

const start = await started;
const crashHarness = {
  directory: (name: string) => opfsDirectory(name),
  open: openStore,
  freshName,
  makeModel: () => new MemoryStore(new ReferenceKernel()),
};
if (start.suite === 'corruption') {
  opfsCorruptionCases(kernel, crashHarness);
} else {
  storeContract('OpfsStore (OPFS, wasm kernel)', async (options) => {
    const name = freshName();
    return { store: await openStore(name, options), reopen: () => openStore(name, options) };
  });
  opfsEngineCases(kernel, (name) => openStore(name), freshName);
  opfsCrashCases(crashHarness);
}

async function cleanUp(): Promise<void> {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  for (const name of names.splice(0)) await removeOpfsStore(name);
}

async function runCase(name: string, body: () => unknown): Promise<CaseResult> {
  const began = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(body), timeout]);
    return { name, status: 'passed', ms: performance.now() - began };
  } catch (error) {
    if (error instanceof Skipped) return { name, status: 'skipped', ms: performance.now() - began };
    const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    return { name, status: 'failed', ms: performance.now() - began, error: text.slice(0, 4000) };
  } finally {
    clearTimeout(timer);
    await cleanUp();
  }
}

describe('the harness', () => {
  it('fails a case on a mismatch, as vitest does', async () => {
    const failed = (assertion: () => unknown): Promise<boolean> => Promise.resolve().then(assertion).then(() => false, () => true);
    const outcomes = [
      await failed(() => expect(Uint8Array.of(1, 2)).toEqual(Uint8Array.of(1, 3))),
      await failed(() => expect({ a: [1, { b: 2 }] }).toEqual({ a: [1, { b: 3 }] })),
      await failed(() => expect(Promise.resolve(1)).rejects.toThrow()),
      await failed(() => expect(Promise.reject(new Error('x'))).rejects.toThrow(/y/)),
      await failed(() => expect({ a: 1, b: undefined }).toEqual({ a: 1 })),
    ];
    if (outcomes.join() !== 'true,true,true,true,false') throw new Error(`expect is not vitest's: ${outcomes.join()}`);
  });
});

try {
  const cases = registeredCases();
  for (const c of cases) post({ type: 'case', result: await runCase(c.name, () => c.run(caseContext())) });
  const mib = start.throughputMiB;
  if (mib > 0) post({ type: 'throughput', throughput: await measureThroughput(kernel, freshName, mib) });
  await cleanUp();
  post({ type: 'done', registered: cases.length });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
