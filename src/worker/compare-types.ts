/**
 * The comparison of copy types (issue 6, point 3): one scripted workload run on a separate
 * in-memory engine per copy type, and the figures that set the types side by side. Plain data:
 * it crosses comlink, and the UI imports these types through api.ts.
 */
import type { CopyStatus, CopyType, ErrorCode, Fill, FullPolicy, RepositoryPercent } from '../core/vocabulary.ts';

/** Where the scripted writes land, judged against the copier's planned position at the moment of each write. */
export const COMPARISON_PATTERNS = ['random', 'sequential', 'hotspot', 'behindCopier', 'aheadOfCopier', 'bothSides'] as const;
/** One write pattern of a comparison. */
export type ComparisonPattern = (typeof COMPARISON_PATTERNS)[number];

/** Block size of every comparison disk: small, so that four engines stay light. */
export const COMPARISON_BLOCK_SIZE = 512;
/** Disk sizes a comparison accepts, in blocks. */
export const COMPARISON_BLOCKS = { min: 16, max: 4096 } as const;
/** Copier rates a comparison accepts, in blocks per simulated second. */
export const COMPARISON_RATE = { min: 1, max: 100_000 } as const;
/** Most scripted writes in one comparison. */
export const COMPARISON_MAX_WRITES = 1000;

/**
 * The scripted host writes: `writes` single-block writes, write i (from 0) at simulated ms
 * floor((i + 1) × W / (writes + 1)) with W = ceil((blocks − writes) × 1000 / copyRate), the time the
 * copier needs for all blocks but `writes` (so every type is still copying); blocks chosen by
 * `pattern` from `seed`. Behind / ahead of the copier means below / at least `i` blocks above its
 * planned position copyRate × ms / 1000 (copy-before-write's copier may run ahead by the blocks it skips).
 */
export interface ComparisonWorkload {
  pattern: ComparisonPattern;
  /** 1 to COMPARISON_MAX_WRITES, and at most the disk's blocks. */
  writes: number;
  /** Seed of the block choice: the same seed gives the same writes for every type. */
  seed: number;
}

/** What to compare: the same disks, copy settings and writes for 2 to 4 distinct copy types. */
export interface ComparisonSpec {
  /** Blocks of the source (and of the target), COMPARISON_BLOCKS. */
  blocks: number;
  /** What the source holds at the point in time. */
  fill: Fill;
  /** 2 to 4 distinct copy types, in the order of the result's columns. */
  types: CopyType[];
  repositoryPercent: RepositoryPercent;
  fullPolicy: FullPolicy;
  /** Blocks per simulated second (the copy runs at priority highest, so this is its speed). */
  copyRate: number;
  workload: ComparisonWorkload;
}

/** Measured milliseconds of the acknowledged writes of one type (in the worker, over an in-memory store). */
export interface MeasuredLatency {
  /** Acknowledged writes measured; median and p95 are null when there were none. */
  count: number;
  medianMs: number | null;
  p95Ms: number | null;
}

/** The blocks of one type's run at the end, for its block map. */
export interface ComparisonBlocks {
  /** Blocks on the target (the copier's or a copy-before-write's doing). */
  copied: number[];
  /** Blocks preserved in the repository (online only). */
  preserved: number[];
  /** Blocks hosts wrote after the point in time while the copy was protecting it. */
  written: number[];
  /** Blocks of refused writes. */
  refused: number[];
  /** Target blocks that differ from the point-in-time image (a completed copy only). */
  torn: number[];
}

/** The figures of one copy type. */
export interface TypeResult {
  type: CopyType;
  /** Final status of the pair (Completed, Failed …). */
  status: CopyStatus;
  writes: {
    acknowledged: number;
    refused: number;
    /** Refused writes by their code. */
    refusedBy: Partial<Record<ErrorCode, number>>;
    /** Writes whose block the copier had already copied at that moment (acknowledged or not). */
    behindCopier: number;
  };
  /** The repository's use, or null for a type without one. */
  repository: {
    used: number;
    capacity: number;
    /** Slots taken by writes to blocks the copier had already copied (DOMAIN.md section 3). */
    usedBehindCopier: number;
  } | null;
  ios: {
    hostWrites: number;
    hostWriteIos: number;
    /** hostWriteIos − hostWrites: the reads and writes copy-on-write or copy-before-write added. */
    extra: number;
    /** hostWriteIos / hostWrites (the model's cost of a write), or null without acknowledged writes. */
    perWrite: number | null;
    copyOnWrites: number;
    copyBeforeWrites: number;
  };
  latency: MeasuredLatency;
  /** Simulated seconds from the point in time to completion, or null when the copy did not complete. */
  secondsToComplete: number | null;
  /** The target against the point-in-time image; null when the copy did not complete. */
  target: { matches: boolean; tornBlocks: number; checked: number } | null;
  blocks: ComparisonBlocks;
}

/** The result: the spec as run, the planned writes and one result per type, in the spec's order. */
export interface Comparison {
  spec: ComparisonSpec;
  /** The written block of each scripted write, in order (the same for every type). */
  plannedBlocks: number[];
  /** Simulated seconds the script lasts (the nominal copy time). */
  scriptSeconds: number;
  results: TypeResult[];
}
