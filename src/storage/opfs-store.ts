/**
 * A BlockStore on the Origin Private File System, for a dedicated worker (sync access handles).
 * Files: one per disk (block b at b * blockSize; extents never written read as the fill, and the
 * metadata knows which were), two checkpoint slots of the metadata, an event log, and a
 * write-ahead journal. A commit is validated (commit-check.ts) and staged in one kernel buffer;
 * extents never written before are written in place and flushed (invisible until the metadata
 * says so); then a redo entry (metadata change, events, new bytes of extents that held data) is
 * appended to the journal and flushed: the commit is durable. It is then applied to the files
 * without flushing; a checkpoint every 32 MiB of journal flushes them and empties the journal.
 * At open, complete entries past the checkpoint are replayed and a torn last one is dropped.
 * Every written block has an xxHash32 in its disk's checksum file (opfs-sums.ts), kept with the
 * same journal; reads and copies check it (CorruptBlockError), as the IndexedDB store does.
 */
import type { BlockStore, Kernel, LabEvent, StoreCommit, StoredState } from '../core/ports.ts';
import { checkCommit, checkOptions, eventLimit, type CheckedCommit, type StoreOptions, type StoreView } from './commit-check.ts';
import { defaultBlocksPerExtent } from './extent-layout.ts';
import { applyDelta, checkpoint, replayJournal, SimulatedCrash, type CrashStage, type OpfsState } from './opfs-apply.ts';
import { MetaSlots } from './opfs-checkpoint.ts';
import { Arena, DataFiles } from './opfs-data.ts';
import { journalCommit } from './opfs-commit.ts';
import { EventLog } from './opfs-events.ts';
import { fileError, opfsDirectory, type FileDirectory, type SyncFile } from './opfs-files.ts';
import { Journal } from './opfs-journal.ts';
import { addChecksums } from './opfs-migrate.ts';
import { readStoredSums, readVerified } from './opfs-read.ts';
import { sumFileName } from './opfs-sums.ts';

/** Options of the OPFS store: those of every store, where its files live, and test hooks. */
export interface OpfsStoreOptions extends StoreOptions {
  /** The store's directory; default: the OPFS directory named like the store. */
  directory?: FileDirectory;
  /** Journal bytes after which a commit checkpoints (default 32 MiB; 0 checkpoints after every commit). */
  checkpointBytes?: number;
  /** Test hook: returning true at a stage stops the store there, as if its worker died. */
  crashAt?: (stage: CrashStage) => boolean;
}

const CHECKPOINT_BYTES = 32 << 20;
/**
 * A larger arena (grown by a larger commit) is freed after that commit. 40 MiB covers a full-speed
 * copier commit (16 MiB read, 16 MiB written): creating and zeroing that arena anew for each commit
 * took 26 ms of a 64 MiB copy (bench). The kernel's memory never shrinks, so keeping it costs nothing more.
 */
const ARENA_KEEP_BYTES = 40 << 20;
/** Entries after which a commit checkpoints anyway, so that replay at open stays short. */
const CHECKPOINT_ENTRIES = 4096;

/** A BlockStore over OPFS files; open it with `OpfsStore.open` inside a dedicated worker. */
export class OpfsStore implements BlockStore {
  private tail: Promise<unknown> = Promise.resolve();
  private unusable: string | undefined;
  private released = false;
  private readonly closeListeners: Array<(reason: string) => void> = [];

  private constructor(
    private readonly state: OpfsState,
    private readonly files: readonly SyncFile[],
    private readonly options: OpfsStoreOptions,
  ) {}

  /** Opens (creating) the store `name`, replaying its journal when the last session died mid-way. */
  static async open(name: string, kernel: Kernel, options: OpfsStoreOptions = {}): Promise<OpfsStore> {
    checkOptions(options);
    const dir = options.directory ?? (await opfsDirectory(name));
    const files: SyncFile[] = [];
    const open = async (file: string): Promise<SyncFile> => {
      files.push(await dir.open(file));
      return files.at(-1)!;
    };
    const data = new DataFiles(dir);
    const sums = new DataFiles(dir, sumFileName);
    const arena = new Arena(kernel);
    try {
      const slots = new MetaSlots([await open('meta-0'), await open('meta-1')]);
      const journal = new Journal(await open('journal'));
      const events = EventLog.open(await open('events'));
      const { meta, generation, appliedSeq } = slots.read();
      const state: OpfsState = { kernel, dir, meta, events, journal, data, sums, arena, slots, generation, lastSeq: appliedSeq, crashAt: options.crashAt };
      await replayJournal(state, appliedSeq);
      if (!state.meta.hasSums) await addChecksums(state);
      return new OpfsStore(state, files, options);
    } catch (error) {
      data.closeAll();
      sums.closeAll();
      arena.free();
      for (const file of files) file.close();
      throw error;
    }
  }

  /** The disks (by id), records (by key) and newest event seq, as copies. */
  load(): Promise<StoredState> {
    return this.serial(async () => {
      const { meta, events } = this.state;
      const disks = [...meta.disks.values()].map((d) => structuredClone(d.record)).sort((a, b) => a.id - b.id);
      return { disks, records: structuredClone(meta.records), lastEventSeq: events.lastSeq };
    });
  }

  /** Validates and stages, journals and flushes (durable), then applies; rejects changing nothing. */
  commit(commit: StoreCommit): Promise<void> {
    return this.serial(async () => {
      const { state } = this;
      const checked = checkCommit(commit, this.view());
      if (isEmpty(checked)) return;
      const { delta, arena, offsets } = await journalCommit(state, checked, () => this.options.failCommitWhen?.(commit) ?? false);
      // Durable from here: a failure below leaves the journal to replay, so the store stops until reopened.
      try {
        await applyDelta(state, delta, arena, offsets);
        state.lastSeq++;
        const limit = this.options.checkpointBytes ?? CHECKPOINT_BYTES;
        if (state.journal.end >= limit || state.journal.entries >= CHECKPOINT_ENTRIES) checkpoint(state);
        state.arena.trim(ARENA_KEEP_BYTES);
      } catch (error) {
        if (error instanceof SimulatedCrash) throw error;
        // The commit is durable, so it resolves; the store stops, and reopening it replays the journal.
        this.release(`a write failed after a commit was journaled (${fileError(error).message}); reopen the store to finish it`);
      }
    });
  }

  /** `count` blocks from `first`, written ones checked against their sums (CorruptBlockError), the others as the fill. */
  readBlocks(disk: number, first: number, count: number): Promise<Uint8Array> {
    return this.serial(() => readVerified(this.state, disk, first, count));
  }

  /** The stored checksums of `count` blocks from `first` (the sum file; the fill's for never-written extents), without reading the blocks. */
  readChecksums(disk: number, first: number, count: number): Promise<Uint32Array> {
    return this.serial(() => readStoredSums(this.state, disk, first, count));
  }

  /** Up to `limit` events with seq >= fromSeq, ascending. */
  readEvents(fromSeq: number, limit: number): Promise<LabEvent[]> {
    return this.serial(async () => this.state.events.read(fromSeq, eventLimit(fromSeq, limit)));
  }

  /** Checkpoints (so the next open replays nothing) and closes every file; later calls reject. */
  close(): Promise<void> {
    const run = this.tail.then(() => {
      try {
        if (this.unusable === undefined && this.state.journal.end > 0) checkpoint(this.state);
      } finally {
        this.release('the store was closed');
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.unusable !== undefined) throw new Error(`OPFS store unavailable: ${this.unusable}`);
      return work();
    });
    this.tail = run.catch((error: unknown) => {
      // A dead worker keeps nothing: release the files so that the store can be opened again.
      if (error instanceof SimulatedCrash) this.release(error.message);
    });
    return run;
  }

  /** Calls `listener` once, with the reason, when the store closes or stops (as IdbStore does). */
  onClose(listener: (reason: string) => void): void {
    if (this.unusable === undefined) this.closeListeners.push(listener);
    else listener(this.unusable);
  }

  /** Stops the store for good: later calls reject with the reason, and its files are released for the next opener. */
  private release(reason: string): void {
    if (this.released) return;
    this.released = true;
    this.unusable ??= reason;
    this.state.data.closeAll();
    this.state.sums.closeAll();
    this.state.arena.free();
    for (const file of this.files) file.close();
    for (const listener of this.closeListeners.splice(0)) listener(this.unusable);
  }

  private view(): StoreView {
    return {
      layoutOf: (id) => this.state.meta.disks.get(id)?.layout,
      lastEventSeq: this.state.events.lastSeq,
      blocksPerExtent: (blockSize) => this.options.blocksPerExtent ?? defaultBlocksPerExtent(blockSize),
    };
  }
}

/** True when a commit changes nothing (no journal entry is needed). */
function isEmpty(checked: CheckedCommit): boolean {
  const { putDisks, deleteDisks, deletePrefixes, putRecords, ops, events } = checked;
  return putDisks.length + deleteDisks.length + deletePrefixes.length + putRecords.length + ops.length + events.length === 0;
}
