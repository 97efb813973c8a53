/**
 * Types of the session journal, the timeline and time travel as the page sees them (re-exported
 * by api.ts), and the journal's own entry format as it is stored beside the array.
 */
import type { ArrayClock } from '../core/engine.ts';
import type { Outcome } from '../core/outcome.ts';
import type { Fill } from '../core/vocabulary.ts';
import type { BlockData, Step } from '../scenario/types.ts';

/** How to export the session as a scenario: with the bytes of loaded contents or not, and up to which step. */
export interface ExportOptions {
  contents: boolean;
  /** Journal position (number of steps) to export up to; the whole session when left out. */
  upTo?: number;
}

/** One step of the session's timeline. */
export interface TimelineEntry {
  /** The position after this step (1 for the first step). */
  step: number;
  /** A short label of the action, e.g. `write SRC 5`: its kind and its detail. */
  label: string;
  /** The kind of action: a scenario step's `do`, or `loadContent`, `copyRate`. */
  kind: JournalStep['do'];
  /** What it acted on, e.g. `SRC 5`. */
  detail: string;
  /** Simulated time after the step, in ms. */
  timeMs: number;
  /** Seqs of the first and last event the step produced, or null. */
  events: [first: number, last: number] | null;
  /** False when the action was refused (it still changed counters or the log). */
  ok: boolean;
}

/** A future that was left for another one; switching to it rebuilds the lab. */
export interface TimelineBranch {
  id: number;
  name: string;
  /** Number of steps of that branch. */
  steps: number;
  /** The step where it parted from the timeline it was kept from. */
  fromStep: number;
}

/** The session's timeline: its steps, where the view is, and the kept branches. */
export interface TimelineView {
  /** False when the lab's history is not recorded (a lab from before the journal): reset the lab to start one. */
  recorded: boolean;
  /** At most 400 consecutive steps (their `step` numbers say which); `of` counts them all. */
  entries: TimelineEntry[];
  /** The position looked at (0 = before the first step), or null when live. */
  position: number | null;
  /** Number of steps of the live timeline. */
  of: number;
  branches: TimelineBranch[];
}

/** Where the view is while travelling, or null when live. */
export type TravelState = { position: number; of: number } | null;

/** The journal and time-travel calls of the lab API. */
export interface HistoryApi {
  /** The session (or its first `upTo` steps) as a version-1 scenario JSON text that reproduces it. */
  exportScenario(options: ExportOptions): Promise<Outcome<string>>;
  /** Validates a scenario; only when valid, resets the lab and performs every step (driver paused). */
  importScenario(text: string): Promise<Outcome<{ steps: number }>>;
  /** Validates a scenario as importScenario would, changing nothing (to say what is wrong before asking to replace a lab). */
  checkScenario(text: string): Promise<Outcome<{ steps: number }>>;
  /** The timeline of the session, listing at most 400 steps around `around` (default: the step looked at, or the end). */
  timeline(around?: number): Promise<TimelineView>;
  /** Shows the lab as it was after `position` steps (null: back to live); actions are refused meanwhile. */
  travel(position: number | null): Promise<Outcome<TravelState>>;
  /** Makes the position looked at the live lab; the later steps are kept as a branch. */
  continueFromHere(): Promise<Outcome<TimelineView>>;
  /** Rebuilds the lab on a kept branch; the current timeline is kept as a branch in its place. */
  switchBranch(id: number): Promise<Outcome<TimelineView>>;
}

/** A disk as the lab creates it (the scenario format has one block size for all disks). */
export type CreateDiskStep = { do: 'createDisk'; name: string; blocks: number; blockSize: number; fill: Fill };
/**
 * One block of write data in the journal: a compact scenario BlockData ({byte}, {text}), or the raw
 * bytes; kept raw rather than as hex text, which would double what every host write stores.
 */
export type JournalData = BlockData | { bytes: Uint8Array };

/** A host write of one block of data to each listed block. */
export type WriteStep = { do: 'write'; disk: string; blocks: number[]; size: number; data: JournalData };
/** Content loaded from block 0; its bytes are in attachment `key`. */
export type LoadStep = { do: 'loadContent'; disk: string; key: string; length: number };
/** The copier's full speed changed (not a scenario step). */
export type RateStep = { do: 'copyRate'; rate: number };

/** One journaled action: a scenario step where the format has one, else an internal kind. */
export type JournalStep =
  | Exclude<Step, { do: 'createDisk' } | { do: 'write' } | { do: 'read' }>
  | CreateDiskStep | WriteStep | LoadStep | RateStep;

/** One entry of the journal. */
export interface JournalEntry {
  step: JournalStep;
  ok: boolean;
  timeMs: number;
  events: [number, number] | null;
}

/** Where a journal starts: the array's clock and counters when it was empty, and the copier's rate. */
export interface JournalBase {
  clock: ArrayClock;
  copyRate: number;
}
