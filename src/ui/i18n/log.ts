/** The words of <latency-chart> and <event-log>, in English and German. */
import { localized } from './messages.ts';
import { fixed, num } from './terms.ts';

/** A latency as "0.42 ms" / "0,42 ms", or a dash when there is none. */
function ms(value: number | null): string {
  return value === null ? '—' : `${fixed(value, value < 10 ? 2 : 1)} ms`;
}

/** The latency chart's words in the current language. */
export const latencyWords = localized(
  {
    heading: 'Host write latency',
    canvas: 'Write latency over time',
    axes: 'Time (s since the lab started) across, write latency (ms) up.',
    legend: 'Legend',
    plain: '1 I/O per block: a plain write',
    copied: '3 I/Os: old block copied first',
    refused: 'refused',
    shaded: 'shaded: a snapshot was protecting the disk',
    medianPlain: 'Median, plain writes (1 I/O)',
    medianCopied: 'Median, writes that copied first (3 I/Os)',
    medianProtected: 'Median while protected (snapshot active)',
    medianUnprotected: 'Median while not protected',
    ms,
    none: 'No writes measured yet.',
    noneYet: 'No writes yet.',
    measured: (count: number, refused: number) => `${count} writes measured${refused ? `, ${refused} refused` : ''}.`,
    ratio: (ratio: number) => `Writes that copied an old block first took ${ratio.toFixed(1)}× as long as plain ones.`,
    protection: (protectedMs: number, unprotectedMs: number) => `Median ${ms(protectedMs)} while protected, ${ms(unprotectedMs)} without.`,
  },
  {
    heading: 'Latenz der Host-Schreibvorgänge',
    canvas: 'Schreiblatenz über die Zeit',
    axes: 'Waagrecht die Zeit (s seit dem Start des Labors), senkrecht die Schreiblatenz (ms).',
    legend: 'Legende',
    plain: '1 E/A pro Block: ein einfacher Schreibvorgang',
    copied: '3 E/A: alter Block zuerst kopiert',
    refused: 'abgelehnt',
    shaded: 'schattiert: ein Snapshot schützte das Laufwerk',
    medianPlain: 'Median, einfache Schreibvorgänge (1 E/A)',
    medianCopied: 'Median, Schreibvorgänge mit vorheriger Kopie (3 E/A)',
    medianProtected: 'Median mit Schutz (Snapshot aktiv)',
    medianUnprotected: 'Median ohne Schutz',
    ms,
    none: 'Noch keine Schreibvorgänge gemessen.',
    noneYet: 'Noch keine Schreibvorgänge.',
    measured: (count: number, refused: number) => `${num(count)} Schreibvorgänge gemessen${refused ? `, ${num(refused)} abgelehnt` : ''}.`,
    ratio: (ratio: number) => `Schreibvorgänge, die zuerst einen alten Block kopierten, dauerten ${fixed(ratio, 1)}-mal so lange wie einfache.`,
    protection: (protectedMs: number, unprotectedMs: number) => `Median ${ms(protectedMs)} mit Schutz, ${ms(unprotectedMs)} ohne.`,
  },
);

/** The event log's own words (the sentences are in events-en.ts / events-de.ts) in the current language. */
export const logWords = localized(
  {
    heading: 'What happened',
    empty: 'Nothing has happened yet: start a copy or write a block.',
    newestFirst: 'Newest first.',
    count: (shown: number) => `Newest first; ${shown} event${shown === 1 ? '' : 's'}.`,
    lastOf: (shown: number, total: number) => `Newest first; the last ${shown} of ${total} events.`,
    andMore: (more: number) => ` And ${more} more.`,
  },
  {
    heading: 'Was geschah',
    empty: 'Noch ist nichts geschehen: Starten Sie eine Kopie oder schreiben Sie einen Block.',
    newestFirst: 'Neueste zuerst.',
    count: (shown: number) => `Neueste zuerst; ${num(shown)} ${shown === 1 ? 'Ereignis' : 'Ereignisse'}.`,
    lastOf: (shown: number, total: number) => `Neueste zuerst; die letzten ${num(shown)} von ${num(total)} Ereignissen.`,
    andMore: (more: number) => ` Und ${num(more)} weitere.`,
  },
);
