/**
 * The worker's record of what happened to each source block of each copy pair in its point in
 * time, kept from every committed action (Engine.onCommit): host writes (block ops on the
 * source), copy-on-write and copy-before-write (their events, with time, seq and slot), and the
 * copier's copies to the target with the disk they were read from (block ops to the target).
 * A pair that existed before the worker started has only what happened since ("partial").
 */
import type { Engine } from '../core/engine.ts';
import { pairKey } from '../core/persist.ts';
import type { BlockOp, LabEvent, StoreCommit } from '../core/ports.ts';
import type { ArrayState, Pair } from '../core/state.ts';

const KEPT_WRITE_TIMES = 8;

/** A moment with its event seq, when there is an event. */
export interface Moment {
  timeMs: number;
  eventSeq: number | null;
}

/** Host writes to one block: how many, the first few times, the latest. */
export interface WriteLog {
  count: number;
  firstMs: number[];
  lastMs: number;
}

/** A run of blocks the copier put on the target in one commit, and where it read them. */
interface CopyRun {
  first: number;
  count: number;
  from: 'source' | 'repository';
  fromFirst: number;
  timeMs: number;
}

/** One pair's record in its current point in time. */
export class PairLog {
  readonly preserved = new Map<number, Moment & { slot: number }>();
  readonly copiedBeforeWrite = new Map<number, Moment>();
  readonly writes = new Map<number, WriteLog>();
  private readonly copies: CopyRun[] = [];

  /** `complete`: the worker saw the point in time begin, so nothing before is missing. */
  constructor(readonly pairId: number, readonly complete: boolean) {}

  /** When the copier put `block` on the target and from where (a repository slot or the source), or undefined. */
  copyOf(block: number): { timeMs: number; from: 'source' | 'repository'; slot: number | null } | undefined {
    for (let i = this.copies.length - 1; i >= 0; i--) {
      const run = this.copies[i]!;
      if (block < run.first || block >= run.first + run.count) continue;
      const slot = run.from === 'repository' ? run.fromFirst + (block - run.first) : null;
      return { timeMs: run.timeMs, from: run.from, slot };
    }
    return undefined;
  }

  /** An acknowledged host write to `block` at simulated `timeMs`. */
  noteWrite(block: number, timeMs: number): void {
    const log = this.writes.get(block) ?? { count: 0, firstMs: [], lastMs: timeMs };
    log.count++;
    if (log.firstMs.length < KEPT_WRITE_TIMES) log.firstMs.push(timeMs);
    log.lastMs = timeMs;
    this.writes.set(block, log);
  }

  /** The copier put a run of blocks on the target (later runs win in `copyOf`). */
  noteCopy(run: CopyRun): void {
    this.copies.push(run);
  }
}

/** Keeps a PairLog for every pair, by target name. */
export class BlockTracker {
  private readonly logs = new Map<string, PairLog>();
  /** Targets of pairs that existed when the worker started: their first log is partial. */
  private preexisting: Set<string>;

  constructor(engine: Engine) {
    this.preexisting = new Set(engine.pairs().map((p) => p.target));
    engine.onCommit((commit, state) => this.observe(commit, state));
  }

  /** The log of the pair copying to `target`, or undefined when no commit has been seen since the worker started. */
  log(target: string): PairLog | undefined {
    return this.logs.get(target);
  }

  /** True while a pair that existed when the worker started has not been seen in a commit yet. */
  isPreexisting(target: string): boolean {
    return this.preexisting.has(target);
  }

  private observe(commit: Readonly<StoreCommit>, state: Readonly<ArrayState>): void {
    const events = commit.events ?? [];
    for (const pair of state.pairs.values()) {
      const target = state.disks.get(pair.targetId)?.name;
      if (target === undefined) continue;
      const log = this.logFor(pair, target, commit);
      recordEvents(log, target, events);
      for (const op of commit.ops ?? []) recordOp(log, pair, op, state.timeMs, events, target);
    }
    this.preexisting.clear();
  }

  /** The pair's log; a new one for a new pair or a new point in time (its copied bitmap was cleared). */
  private logFor(pair: Pair, target: string, commit: Readonly<StoreCommit>): PairLog {
    const known = this.logs.get(target);
    const reset = commit.deletePrefixes?.some((prefix) => prefix.startsWith(`${pairKey(pair.id)}/copied`)) ?? false;
    if (known && known.pairId === pair.id && !reset) return known;
    const log = new PairLog(pair.id, reset || !this.preexisting.has(target) || known !== undefined);
    this.logs.set(target, log);
    return log;
  }
}

function recordEvents(log: PairLog, target: string, events: readonly LabEvent[]): void {
  for (const event of events) {
    if (event.target !== target || event.block === undefined) continue;
    const moment = { timeMs: event.timeMs, eventSeq: event.seq };
    if (event.type === 'COPY_ON_WRITE' && event.slot !== undefined) log.preserved.set(event.block, { ...moment, slot: event.slot });
    if (event.type === 'COPY_BEFORE_WRITE') log.copiedBeforeWrite.set(event.block, moment);
  }
}

/** A host write to the source, or the copier's copy to the target (a copy-before-write has its own event). */
function recordOp(log: PairLog, pair: Pair, op: BlockOp, timeMs: number, events: readonly LabEvent[], target: string): void {
  if (op.kind === 'write') {
    if (op.disk === pair.sourceId && op.block < pair.total) log.noteWrite(op.block, timeMs);
    return;
  }
  if (op.to !== pair.targetId) return;
  const repository = pair.repository?.diskId;
  const from = op.from === repository ? 'repository' : op.from === pair.sourceId ? 'source' : null;
  if (from === null) return;
  // A host write's commit never holds copier work, so its copies to the target are all copy-before-write.
  const beforeWrite = from === 'source' && events.some((e) => e.type === 'COPY_BEFORE_WRITE' && e.target === target);
  if (!beforeWrite) log.noteCopy({ first: op.toBlock, count: op.count, from, fromFirst: op.fromBlock, timeMs });
}
