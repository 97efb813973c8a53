/**
 * Crash consistency of the OPFS store's journal: a commit is stopped after each stage (as if the
 * worker died there), the store is reopened, and it must show either everything before the commit
 * (stopped before its journal entry was complete) or everything after it, as a MemoryStore does.
 */
import { describe, expect, it } from 'vitest';
import type { BlockStore, StoreCommit } from '../../../src/core/ports.ts';
import { CRASH_STAGES, type CrashStage } from '../../../src/storage/opfs-apply.ts';
import type { FileDirectory } from '../../../src/storage/opfs-files.ts';
import type { OpfsStore, OpfsStoreOptions } from '../../../src/storage/opfs-store.ts';
import { LossyDirectory, type LossMode } from './lossy-files.ts';
import { disk, event, pattern, snapshot } from '../../storage.model.ts';

/** What the crash cases need from their environment (the browser's OPFS, or files in memory). */
export interface CrashHarness {
  /** The real directory of store `name`. */
  directory(name: string): Promise<FileDirectory>;
  /** Opens (or reopens) the OPFS store `name`; options.directory is always given. */
  open(name: string, options: OpfsStoreOptions): Promise<OpfsStore>;
  /** A store name no other case uses. */
  freshName(): string;
  /** An empty MemoryStore, the model. */
  makeModel(): BlockStore;
}

/** Stages after which the commit is already durable (its journal entry is complete). */
const DURABLE_FROM = CRASH_STAGES.indexOf('journaled');

const SETUP: StoreCommit[] = [
  {
    putDisks: [disk(1, 24, 64, { kind: 'index' }), disk(2, 8, 64, { kind: 'byte', value: 3 })],
    ops: [0, 5, 6, 23].map((block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) })),
    putRecords: [['r/1', 1], ['r/2', new Uint8Array([1, 2])], ['keep', 'x']],
    events: [event(0)],
  },
  { ops: [{ kind: 'copy', from: 1, fromBlock: 4, to: 2, toBlock: 1, count: 6 }], events: [event(1), event(2)] },
];

/** Touches everything a commit can: a new disk, a deleted one, records, overlapping copies, events. */
const CRASHING: StoreCommit = {
  putDisks: [disk(3, 10, 64, { kind: 'byte', value: 0xee })],
  deletePrefixes: ['r/'],
  putRecords: [['r/3', { nested: [1, new Uint8Array([9])] }], ['keep', 'y']],
  ops: [
    { kind: 'write', disk: 1, block: 7, data: pattern(64, 40) },
    { kind: 'copy', from: 1, fromBlock: 2, to: 3, toBlock: 0, count: 10 },
    { kind: 'copy', from: 1, fromBlock: 3, to: 1, toBlock: 9, count: 12 },
    { kind: 'write', disk: 3, block: 9, data: pattern(64, 41) },
    { kind: 'copy', from: 2, fromBlock: 0, to: 1, toBlock: 0, count: 4 },
  ],
  deleteDisks: [2],
  events: [event(3), event(4)],
};

const LATER: StoreCommit = {
  ops: [{ kind: 'copy', from: 3, fromBlock: 0, to: 1, toBlock: 20, count: 4 }, { kind: 'write', disk: 3, block: 0, data: pattern(64, 50) }],
  putRecords: [['later', true]],
  events: [event(9)],
};

/** Snapshots of a model store after each of `commits`, the first one before any. */
async function modelSnapshots(model: BlockStore, commits: readonly StoreCommit[]): Promise<unknown[]> {
  const out = [await snapshot(model)];
  for (const commit of commits) {
    await model.commit(commit);
    out.push(await snapshot(model));
  }
  return out;
}

/** A store on a lossy view of its directory whose crash hook fires at `stage` once `armed()` is true. */
async function openLossy(h: CrashHarness, name: string, stage: CrashStage, armed: () => boolean, options: OpfsStoreOptions = {}) {
  const lossy = new LossyDirectory(await h.directory(name));
  const crashAt = (s: CrashStage): boolean => {
    const hit = armed() && s === stage;
    if (hit) lossy.dying = true;
    return hit;
  };
  return { lossy, store: await h.open(name, { ...options, directory: lossy, crashAt }) };
}

/** Registers the crash cases, for each way unflushed writes may fare in the crash. */
export function opfsCrashCases(h: CrashHarness): void {
  const reopen = async (name: string): Promise<OpfsStore> => h.open(name, { directory: await h.directory(name) });
  for (const mode of ['kept', 'lost', 'some'] satisfies LossMode[]) {
    describe(`OpfsStore: a crash at any stage of a commit leaves all of it or none of it (unflushed writes ${mode})`, () => {
      CRASH_STAGES.forEach((stage, index) => {
        const durable = index >= DURABLE_FROM;
        it(`stopped after ${stage}: reopened, shows the state ${durable ? 'after' : 'before'} the commit`, async () => {
          const name = h.freshName();
          let armed = false;
          const checkpointBytes = stage.startsWith('checkpoint') ? 0 : undefined;
          const { lossy, store } = await openLossy(h, name, stage, () => armed, { blocksPerExtent: 4, checkpointBytes });
          for (const commit of SETUP) await store.commit(commit);
          const [, , before, after, later] = await modelSnapshots(h.makeModel(), [...SETUP, CRASHING, LATER]);
          armed = true;
          await expect(store.commit(CRASHING)).rejects.toThrow(`simulated crash after ${stage}`);
          await expect(store.load()).rejects.toThrow(/unavailable/);
          await lossy.crash(mode, index + 1);
          const again = await reopen(name);
          expect(await snapshot(again)).toEqual(durable ? after : before);
          if (!durable) await again.commit(CRASHING);
          await again.commit(LATER);
          expect(await snapshot(again)).toEqual(later);
          await again.close();
          const third = await reopen(name);
          expect(await snapshot(third)).toEqual(later);
          await third.close();
        });
      });

      it('replays several journal entries in order, dropping only a torn last one', async () => {
        const name = h.freshName();
        const commits: StoreCommit[] = [...SETUP, CRASHING, LATER];
        let done = 0;
        const { lossy, store } = await openLossy(h, name, 'journal-torn-data', () => done === commits.length - 1, { blocksPerExtent: 4 });
        for (const commit of commits.slice(0, -1)) {
          await store.commit(commit);
          done++;
        }
        await expect(store.commit(commits.at(-1)!)).rejects.toThrow(/simulated crash/);
        await lossy.crash(mode, 7);
        const states = await modelSnapshots(h.makeModel(), commits);
        const again = await reopen(name);
        expect(await snapshot(again)).toEqual(states[commits.length - 1]);
        await again.close();
      });

      for (const during of ['data-torn', 'checkpoint-torn', 'checkpoint-written'] satisfies CrashStage[]) {
        it(`survives a second crash during recovery (${during}), then recovers`, async () => {
          const name = h.freshName();
          let armed = false;
          const first = await openLossy(h, name, 'data-written', () => armed, { blocksPerExtent: 4 });
          for (const commit of SETUP) await first.store.commit(commit);
          armed = true;
          await expect(first.store.commit(CRASHING)).rejects.toThrow(/simulated crash/);
          await first.lossy.crash(mode, 3);
          const second = new LossyDirectory(await h.directory(name));
          const crashAt = (s: CrashStage): boolean => (second.dying ||= s === during);
          await expect(h.open(name, { directory: second, crashAt })).rejects.toThrow(`simulated crash after ${during}`);
          await second.crash(mode, 5);
          const again = await reopen(name);
          const states = await modelSnapshots(h.makeModel(), [...SETUP, CRASHING]);
          expect(await snapshot(again)).toEqual(states.at(-1));
          await again.close();
        });
      }
    });
  }

  it('refuses a second opener of the same store while it is open (one worker holds the files)', async () => {
    const name = h.freshName();
    const store = await reopen(name);
    await store.commit(SETUP[0]!);
    await expect(reopen(name)).rejects.toThrow(/in use by another tab or worker|locked/);
    await store.close();
    const again = await reopen(name);
    expect((await again.load()).disks.map((d) => d.id)).toEqual([1, 2]);
    await again.close();
  });
}
