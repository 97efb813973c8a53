/** The event log as CSV (RFC 4180) that is safe to open in a spreadsheet. Pure: no DOM. */
import type { LabEvent } from '../../worker/api.ts';

/** The columns, in order: every field a LabEvent may carry, then the sentence shown in the log. */
export const CSV_COLUMNS = ['seq', 'timeMs', 'type', 'target', 'source', 'disk', 'block', 'slot', 'reason', 'priority', 'used', 'capacity', 'count', 'sentence'] as const;

type Column = (typeof CSV_COLUMNS)[number];

/** Characters that make a spreadsheet read a cell as a formula (plus tab and CR, which some also do). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a text that starts like a formula gets a leading apostrophe (so `=cmd()` stays
 * text), and a cell holding a comma, quote or line break is quoted with its quotes doubled.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The events (oldest first) as CSV text with a header row and CRLF line ends; `sentence` fills the last column. */
export function eventsCsv(events: readonly LabEvent[], sentence: (event: LabEvent) => string): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const event of events) {
    const cells = CSV_COLUMNS.map((column: Column) => csvCell(column === 'sentence' ? sentence(event) : cellOf(event, column)));
    rows.push(cells.join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

function cellOf(event: LabEvent, column: Exclude<Column, 'sentence'>): string | number | undefined {
  const value: unknown = event[column];
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}
