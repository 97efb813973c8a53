/**
 * Shared by `npm run bench` (scripts/bench.ts), its page (bench/suite.html) and its worker: the
 * metric objects of bench-results.json, the phases and their settings, the messages between page
 * and worker, and the statistics.
 */
import { median, percentile } from './layout-types.ts';

export { median, percentile };

/** One line of bench-results.json. `value`, `min` and `max` are null only for a missing metric. */
export interface Metric {
  name: string;
  value: number | null;
  unit: string;
  /** Measured runs behind the value (warm-up runs excluded); 0 for a missing metric. */
  runs: number;
  min: number | null;
  max: number | null;
  /** How the figure was obtained, when the name alone does not say. */
  note?: string;
  /** Why the metric has no value. */
  missing?: string;
}

/** The phases run in a bench worker (the UI phase runs on the lab's own page instead). */
export const WORKER_PHASES = ['kernel', 'idb', 'writes', 'scale'] as const;
export type WorkerPhase = (typeof WORKER_PHASES)[number];

/** Settings of a worker phase (query parameters of bench/suite.html). */
export interface PhaseConfig {
  phase: WorkerPhase;
  /** Measured runs (rounds) after one warm-up. */
  runs: number;
  /** Scale phase: blocks of the disk copied with host writes running. */
  scaleBlocks: number;
  /** Scale phase: host writes per second during that copy. */
  scaleWritesPerSecond: number;
  /** Writes phase: timed writes per series and round. */
  samples: number;
}

/** What a phase hands back: metrics, and free-form details for bench-results.details.json. */
export interface PhaseResult {
  metrics: Metric[];
  details: Record<string, unknown>;
}

/** What the page tells the worker. */
export type ToWorker = { type: 'start'; config: PhaseConfig };

/** What the worker tells the page. */
export type FromWorker =
  | { type: 'progress'; text: string }
  /** The scale copy is running: the page samples the worker's memory until `sampling-stop`. */
  | { type: 'sampling-start' }
  | { type: 'sampling-stop' }
  | { type: 'done'; result: PhaseResult }
  | { type: 'failed'; message: string };

declare global {
  // Set by bench/suite.ts when the phase ends; read by scripts/bench.ts.
  var benchSuiteResult: PhaseResult | undefined;
  var benchSuiteError: string | undefined;
}

/** A metric from per-run values: the median, with the number of runs and their range. */
export function summarize(name: string, unit: string, values: readonly number[], note?: string): Metric {
  if (values.length === 0) return missingMetric(name, unit, 'no run produced a value');
  return { name, value: median(values), unit, runs: values.length, min: Math.min(...values), max: Math.max(...values), ...(note ? { note } : {}) };
}

/** A metric that could not be measured, and why. */
export function missingMetric(name: string, unit: string, reason: string): Metric {
  return { name, value: null, unit, runs: 0, min: null, max: null, missing: reason };
}

/** Slope of the least-squares line through (log x, log y): the exponent b of y = a * x^b. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new Error('logLogSlope needs two or more points');
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}

/** The order of `items` for round `round`: rotated, so that no task always runs first. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  return items.map((_, i) => items[(i + round) % items.length]!);
}

export const MiB = 1024 * 1024;
export const BLOCK_SIZE = 4096;
