/**
 * The lab service: the LabApi over one engine, its copier driver and a ring of recent events.
 * It is plain TypeScript (the worker file only wires it to comlink), so Node tests can drive it.
 */
import type { Engine } from '../core/engine.ts';
import { refuse, ok, type Outcome } from '../core/outcome.ts';
import type { LabEvent } from '../core/ports.ts';
import type { PairView } from '../core/views.ts';
import type { DriverState, Frame, FramePair, LabApi, NewCopy, NewDisk, RecopyOptions, WriteResult } from './api.ts';
import { CopierDriver } from './driver.ts';

const EVENT_RING = 500;

/** Implements LabApi over an engine. */
export class LabService implements LabApi {
  private readonly recent: LabEvent[] = [];
  readonly driver: CopierDriver;

  constructor(
    private readonly engine: Engine,
    recentEvents: readonly LabEvent[] = [],
    driver: Partial<DriverState> = {},
  ) {
    this.recent.push(...recentEvents.slice(-EVENT_RING));
    engine.onEvents((events) => {
      this.recent.push(...events);
      if (this.recent.length > EVENT_RING) this.recent.splice(0, this.recent.length - EVENT_RING);
    });
    this.driver = new CopierDriver(engine, driver);
  }

  createDisk(spec: NewDisk): Promise<Outcome> {
    return this.engine.createDisk(spec);
  }
  deleteDisk(name: string): Promise<Outcome> {
    return this.engine.deleteDisk(name);
  }
  setDiskState(name: string, state: string): Promise<Outcome> {
    return this.engine.setDiskState(name, state);
  }
  failBlock(name: string, block: number): Promise<Outcome> {
    return this.engine.failBlock(name, block);
  }
  repairBlock(name: string, block: number): Promise<Outcome> {
    return this.engine.repairBlock(name, block);
  }
  createCopy(spec: NewCopy): Promise<Outcome> {
    return this.engine.createCopy(spec);
  }
  stop(target?: string): Promise<Outcome> {
    return this.engine.stop(target);
  }
  recopy(target?: string, options?: RecopyOptions): Promise<Outcome> {
    return this.engine.recopy(target, options);
  }
  removeCopy(target?: string): Promise<Outcome> {
    return this.engine.removeCopy(target);
  }
  setPriority(target: string | undefined, priority: string): Promise<Outcome> {
    return this.engine.setPriority(target, priority);
  }
  setTargetReadOnly(target: string | undefined, value: boolean): Promise<Outcome> {
    return this.engine.setTargetReadOnly(target, value);
  }
  tick(ms: number): Promise<Outcome> {
    return this.engine.tick(ms);
  }
  run(): Promise<Outcome> {
    return this.engine.run();
  }

  copy(target: string | undefined, blocks: number): Promise<Outcome<number>> {
    return this.engine.copy(target, blocks);
  }

  async write(disk: string, blocks: number[], data: Uint8Array): Promise<WriteResult> {
    const started = performance.now();
    const outcome = await this.engine.write({ disk, blocks, data });
    return { ...outcome, latencyMs: performance.now() - started };
  }

  read(disk: string, block: number): Promise<Outcome<Uint8Array>> {
    return this.engine.read(disk, block);
  }

  readCopySource(target: string | undefined, block: number): Promise<Outcome<Uint8Array>> {
    return this.engine.readCopySource(target, block);
  }

  readRaw(disk: string, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return this.engine.readRaw(disk, first, count);
  }

  async setDriver(change: Partial<DriverState>): Promise<Outcome<DriverState>> {
    if (change.speed !== undefined && !(change.speed > 0 && change.speed <= 1e6)) {
      return refuse('INVALID_ARGUMENT', `${change.speed} is not a speed: use a factor above 0 and up to 1,000,000`);
    }
    if (change.copyRate !== undefined) {
      const set = this.engine.setCopyRate(change.copyRate);
      if (!set.ok) return set;
    }
    return ok(this.driver.update(change));
  }

  async frame(sinceVersion: number, sinceEventSeq: number): Promise<Frame | null> {
    await this.engine.idle();
    if (this.engine.version === sinceVersion) return null;
    return {
      version: this.engine.version,
      timeMs: this.engine.timeMs,
      disks: this.engine.disks(),
      pairs: this.engine.pairs().map((pair) => this.framePair(pair)),
      events: this.recent.filter((event) => event.seq > sinceEventSeq),
      driver: { ...this.driver.state, copyRate: this.engine.copyRate },
    };
  }

  private framePair(pair: PairView): FramePair {
    const bitmaps = this.engine.bitmaps(pair.target)!;
    const repository = pair.repository && (({ preserved: _preserved, ...rest }) => rest)(pair.repository);
    return { ...pair, repository, copied: bitmaps.copied, preserved: bitmaps.preserved };
  }
}
