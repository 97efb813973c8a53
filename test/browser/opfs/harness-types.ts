/** Messages of the OPFS harness worker, and what the page publishes for the Chromium test. */

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  error?: string;
}

/** Throughput of a copy through OpfsStore and, for scale, of raw sync access handle calls. */
export interface Throughput {
  mib: number;
  batchBlocks: number;
  /** Median MiB/s of the copy commits, from the first commit to the last one resolved. */
  copyMiBps: number;
  /** Each run's MiB/s. */
  copyRuns: number[];
  /** Per copy run: its total ms and the ms spent in each kind of file call (e.g. 'journal.flush'). */
  callMs: Array<Record<string, number>>;
  /** Median MiB/s of the engine's online copy (256 blocks per call, each a commit) on a fresh store, and each run's. */
  engineCopyMiBps: number;
  engineRuns: number[];
  /** MiB/s of reading back and comparing source and target after a copy. */
  verifyMiBps: number;
  /** Raw OPFS: writing the same bytes in 1 MiB calls plus one flush, and reading them back. */
  rawWriteMiBps: number;
  /** Raw OPFS: the same bytes as 1 MiB writes each followed by a flush (one commit's pattern). */
  rawFlushEachMiBps: number;
  rawReadMiBps: number;
}

/** What the page tells the worker when it starts it. */
export interface StartMessage {
  /** MiB of the copy to measure after the cases; 0 for none. */
  throughputMiB: number;
  /** Which cases to run: the store's contract, engine and crash cases, or the checksum cases. */
  suite: 'store' | 'corruption';
}

/** What the worker posts. */
export type HarnessMessage =
  | { type: 'case'; result: CaseResult }
  | { type: 'throughput'; throughput: Throughput }
  | { type: 'done'; registered: number }
  | { type: 'error'; message: string };

/** What the page exposes as `globalThis.opfsHarness`. */
export interface HarnessState {
  results: CaseResult[];
  registered: number;
  throughput?: Throughput;
  done: boolean;
  error?: string;
}

declare global {
  var opfsHarness: HarnessState | undefined;
}
