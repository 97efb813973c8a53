/**
 * The targets of issue 4 and the metrics each phase of `npm run bench` produces (so that a phase
 * that fails still leaves a line per metric, marked missing with the reason).
 */
import type { Metric } from '../bench/suite-types.ts';

/** A target: its text, and whether it is met given the value and every metric of the run. */
export interface Target {
  text: string;
  met(value: number, all: ReadonlyMap<string, Metric>): boolean | undefined;
}

const atLeast = (limit: number): Target => ({ text: `>= ${limit}`, met: (v) => v >= limit });
const atMost = (limit: number): Target => ({ text: `<= ${limit}`, met: (v) => v <= limit });
/** At most `factor` times the raw put p95, judged on the per-round ratio metric `ratio`. */
const timesRawPut = (factor: number, ratio: string): Target => ({
  text: `<= ${factor} x rawPut`,
  met: (_v, all) => {
    const r = all.get(ratio)?.value;
    return r === null || r === undefined ? undefined : r <= factor;
  },
});

export const TARGETS: Readonly<Record<string, Target>> = {
  'kernel.scanSpeedup': atLeast(3),
  'kernel.scanSpeedup.node': atLeast(3),
  'kernel.moveVsTypedArraySet': atLeast(0.8),
  'kernel.moveVsTypedArraySet.node': atLeast(0.8),
  'idb.copyVsCeiling': atLeast(0.7),
  'write.cowP95Ms': timesRawPut(3, 'write.cowVsRawPut'),
  'write.cowVsRawPut': atMost(3),
  'write.plainP95Ms': timesRawPut(1.5, 'write.plainVsRawPut'),
  'write.plainVsRawPut': atMost(1.5),
  'ui.frameP95Ms': atMost(16.7),
  'ui.longTasks': atMost(0),
  'scale.workerHeapMiB': atMost(128),
  'scale.growth': atMost(1.1),
  'opfs.copyMiBps': atLeast(200),
};

/** The metrics of the issue's table, in its order (the printed table follows it, extras after). */
export const ISSUE_METRICS: readonly string[] = [
  'kernel.scanSpeedup', 'kernel.moveVsTypedArraySet', 'idb.ceilingMiBps', 'idb.copyMiBps', 'idb.copyVsCeiling',
  'write.rawPutP95Ms', 'write.cowP95Ms', 'write.plainP95Ms', 'ui.frameP95Ms', 'ui.longTasks',
  'scale.copy1GiBSeconds', 'scale.workerHeapMiB', 'scale.growth', 'opfs.copyMiBps',
];

/** Metrics a phase is expected to produce: [name, unit]. */
export const PHASE_METRICS: Readonly<Record<string, ReadonlyArray<[string, string]>>> = {
  node: [['kernel.scanSpeedup.node', 'x'], ['kernel.moveVsTypedArraySet.node', 'x']],
  kernel: [['kernel.scanSpeedup', 'x'], ['kernel.moveVsTypedArraySet', 'x']],
  idb: [['idb.ceilingMiBps', 'MiB/s'], ['idb.copyMiBps', 'MiB/s'], ['idb.copyVsCeiling', 'x'], ['scale.growth', 'exponent'], ['opfs.copyMiBps', 'MiB/s']],
  writes: [['write.rawPutP95Ms', 'ms'], ['write.cowP95Ms', 'ms'], ['write.plainP95Ms', 'ms']],
  scale: [['scale.copy1GiBSeconds', 's'], ['scale.workerHeapMiB', 'MiB']],
  ui: [['ui.frameP95Ms', 'ms'], ['ui.longTasks', 'tasks']],
};

/** "yes", "NO", or "" when the metric has no target (or no value). */
export function verdict(metric: Metric, all: ReadonlyMap<string, Metric>): string {
  const target = TARGETS[metric.name];
  if (!target || metric.value === null) return '';
  const met = target.met(metric.value, all);
  return met === undefined ? '?' : met ? 'yes' : 'NO';
}
