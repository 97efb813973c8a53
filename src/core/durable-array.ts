/**
 * The array's state kept in step with its block store: one action at a time (a serial queue), its
 * effects made durable in ONE commit before it is acknowledged, the state reloaded from the store
 * when a commit fails, and a block whose stored checksum fails marked unreadable so that the
 * domain's rules (MEDIA_ERROR) apply to it. The engine's public API sits on top of this.
 */
import { attachmentRecord, attachmentsOf, withAttachments, type AttachmentChange } from './attachments.ts';
import type { Ctx } from './context.ts';
import { corruptBlockOf, damagedMessage, type CorruptBlockError } from './corruption.ts';
import { markBlock } from './disks.ts';
import { Effects } from './effects.ts';
import { done, refuse, type Outcome } from './outcome.ts';
import { fromStored, toCommit } from './persist.ts';
import type { BlockStore, Kernel, LabEvent, StoreCommit } from './ports.ts';
import type { ReadContext } from './reads.ts';
import type { ArrayState } from './state.ts';

/** How many damaged blocks one action may discover (each marked unreadable, then the action runs again). */
const MAX_DAMAGE_RETRIES = 8;

/** Called with the events of each committed action. */
export type EventListener = (events: readonly LabEvent[]) => void;

/** Called after each committed action with its commit and the state it left (read it, never change it). */
export type CommitListener = (commit: Readonly<StoreCommit>, state: Readonly<ArrayState>) => void;

/**
 * Asked once an action has run (before its commit) for values to commit beside it whatever its
 * outcome (the session journal); told when that commit has become durable.
 */
export interface CommitHook {
  attach(outcome: Outcome<unknown>, events: readonly LabEvent[], state: Readonly<ArrayState>): AttachmentChange | undefined;
  committed(): void;
}

/** The state, the store it is kept in, and the queue every action and read goes through. */
export class DurableArray {
  /** The hook of the next change() call only (set and taken synchronously, see Engine.hooked). */
  nextHook: CommitHook | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  readonly listeners = new Set<EventListener>();
  /** Observers of every committed action, events or not (the worker's breakpoints and block histories). */
  readonly commitListeners = new Set<CommitListener>();
  /** Bumped by every committed change; a UI redraws when it moves. */
  version = 0;
  /** Values the composition keeps beside the array (e.g. point-in-time fingerprints), by key. */
  private attachments: Map<string, unknown>;

  private constructor(
    readonly kernel: Kernel,
    private readonly store: BlockStore,
    private current: ArrayState,
    records: ReadonlyArray<[string, unknown]>,
  ) {
    this.attachments = attachmentsOf(records);
  }

  /** Loads whatever the store holds (an empty store gives an empty array). */
  static async open(kernel: Kernel, store: BlockStore): Promise<DurableArray> {
    const stored = await store.load();
    return new DurableArray(kernel, store, fromStored(kernel, stored), stored.records);
  }

  /** The current state (replaced on reload: never keep it across an await). */
  get state(): ArrayState {
    return this.current;
  }

  /** A value kept beside the array under `key`, or undefined. */
  attachment(key: string): unknown {
    return this.attachments.get(key);
  }

  /** Durably keeps (or, with undefined, drops) a value beside the array under `key`. */
  setAttachment(key: string, value: unknown): Promise<Outcome> {
    return this.serial(async () => {
      const record = attachmentRecord(key);
      try {
        await this.store.commit(value === undefined ? { deletePrefixes: [record] } : { putRecords: [[record, value]] });
      } catch (error) {
        return refuse('STORAGE_ERROR', `the value was not stored: ${reason(error)}`);
      }
      this.applyAttachments(value === undefined ? { drop: [key] } : { set: [[key, value]] });
      return done;
    });
  }

  /** Runs an action alone and acknowledges it once committed (with `keep` in the same commit, if it succeeds). */
  change<T>(action: (ctx: Ctx) => Outcome<T>, keep?: AttachmentChange): Promise<Outcome<T>> {
    const hook = this.nextHook;
    this.nextHook = undefined;
    return this.serial(() => this.attempt(action, keep, MAX_DAMAGE_RETRIES, hook));
  }

  /** Durably applies attachment changes alone, in one commit. */
  keep(change: AttachmentChange): Promise<Outcome> {
    return this.serial(async () => {
      const commit = {};
      withAttachments(commit, change);
      try {
        await this.store.commit(commit);
      } catch (error) {
        return refuse('STORAGE_ERROR', `the values were not stored: ${reason(error)}`);
      }
      this.applyAttachments(change);
      return done;
    });
  }

  /**
   * A read in the queue; a damaged block (checksum mismatch) gives MEDIA_ERROR and is marked unreadable,
   * a store that cannot read (closed, gone) gives STORAGE_ERROR, never an exception.
   */
  read<T>(read: (r: ReadContext) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return this.serial(async () => {
      try {
        return await read({ state: this.current, kernel: this.kernel, store: this.store });
      } catch (error) {
        const damaged = corruptBlockOf(error);
        const disk = damaged && this.current.disks.get(damaged.disk);
        if (damaged && disk) {
          await this.markDamaged(damaged);
          return refuse('MEDIA_ERROR', damagedMessage(disk.name, damaged.block));
        }
        return refuse('STORAGE_ERROR', `the blocks could not be read: ${reason(error)}`);
      }
    });
  }

  /** Passes a read-ahead hint to the store, outside the queue (BlockStore.readAhead). */
  readAhead(disk: number, first: number, count: number): Promise<void> {
    return this.store.readAhead?.(disk, first, count) ?? Promise.resolve();
  }

  /** Waits for every queued action. */
  idle(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ctx(fx: Effects): Ctx {
    return { state: this.current, kernel: this.kernel, fx };
  }

  /** Runs and commits one action; a commit that met a damaged block marks it unreadable and runs the action again. */
  private async attempt<T>(
    action: (ctx: Ctx) => Outcome<T>, keep: AttachmentChange | undefined, retries: number, hook?: CommitHook,
  ): Promise<Outcome<T>> {
    const fx = new Effects(this.current);
    let outcome: Outcome<T>;
    try {
      outcome = action(this.ctx(fx));
    } catch (bug) {
      await this.reload();
      throw bug;
    }
    if (isEmpty(fx)) return outcome;
    const commit = toCommit(this.ctx(fx), fx);
    if (outcome.ok && keep) withAttachments(commit, keep);
    const extra = hook?.attach(outcome, fx.events, this.current);
    if (extra) withAttachments(commit, extra);
    try {
      await this.store.commit(commit);
    } catch (error) {
      await this.reload();
      const damaged = corruptBlockOf(error);
      if (damaged && retries > 0 && (await this.markDamaged(damaged))) return this.attempt(action, keep, retries - 1, hook);
      return refuse('STORAGE_ERROR', `the change was not stored, nothing changed: ${reason(error)}`);
    }
    this.version++;
    if (outcome.ok && keep) this.applyAttachments(keep);
    if (extra) this.applyAttachments(extra);
    hook?.committed();
    for (const listener of this.commitListeners) listener(commit, this.current);
    if (fx.events.length) for (const listener of this.listeners) listener(fx.events);
    return outcome;
  }

  /** Durably marks a block whose stored checksum failed as unreadable, in its own commit; false when it cannot. */
  private async markDamaged(damaged: CorruptBlockError): Promise<boolean> {
    const disk = this.current.disks.get(damaged.disk);
    if (!disk || disk.unreadable.has(damaged.block)) return false;
    const fx = new Effects(this.current);
    markBlock(this.ctx(fx), disk.name, damaged.block, true);
    try {
      await this.store.commit(toCommit(this.ctx(fx), fx));
    } catch {
      await this.reload();
      return false;
    }
    this.version++;
    return true;
  }

  private applyAttachments(keep: AttachmentChange): void {
    for (const key of keep.drop ?? []) this.attachments.delete(key);
    for (const [key, value] of keep.set ?? []) this.attachments.set(key, value);
  }

  /** Frees the kernel bitmaps of the in-memory state, for an array that is dropped and never used again. */
  release(): void {
    this.freeBitmaps();
  }

  private freeBitmaps(): void {
    for (const pair of this.current.pairs.values()) {
      this.kernel.freeBitmap(pair.copied);
      this.kernel.freeBitmap(pair.written);
      if (pair.repository) this.kernel.freeBitmap(pair.repository.preserved);
    }
  }

  /** Drops the in-memory state and rebuilds it from the store. */
  private async reload(): Promise<void> {
    this.freeBitmaps();
    const stored = await this.store.load();
    this.current = fromStored(this.kernel, stored);
    this.attachments = attachmentsOf(stored.records);
    this.version++;
  }
}

function reason(error: unknown): string {
  return String(error instanceof Error ? error.message : error);
}

function isEmpty(fx: Effects): boolean {
  return (
    !fx.arrayDirty && fx.ops.length === 0 && fx.events.length === 0 && fx.dirtyDisks.size === 0 &&
    fx.deletedDisks.size === 0 && fx.dirtyPairs.size === 0 && fx.deletedPairs.size === 0
  );
}
