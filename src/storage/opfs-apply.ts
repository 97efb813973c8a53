/**
 * What the OPFS store does once a commit is in the journal, the same for a new commit and for an
 * entry replayed at open: apply the delta to the disk files, the metadata and the event log
 * (without flushing), and, every so often, a checkpoint that flushes it all and empties the
 * journal. Every step is a redo of absolute values, so replaying an entry twice changes nothing.
 */
import type { BufferId, Kernel } from '../core/ports.ts';
import type { MetaSlots } from './opfs-checkpoint.ts';
import { Arena, DataFiles } from './opfs-data.ts';
import type { EventLog } from './opfs-events.ts';
import { readExactly, writeAll, type FileDirectory } from './opfs-files.ts';
import type { Journal, JournalEntry } from './opfs-journal.ts';
import type { Delta, ExtentWrite, OpfsMeta } from './opfs-meta.ts';
import { decodeSums, writeSums } from './opfs-sums.ts';

/** The points where a test can stop the store as if the worker died there ("after stage k"). */
export const CRASH_STAGES = [
  'staged', 'in-place-torn', 'in-place-written', 'journal-torn-header', 'journal-torn-data', 'journaled', 'data-torn', 'data-written', 'sums-torn', 'sums-written', 'applied',
  'checkpoint-flushed', 'checkpoint-torn', 'checkpoint-written', 'checkpoint-done',
] as const;
/** One of CRASH_STAGES. */
export type CrashStage = (typeof CRASH_STAGES)[number];

/** The error a simulated crash throws; the store is unusable afterwards, as a dead worker would be. */
export class SimulatedCrash extends Error {
  constructor(readonly stage: CrashStage) {
    super(`simulated crash after ${stage}`);
  }
}

/** Everything one open store works on. */
export interface OpfsState {
  readonly kernel: Kernel;
  readonly dir: FileDirectory;
  meta: OpfsMeta;
  readonly events: EventLog;
  readonly journal: Journal;
  readonly data: DataFiles;
  /** The disks' checksum files (opfs-sums.ts). */
  readonly sums: DataFiles;
  readonly arena: Arena;
  readonly slots: MetaSlots;
  /** Generation of the newest checkpoint. */
  generation: number;
  /** Seq of the newest journal entry applied (in memory and to the files, maybe not flushed). */
  lastSeq: number;
  /** Test hook: true at a stage means "die here". */
  readonly crashAt: ((stage: CrashStage) => boolean) | undefined;
}

/** Throws a SimulatedCrash when the test hook asks for one at this stage. */
export function crashPoint(state: OpfsState, stage: CrashStage): void {
  if (state.crashAt?.(stage)) throw new SimulatedCrash(stage);
}

/** Applies a journaled delta; `offsets[i]` is where the bytes of redo write `delta.writes[i]` lie in the arena. */
export async function applyDelta(state: OpfsState, delta: Delta, arena: BufferId, offsets: readonly number[]): Promise<void> {
  const { meta, data, kernel } = state;
  meta.applyBeforeOps(delta);
  // Open the files first: after an await the kernel memory may have grown, so views are taken after.
  for (const [disk, , , , , , inPlace] of delta.writes) if (inPlace !== 1) await data.ensure(disk);
  const view = kernel.bufferView(arena);
  let first = true;
  delta.writes.forEach(([disk, extent, count, at, bytes, , inPlace], i) => {
    if (inPlace !== 1) {
      const from = offsets[i]!;
      const torn = first && state.crashAt?.('data-torn') === true;
      writeAll(data.forWrite(disk), view.subarray(from, from + (torn ? bytes >> 1 : bytes)), at);
      if (torn) throw new SimulatedCrash('data-torn');
      first = false;
    }
    meta.markWritten(disk, extent, count);
  });
  crashPoint(state, 'data-written');
  await applySums(state, delta.writes);
  for (const disk of delta.deleteDisks) {
    await data.drop(disk);
    await state.sums.drop(disk);
    meta.disks.delete(disk);
  }
  state.events.append(delta.events);
  crashPoint(state, 'applied');
}

/**
 * Writes the block sums the writes carry (unflushed, like their bytes). Writes of a version 1
 * entry carry none: the store then lacks sums until opfs-migrate.ts computes them at open.
 */
async function applySums(state: OpfsState, writes: readonly ExtentWrite[]): Promise<void> {
  for (const [disk, , , , , , , sums] of writes) if (sums !== undefined) await state.sums.ensure(disk);
  writes.forEach(([disk, extent, , , , , , sums], i) => {
    if (sums === undefined) {
      state.meta.hasSums = false;
      return;
    }
    const layout = state.meta.disk(disk).layout;
    const torn = i === 0 && state.crashAt?.('sums-torn') === true;
    writeSums(state.sums.forWrite(disk), extent * layout.blocksPerExtent, decodeSums(sums), torn);
    if (torn) throw new SimulatedCrash('sums-torn');
  });
  crashPoint(state, 'sums-written');
}

/** Flushes the disk and checksum files and events, writes a checkpoint of the metadata, then empties the journal. */
export function checkpoint(state: OpfsState): void {
  state.data.flushDirty();
  state.sums.flushDirty();
  state.events.flush();
  crashPoint(state, 'checkpoint-flushed');
  const generation = state.generation + 1;
  const torn = state.crashAt?.('checkpoint-torn') === true;
  state.slots.write(generation, state.lastSeq, state.meta.encode(), torn);
  if (torn) throw new SimulatedCrash('checkpoint-torn');
  state.generation = generation;
  crashPoint(state, 'checkpoint-written');
  state.journal.reset();
  crashPoint(state, 'checkpoint-done');
}

/** Replays the journal's entries past the checkpoint, stopping at an incomplete one; then checkpoints. */
export async function replayJournal(state: OpfsState, appliedSeq: number): Promise<void> {
  const entries = state.journal.scan();
  for (const [i, entry] of entries.entries()) {
    if (entry.seq <= appliedSeq) continue;
    const loaded = await loadEntry(state, entry, i === entries.length - 1);
    if (loaded === undefined) break;
    await applyDelta(state, entry.delta, loaded.arena, loaded.offsets);
    state.lastSeq = entry.seq;
  }
  if (state.journal.file.getSize() > 0) checkpoint(state);
}

/**
 * Reads an entry's redo bytes into the arena and checks them; for the newest entry also checks
 * the extents it wrote in place (they were flushed before the entry was written, so only a
 * commit that never finished can miss them). Undefined when the entry is incomplete.
 */
async function loadEntry(state: OpfsState, entry: JournalEntry, newest: boolean): Promise<{ arena: BufferId; offsets: number[] } | undefined> {
  const { kernel, data } = state;
  const writes = entry.delta.writes;
  const offsets: number[] = [];
  let redo = 0;
  let largest = 0;
  for (const [disk, , , , bytes, , inPlace] of writes) {
    offsets.push(inPlace === 1 ? -1 : redo);
    if (inPlace !== 1) redo += bytes;
    else if (newest) {
      largest = Math.max(largest, bytes);
      await data.ensure(disk);
    }
  }
  if (redo !== entry.dataBytes) return undefined;
  const arena = state.arena.ensure(redo + largest);
  const view = kernel.bufferView(arena);
  readExactly(state.journal.file, view.subarray(0, redo), entry.dataAt);
  for (const [i, [disk, , , at, bytes, sum, inPlace]] of writes.entries()) {
    let from = offsets[i]!;
    if (inPlace === 1) {
      if (!newest) continue;
      const file = data.get(disk)!;
      if (at + bytes > file.getSize()) return undefined;
      readExactly(file, view.subarray(redo, redo + bytes), at);
      from = redo;
    }
    if (kernel.checksum(arena, from, bytes) !== sum) return undefined;
  }
  return { arena, offsets };
}
