/**
 * The lab service: the LabApi over one engine, with its copier driver, workload generator,
 * write measurements, point-in-time fingerprints and a ring of recent events. It is plain
 * TypeScript (the worker file only wires it to comlink), so Node tests can drive it.
 */
import type { Engine } from '../core/engine.ts';
import { ok, refuse, type Outcome } from '../core/outcome.ts';
import type { LabEvent } from '../core/ports.ts';
import type { PairView } from '../core/views.ts';
import type {
  DriverState, Frame, FramePair, LabApi, NewCopy, NewDisk, RecopyOptions, Verification, WorkloadState, WriteResult,
} from './api.ts';
import { checkCall, refusedCall } from './api-guard.ts';
import { CopierDriver } from './driver.ts';
import { readHistory } from './block-history-read.ts';
import { BlockTracker } from './block-history.ts';
import { BreakpointSet } from './breakpoints.ts';
import type { BlockHistory, Breakpoint } from './api.ts';
import { Gate } from './gate.ts';
import { LabHistory } from './journal-history.ts';
import type { ExportOptions, TimelineView, TravelState } from './journal-types.ts';
import { StrategyComparer } from './compare.ts';
import type { Comparison, ComparisonSpec } from './compare-types.ts';
import { Verifier } from './verifier.ts';
import { WorkloadGenerator } from './workload.ts';
import { WriteSamples } from './write-samples.ts';

const EVENT_RING = 500;

/** True for a stored driver state (kept beside the array so that speed and pause survive a reload). */
function isDriverState(value: unknown): value is DriverState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['running'] === 'boolean' && typeof v['speed'] === 'number' && typeof v['fullSpeed'] === 'boolean' && typeof v['copyRate'] === 'number';
}

/** Implements LabApi over an engine. */
export class LabService implements LabApi {
  private readonly recent: LabEvent[] = [];
  private readonly gate = new Gate();
  private readonly samples = new WriteSamples();
  private readonly verifier: Verifier;
  /** Bumped when something outside the engine changes what a frame shows (a verification, the driver, the workload). */
  private revision = 0;
  readonly driver: CopierDriver;
  readonly workload: WorkloadGenerator;
  readonly breakpoints: BreakpointSet;
  private readonly blocks: BlockTracker;
  /** Runs comparisons of copy types; the worker sets one that can load a kernel (compare.ts). */
  comparisons = new StrategyComparer(undefined);

  private readonly engine: Engine;
  /** The session journal, export/import and time travel; `engine` is its journaled view of the live engine. */
  private readonly history: LabHistory;

  constructor(engine: Engine, recentEvents: readonly LabEvent[] = [], driver: Partial<DriverState> = {}) {
    this.history = new LabHistory(engine, this.historyLab());
    engine = this.engine = this.history.engine;
    this.recent.push(...recentEvents.slice(-EVENT_RING));
    this.verifier = new Verifier(engine);
    engine.onEvents((events) => this.remember(events));
    const kept = engine.attachment('driver');
    const restored: Partial<DriverState> = isDriverState(kept) ? kept : {};
    if (restored.copyRate !== undefined) engine.setCopyRate(restored.copyRate);
    this.driver = new CopierDriver(engine, { ...restored, ...driver });
    this.workload = new WorkloadGenerator({
      blockSizeOf: (name) => engine.disks().find((d) => d.name === name && d.role === 'standard'),
      write: (disk, blocks, data) => this.write(disk, blocks, data),
    });
    this.breakpoints = new BreakpointSet(engine, { pause: () => (this.workload.halt(), void this.setDriver({ running: false })), changed: () => this.revision++ });
    this.driver.limit = (target) => this.breakpoints.safeBlocks(target);
    this.blocks = new BlockTracker(engine);
  }

  createDisk(spec: NewDisk): Promise<Outcome> { return refusedCall('createDisk', arguments) ?? this.engine.createDisk(spec); }
  deleteDisk(name: string): Promise<Outcome> { return refusedCall('deleteDisk', arguments) ?? this.engine.deleteDisk(name); }
  loadContent(name: string, bytes: Uint8Array): Promise<Outcome> {
    return refusedCall('loadContent', arguments) ?? this.gate.run(() => this.engine.loadContent(name, bytes));
  }
  setDiskState(name: string, state: string): Promise<Outcome> { return refusedCall('setDiskState', arguments) ?? this.engine.setDiskState(name, state); }
  failBlock(name: string, block: number): Promise<Outcome> { return refusedCall('failBlock', arguments) ?? this.engine.failBlock(name, block); }
  repairBlock(name: string, block: number): Promise<Outcome> { return refusedCall('repairBlock', arguments) ?? this.engine.repairBlock(name, block); }
  stop(target?: string): Promise<Outcome> { return refusedCall('stop', arguments) ?? this.engine.stop(target); }
  setPriority(target: string | undefined, priority: string): Promise<Outcome> { return refusedCall('setPriority', arguments) ?? this.engine.setPriority(target, priority); }
  setTargetReadOnly(target: string | undefined, value: boolean): Promise<Outcome> { return refusedCall('setTargetReadOnly', arguments) ?? this.engine.setTargetReadOnly(target, value); }
  tick(ms: number): Promise<Outcome> { return refusedCall('tick', arguments) ?? this.engine.tick(ms); }
  run(): Promise<Outcome> { return refusedCall('run', arguments) ?? this.engine.run(); }
  copy(target: string | undefined, blocks: number): Promise<Outcome<number>> { return refusedCall('copy', arguments) ?? this.engine.copy(target, blocks); }
  read(disk: string, block: number): Promise<Outcome<Uint8Array>> { return refusedCall('read', arguments) ?? this.engine.read(disk, block); }
  readRaw(disk: string, first: number, count: number): Promise<Outcome<Uint8Array>> { return refusedCall('readRaw', arguments) ?? this.engine.readRaw(disk, first, count); }
  readCopySource(target: string | undefined, block: number): Promise<Outcome<Uint8Array>> {
    return refusedCall('readCopySource', arguments) ?? this.engine.readCopySource(target, block);
  }
  readCopySourceRange(target: string | undefined, first: number, count: number): Promise<Outcome<Uint8Array>> {
    return refusedCall('readCopySourceRange', arguments) ?? this.engine.readCopySourceRange(target, first, count);
  }

  /** Creates a pair and, at its point in time, fingerprints the source; no host write comes between. */
  createCopy(spec: NewCopy): Promise<Outcome> {
    return refusedCall('createCopy', arguments) ?? this.gate.run(async () => {
      const outcome = await this.engine.createCopy(spec, await this.verifier.fingerprint(spec.source, spec.target));
      if (outcome.ok) this.verifier.reset(spec.target);
      return outcome;
    });
  }

  /** Recopies (a new point in time) and fingerprints the source again. */
  recopy(target?: string, options?: RecopyOptions): Promise<Outcome> {
    return refusedCall('recopy', arguments) ?? this.gate.run(async () => {
      const name = target ?? this.onlyTarget();
      const source = this.engine.pairs().find((p) => p.target === name)?.source;
      const outcome = await this.engine.recopy(target, options, await this.verifier.fingerprint(source, name));
      if (outcome.ok) this.verifier.reset(name);
      return outcome;
    });
  }

  /** Removes a pair and its fingerprint. */
  removeCopy(target?: string): Promise<Outcome> {
    return refusedCall('removeCopy', arguments) ?? this.gate.run(async () => {
      const name = target ?? this.onlyTarget();
      const outcome = await this.engine.removeCopy(target, this.verifier.dropping(name));
      if (outcome.ok) this.verifier.reset(name);
      return outcome;
    });
  }

  /** A host write, acknowledged once durable; measured for the latency chart. */
  write(disk: string, blocks: number[], data: Uint8Array): Promise<WriteResult> {
    const refused = checkCall('write', arguments);
    if (refused) return Promise.resolve({ ...refused, latencyMs: 0 });
    this.driver.noteHostWrite();
    return this.gate.run(async () => {
      const protecting = this.engine.pairs().some((p) => p.source === disk && (p.status === 'Pending' || p.status === 'InProgress'));
      const started = performance.now();
      const outcome = await this.engine.write({ disk, blocks, data });
      const latencyMs = performance.now() - started;
      this.samples.add({
        disk, blocks: blocks.length, ok: outcome.ok, latencyMs, protected: protecting,
        ios: outcome.ok ? outcome.value.ios : 0, ...(outcome.ok ? {} : { code: outcome.code }),
      });
      return { ...outcome, latencyMs };
    });
  }

  verify(target: string | undefined): Promise<Outcome<Verification>> {
    const refused = refusedCall('verify', arguments);
    if (refused) return refused;
    const name = target ?? this.onlyTarget();
    if (!name) return Promise.resolve(refuse('NO_SUCH_COPY', 'no target was named and there is not exactly one copy pair'));
    return this.gate.run(() => this.verifier.verify(name));
  }

  /** Runs a comparison of copy types on engines of its own (compare.ts); the lab's array is not touched. */
  compareStrategies(spec: ComparisonSpec): Promise<Outcome<Comparison>> {
    return refusedCall('compareStrategies', arguments) ?? this.comparisons.compare(spec);
  }

  setBreakpoints(list: Breakpoint[]): Promise<Outcome> { return refusedCall('setBreakpoints', arguments) ?? this.breakpoints.set(list); }
  blockHistory(disk: string, block: number): Promise<Outcome<BlockHistory>> { return refusedCall('blockHistory', arguments) ?? readHistory(this.engine, this.blocks, disk, block); }

  async setDriver(change: Partial<DriverState>): Promise<Outcome<DriverState>> {
    const refused = checkCall('setDriver', arguments) ?? this.history.refusesStart(change);
    if (refused) return refused;
    if (change.running === true) this.breakpoints.resume();
    if (change.speed !== undefined && !(change.speed > 0 && change.speed <= 1e6)) {
      return refuse('INVALID_ARGUMENT', `${change.speed} is not a speed: use a factor above 0 and up to 1,000,000`);
    }
    if (change.copyRate !== undefined) {
      const set = this.engine.setCopyRate(change.copyRate);
      if (!set.ok) return set;
    }
    const state = this.driver.update(change);
    this.revision++;
    const kept = await this.engine.setAttachment('driver', { ...state, copyRate: this.engine.copyRate });
    return kept.ok ? ok(state) : kept;
  }

  async setWorkload(change: Partial<WorkloadState>): Promise<Outcome<WorkloadState>> {
    const refused = checkCall('setWorkload', arguments) ?? this.history.refusesStart(change);
    if (refused) return refused;
    const outcome = this.workload.update(change);
    this.revision++;
    return outcome;
  }

  /** Halts the workload and the copier driver (kept settings stay); settles once every operation already asked for has finished. */
  async quiesce(): Promise<void> {
    this.workload.halt();
    await this.driver.halt();
    await this.gate.run(() => this.engine.idle());
  }

  /** Removes every pair, then every disk, and the breakpoints. */
  resetLab(): Promise<Outcome> {
    const refused = refusedCall('resetLab', arguments);
    if (refused) return refused;
    this.workload.halt();
    return this.gate.run(async () => {
      for (const pair of this.engine.pairs()) {
        const removed = await this.engine.removeCopy(pair.target, this.verifier.dropping(pair.target));
        if (!removed.ok) return removed;
        this.verifier.reset(pair.target);
      }
      for (const disk of this.engine.disks().filter((d) => d.role === 'standard')) {
        const deleted = await this.engine.deleteDisk(disk.name);
        if (!deleted.ok) return deleted;
      }
      await this.history.restart();
      // Breakpoints name copies that are gone now; a new pair with the same target must not inherit them.
      return this.breakpoints.set([]);
    });
  }

  /** Null also when the arguments are not sequence numbers: there is nothing to send for such a question. */
  async frame(sinceVersion: number, sinceEventSeq: number, sinceWriteSeq = Number.MAX_SAFE_INTEGER): Promise<Frame | null> {
    if (checkCall('frame', arguments)) return null;
    if (this.history.past) return this.history.pastVersion === sinceVersion ? null : this.history.pastFrame({
      driver: { ...this.driver.state, copyRate: this.engine.copyRate }, workload: { ...this.workload.state }, breakpoints: this.breakpoints.state,
    });
    await this.engine.idle();
    const writes = this.samples.since(sinceWriteSeq);
    const version = this.engine.version + this.revision;
    if (version === sinceVersion && writes.length === 0) return null;
    return {
      version,
      timeMs: this.engine.timeMs,
      disks: this.engine.disks(),
      pairs: this.engine.pairs().map((pair) => this.framePair(pair)),
      events: this.recent.filter((event) => event.seq > sinceEventSeq),
      writes,
      driver: { ...this.driver.state, copyRate: this.engine.copyRate },
      workload: { ...this.workload.state },
      breakpoints: this.breakpoints.state,
    };
  }

  exportScenario(options: ExportOptions): Promise<Outcome<string>> {
    return refusedCall('exportScenario', arguments) ?? Promise.resolve(this.history.exportScenario(options));
  }
  importScenario(text: string): Promise<Outcome<{ steps: number }>> { return refusedCall('importScenario', arguments) ?? this.history.importScenario(text); }
  checkScenario(text: string): Promise<Outcome<{ steps: number }>> { return refusedCall('checkScenario', arguments) ?? this.history.checkScenario(text); }
  /** A question that changes nothing: a value that is not a position is read as no `around` at all. */
  timeline(around?: number): Promise<TimelineView> { return Promise.resolve(this.history.timeline(checkCall('timeline', arguments) ? undefined : around)); }
  travel(position: number | null): Promise<Outcome<TravelState>> { return refusedCall('travel', arguments) ?? this.history.travel(position); }
  continueFromHere(): Promise<Outcome<TimelineView>> { return refusedCall('continueFromHere', arguments) ?? this.history.continueFromHere(); }
  switchBranch(id: number): Promise<Outcome<TimelineView>> { return refusedCall('switchBranch', arguments) ?? this.history.switchBranch(id); }

  /** The lab as the history performs steps on it: through this service (fingerprints, samples), driver and workload paused. */
  private historyLab(): ConstructorParameters<typeof LabHistory>[1] {
    return {
      createDisk: (spec) => this.createDisk(spec), deleteDisk: (name) => this.deleteDisk(name), loadContent: (name, bytes) => this.loadContent(name, bytes),
      setDiskState: (name, state) => this.setDiskState(name, state), failBlock: (name, block) => this.failBlock(name, block),
      repairBlock: (name, block) => this.repairBlock(name, block), createCopy: (spec) => this.createCopy(spec), stop: (target) => this.stop(target),
      recopy: (target, options) => this.recopy(target, options), removeCopy: (target) => this.removeCopy(target),
      setPriority: (target, priority) => this.setPriority(target, priority), setTargetReadOnly: (target, value) => this.setTargetReadOnly(target, value),
      write: (disk, blocks, data) => this.write(disk, blocks, data), copy: (target, blocks) => this.copy(target, blocks), tick: (ms) => this.tick(ms),
      run: () => this.run(), setCopyRate: (rate) => this.setDriver({ copyRate: rate }), resetLab: () => this.resetLab(),
      pause: async () => {
        this.workload.halt();
        await this.setDriver({ running: false });
      },
    };
  }

  private onlyTarget(): string | undefined {
    const pairs = this.engine.pairs();
    return pairs.length === 1 ? pairs[0]!.target : undefined;
  }

  /** Keeps recent events and verifies a copy as soon as it completes, before any later host write. */
  private remember(events: readonly LabEvent[]): void {
    this.recent.push(...events);
    if (this.recent.length > EVENT_RING) this.recent.splice(0, this.recent.length - EVENT_RING);
    for (const event of events) {
      if (event.type === 'COPY_COMPLETED' && event.target) void this.verify(event.target).then(() => this.revision++, () => undefined);
    }
  }

  private framePair(pair: PairView): FramePair {
    const bitmaps = this.engine.bitmaps(pair.target)!;
    const repository = pair.repository && (({ preserved: _preserved, ...rest }) => rest)(pair.repository);
    return {
      ...pair, repository, copied: bitmaps.copied, preserved: bitmaps.preserved, written: bitmaps.written,
      verification: pair.status === 'Completed' ? this.verifier.cached(pair.target, pair.completionTimeMs) : null,
    };
  }
}
