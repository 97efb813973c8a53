/**
 * The lab's history: the journal of the live engine, its export and import as scenario files,
 * time travel through its prefixes, and branches (a future kept when the learner continues from
 * the past). The lab service delegates its HistoryApi calls here.
 */
import type { Engine } from '../core/engine.ts';
import { done, ok, refuse, type Outcome, type Refusal } from '../core/outcome.ts';
import { parseScenarioText } from '../scenario/validate.ts';
import type { Frame } from './api.ts';
import { fromBase64 } from './journal-data.ts';
import { pastFrame } from './journal-frame.ts';
import { IN_THE_PAST, journaledEngine } from './journal-engine.ts';
import { exportScenario } from './journal-export.ts';
import { scenarioSteps } from './journal-import.ts';
import { performStep, stepDetail, stepLabel, type StepTarget } from './journal-replay.ts';
import { TimeMachine, type Replay } from './journal-travel.ts';
import type { ExportOptions, JournalEntry, JournalStep, TimelineView, TravelState } from './journal-types.ts';
import { Journal, type StoredBranch } from './journal.ts';

/** Steps a timeline answer lists at most. */
export const TIMELINE_WINDOW = 400;

/** What the history needs from the lab service: its actions (with fingerprints), a reset, and a pause of driver and workload. */
export interface HistoryLab extends StepTarget {
  resetLab(): Promise<Outcome>;
  pause(): Promise<void>;
}

const UNRECORDED = 'the history of this lab was not recorded (it is older than the journal): reset the lab to start recording';

/** The journal, export/import, time travel and branches of one live engine. */
export class LabHistory {
  readonly journal: Journal;
  /** The engine the lab service and the driver use: journaled, and read from the past while travelling. */
  readonly engine: Engine;
  private readonly machine: TimeMachine;
  private replay: Replay | null = null;
  /** Bumped by every travel, so that a frame of the past differs from the one before. */
  private travels = 0;
  /** Travels, rebuilds and imports one at a time (two replays must never advance the same engine). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly live: Engine, private readonly lab: HistoryLab) {
    this.journal = new Journal(live);
    this.machine = new TimeMachine(live.kernel);
    this.journal.onChange = (index) => this.machine.changedFrom(index);
    this.engine = journaledEngine(live, this.journal, { pastEngine: () => this.replay?.engine ?? null });
  }

  /** The replay shown while travelling, or null when live. */
  get past(): Replay | null {
    return this.replay;
  }

  /** A frame version for the past that no live version reaches. */
  get pastVersion(): number {
    return 2 ** 40 + this.travels;
  }

  /** The frame of the past looked at (in the queue, so that no travel moves it meanwhile), or null once back to live. */
  pastFrame(live: Parameters<typeof pastFrame>[3]): Promise<Frame | null> {
    return this.serial(async () => (this.replay ? pastFrame(this.replay, this.journal.entries.length, this.pastVersion, live) : null));
  }

  /** NOT_ALLOWED for starting the copier or the workload while the past is shown (they would act on the live lab unseen), else null. */
  refusesStart(change: { running?: boolean }): Refusal | null {
    return this.replay && change.running === true ? refuse('NOT_ALLOWED', IN_THE_PAST) : null;
  }

  /** After a reset: a new journal on the empty array, unless the learner is looking at the past (then nothing was reset). */
  async restart(): Promise<void> {
    if (!this.replay) await this.journal.restart();
  }

  timeline(around?: number): TimelineView {
    const all = this.journal.entries;
    // A window, not the whole session: a long session has thousands of steps, and the page asks every second.
    const centre = around ?? this.replay?.position ?? all.length;
    const first = Math.max(0, Math.min(Math.round(centre) - TIMELINE_WINDOW / 2, all.length - TIMELINE_WINDOW));
    const entries = all.slice(first, first + TIMELINE_WINDOW).map((entry, i) => ({
      step: first + i + 1, label: stepLabel(entry.step), kind: entry.step.do, detail: stepDetail(entry.step), timeMs: entry.timeMs, events: entry.events, ok: entry.ok,
    }));
    const branches = this.journal.branches.map((b) => ({ id: b.id, name: b.name, steps: b.entries.length, fromStep: b.fromStep }));
    return { recorded: this.journal.base !== null, entries, position: this.replay?.position ?? null, of: all.length, branches };
  }

  exportScenario(options: ExportOptions): Outcome<string> {
    const base = this.journal.base;
    if (!base) return refuse('NOT_ALLOWED', UNRECORDED);
    if (options.upTo !== undefined && options.upTo > this.journal.entries.length) {
      return refuse('INVALID_ARGUMENT', `upTo: ${options.upTo} is past the end of the session (${this.journal.entries.length} steps)`);
    }
    return exportScenario({ base, entries: this.journal.entries, bytesOf: (key) => this.bytesOf(key) }, options.contents, options.upTo);
  }

  importScenario(text: string): Promise<Outcome<{ steps: number }>> {
    return this.serial(() => this.importNow(text));
  }

  checkScenario(text: string): Promise<Outcome<{ steps: number }>> {
    const parsed = parseScenarioText(text);
    return Promise.resolve(parsed.ok ? ok({ steps: parsed.scenario.steps.length }) : refuse('INVALID_ARGUMENT', parsed.message));
  }

  travel(position: number | null): Promise<Outcome<TravelState>> {
    return this.serial(() => this.travelNow(position));
  }

  continueFromHere(): Promise<Outcome<TimelineView>> {
    return this.serial(() => this.continueNow());
  }

  switchBranch(id: number): Promise<Outcome<TimelineView>> {
    return this.serial(() => this.switchNow(id));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async importNow(text: string): Promise<Outcome<{ steps: number }>> {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) return refuse('INVALID_ARGUMENT', parsed.message);
    const rebuilt = await this.rebuild(scenarioSteps(parsed.scenario), (now) => now);
    return rebuilt.ok ? ok({ steps: parsed.scenario.steps.length }) : rebuilt;
  }

  private async travelNow(position: number | null): Promise<Outcome<TravelState>> {
    const base = this.journal.base;
    if (position === null) {
      this.replay = null;
      this.travels++;
      return ok(null);
    }
    if (!base) return refuse('NOT_ALLOWED', UNRECORDED);
    const of = this.journal.entries.length;
    if (position > of) return refuse('INVALID_ARGUMENT', `position: ${position} is past the end of the session (${of} steps)`);
    await this.lab.pause();
    this.replay = await this.machine.at({ base, entries: this.journal.entries, attachment: (key) => this.live.attachment(key) }, position);
    this.travels++;
    return ok({ position, of });
  }

  /** The position looked at becomes the live lab; the whole current timeline is kept as a branch. */
  private async continueNow(): Promise<Outcome<TimelineView>> {
    const position = this.replay?.position;
    if (position === undefined || !this.journal.base) return refuse('NOT_ALLOWED', 'you are not looking at the past');
    const kept = this.branchOfCurrent(position);
    const entries = this.journal.entries.slice(0, position);
    const rebuilt = await this.rebuild(entries.map((e) => e.step), (branches) => [...branches, kept]);
    return rebuilt.ok ? ok(this.timeline()) : rebuilt;
  }

  /** Rebuilds the lab on branch `id`; the current timeline is kept as a branch in its place. */
  private async switchNow(id: number): Promise<Outcome<TimelineView>> {
    const branch = this.journal.branches.find((b) => b.id === id);
    if (!branch) return refuse('INVALID_ARGUMENT', `id: there is no branch ${id}`);
    const kept = this.branchOfCurrent(commonSteps(this.journal.entries, branch.entries));
    const others = this.journal.branches.filter((b) => b.id !== id);
    const rebuilt = await this.rebuild(branch.entries.map((e) => e.step), () => [...others, kept], branch);
    return rebuilt.ok ? ok(this.timeline()) : rebuilt;
  }

  private branchOfCurrent(fromStep: number): StoredBranch {
    const id = Math.max(0, ...this.journal.branches.map((b) => b.id + 1));
    return { id, name: `#${id + 1}`, fromStep, base: this.journal.base!, entries: [...this.journal.entries] };
  }

  /**
   * Resets the live lab and performs `steps` on it (journaled, with the driver paused). The branches
   * are stored first (with `source`, whose contents the steps may load, still among them), so a
   * crash midway loses no future; simulated time and event seqs go on from where the array was.
   */
  private async rebuild(steps: readonly JournalStep[], branches: (now: StoredBranch[]) => StoredBranch[], source?: StoredBranch): Promise<Outcome> {
    this.replay = null;
    this.travels++;
    await this.lab.pause();
    const next = branches(this.journal.branches);
    const stored = await this.journal.keepBranches(source ? [...next, source] : next);
    if (!stored.ok) return stored;
    const reset = await this.lab.resetLab();
    if (!reset.ok) return reset;
    this.machine.clear();
    this.journal.merging = false;
    try {
      for (const step of steps) await performStep(this.lab, step, (key) => this.bytesOf(key));
    } finally {
      this.journal.merging = true;
    }
    return source ? this.journal.keepBranches(next) : done;
  }

  private bytesOf(key: string): Uint8Array | undefined {
    const stored = this.live.attachment(key);
    return typeof stored === 'string' ? fromBase64(stored) : undefined;
  }
}

/** How many first entries two timelines share. */
function commonSteps(a: readonly JournalEntry[], b: readonly JournalEntry[]): number {
  let i = 0;
  while (i < a.length && i < b.length && JSON.stringify(a[i]!.step) === JSON.stringify(b[i]!.step)) i++;
  return i;
}
