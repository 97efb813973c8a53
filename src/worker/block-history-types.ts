/** The history of one block in its point in time as plain data (api.ts re-exports it). */
import type { CopyStatus, CopyType } from '../core/vocabulary.ts';

/** A short description of one block's bytes. */
export interface BlockContents {
  /** xxHash32 of the block. */
  checksum: number;
  /** Its first bytes (up to 8). */
  firstBytes: number[];
  /** zero: every byte 0; byte: one value repeated; text: begins with readable text; mixed: anything else. */
  kind: 'zero' | 'byte' | 'text' | 'mixed';
  /** The repeated byte (kind byte). */
  value?: number;
  /** The first readable characters (kind text, at most 24). */
  text?: string;
}

/** When something happened: simulated time, and the event's seq where there is an event. */
export interface HistoryMoment {
  /** Simulated ms; null when it happened before the worker started (a reload), so only the fact is known. */
  timeMs: number | null;
  eventSeq: number | null;
}

/** One source block of a copy pair, from its point in time until now. */
export interface BlockHistory {
  source: string;
  target: string;
  block: number;
  type: CopyType;
  status: CopyStatus;
  /** When the point in time was taken (simulated ms). */
  pointInTimeMs: number;
  /** The block's contents at the point in time; null when no disk holds them any more. */
  original: BlockContents | null;
  /** Where the original contents are read from now (for the description). */
  originalFrom: 'repository' | 'source' | 'target' | null;
  /** Copy-on-write of the block into the repository (online), or null when it was not preserved. */
  preserved: (HistoryMoment & { repository: string; slot: number }) | null;
  /** Copy-before-write of the old block straight onto the target, or null. */
  copiedBeforeWrite: HistoryMoment | null;
  /** Acknowledged host writes to the block since the point in time. */
  writes: {
    count: number;
    /** Simulated times of the first writes seen (at most 8), ascending. */
    firstMs: number[];
    /** Time of the latest write seen, or null. */
    lastMs: number | null;
    /** True when the block was written before the worker started, so earlier writes are not counted. */
    before: boolean;
  };
  /** When the copier copied the block to the target and from which disk, or null when it has not. */
  copied: (HistoryMoment & { from: 'source' | 'repository' | null; slot: number | null }) | null;
  /** What the target holds now, and whether it equals the point-in-time contents (null without a fingerprint). */
  targetNow: { contents: BlockContents; equalsPointInTime: boolean | null };
}
