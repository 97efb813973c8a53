/**
 * The lab's worker stack as the lab worker builds it (wasm kernel, a block store, the engine, the
 * LabService with its real-time copier driver), over a store of the benchmark's choice wrapped in a
 * TimingStore. A copy is timed from the createCopy call (which fingerprints the source) through the
 * driver at full speed to the verification the service runs at completion.
 */
import { Engine } from '../src/core/engine.ts';
import type { Outcome } from '../src/core/outcome.ts';
import type { BlockOp, BlockStore, Kernel } from '../src/core/ports.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { BLOCK_SIZE, MiB } from './suite-types.ts';
import { busyMs, TimingStore } from './timing-store.ts';

/** Where the time of one copy went (profiled copies only), in ms. */
export interface CopyBreakdown {
  fingerprintReadMs: number;
  copierBatches: number;
  /** Inside engine.copy calls: waiting in the engine's queue, the core's work, and the store commit. */
  batchMs: number;
  commitMs: number;
  /** Copy phase time outside engine.copy: the driver waiting for its next 16 ms interval. */
  driverIdleMs: number;
  verifyReadMs: number;
}

/** One timed copy: from the createCopy call to the verified completion, and its phases. */
export interface CopyTiming {
  seconds: number;
  /** createCopy: the point in time and the source's fingerprint. */
  fingerprintMs: number;
  /** From starting the driver to the completion event. */
  copyMs: number;
  /** From the completion event to the verification being known. */
  verifyMs: number;
  breakdown?: CopyBreakdown;
}

/** The stack, its disks and timed copies. */
export class LabRig {
  private constructor(
    readonly kernel: Kernel,
    readonly store: TimingStore,
    readonly engine: Engine,
    readonly service: LabService,
  ) {}

  static async open(kernel: Kernel, inner: BlockStore): Promise<LabRig> {
    const store = new TimingStore(inner);
    const engine = await Engine.open(kernel, store);
    const service = new LabService(engine, [], { running: false, fullSpeed: true });
    service.driver.start();
    return new LabRig(kernel, store, engine, service);
  }

  async createDisk(name: string, blocks: number, fill: 'zero' | 'index' = 'zero'): Promise<void> {
    must(await this.service.createDisk({ name, blocks, blockSize: BLOCK_SIZE, fill: { kind: fill } }), `create disk ${name}`);
  }

  /** Writes random bytes into every block of a disk straight through the store; returns MiB/s. */
  async fillRandom(name: string, blocksPerCommit = 2048): Promise<number> {
    const id = (await this.store.load()).disks.find((d) => d.name === name)?.id;
    const blocks = this.engine.disks().find((d) => d.name === name)?.blocks;
    if (id === undefined || blocks === undefined) throw new Error(`disk ${name} is not in the store`);
    const start = performance.now();
    for (let first = 0; first < blocks; first += blocksPerCommit) {
      const ops: BlockOp[] = [];
      for (let block = first; block < Math.min(first + blocksPerCommit, blocks); block++) {
        ops.push({ kind: 'write', disk: id, block, data: crypto.getRandomValues(new Uint8Array(BLOCK_SIZE)) });
      }
      await this.store.commit({ ops });
    }
    return (blocks * BLOCK_SIZE) / MiB / ((performance.now() - start) / 1000);
  }

  /** Creates an online copy (at `priority`), runs the driver at full speed, waits for the verification. */
  async copy(source: string, target: string, options: { priority?: string; profile?: boolean; onStarted?: () => void } = {}): Promise<CopyTiming> {
    const { engine, service } = this;
    const profile = options.profile ?? false;
    const batches: Array<[number, number]> = [];
    const original = engine.copy;
    if (profile) {
      this.store.record();
      engine.copy = (t, n) => {
        const start = performance.now();
        return original.call(engine, t, n).finally(() => batches.push([start, performance.now()]));
      };
    }
    let completedAt = 0;
    const completed = new Promise<void>((resolve) => {
      const off = engine.onEvents((events) => {
        if (!events.some((e) => e.type === 'COPY_COMPLETED' && e.target === target)) return;
        completedAt = performance.now();
        off();
        resolve();
      });
    });
    try {
      const t0 = performance.now();
      must(await service.createCopy({ source, target, type: 'online', priority: options.priority ?? 'highest' }), `create the copy to ${target}`);
      const t1 = performance.now();
      options.onStarted?.();
      must(await service.setDriver({ running: true, fullSpeed: true }), 'start the driver');
      await completed;
      const verification = await this.verified(target);
      const t3 = performance.now();
      if (verification !== 'equal') throw new Error(`the copy to ${target} verified as ${verification}`);
      const timing: CopyTiming = { seconds: (t3 - t0) / 1000, fingerprintMs: t1 - t0, copyMs: completedAt - t1, verifyMs: t3 - completedAt };
      if (!profile) return timing;
      const log = this.store.stop();
      const batchMs = batches.reduce((sum, [s, e]) => sum + (e - s), 0);
      timing.breakdown = {
        fingerprintReadMs: busyMs(log, 'read', t0, t1).ms,
        copierBatches: batches.length,
        batchMs,
        commitMs: busyMs(log, 'commit', t1, completedAt).ms,
        driverIdleMs: timing.copyMs - batchMs,
        verifyReadMs: busyMs(log, 'read', completedAt, t3).ms,
      };
      return timing;
    } finally {
      if (profile) {
        engine.copy = original;
        this.store.stop();
      }
      must(await service.setDriver({ running: false }), 'pause the driver');
    }
  }

  /** Stops the copy to `target` if it is still running, then removes the pair (its target disk stays). */
  async removeCopy(target: string): Promise<void> {
    const pair = this.engine.pairs().find((p) => p.target === target);
    if (!pair) return;
    if (pair.status === 'InProgress' || pair.status === 'Pending') must(await this.service.stop(target), `stop the copy to ${target}`);
    must(await this.service.removeCopy(target), `remove the copy to ${target}`);
  }

  async close(): Promise<void> {
    this.service.workload.halt();
    this.service.driver.dispose();
    await this.engine.idle();
    await this.store.close();
  }

  /** Polls the service's frames until the completed pair's verification is known. */
  private async verified(target: string): Promise<'equal' | 'differs'> {
    for (;;) {
      const frame = await this.service.frame(-1, 0);
      const pair = frame?.pairs.find((p) => p.target === target);
      if (!pair) throw new Error(`the pair of ${target} disappeared`);
      if (pair.verification) return pair.verification.state;
      await sleep(5);
    }
  }
}

export function must<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.code} ${outcome.message}`);
  return outcome.value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
