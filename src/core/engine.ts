/**
 * The engine: the core's rules over a block store and a kernel. Every action runs alone (a serial
 * queue), changes the in-memory state, and is acknowledged only after its effects are committed to
 * the store in one atomic commit. If a commit fails, the state is reloaded from the store, so memory
 * never runs ahead of what is durable.
 */
import type { Ctx } from './context.ts';
import { copyBlocks, runAll, tick } from './copier.ts';
import { createCopy, type NewCopy } from './create-copy.ts';
import { corruptBlockOf, damagedMessage, type CorruptBlockError } from './corruption.ts';
import { createDisk, deleteDisk, loadContent, markBlock, setDiskState, type NewDisk } from './disks.ts';
import { Effects } from './effects.ts';
import { hostWrite, type HostWrite, type WriteCost } from './host-write.ts';
import { pairByTarget } from './lookup.ts';
import { done, ok, refuse, type Outcome } from './outcome.ts';
import { recopy, removeCopy, setPriority, setTargetReadOnly, stop, type RecopyOptions } from './pair-actions.ts';
import { fromStored, toCommit } from './persist.ts';
import { attachmentRecord, attachmentsOf, withAttachments, type AttachmentChange } from './attachments.ts';
import type { BlockStore, Kernel, LabEvent } from './ports.ts';

export type { AttachmentChange } from './attachments.ts';
import { checksumRead, copySourceRead, hostRead, rawRead, type ReadContext } from './reads.ts';
import type { ArrayState } from './state.ts';
import { diskView, pairView, type DiskView, type PairView } from './views.ts';

/** Engine settings: the copier's full speed in blocks per simulated second. */
export interface EngineOptions {
  copyRate?: number;
}

/** Fastest copier: a billion blocks per simulated second keeps credit arithmetic far from limits. */
const MAX_COPY_RATE = 1e9;

/** How many damaged blocks one action may discover (each marked unreadable, then the action runs again). */
const MAX_DAMAGE_RETRIES = 8;

/** Called with the events of each committed action. */
export type EventListener = (events: readonly LabEvent[]) => void;

/** The copy engine over one array. */
export class Engine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<EventListener>();
  /** Bumped by every committed change; a UI redraws when it moves. */
  version = 0;
  private rate: number;

  /** Values the composition keeps beside the array (e.g. point-in-time fingerprints), by key. */
  private attachments = new Map<string, unknown>();

  private constructor(
    private readonly kernel: Kernel,
    private readonly store: BlockStore,
    private state: ArrayState,
    options: EngineOptions,
  ) {
    this.rate = options.copyRate ?? 100;
  }

  /** Opens the engine on whatever the store holds (an empty store gives an empty array). */
  static async open(kernel: Kernel, store: BlockStore, options: EngineOptions = {}): Promise<Engine> {
    const stored = await store.load();
    const engine = new Engine(kernel, store, fromStored(kernel, stored), options);
    engine.attachments = attachmentsOf(stored.records);
    return engine;
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
        return refuse('STORAGE_ERROR', `the value was not stored: ${String(error instanceof Error ? error.message : error)}`);
      }
      this.applyAttachments(value === undefined ? { drop: [key] } : { set: [[key, value]] });
      return done;
    });
  }

  private applyAttachments(keep: AttachmentChange): void {
    for (const key of keep.drop ?? []) this.attachments.delete(key);
    for (const [key, value] of keep.set ?? []) this.attachments.set(key, value);
  }

  /** xxHash32 of each of `count` blocks of a disk from `first`, computed by the kernel (no host rules apply). */
  checksums(name: string, first: number, count: number): Promise<Outcome<Uint32Array>> {
    return this.serialRead(() => checksumRead(this.reader(), name, first, count));
  }


  /** Blocks per simulated second at priority highest. */
  get copyRate(): number {
    return this.rate;
  }

  /** Changes the copier's full speed; INVALID_ARGUMENT unless a whole number of at least 1. */
  setCopyRate(rate: number): Outcome {
    if (!Number.isSafeInteger(rate) || rate < 1 || rate > MAX_COPY_RATE) return refuse('INVALID_ARGUMENT', `${rate} is not a copy rate: use a whole number of blocks per second, at least 1`);
    this.rate = rate;
    return done;
  }

  /** Registers a listener for committed events; returns its removal. */
  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  createDisk = (spec: NewDisk): Promise<Outcome> => this.change((ctx) => drop(createDisk(ctx, spec)));
  deleteDisk = (name: string): Promise<Outcome> => this.change((ctx) => deleteDisk(ctx, name));
  loadContent = (name: string, bytes: Uint8Array): Promise<Outcome> => this.change((ctx) => loadContent(ctx, name, bytes));
  setDiskState = (name: string, value: string): Promise<Outcome> => this.change((ctx) => setDiskState(ctx, name, value));
  failBlock = (name: string, block: number): Promise<Outcome> => this.change((ctx) => markBlock(ctx, name, block, true));
  repairBlock = (name: string, block: number): Promise<Outcome> => this.change((ctx) => markBlock(ctx, name, block, false));
  createCopy = (spec: NewCopy, keep?: AttachmentChange): Promise<Outcome> => this.change((ctx) => drop(createCopy(ctx, spec)), keep);
  stop = (target?: string): Promise<Outcome> => this.change((ctx) => stop(ctx, target));
  recopy = (target?: string, options?: RecopyOptions, keep?: AttachmentChange): Promise<Outcome> =>
    this.change((ctx) => recopy(ctx, target, options), keep);
  removeCopy = (target?: string, keep?: AttachmentChange): Promise<Outcome> => this.change((ctx) => removeCopy(ctx, target), keep);
  setPriority = (target: string | undefined, priority: string): Promise<Outcome> =>
    this.change((ctx) => setPriority(ctx, target, priority));
  setTargetReadOnly = (target: string | undefined, value: boolean): Promise<Outcome> =>
    this.change((ctx) => setTargetReadOnly(ctx, target, value));
  write = (request: HostWrite): Promise<Outcome<WriteCost>> => this.change((ctx) => hostWrite(ctx, request));
  tick = (ms: number): Promise<Outcome> => this.change((ctx) => checked(Number.isSafeInteger(ms) && ms >= 0, () => tick(ctx, ms, this.rate)));
  run = (): Promise<Outcome> => this.change((ctx) => (runAll(ctx), done));

  /** The copier of one In Progress pair copies up to `blocks` blocks; returns how many. */
  copy(target: string | undefined, blocks: number): Promise<Outcome<number>> {
    return this.change((ctx) => {
      const found = pairByTarget(ctx.state, target);
      if (!found.ok) return found;
      if (!Number.isInteger(blocks) || blocks < 1) return refuse('INVALID_ARGUMENT', `${blocks} is not a number of blocks to copy`);
      if (found.value.status !== 'InProgress') {
        return refuse('NOT_ALLOWED', `the copy to ${target ?? 'its target'} is ${found.value.status}, not In Progress`);
      }
      return ok(copyBlocks(ctx, found.value, blocks));
    });
  }

  /** A host read of one block. */
  read(name: string, block: number): Promise<Outcome<Uint8Array>> {
    return this.serialRead(() => hostRead(this.reader(), name, block));
  }

  /** Block `block` as the copier of the pair would read it now (the snapshot view for an active online copy). */
  readCopySource(target: string | undefined, block: number): Promise<Outcome<Uint8Array>> {
    return this.readCopySourceRange(target, block, 1);
  }

  /** `count` blocks from `first` as the copier of the pair would read them now. */
  readCopySourceRange(target: string | undefined, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return this.serialRead(() => copySourceRead(this.reader(), target, first, count));
  }

  /** Raw blocks of any disk, for reports and verification (no host rules apply). */
  readRaw(name: string, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return this.serialRead(() => rawRead(this.reader(), name, first, count));
  }

  /** Disks in creation order. */
  disks(): DiskView[] {
    return [...this.state.disks.values()].sort((a, b) => a.id - b.id).map(diskView);
  }

  /** Pairs in creation order. */
  pairs(): PairView[] {
    return [...this.state.pairs.values()].map((pair) => pairView(this.state, this.kernel, pair));
  }

  /** Simulated time in ms. */
  get timeMs(): number {
    return this.state.timeMs;
  }

  /** Sequence number the next event will get. */
  get nextEventSeq(): number {
    return this.state.nextEventSeq;
  }

  /** Exported copied, written and preserved bitmaps of the pair whose target is `target`. */
  bitmaps(target: string): { copied: Uint8Array; written: Uint8Array; preserved: Uint8Array | null } | null {
    const found = pairByTarget(this.state, target);
    if (!found.ok) return null;
    const pair = found.value;
    return {
      copied: this.kernel.exportBitmap(pair.copied),
      written: this.kernel.exportBitmap(pair.written),
      preserved: pair.repository ? this.kernel.exportBitmap(pair.repository.preserved) : null,
    };
  }

  /** Waits for every queued action. */
  idle(): Promise<void> {
    return this.serial(async () => undefined);
  }

  private reader(): ReadContext {
    return { state: this.state, kernel: this.kernel, store: this.store };
  }

  private ctx(fx: Effects): Ctx {
    return { state: this.state, kernel: this.kernel, fx };
  }

  /**
   * A read in the queue; a damaged block (checksum mismatch) gives MEDIA_ERROR and is marked unreadable,
   * a store that cannot read (closed, gone) gives STORAGE_ERROR, never an exception.
   */
  private serialRead<T>(read: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    return this.serial(async () => {
      try {
        return await read();
      } catch (error) {
        const damaged = corruptBlockOf(error);
        const disk = damaged && this.state.disks.get(damaged.disk);
        if (damaged && disk) {
          await this.markDamaged(damaged);
          return refuse('MEDIA_ERROR', damagedMessage(disk.name, damaged.block));
        }
        return refuse('STORAGE_ERROR', `the blocks could not be read: ${String(error instanceof Error ? error.message : error)}`);
      }
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private change<T>(action: (ctx: Ctx) => Outcome<T>, keep?: AttachmentChange): Promise<Outcome<T>> {
    return this.serial(() => this.attempt(action, keep, MAX_DAMAGE_RETRIES));
  }

  /** Runs and commits one action; a commit that met a damaged block marks it unreadable and runs the action again. */
  private async attempt<T>(action: (ctx: Ctx) => Outcome<T>, keep: AttachmentChange | undefined, retries: number): Promise<Outcome<T>> {
    const fx = new Effects(this.state);
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
    try {
      await this.store.commit(commit);
    } catch (error) {
      await this.reload();
      const damaged = corruptBlockOf(error);
      if (damaged && retries > 0 && (await this.markDamaged(damaged))) return this.attempt(action, keep, retries - 1);
      return refuse('STORAGE_ERROR', `the change was not stored, nothing changed: ${String(error instanceof Error ? error.message : error)}`);
    }
    this.version++;
    if (outcome.ok && keep) this.applyAttachments(keep);
    if (fx.events.length) for (const listener of this.listeners) listener(fx.events);
    return outcome;
  }

  /** Durably marks a block whose stored checksum failed as unreadable, in its own commit; false when it cannot. */
  private async markDamaged(damaged: CorruptBlockError): Promise<boolean> {
    const disk = this.state.disks.get(damaged.disk);
    if (!disk || disk.unreadable.has(damaged.block)) return false;
    const fx = new Effects(this.state);
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

  /** Drops the in-memory state and rebuilds it from the store. */
  private async reload(): Promise<void> {
    for (const pair of this.state.pairs.values()) {
      this.kernel.freeBitmap(pair.copied);
      this.kernel.freeBitmap(pair.written);
      if (pair.repository) this.kernel.freeBitmap(pair.repository.preserved);
    }
    const stored = await this.store.load();
    this.state = fromStored(this.kernel, stored);
    this.attachments = attachmentsOf(stored.records);
    this.version++;
  }
}

function drop<T>(outcome: Outcome<T>): Outcome {
  return outcome.ok ? done : outcome;
}

function checked(valid: boolean, action: () => void): Outcome {
  if (!valid) return refuse('INVALID_ARGUMENT', 'time must be a whole number of milliseconds, at least 0');
  action();
  return done;
}

function isEmpty(fx: Effects): boolean {
  return (
    !fx.arrayDirty && fx.ops.length === 0 && fx.events.length === 0 && fx.dirtyDisks.size === 0 &&
    fx.deletedDisks.size === 0 && fx.dirtyPairs.size === 0 && fx.deletedPairs.size === 0
  );
}
