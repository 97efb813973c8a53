/** The table `npm run bench` prints: the issue's metrics in its order, then the extra ones. */
import type { Metric } from '../bench/suite-types.ts';
import { formatTable } from './bench-browser.ts';
import { ISSUE_METRICS, TARGETS, verdict } from './bench-targets.ts';

/** A figure with about three significant digits. */
export function figure(value: number | null): string {
  if (value === null) return '-';
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(abs >= 1 ? 2 : 3);
}

/** The metrics ordered: the issue's first, then the rest by name. */
export function ordered(metrics: readonly Metric[]): Metric[] {
  const rank = (m: Metric): number => {
    const i = ISSUE_METRICS.indexOf(m.name);
    return i >= 0 ? i : ISSUE_METRICS.length;
  };
  return [...metrics].sort((a, b) => rank(a) - rank(b) || (rank(a) === ISSUE_METRICS.length ? a.name.localeCompare(b.name) : 0));
}

export function printTable(metrics: readonly Metric[]): void {
  const all = new Map(metrics.map((m) => [m.name, m]));
  const rows = ordered(metrics).map((m) => [
    m.name,
    m.value === null ? `missing` : figure(m.value),
    m.unit,
    String(m.runs),
    m.value === null ? '' : `${figure(m.min)} - ${figure(m.max)}`,
    TARGETS[m.name]?.text ?? (ISSUE_METRICS.includes(m.name) ? 'measured' : ''),
    verdict(m, all),
  ]);
  console.log(formatTable(['metric', 'value', 'unit', 'runs', 'range', 'target', 'met'], rows));
  for (const m of metrics) if (m.missing) console.log(`${m.name}: missing, ${m.missing}`);
}
