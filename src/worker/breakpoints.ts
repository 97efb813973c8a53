/**
 * The breakpoints of the lab: after every committed action the set looks at the commit's events
 * and the copier's position; the first breakpoint that became true pauses the copier driver and
 * the workload (through the host) and is kept as the reason until the learner resumes. The
 * driver asks `safeBlocks` before each batch, so the copier stops exactly at a copierReaches block.
 */
import type { Engine } from '../core/engine.ts';
import { done, refuse, type Outcome } from '../core/outcome.ts';
import type { LabEvent, StoreCommit } from '../core/ports.ts';
import type { PairView } from '../core/views.ts';
import { breakpointListProblem } from './breakpoints-check.ts';
import { hitBy, isReached } from './breakpoints-hits.ts';
import type { Breakpoint, BreakpointStop, BreakpointsState } from './breakpoints-types.ts';

const ATTACHMENT = 'breakpoints';

/** What a hit does to the rest of the lab. */
export interface BreakpointHost {
  /** Pauses the copier driver (kept, as a learner's pause) and halts the workload. */
  pause(): void;
  /** Something a frame shows changed. */
  changed(): void;
}

/** The kept value, if it is one (a reload restores the list and the reason for the pause). */
function keptState(value: unknown): BreakpointsState | null {
  if (typeof value !== 'object' || value === null) return null;
  const kept = value as Partial<BreakpointsState>;
  if (breakpointListProblem(kept.list) !== null) return null;
  return { list: kept.list!, stoppedBy: typeof kept.stoppedBy === 'object' ? kept.stoppedBy : null };
}

/** The breakpoints of one lab. */
export class BreakpointSet {
  private list: Breakpoint[] = [];
  private stop: BreakpointStop | null = null;
  /** For each copierReaches breakpoint (by index): had the copier reached its block at the last check? */
  private reached: boolean[] = [];

  constructor(private readonly engine: Engine, private readonly host: BreakpointHost) {
    const kept = keptState(engine.attachment(ATTACHMENT));
    if (kept) [this.list, this.stop] = [kept.list, kept.stoppedBy];
    this.reached = this.list.map((bp) => this.reachedNow(bp));
    engine.onCommit((commit) => this.check(commit));
  }

  /** The list and the reason of the pause, as frames carry them. */
  get state(): BreakpointsState {
    return { list: this.list.map((bp) => ({ ...bp })), stoppedBy: this.stop };
  }

  /** Replaces the list after checking its targets and blocks against the pairs; keeps it beside the array. */
  async set(list: Breakpoint[]): Promise<Outcome> {
    const pairs = this.engine.pairs();
    for (const bp of list) {
      const refusal = targetRefusal(bp, pairs);
      if (refusal) return refusal;
    }
    const kept = await this.engine.setAttachment(ATTACHMENT, { list, stoppedBy: this.stop });
    if (!kept.ok) return kept;
    this.list = list.map((bp) => ({ ...bp }));
    this.reached = this.list.map((bp) => this.reachedNow(bp));
    this.host.changed();
    return done;
  }

  /** The learner resumed: the reason is cleared. */
  resume(): void {
    if (!this.stop) return;
    this.stop = null;
    this.keep();
    this.host.changed();
  }

  /** Most blocks the copier of `target` may copy before a breakpoint must be checked (Infinity: no limit). */
  safeBlocks(target: string): number {
    let limit = Number.POSITIVE_INFINITY;
    this.list.forEach((bp, index) => {
      if (bp.kind !== 'copierReaches' || bp.target !== target || this.reached[index]) return;
      const copied = this.engine.bitmaps(target)?.copied;
      if (copied) limit = Math.min(limit, Math.max(1, clearBits(copied, bp.block + 1)));
    });
    return limit;
  }

  private check(commit: Readonly<StoreCommit>): void {
    if (this.list.length === 0) return;
    const events: readonly LabEvent[] = commit.events ?? [];
    let pairs: PairView[] | undefined;
    const pairsNow = (): PairView[] => (pairs ??= this.engine.pairs());
    let hit: BreakpointStop | null = null;
    for (const [index, bp] of this.list.entries()) {
      const was = this.reached[index] ?? false;
      if (bp.kind === 'copierReaches') this.reached[index] = isReached(bp, pairsNow());
      const found = hitBy(bp, events, pairsNow, was);
      if (!found || hit) continue;
      hit = { breakpoint: { ...bp }, facts: found.facts, eventSeq: found.event?.seq ?? this.engine.nextEventSeq - 1, timeMs: this.engine.timeMs };
    }
    if (!hit) return;
    this.stop = hit;
    this.host.pause();
    this.keep();
    this.host.changed();
  }

  private reachedNow(bp: Breakpoint): boolean {
    return bp.kind === 'copierReaches' && isReached(bp, this.engine.pairs());
  }

  private keep(): void {
    void this.engine.setAttachment(ATTACHMENT, { list: this.list, stoppedBy: this.stop });
  }
}

/** NO_SUCH_COPY for a target that is no pair's, BLOCK_OUT_OF_RANGE for a block past its source. */
function targetRefusal(bp: Breakpoint, pairs: readonly PairView[]): Outcome | null {
  if (!('target' in bp) || bp.target === undefined) return null;
  const pair = pairs.find((p) => p.target === bp.target);
  if (!pair) return refuse('NO_SUCH_COPY', `there is no copy pair with target ${bp.target}`);
  if ('block' in bp && bp.block >= pair.progress.total) {
    return refuse('BLOCK_OUT_OF_RANGE', `block ${bp.block} is past the end of ${pair.source} (${pair.progress.total} blocks)`);
  }
  return null;
}

/** Clear bits among the first `bits` of an exported bitmap. */
function clearBits(bitmap: Uint8Array, bits: number): number {
  let set = 0;
  for (let i = 0; i < bits; i++) if (bitmap[i >> 3]! & (1 << (i & 7))) set++;
  return bits - set;
}
