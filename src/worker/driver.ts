/**
 * The real-time copier driver: while running, it turns elapsed real time into simulated time
 * (times the speed factor) and ticks the engine, or at full speed copies batches as fast as the
 * store allows, each pair's batch scaled by its priority's rate.
 */
import type { Engine } from '../core/engine.ts';
import { PRIORITY_RATE_168 } from '../core/vocabulary.ts';
import type { DriverState } from './api.ts';

/** Largest batch of one pair per full-speed round (one store commit): 16 MiB of 4 KiB blocks, 16 IndexedDB segment records (bench: fewer, larger transactions copy faster). */
export const FULL_SPEED_BATCH = 4096;
/**
 * Batch while hosts are writing: a host write waits for the copier transaction under way, and a
 * 4096-block (16 MiB) one takes 100 ms or more. 256 blocks of 4 KiB are one IndexedDB segment
 * record (1 MiB, idb-segments.ts): read once and written whole in a transaction of a few ms.
 */
const SHARED_BATCH = 256;
/** How long after a host write the copier keeps its batches small. */
const WRITES_ACTIVE_MS = 500;
/** Longest simulated step of one tick, so that one commit stays small after a stall. */
const MAX_TICK_MS = 1000;
const PUMP_INTERVAL_MS = 16;

/** Drives the copiers of an engine in real time. */
export class CopierDriver {
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  private lastHostWrite = Number.NEGATIVE_INFINITY;
  private last = 0;
  private carryMs = 0;
  /** Settles when the round under way (if any) has finished. */
  private round: Promise<void> = Promise.resolve();
  readonly state: DriverState;
  /** Most blocks the copier of a target may copy before something must look (breakpoints set it; Infinity: no limit). */
  limit: (target: string) => number = () => Number.POSITIVE_INFINITY;

  constructor(
    private readonly engine: Engine,
    initial: Partial<DriverState> = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.state = { running: true, speed: 1, fullSpeed: false, copyRate: engine.copyRate, ...initial };
  }

  /** Starts pumping (every animation-frame interval). */
  start(): void {
    this.last = this.now();
    this.timer ??= setInterval(() => void this.pump(), PUMP_INTERVAL_MS);
  }

  /** Stops pumping for good. */
  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops pumping for good; settles once the round under way, if any, has finished. */
  async halt(): Promise<void> {
    this.dispose();
    await this.round;
  }

  /** Applies a change to the running state, speed or mode. */
  update(change: Partial<DriverState>): DriverState {
    Object.assign(this.state, change);
    this.last = this.now();
    this.carryMs = 0;
    return { ...this.state };
  }

  /** One round of work; rounds never overlap. */
  async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    let finished = (): void => undefined;
    this.round = new Promise((resolve) => (finished = resolve));
    try {
      const now = this.now();
      const elapsed = now - this.last;
      this.last = now;
      if (!this.state.running || !this.engine.pairs().some((p) => p.status === 'InProgress')) return;
      if (this.state.fullSpeed) {
        await this.fullSpeedRound();
        this.continueAtFullSpeed();
      } else await this.realTimeRound(elapsed);
    } finally {
      this.busy = false;
      finished();
    }
  }

  /**
   * At full speed the next round starts as soon as this one has committed, not at the next 16 ms
   * tick (which capped any store at 512 blocks per 16 ms); a macrotask in between lets the page's
   * calls (host writes, frames) in.
   */
  private continueAtFullSpeed(): void {
    if (this.timer === undefined) return;
    setTimeout(() => void this.pump(), 0);
  }

  private async realTimeRound(elapsed: number): Promise<void> {
    this.carryMs += Math.min(elapsed, MAX_TICK_MS) * this.state.speed;
    const ms = Math.min(Math.floor(this.carryMs), this.limitedMs());
    if (ms >= 1) {
      this.carryMs -= ms;
      await this.engine.tick(ms);
    } else if (this.carryMs >= 1) await this.copyToLimit();
  }

  /**
   * The longest tick after which no pair has copied more than its limit: a pair gains
   * copyRate × rate/168 blocks per simulated second and holds less than one block of credit.
   */
  private limitedMs(): number {
    let ms = Number.POSITIVE_INFINITY;
    for (const pair of this.engine.pairs()) {
      const blocks = pair.status === 'InProgress' ? this.limit(pair.target) : Number.POSITIVE_INFINITY;
      if (Number.isFinite(blocks)) ms = Math.min(ms, Math.floor((blocks * 168_000) / (this.engine.copyRate * PRIORITY_RATE_168[pair.priority])));
    }
    return ms;
  }

  /** Not even a 1 ms tick stays within a limit (a very fast copier): copy exactly up to it instead. */
  private async copyToLimit(): Promise<void> {
    this.carryMs = 0;
    for (const pair of this.engine.pairs()) {
      const blocks = this.limit(pair.target);
      if (pair.status === 'InProgress' && Number.isFinite(blocks) && this.state.running) await this.engine.copy(pair.target, blocks);
    }
  }

  /** A host write arrived: for a while, copy in small batches so that writes do not wait long. */
  noteHostWrite(): void {
    this.lastHostWrite = this.now();
  }

  private async fullSpeedRound(): Promise<void> {
    const base = this.now() - this.lastHostWrite < WRITES_ACTIVE_MS ? SHARED_BATCH : FULL_SPEED_BATCH;
    for (const pair of this.engine.pairs()) {
      if (pair.status !== 'InProgress' || !this.state.running) continue;
      const batch = Math.min(this.limit(pair.target), Math.max(1, Math.round((base * PRIORITY_RATE_168[pair.priority]) / 168)));
      // While hosts write, the batch's source is read before it enters the engine's queue, where host writes would wait for it.
      if (base === SHARED_BATCH) await this.engine.readAheadCopy(pair.target, batch);
      await this.engine.copy(pair.target, batch);
    }
  }
}
