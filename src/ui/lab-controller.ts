/**
 * A reactive controller that keeps the page in step with the lab worker: at most one frame pulled
 * per animation frame, events and write samples accumulated, refused blocks remembered, and the
 * outcome of the learner's last action kept for the control that caused it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Remote } from 'comlink';
import type { Frame, LabApi, LabEvent, Outcome, WriteSample } from '../worker/api.ts';

const KEEP_EVENTS = 500;
const KEEP_SAMPLES = 2000;

/** The outcome of a learner's action, for the control that caused it. */
export interface ActionOutcome {
  action: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** Pulls frames from the lab and holds what the page shows. */
export class LabController implements ReactiveController {
  frame: Frame | null = null;
  events: LabEvent[] = [];
  samples: WriteSample[] = [];
  /** Blocks whose last write was refused, per disk name. */
  refused = new Map<string, Set<number>>();
  lastOutcome: ActionOutcome | null = null;
  private version = -1;
  private eventSeq = -1;
  private writeSeq = -1;
  private handle = 0;
  private inFlight = false;

  constructor(private readonly host: ReactiveControllerHost, readonly api: Remote<LabApi>) {
    host.addController(this);
  }

  hostConnected(): void {
    this.handle = requestAnimationFrame(() => this.pull());
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.handle);
  }

  /** Runs a learner's action and keeps its outcome; refusals never throw. */
  async act<T>(action: string, call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const outcome = await call();
    this.lastOutcome = outcome.ok ? { action, ok: true } : { action, ok: false, code: outcome.code, message: outcome.message };
    this.host.requestUpdate();
    return outcome;
  }

  /** Forgets refused marks of a disk (a new point in time). */
  clearRefused(disk: string): void {
    this.refused.delete(disk);
  }

  private pull(): void {
    this.handle = requestAnimationFrame(() => this.pull());
    if (this.inFlight) return;
    this.inFlight = true;
    this.api
      .frame(this.version, this.eventSeq, this.writeSeq)
      .then((frame) => frame && this.accept(frame))
      .finally(() => (this.inFlight = false));
  }

  private accept(frame: Frame): void {
    const travelled = Boolean(frame.travel) || Boolean(this.frame?.travel);
    this.frame = frame;
    this.version = frame.version;
    if (travelled) this.replaceLog(frame);
    else if (frame.events.length) {
      this.eventSeq = frame.events.at(-1)!.seq;
      this.events = [...this.events, ...frame.events].slice(-KEEP_EVENTS);
      for (const event of frame.events) this.noteEvent(event);
    }
    if (frame.writes.length) {
      this.writeSeq = frame.writes.at(-1)!.seq;
      this.samples = [...this.samples, ...frame.writes].slice(-KEEP_SAMPLES);
    }
    this.host.requestUpdate();
  }

  /**
   * Time travel: a frame of the past carries the whole log up to then, and the first live frame
   * after it the whole recent log (asked from seq -1), so the log is replaced, not appended to.
   */
  private replaceLog(frame: Frame): void {
    this.events = frame.events.slice(-KEEP_EVENTS);
    this.eventSeq = frame.travel ? -1 : (frame.events.at(-1)?.seq ?? -1);
    // The refused marks of that time, from its log.
    this.refused = new Map();
    for (const event of this.events) this.noteEvent(event);
  }

  private noteEvent(event: LabEvent): void {
    if (event.type === 'WRITE_REJECTED' && event.disk !== undefined && event.block !== undefined) {
      const set = this.refused.get(event.disk) ?? new Set<number>();
      set.add(event.block);
      this.refused.set(event.disk, set);
    }
    if (event.type === 'SNAPSHOT_CREATED' && event.source) this.clearRefused(event.source);
  }
}
