/** The event log as CSV: one row per event, every field in its column, quoting that no name can break or turn into a formula; dated file names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../src/worker/api.ts';
import { datedName } from '../src/ui/share/download.ts';
import { CSV_COLUMNS, csvCell, eventsCsv } from '../src/ui/share/event-csv.ts';

/** A strict RFC 4180 reader: rows of cells, for checking what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(cell), (cell = '');
    else if (char === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += char;
  }
  expect(quoted, 'an open quote at the end').toBe(false);
  expect(cell + row.join(''), 'text after the last line end').toBe('');
  return rows;
}

const rejected: LabEvent = { seq: 4, timeMs: 1250, type: 'WRITE_REJECTED', disk: 'a,"b"', block: 7, reason: 'WRITE_PROTECTED' };

describe('the event log as CSV', () => {
  it('has a header and one row per event with each field in its column', () => {
    const events: LabEvent[] = [
      { seq: 0, timeMs: 0, type: 'COPY_STARTED', target: 'TGT', source: 'SRC' },
      { seq: 1, timeMs: 500, type: 'COPY_ON_WRITE', target: 'TGT', block: 20, slot: 0 },
      rejected,
    ];
    const rows = parseCsv(eventsCsv(events, (e) => `sentence ${e.seq}`));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(4);
    const at = (row: number, column: (typeof CSV_COLUMNS)[number]): string | undefined => rows[row]![CSV_COLUMNS.indexOf(column)];
    expect([at(2, 'seq'), at(2, 'timeMs'), at(2, 'type'), at(2, 'target'), at(2, 'block'), at(2, 'slot')]).toEqual(['1', '500', 'COPY_ON_WRITE', 'TGT', '20', '0']);
    expect([at(3, 'disk'), at(3, 'reason'), at(3, 'sentence'), at(3, 'target')]).toEqual(['a,"b"', 'WRITE_PROTECTED', 'sentence 4', '']);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('keeps formulas as text and quotes commas, quotes and line breaks', () => {
    expect(csvCell('=cmd()')).toBe("'=cmd()");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('SRC')).toBe('SRC');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(undefined)).toBe('');
  });

  it('never lets any text break the columns or start a cell with a formula character (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 1, maxLength: 4 }), (names) => {
        const events = names.map((name, seq): LabEvent => ({ seq, timeMs: seq, type: 'WRITE_REJECTED', disk: name, reason: name }));
        const rows = parseCsv(eventsCsv(events, (e) => e.disk ?? ''));
        expect(rows).toHaveLength(names.length + 1);
        rows.slice(1).forEach((row, i) => {
          expect(row).toHaveLength(CSV_COLUMNS.length);
          const disk = row[CSV_COLUMNS.indexOf('disk')]!;
          expect(disk).not.toMatch(/^[=+\-@\t\r]/);
          expect(disk.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(names[i]);
        });
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});

describe('saved file names', () => {
  it('carry what they hold and the local date and time, so they sort by when they were made', () => {
    expect(datedName('events', 'csv', new Date(2026, 10, 4, 9, 5))).toBe('storage-lab-events-2026-11-04-0905.csv');
    expect(datedName('scenario', 'json', new Date(2027, 0, 31, 23, 59))).toBe('storage-lab-scenario-2027-01-31-2359.json');
  });
});
