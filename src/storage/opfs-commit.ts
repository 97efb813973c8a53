/**
 * One commit up to its durable point. The ops are staged in the arena; the new bytes of extents
 * never written before go straight to their disk files and are flushed (nothing shows them until
 * the metadata marks them written, so a crash before the journal entry leaves no trace); then the
 * journal entry (the metadata change, plus the new bytes of extents that held data) is appended
 * and flushed. From that flush on the commit survives a crash; `applyDelta` finishes it.
 */
import type { BufferId } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { crashPoint, SimulatedCrash, type OpfsState } from './opfs-apply.ts';
import { toDelta } from './opfs-delta.ts';
import { fileError, writeAll, type SyncFile } from './opfs-files.ts';
import type { Delta } from './opfs-meta.ts';
import { OpfsStage, type DirtyRun } from './opfs-stage.ts';
import { encodeSums } from './opfs-sums.ts';

/** A commit whose journal entry is complete and flushed; `offsets[i]` locates `delta.writes[i]` in the arena. */
export interface Journaled {
  delta: Delta;
  arena: BufferId;
  offsets: number[];
}

/** Stages, writes fresh extents in place, journals; a rejection leaves nothing visible. */
export async function journalCommit(state: OpfsState, checked: CheckedCommit, refuse: () => boolean): Promise<Journaled> {
  const { kernel, meta, data, sums, journal } = state;
  const stage = new OpfsStage(kernel, checked.layouts, checked.ops);
  const written = (disk: number, extent: number): boolean => meta.isWritten(disk, extent);
  for (const disk of stage.disksToRead(written)) {
    await data.ensure(disk);
    await sums.ensure(disk);
  }
  const arena = state.arena.ensure(stage.bytes);
  stage.load(arena, written, (disk) => data.get(disk), (disk) => sums.get(disk));
  stage.apply(arena);
  const deleted = new Set(checked.deleteDisks);
  const runs = stage.dirtyRuns(written).filter((run) => !deleted.has(run.disk));
  const delta = toDelta(checked, runs.map((r) => {
    const layout = checked.layouts.get(r.disk)!;
    const at = r.first * layout.blocksPerExtent * layout.blockSize;
    const blockSums = encodeSums(stage.sums.forRun(arena, r.disk, r.first, r.count, r.offset));
    return [r.disk, r.first, r.count, at, r.bytes, kernel.checksum(arena, r.offset, r.bytes), r.fresh ? 1 : 0, blockSums];
  }));
  if (refuse()) throw new Error('simulated storage failure');
  crashPoint(state, 'staged');
  const fresh = runs.filter((r) => r.fresh);
  for (const run of fresh) await data.ensure(run.disk);
  writeInPlace(state, arena, fresh, delta);
  crashPoint(state, 'in-place-written');
  const tear = state.crashAt?.('journal-torn-header') ? 'header' : state.crashAt?.('journal-torn-data') ? 'data' : undefined;
  const view = kernel.bufferView(arena);
  try {
    const redo = runs.filter((r) => !r.fresh).map((r) => view.subarray(r.offset, r.offset + r.bytes));
    journal.append(state.lastSeq + 1, delta, redo, tear);
  } catch (error) {
    journal.rollback();
    throw fileError(error);
  }
  if (tear !== undefined) throw new SimulatedCrash(tear === 'header' ? 'journal-torn-header' : 'journal-torn-data');
  crashPoint(state, 'journaled');
  return { delta, arena, offsets: runs.map((r) => r.offset) };
}

/** Writes fresh runs to their files (adjacent extents in one call) and flushes those files. */
function writeInPlace(state: OpfsState, arena: BufferId, runs: readonly DirtyRun[], delta: Delta): void {
  const view = state.kernel.bufferView(arena);
  const files = new Set<SyncFile>();
  const at = new Map(delta.writes.map((w) => [`${w[0]}:${w[1]}`, w[3]]));
  try {
    runs.forEach((run, i) => {
      const file = state.data.get(run.disk)!;
      const torn = i === 0 && state.crashAt?.('in-place-torn') === true;
      writeAll(file, view.subarray(run.offset, run.offset + (torn ? run.bytes >> 1 : run.bytes)), at.get(`${run.disk}:${run.first}`)!);
      if (torn) throw new SimulatedCrash('in-place-torn');
      files.add(file);
    });
    for (const file of files) file.flush();
  } catch (error) {
    throw error instanceof SimulatedCrash ? error : fileError(error);
  }
}
