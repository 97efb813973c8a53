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

export type { NewCopy, NewDisk, Outcome, RecopyOptions, LabEvent, DiskView, PairView };

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
};

/** Everything a UI needs to draw one frame; the bitmaps are transferred. */
export interface Frame {
  version: number;
  timeMs: number;
  disks: DiskView[];
  pairs: FramePair[];
  /** Events after the asked sequence number, oldest first (at most the newest 500). */
  events: LabEvent[];
  driver: DriverState;
}

/** The API exposed by the lab worker. */
export interface LabApi {
  createDisk(spec: NewDisk): Promise<Outcome>;
  deleteDisk(name: string): Promise<Outcome>;
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
  /** A frame if anything changed since `sinceVersion`, else null; events after `sinceEventSeq`. */
  frame(sinceVersion: number, sinceEventSeq: number): Promise<Frame | null>;
}
