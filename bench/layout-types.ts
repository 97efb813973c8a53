/**
 * Shared by the layout benchmark's page, worker and command: the configuration, the messages
 * between page and worker, the result (what `window.benchResult` holds and
 * bench-results.layout.json stores), the statistics and the table.
 */

/** The layouts compared: blocks per IndexedDB extent record (4 KiB blocks: 4, 16, 32, 64 KiB records). */
export const LAYOUTS = [1, 4, 8, 16] as const;
/** Block size of every disk of the benchmark. */
export const BLOCK_SIZE = 4096;

/** What the page asks the worker to run (query parameters `rounds` (default 5), `samples` (300), `blocks` (16384)). */
export interface BenchConfig {
  /** Round-robin rounds over the layouts; each figure is the median of the rounds. */
  rounds: number;
  /** Timed operations per latency series (after a few untimed warm-up ones). */
  samples: number;
  /** Blocks of the disk copied by the throughput run (16,384 = 64 MiB). */
  diskBlocks: number;
}

/** One layout measured once, on a fresh database. */
export interface LayoutSample {
  plainWriteP50Ms: number;
  plainWriteP95Ms: number;
  cowWriteP50Ms: number;
  cowWriteP95Ms: number;
  copyMiBps: number;
  /** Filling the source straight through the store, 512 blocks per commit (not the engine). */
  bulkWriteMiBps: number;
}

/** One layout: the medians over the rounds, and every round's sample. */
export interface LayoutRow extends LayoutSample {
  blocksPerExtent: number;
  recordKiB: number;
  rounds: LayoutSample[];
}

/** The plain-idb baseline measured once: one 4 KiB put per transaction. */
export interface RawPutSample {
  rawPutP50Ms: number;
  rawPutP95Ms: number;
}

/** The whole result. */
export interface LayoutBenchResult {
  config: BenchConfig;
  userAgent: string;
  crossOriginIsolated: boolean;
  startedAt: string;
  durationS: number;
  /** Position of each measurement in each round (the start rotates every round). */
  order: string[][];
  rawPutP50Ms: number;
  rawPutP95Ms: number;
  rawPutRounds: RawPutSample[];
  layouts: LayoutRow[];
}

/** The page tells the worker to start. */
export interface StartMessage {
  type: 'start';
  config: BenchConfig;
}

/** What the worker tells the page. */
export type WorkerMessage =
  | { type: 'progress'; text: string }
  | { type: 'done'; result: LayoutBenchResult }
  | { type: 'failed'; message: string };

declare global {
  // Set by the page when the run ends; read by scripts/bench-layout.ts.
  var benchResult: LayoutBenchResult | undefined;
  var benchError: string | undefined;
}

/** Nearest-rank percentile (p in (0, 1]) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
}

/** Median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The result as a header and rows of text cells (the page's table and the command's). */
export function resultTable(result: LayoutBenchResult): { header: string[]; rows: string[][] } {
  const ms = (n: number): string => n.toFixed(2);
  const rate = (n: number): string => n.toFixed(1);
  const spread = (row: LayoutRow): string => {
    const copies = row.rounds.map((r) => r.copyMiBps);
    return `${rate(Math.min(...copies))}-${rate(Math.max(...copies))}`;
  };
  return {
    header: ['blocks/extent', 'record', 'plain p50 ms', 'plain p95 ms', 'cow p50 ms', 'cow p95 ms', 'copy MiB/s', 'copy range', 'bulk MiB/s'],
    rows: result.layouts.map((row) => [
      String(row.blocksPerExtent),
      `${row.recordKiB} KiB`,
      ms(row.plainWriteP50Ms),
      ms(row.plainWriteP95Ms),
      ms(row.cowWriteP50Ms),
      ms(row.cowWriteP95Ms),
      rate(row.copyMiBps),
      spread(row),
      rate(row.bulkWriteMiBps),
    ]),
  };
}

/** One line under the table: the plain-idb baseline. */
export function baselineLine(result: LayoutBenchResult): string {
  return `baseline, plain idb, one 4 KiB put per transaction: p50 ${result.rawPutP50Ms.toFixed(2)} ms, p95 ${result.rawPutP95Ms.toFixed(2)} ms`;
}
