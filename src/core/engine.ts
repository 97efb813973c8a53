/**
 * The engine: the core's rules over a block store and a kernel, as one API for the worker, the
 * command line and the tests. Every action runs alone and is acknowledged only once its effects
 * are durable in one commit (DurableArray); reads and views never change anything.
 */
import type { AttachmentChange } from './attachments.ts';
import { copyBlocks, runAll, tick } from './copier.ts';
import { createCopy, type NewCopy } from './create-copy.ts';
import { createDisk, deleteDisk, loadContent, markBlock, setDiskState, type NewDisk } from './disks.ts';
import { DurableArray, type CommitHook, type CommitListener, type EventListener } from './durable-array.ts';
import { hostWrite, type HostWrite, type WriteCost } from './host-write.ts';
import { pairByTarget } from './lookup.ts';
import { done, ok, refuse, type Outcome } from './outcome.ts';
import { recopy, removeCopy, setPriority, setTargetReadOnly, stop, type RecopyOptions } from './pair-actions.ts';
import type { BlockStore, Kernel } from './ports.ts';
import { checksumRead, copySourceRead, hostRead, rawRead } from './reads.ts';
import { scrub } from './scrub.ts';
import { diskView, pairView, type DiskView, type PairView } from './views.ts';

export type { AttachmentChange } from './attachments.ts';
export type { CommitHook, CommitListener, EventListener } from './durable-array.ts';

/** The array's own counters and clock (its `array` record), e.g. where a session journal starts. */
export interface ArrayClock {
  nextDiskId: number;
  nextPairId: number;
  nextQueueSeq: number;
  nextEventSeq: number;
  timeMs: number;
}

/** Engine settings: the copier's full speed in blocks per simulated second. */
export interface EngineOptions {
  copyRate?: number;
}

/** Fastest copier: a billion blocks per simulated second keeps credit arithmetic far from limits. */
const MAX_COPY_RATE = 1e9;

/** The copy engine over one array. */
export class Engine {
  private rate: number;

  private constructor(private readonly array: DurableArray, options: EngineOptions) {
    this.rate = options.copyRate ?? 100;
  }

  /** Opens the engine on whatever the store holds (an empty store gives an empty array). */
  static async open(kernel: Kernel, store: BlockStore, options: EngineOptions = {}): Promise<Engine> {
    return new Engine(await DurableArray.open(kernel, store), options);
  }

  /** Bumped by every committed change; a UI redraws when it moves. */
  get version(): number {
    return this.array.version;
  }

  /** A value kept beside the array under `key`, or undefined. */
  attachment(key: string): unknown {
    return this.array.attachment(key);
  }

  /** Durably keeps (or, with undefined, drops) a value beside the array under `key`. */
  setAttachment(key: string, value: unknown): Promise<Outcome> {
    return this.array.setAttachment(key, value);
  }

  /** Blocks per simulated second at priority highest. */
  get copyRate(): number {
    return this.rate;
  }

  /** Changes the copier's full speed; INVALID_ARGUMENT unless a whole number from 1 to a billion. */
  setCopyRate(rate: number): Outcome {
    if (!Number.isSafeInteger(rate) || rate < 1 || rate > MAX_COPY_RATE) {
      return refuse('INVALID_ARGUMENT', `${rate} is not a copy rate: use a whole number of blocks per second, at least 1`);
    }
    this.rate = rate;
    return done;
  }

  /** Registers a listener for committed events; returns its removal. */
  onEvents(listener: EventListener): () => void {
    this.array.listeners.add(listener);
    return () => this.array.listeners.delete(listener);
  }

  /** Runs `call`; the engine action it starts synchronously commits `hook`'s values with it, whatever its outcome. */
  hooked<T>(hook: CommitHook, call: () => Promise<T>): Promise<T> {
    this.array.nextHook = hook;
    try {
      return call();
    } finally {
      this.array.nextHook = undefined;
    }
  }

  /** Durably keeps and drops values beside the array, in one commit. */
  keepAttachments(change: AttachmentChange): Promise<Outcome> {
    return this.array.keep(change);
  }

  /** The kernel the array runs on (a replay of the session uses the same one). */
  get kernel(): Kernel {
    return this.array.kernel;
  }

  /** The array's counters and clock now. */
  clock(): ArrayClock {
    const { nextDiskId, nextPairId, nextQueueSeq, nextEventSeq, timeMs } = this.array.state;
    return { nextDiskId, nextPairId, nextQueueSeq, nextEventSeq, timeMs };
  }

  /** Registers an observer of every committed action (with or without events); returns its removal. */
  onCommit(listener: CommitListener): () => void {
    this.array.commitListeners.add(listener);
    return () => this.array.commitListeners.delete(listener);
  }

  createDisk = (spec: NewDisk): Promise<Outcome> => this.array.change((ctx) => drop(createDisk(ctx, spec)));
  deleteDisk = (name: string): Promise<Outcome> => this.array.change((ctx) => deleteDisk(ctx, name));
  loadContent = (name: string, bytes: Uint8Array): Promise<Outcome> => this.array.change((ctx) => loadContent(ctx, name, bytes));
  setDiskState = (name: string, value: string): Promise<Outcome> => this.array.change((ctx) => setDiskState(ctx, name, value));
  failBlock = (name: string, block: number): Promise<Outcome> => this.array.change((ctx) => markBlock(ctx, name, block, true));
  repairBlock = (name: string, block: number): Promise<Outcome> => this.array.change((ctx) => markBlock(ctx, name, block, false));
  createCopy = (spec: NewCopy, keep?: AttachmentChange): Promise<Outcome> => this.array.change((ctx) => drop(createCopy(ctx, spec)), keep);
  stop = (target?: string): Promise<Outcome> => this.array.change((ctx) => stop(ctx, target));
  recopy = (target?: string, options?: RecopyOptions, keep?: AttachmentChange): Promise<Outcome> =>
    this.array.change((ctx) => recopy(ctx, target, options), keep);
  removeCopy = (target?: string, keep?: AttachmentChange): Promise<Outcome> => this.array.change((ctx) => removeCopy(ctx, target), keep);
  setPriority = (target: string | undefined, priority: string): Promise<Outcome> =>
    this.array.change((ctx) => setPriority(ctx, target, priority));
  setTargetReadOnly = (target: string | undefined, value: boolean): Promise<Outcome> =>
    this.array.change((ctx) => setTargetReadOnly(ctx, target, value));
  write = (request: HostWrite): Promise<Outcome<WriteCost>> => this.array.change((ctx) => hostWrite(ctx, request));
  tick = (ms: number): Promise<Outcome> =>
    this.array.change((ctx) => checked(Number.isSafeInteger(ms) && ms >= 0, () => tick(ctx, ms, this.rate)));
  run = (): Promise<Outcome> => this.array.change((ctx) => (runAll(ctx), done));

  /** The copier of one In Progress pair copies up to `blocks` blocks; returns how many. */
  copy(target: string | undefined, blocks: number): Promise<Outcome<number>> {
    return this.array.change((ctx) => {
      const found = pairByTarget(ctx.state, target);
      if (!found.ok) return found;
      if (!Number.isInteger(blocks) || blocks < 1) return refuse('INVALID_ARGUMENT', `${blocks} is not a number of blocks to copy`);
      if (found.value.status !== 'InProgress') {
        return refuse('NOT_ALLOWED', `the copy to ${target ?? 'its target'} is ${found.value.status}, not In Progress`);
      }
      return ok(copyBlocks(ctx, found.value, blocks));
    });
  }

  /**
   * Lets the store read ahead, outside the queue, the source blocks the copier of the pair will copy
   * next (up to `blocks` from its first uncopied block), so that its next commit does not hold the
   * queue, and the host writes behind it, while it reads. Changes nothing.
   */
  readAheadCopy(target: string | undefined, blocks: number): Promise<void> {
    const found = pairByTarget(this.array.state, target);
    if (!found.ok || found.value.status !== 'InProgress') return Promise.resolve();
    const pair = found.value;
    const first = this.array.kernel.findNextClear(pair.copied, pair.cursor);
    return first < 0 ? Promise.resolve() : this.array.readAhead(pair.sourceId, first, blocks);
  }

  /** A host read of one block. */
  read(name: string, block: number): Promise<Outcome<Uint8Array>> {
    return this.array.read((r) => hostRead(r, name, block));
  }

  /** Block `block` as the copier of the pair would read it now (the snapshot view for an active online copy). */
  readCopySource(target: string | undefined, block: number): Promise<Outcome<Uint8Array>> {
    return this.readCopySourceRange(target, block, 1);
  }

  /** `count` blocks from `first` as the copier of the pair would read them now. */
  readCopySourceRange(target: string | undefined, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return this.array.read((r) => copySourceRead(r, target, first, count));
  }

  /** Raw blocks of any disk, for reports and verification (no host rules apply). */
  readRaw(name: string, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return this.array.read((r) => rawRead(r, name, first, count));
  }

  /**
   * xxHash32 of each of `count` blocks of a disk from `first` (no host rules apply): the checksums
   * the store wrote with each block in the same commit as its data, so no block is read again (a
   * never-written block gives its fill's). They are what was written: damage at rest afterwards
   * is found by reads and the scrub, not here.
   */
  checksums(name: string, first: number, count: number): Promise<Outcome<Uint32Array>> {
    return this.array.read((r) => checksumRead(r, name, first, count));
  }

  /**
   * Reads every block of every disk once (in the queue, batch by batch) so that damaged blocks are
   * found and marked unreadable even if nothing reads them; returns how many were found.
   */
  scrub(): Promise<number> {
    return scrub({ read: (read) => this.array.read(read), disks: () => this.disks() });
  }

  /** Disks in creation order. */
  disks(): DiskView[] {
    return [...this.array.state.disks.values()].sort((a, b) => a.id - b.id).map(diskView);
  }

  /** Pairs in creation order. */
  pairs(): PairView[] {
    const state = this.array.state;
    return [...state.pairs.values()].map((pair) => pairView(state, this.array.kernel, pair));
  }

  /** The repository slot holding the preserved `block` of the pair whose target is `target`, or null. */
  slotOf(target: string, block: number): number | null {
    const found = pairByTarget(this.array.state, target);
    if (!found.ok) return null;
    return found.value.repository?.slotOfBlock.get(block) ?? null;
  }

  /** Simulated time in ms. */
  get timeMs(): number {
    return this.array.state.timeMs;
  }

  /** Sequence number the next event will get. */
  get nextEventSeq(): number {
    return this.array.state.nextEventSeq;
  }

  /** Exported copied, written and preserved bitmaps of the pair whose target is `target`. */
  bitmaps(target: string): { copied: Uint8Array; written: Uint8Array; preserved: Uint8Array | null } | null {
    const found = pairByTarget(this.array.state, target);
    if (!found.ok) return null;
    const { kernel } = this.array;
    const pair = found.value;
    return {
      copied: kernel.exportBitmap(pair.copied),
      written: kernel.exportBitmap(pair.written),
      preserved: pair.repository ? kernel.exportBitmap(pair.repository.preserved) : null,
    };
  }

  /** Waits for every queued action. */
  idle(): Promise<void> {
    return this.array.idle();
  }

  /**
   * Once every action asked for has finished, frees what the engine holds in the kernel: for an
   * engine that shares its kernel with others (a time-travel replay) and is dropped for good.
   */
  async release(): Promise<void> {
    await this.array.idle();
    this.array.release();
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
