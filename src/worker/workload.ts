/**
 * The workload generator: host writes at a steady rate (random, sequential or hot-spot blocks)
 * while a copy runs. Writes go through the same path as a learner's, one at a time; a stall
 * does not cause a catch-up burst.
 */
import { ok, refuse, type Outcome } from '../core/outcome.ts';
import { WORKLOAD_PATTERNS, type WorkloadState } from './api.ts';

const PUMP_MS = 20;
const HOT_SHARE = 0.8;
const HOT_FRACTION = 0.1;

/** What the generator needs from the lab: the size of a disk and a host write. */
export interface WorkloadTarget {
  blockSizeOf(disk: string): { blocks: number; blockSize: number } | undefined;
  write(disk: string, blocks: number[], data: Uint8Array): Promise<unknown>;
}

/** Issues host writes while running. */
export class WorkloadGenerator {
  readonly state: WorkloadState = { running: false, disk: 'SRC', pattern: 'random', ratePerSecond: 5 };
  private timer: ReturnType<typeof setInterval> | undefined;
  private due = 0;
  private last = 0;
  private busy = false;
  private sequence = 0;
  private written = 0;

  constructor(private readonly lab: WorkloadTarget, private readonly random: () => number = Math.random) {}

  /** Checks and applies a change; starts or stops the timer. */
  update(change: Partial<WorkloadState>): Outcome<WorkloadState> {
    const next = { ...this.state, ...change };
    if (!WORKLOAD_PATTERNS.includes(next.pattern)) return refuse('INVALID_ARGUMENT', `"${next.pattern}" is not a workload pattern: use ${WORKLOAD_PATTERNS.join(', ')}`);
    if (!(next.ratePerSecond >= 0.5 && next.ratePerSecond <= 1000)) return refuse('INVALID_ARGUMENT', `${next.ratePerSecond} writes per second is outside 0.5 to 1,000`);
    if (next.running && !this.lab.blockSizeOf(next.disk)) return refuse('NO_SUCH_DISK', `there is no disk named ${next.disk} to write to`);
    Object.assign(this.state, next);
    this.due = 0;
    this.last = performance.now();
    if (this.state.running) this.timer ??= setInterval(() => void this.pump(), PUMP_MS);
    else this.halt();
    return ok({ ...this.state });
  }

  /** Stops for good. */
  halt(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.state.running = false;
  }

  private async pump(): Promise<void> {
    const now = performance.now();
    this.due = Math.min(this.due + ((now - this.last) * this.state.ratePerSecond) / 1000, Math.max(1, this.state.ratePerSecond));
    this.last = now;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.due >= 1 && this.state.running) {
        this.due -= 1;
        const disk = this.lab.blockSizeOf(this.state.disk);
        if (!disk) return this.halt();
        const data = new Uint8Array(disk.blockSize).fill((this.written++ * 37) & 255);
        await this.lab.write(this.state.disk, [this.nextBlock(disk.blocks)], data);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The next block of the pattern. */
  nextBlock(blocks: number): number {
    switch (this.state.pattern) {
      case 'sequential':
        return this.sequence++ % blocks;
      case 'hotspot': {
        const hot = Math.max(1, Math.floor(blocks * HOT_FRACTION));
        return this.random() < HOT_SHARE ? Math.floor(this.random() * hot) : Math.floor(this.random() * blocks);
      }
      case 'random':
        return Math.floor(this.random() * blocks);
    }
  }
}
