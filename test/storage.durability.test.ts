/**
 * The IndexedDB store's durability setting: every commit's transaction asks the browser to flush
 * before it completes ('strict', the default, so that a resolved commit is on disk), unless the
 * store was opened with 'relaxed'; a wrong setting is refused when the store opens.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { StoreOptions } from '../src/storage/commit-check.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, pattern } from './storage.model.ts';
import { transactionsOpened } from './support/idb-transactions.ts';

const BLOCK = 64;
let databases = 0;

/** The durabilities asked for by three commits (a disk, a host write, a copy) of a store opened with `options`. */
async function commitsOf(options: StoreOptions): Promise<Array<string | undefined>> {
  const store = await IdbStore.open(`durability-${++databases}-${Date.now()}`, new ReferenceKernel(), options);
  try {
    const opened = await transactionsOpened(async () => {
      await store.commit({ putDisks: [disk(1, 8, BLOCK)] });
      await store.commit({ ops: [{ kind: 'write', disk: 1, block: 3, data: pattern(BLOCK, 7) }] });
      await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 0, to: 1, toBlock: 4, count: 4 }] });
    });
    return opened.filter((t) => t.mode === 'readwrite').map((t) => t.durability);
  } finally {
    await store.close();
  }
}

describe('IdbStore durability', () => {
  it('opens every commit transaction strict by default', async () => {
    expect(await commitsOf({})).toEqual(['strict', 'strict', 'strict']);
  });

  it('opens them relaxed when asked to', async () => {
    expect(await commitsOf({ durability: 'relaxed' })).toEqual(['relaxed', 'relaxed', 'relaxed']);
  });

  it('refuses an unknown durability when the store opens', async () => {
    await expect(IdbStore.open(`durability-bad-${++databases}`, new ReferenceKernel(), { durability: 'lazy' as 'strict' })).rejects.toThrow(
      "durability must be 'strict' or 'relaxed', got lazy",
    );
  });
});
