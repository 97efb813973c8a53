/**
 * The lab's API as the page sees it through comlink: every DOMAIN.md action, host I/O of block
 * bytes, the real-time copier driver and compact frames for drawing. Only plain data crosses.
 */
import type { NewCopy } from '../core/create-copy.ts';
import type { NewDisk } from '../core/disks.ts';
import type { Outcome } from '../core/outcome.ts';
import type { RecopyOptions } from '../core/pair-actions.ts';
import type { LabEvent } from '../core/ports.ts';
import type { DiskView, PairView } from '../core/views.ts';
import type { Comparison, ComparisonSpec } from './compare-types.ts';
import type { CopyStatus, CopyType, ErrorCode } from '../core/vocabulary.ts';
import type { BlockHistory } from './block-history-types.ts';
import type { Breakpoint, BreakpointsState } from './breakpoints-types.ts';

import type { HistoryApi, TravelState } from './journal-types.ts';

export type { ExportOptions, HistoryApi, TimelineBranch, TimelineEntry, TimelineView, TravelState } from './journal-types.ts';
export type { NewCopy, NewDisk, Outcome, RecopyOptions, LabEvent, DiskView, PairView, ErrorCode, CopyStatus, CopyType };
export type { BlockContents, BlockHistory } from './block-history-types.ts';
export type { Breakpoint, BreakpointStop, BreakpointsState } from './breakpoints-types.ts';

export type {
  Comparison, ComparisonBlocks, ComparisonPattern, ComparisonSpec, ComparisonWorkload, MeasuredLatency, TypeResult,
} from './compare-types.ts';

/** One host write as measured in the worker, for the latency chart. */
export interface WriteSample {
  /** Sequence number of the sample (ascending, starts at 0 when the worker starts). */
  seq: number;
  /** When the write was acknowledged or refused, in ms since the worker started. */
  atMs: number;
  disk: string;
  /** Number of blocks the write named. */
  blocks: number;
  ok: boolean;
  code?: ErrorCode;
  /** From the API call to the durable acknowledgement (or the refusal). */
  latencyMs: number;
  /** I/Os the array spent (1 per block, plus 2 per copy-on-write or copy-before-write); 0 when refused. */
  ios: number;
  /** True when a copy of this disk was protecting a point in time at the time of the write. */
  protected: boolean;
}

/** Write patterns of the workload generator. */
export const WORKLOAD_PATTERNS = ['random', 'sequential', 'hotspot'] as const;
export type WorkloadPattern = (typeof WORKLOAD_PATTERNS)[number];

/** The workload generator: host writes at a steady rate while it runs. */
export interface WorkloadState {
  running: boolean;
  disk: string;
  pattern: WorkloadPattern;
  /** Writes per second (0.5 to 1,000). */
  ratePerSecond: number;
}

/** The comparison of a completed copy's target with the point-in-time image of its source. */
export interface Verification {
  /** equal: every block matches; differs: `differing` lists the blocks that do not. */
  state: 'equal' | 'differs';
  /** Blocks compared (the source's size). */
  checked: number;
  /** Blocks of the target that differ from the point-in-time image, ascending (at most 1,000). */
  differing: number[];
}

/** An acknowledged (durable) or refused host write, with its cost and its latency in the worker. */
export type WriteResult = Outcome<{ ios: number; preserved: number }> & { latencyMs: number };

/** How the copier driver runs: paused, in simulated real time at a speed factor, or as fast as it can. */
export interface DriverState {
  running: boolean;
  /** Simulated milliseconds per real millisecond (1 = real time). */
  speed: number;
  /** Copy as fast as storage allows, priorities still sharing the bandwidth. */
  fullSpeed: boolean;
  /** Blocks per simulated second at priority highest. */
  copyRate: number;
}

/** A pair in a frame: its view without the preserved list (the bitmap carries it). */
export type FramePair = Omit<PairView, 'repository'> & {
  repository: Omit<NonNullable<PairView['repository']>, 'preserved'> | null;
  /** Bit per source block: on the target. */
  copied: Uint8Array;
  /** Bit per source block: preserved in the repository, or null without one. */
  preserved: Uint8Array | null;
  /** Bit per source block: written by a host since the point in time, while the copy was active. */
  written: Uint8Array;
  /** The check of the target against the point in time, once the copy has completed; else null. */
  verification: Verification | null;
};

/** Everything a UI needs to draw one frame; the bitmaps are transferred. */
export interface Frame {
  version: number;
  timeMs: number;
  disks: DiskView[];
  pairs: FramePair[];
  /** Events after the asked sequence number, oldest first (at most the newest 500). */
  events: LabEvent[];
  /** Write samples after the asked sample seq, oldest first (at most the newest 2,000). */
  writes: WriteSample[];
  driver: DriverState;
  workload: WorkloadState;
  /** Set while the frame shows the past (time travel): the position looked at and the live timeline's length. */
  travel?: TravelState;
  /** The breakpoints set, and the one that paused the lab until the learner resumes. */
  breakpoints: BreakpointsState;
}

/** The API exposed by the lab worker (the journal and time travel calls in HistoryApi, journal-types.ts). */
export interface LabApi extends HistoryApi {
  createDisk(spec: NewDisk): Promise<Outcome>;
  deleteDisk(name: string): Promise<Outcome>;
  /** Loads whole blocks of content (a picture, a text) from block 0 onto a disk in no pair, in one commit. */
  loadContent(name: string, bytes: Uint8Array): Promise<Outcome>;
  setDiskState(name: string, state: string): Promise<Outcome>;
  failBlock(name: string, block: number): Promise<Outcome>;
  repairBlock(name: string, block: number): Promise<Outcome>;
  createCopy(spec: NewCopy): Promise<Outcome>;
  stop(target?: string): Promise<Outcome>;
  recopy(target?: string, options?: RecopyOptions): Promise<Outcome>;
  removeCopy(target?: string): Promise<Outcome>;
  setPriority(target: string | undefined, priority: string): Promise<Outcome>;
  setTargetReadOnly(target: string | undefined, value: boolean): Promise<Outcome>;
  /** A host write of `data` (one block of bytes) to each listed block. */
  write(disk: string, blocks: number[], data: Uint8Array): Promise<WriteResult>;
  /** A host read of one block. */
  read(disk: string, block: number): Promise<Outcome<Uint8Array>>;
  /** A block as the copier of a pair would read it now (the snapshot view while it is active). */
  readCopySource(target: string | undefined, block: number): Promise<Outcome<Uint8Array>>;
  /** `count` blocks from `first` as the copier of a pair reads them now (the snapshot view while it is active). */
  readCopySourceRange(target: string | undefined, first: number, count: number): Promise<Outcome<Uint8Array>>;
  /** Raw blocks of any disk (repositories included), for showing contents and verifying. */
  readRaw(disk: string, first: number, count: number): Promise<Outcome<Uint8Array>>;
  /** The copier of one pair copies up to `blocks` blocks now (single step). */
  copy(target: string | undefined, blocks: number): Promise<Outcome<number>>;
  /** Simulated time passes by `ms`. */
  tick(ms: number): Promise<Outcome>;
  /** Every copier runs to the end. */
  run(): Promise<Outcome>;
  /** Changes how the real-time driver runs; returns its new state. */
  setDriver(change: Partial<DriverState>): Promise<Outcome<DriverState>>;
  /** Starts, stops or changes the workload generator; returns its new state. */
  setWorkload(change: Partial<WorkloadState>): Promise<Outcome<WorkloadState>>;
  /** Compares a completed copy's target with the point-in-time image of its source. */
  verify(target: string | undefined): Promise<Outcome<Verification>>;
  /** Replaces the breakpoints (kept across a reload); a hit pauses the driver and the workload. */
  setBreakpoints(list: Breakpoint[]): Promise<Outcome>;
  /** The history of one source block of a copy pair (`disk` names its source or its target) in its point in time. */
  blockHistory(disk: string, block: number): Promise<Outcome<BlockHistory>>;
  /** Runs one scripted workload on 2 to 4 copy types, each on its own in-memory engine, and sets their figures side by side. */
  compareStrategies(spec: ComparisonSpec): Promise<Outcome<Comparison>>;
  /** Removes every pair and disk: a clean array (nothing else is kept). */
  resetLab(): Promise<Outcome>;
  /**
   * A frame if anything changed since `sinceVersion`, else null; events after `sinceEventSeq`,
   * write samples after `sinceWriteSeq`.
   */
  frame(sinceVersion: number, sinceEventSeq: number, sinceWriteSeq?: number): Promise<Frame | null>;
}

/** What a tab needs to share the lab with other tabs: the worker's side of the Web Lock handover (lab-session.ts). */
export interface LabSession {
  /**
   * Lets go of storage for another tab: halts the workload and the copier driver (their kept
   * settings stay), waits for every operation already asked for, then closes the database.
   * Later calls change nothing.
   */
  suspend(): Promise<Outcome>;
  /** Settles with the reason in words once this worker has stopped using storage (suspended, or closed for another tab's newer schema); rejects if the lab never started. */
  storageLost(): Promise<string>;
}

/** What the lab worker exposes: the lab's API and its session. */
export type LabWorkerApi = LabApi & LabSession;
