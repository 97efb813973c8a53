/**
 * A BlockStore that "crashes" at a chosen store operation, for crash-consistency tests. Commits and
 * reads (of blocks or of their checksums) are numbered together from 0; at operation `at` the process dies:
 * - `before`: the call never reaches the store (killed before the transaction was issued);
 * - `during`: the store issues all of the commit and then aborts it (the inner store's
 *   `failCommitWhen`: IndexedDB requests are made, then the transaction is aborted);
 * - `after`: the commit is durable but the acknowledgement is lost with the process.
 * After the crash every call is refused, as in a dead process; `reopen()` gives what survives: the
 * same MemoryStore object, or a new IdbStore on the same (fake-)IndexedDB database.
 */
import type { BlockStore, Kernel, LabEvent, StoreCommit, StoredState } from '../../src/core/ports.ts';
import { IdbStore } from '../../src/storage/idb-store.ts';
import { MemoryStore } from '../../src/storage/memory-store.ts';

export type CrashMode = 'before' | 'during' | 'after';

/** Where the process dies: store operation `at` (commits and reads, counted together from 0). */
export interface CrashPlan {
  at: number;
  mode: CrashMode;
}

/** Thrown by every call of a FaultyStore from the crash on. */
export class ProcessKilled extends Error {
  constructor(operation: number) {
    super(`the process was killed at store operation ${operation}`);
    this.name = 'ProcessKilled';
  }
}

export type StoreOperation = 'commit' | 'read';

/** The switch a FaultyStore flips inside the inner store's commit for a `during` crash. */
class AbortSwitch {
  armed = false;
  readonly failCommitWhen = (_commit: StoreCommit): boolean => this.armed;
}

/** The wrapper; build it with `crashableMemoryStore` or `crashableIdbStore`. */
export class FaultyStore implements BlockStore {
  /** Kind of each store operation so far, in order (the crashed one included). */
  readonly operations: StoreOperation[] = [];
  /** Commits that became durable (a commit crashed `after` counts). */
  durableCommits = 0;
  /** Called as each commit starts, before anything of it is applied, with its 1-based number. */
  onCommit: ((commitNumber: number) => void) | undefined;
  private killedAt: number | undefined;
  private commits = 0;

  constructor(
    private readonly inner: BlockStore,
    private readonly plan: CrashPlan | undefined,
    private readonly abort: AbortSwitch,
  ) {}

  get dead(): boolean {
    return this.killedAt !== undefined;
  }

  load(): Promise<StoredState> {
    this.ensureAlive();
    return this.inner.load();
  }

  async commit(commit: StoreCommit): Promise<void> {
    const mode = this.begin('commit');
    this.onCommit?.(++this.commits);
    if (mode === 'before') this.kill();
    this.abort.armed = mode === 'during';
    try {
      await this.inner.commit(commit);
    } catch (error) {
      if (mode === 'during') this.kill();
      throw error;
    } finally {
      this.abort.armed = false;
    }
    if (mode === 'during') throw new Error(`the store did not abort commit ${this.commits}: failCommitWhen was not consulted`);
    this.durableCommits++;
    if (mode === 'after') this.kill();
  }

  async readBlocks(disk: number, first: number, count: number): Promise<Uint8Array> {
    const mode = this.begin('read');
    if (mode === 'before' || mode === 'during') this.kill();
    const bytes = await this.inner.readBlocks(disk, first, count);
    if (mode === 'after') this.kill();
    return bytes;
  }

  /** A read of stored checksums: numbered and crashed like a block read. */
  async readChecksums(disk: number, first: number, count: number): Promise<Uint32Array> {
    const mode = this.begin('read');
    if (mode === 'before' || mode === 'during') this.kill();
    const sums = await this.inner.readChecksums(disk, first, count);
    if (mode === 'after') this.kill();
    return sums;
  }

  /** Only a hint that changes nothing: passed on, never numbered or crashed. */
  readAhead(disk: number, first: number, count: number): Promise<void> {
    return this.inner.readAhead?.(disk, first, count) ?? Promise.resolve();
  }

  readEvents(fromSeq: number, limit: number): Promise<LabEvent[]> {
    this.ensureAlive();
    return this.inner.readEvents(fromSeq, limit);
  }

  /** A dead process closes nothing; a live one closes its store. */
  async close(): Promise<void> {
    if (!this.dead) await this.inner.close();
  }

  /** Numbers the operation; returns the crash mode if the process dies at it. */
  private begin(kind: StoreOperation): CrashMode | undefined {
    this.ensureAlive();
    const index = this.operations.length;
    this.operations.push(kind);
    return this.plan?.at === index ? this.plan.mode : undefined;
  }

  private kill(): never {
    this.killedAt = this.operations.length - 1;
    throw new ProcessKilled(this.killedAt);
  }

  private ensureAlive(): void {
    if (this.killedAt !== undefined) throw new ProcessKilled(this.killedAt);
  }
}

/** A faulty store and the way to the durable state it leaves behind. */
export interface Crashable {
  store: FaultyStore;
  /** The store a restarted process opens: what survived the crash. */
  reopen(): Promise<BlockStore>;
}

/** Around a MemoryStore: the inner store object is what survives. */
export function crashableMemoryStore(kernel: Kernel, plan: CrashPlan | undefined): Crashable {
  const abort = new AbortSwitch();
  const inner = new MemoryStore(kernel, { failCommitWhen: abort.failCommitWhen });
  return { store: new FaultyStore(inner, plan, abort), reopen: async () => inner };
}

/** Around an IdbStore on database `name` (fake-indexeddb in Node): reopening opens the same database anew. */
export async function crashableIdbStore(kernel: Kernel, name: string, plan: CrashPlan | undefined): Promise<Crashable> {
  const abort = new AbortSwitch();
  // Segments of 8 blocks of the crash sessions' 512 bytes, so that a loaded source lies in whole
  // segment records and its copy-on-writes are kept by reference (idb-refs.ts).
  const inner = await IdbStore.open(name, kernel, { failCommitWhen: abort.failCommitWhen, segmentBytes: 8 * 512 });
  return {
    store: new FaultyStore(inner, plan, abort),
    reopen: async () => {
      // The dead process's connection goes away with it.
      await inner.close();
      return IdbStore.open(name, kernel);
    },
  };
}
