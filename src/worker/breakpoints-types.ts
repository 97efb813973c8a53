/** Breakpoints as plain data (api.ts re-exports them): when the lab pauses by itself, and why it did. */

/** A condition that pauses the copier driver and the workload as soon as a commit makes it true. */
export type Breakpoint =
  /** The repository of the pair copying to `target` crosses `percent` % of its capacity. */
  | { kind: 'repositoryFill'; target: string; percent: number }
  /** Block `block` of the pair's source is preserved (copy-on-write, or copy-before-write) for the first time in its point in time. */
  | { kind: 'firstCopyOnWrite'; target: string; block: number }
  /** The copier of the pair has copied every block up to and including `block`. */
  | { kind: 'copierReaches'; target: string; block: number }
  /** Any host write is refused. */
  | { kind: 'writeRefused' }
  /** A copy (to `target`, or any) completes. */
  | { kind: 'copyCompleted'; target?: string }
  /** A copy (to `target`, or any) fails. */
  | { kind: 'copyFailed'; target?: string };

/** The kinds of breakpoints. */
export type BreakpointKind = Breakpoint['kind'];

/** What happened when a breakpoint paused the lab: the facts its explanation needs. */
export interface BreakpointFacts {
  target?: string;
  disk?: string;
  block?: number;
  /** Repository slot that received the preserved block. */
  slot?: number;
  used?: number;
  capacity?: number;
  /** Error code of a refused write or a failed copy. */
  code?: string;
  /** Blocks on the target when the copier stopped. */
  copied?: number;
  /** How the old block was kept: in the repository, or straight on the target. */
  via?: 'copyOnWrite' | 'copyBeforeWrite';
}

/** Why the lab paused by itself; kept until the learner resumes the copier. */
export interface BreakpointStop {
  breakpoint: Breakpoint;
  facts: BreakpointFacts;
  /** Seq of the event that hit it; for the copier's position (no event) the newest event's seq at that moment, -1 if none. */
  eventSeq: number;
  /** Simulated time of the commit that hit it. */
  timeMs: number;
}

/** The breakpoints set and the one that paused the lab, if any. */
export interface BreakpointsState {
  list: Breakpoint[];
  stoppedBy: BreakpointStop | null;
}
