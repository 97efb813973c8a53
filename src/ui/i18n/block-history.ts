/**
 * The words of "follow one block": its history in the current point in time as a short timeline
 * of sentences (English and German), built from the worker's BlockHistory.
 */
import type { BlockContents, BlockHistory } from '../../worker/api.ts';
import { localized } from './messages.ts';
import { decimal, num } from './terms.ts';

/** One line of the timeline: when (simulated ms, null for "before the lab was reopened" or "now") and what. */
export interface TimelineLine {
  timeMs: number | null;
  text: string;
}

const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
const sum = (c: BlockContents): string => c.checksum.toString(16).padStart(8, '0');
const seconds = (ms: number): string => `${decimal(ms / 1000, 1)} s`;
const seqEn = (n: number | null): string => (n === null ? '' : ` (event #${n})`);
const seqDe = (n: number | null): string => (n === null ? '' : ` (Ereignis #${n})`);

/** The timeline's words in the current language. */
export const historyWords = localized(
  {
    heading: 'Follow one block',
    intro: 'Choose a block of the source (type its number, or Shift+click it or press F on it in a map): its history in the current point in time appears here and updates live.',
    field: 'Follow block',
    follow: 'Follow',
    followSelected: (block: number) => `Follow the selected block (${num(block)})`,
    stop: 'Stop following',
    noCopy: 'Start a copy to follow a block through it.',
    range: (last: number) => `Enter a block from 0 to ${num(last)}.`,
    title: (block: number, source: string, target: string) => `Block ${num(block)}: ${source} → ${target}`,
    contents: (c: BlockContents): string =>
      c.kind === 'zero' ? `zeros (checksum ${sum(c)})`
        : c.kind === 'byte' ? `the byte ${hex([c.value ?? 0])} repeated (checksum ${sum(c)})`
          : c.kind === 'text' ? `the text “${c.text ?? ''}” (checksum ${sum(c)})`
            : `bytes ${hex(c.firstBytes)} … (checksum ${sum(c)})`,
    pointInTime: (ms: number, block: number, source: string, what: string) => `At the point in time (${seconds(ms)}) block ${num(block)} of ${source} held ${what}.`,
    lost: (ms: number, block: number) => `The contents of block ${num(block)} at the point in time (${seconds(ms)}) are on no disk any more.`,
    writes: (count: number, first: number, last: number) =>
      count === 1 ? `A host wrote to it at ${seconds(first)}.` : `Hosts wrote to it ${num(count)} times, first at ${seconds(first)}, last at ${seconds(last)}.`,
    writtenBefore: 'Hosts wrote to it before the lab was reopened.',
    preserved: (ms: number | null, eventSeq: number | null, slot: number, repository: string) =>
      ms === null ? `Before the lab was reopened its old contents were copied on write into slot ${num(slot)} of ${repository}.`
        : `At ${seconds(ms)}${seqEn(eventSeq)} the first write copied its old contents on write into slot ${num(slot)} of ${repository}.`,
    notPreserved: 'Its old contents were not preserved: the snapshot was no longer active when a host wrote to it.',
    beforeWrite: (ms: number | null, eventSeq: number | null, target: string) =>
      ms === null ? `Before the lab was reopened the first write sent its old contents straight to ${target} (copy before write).`
        : `At ${seconds(ms)}${seqEn(eventSeq)} the first write sent its old contents straight to ${target} (copy before write).`,
    copied: (ms: number | null, from: 'source' | 'repository' | null, slot: number | null, source: string, repository: string, target: string) => {
      const where = from === 'repository' ? `slot ${num(slot ?? 0)} of ${repository} (the snapshot view)` : from === 'source' ? `the source ${source}` : null;
      if (ms === null) return `The copier copied it to ${target} before the lab was reopened.`;
      return `At ${seconds(ms)} the copier read it from ${where ?? 'its copy source'} and wrote it to ${target}.`;
    },
    notCopied: (target: string) => `The copier has not copied it to ${target} yet.`,
    targetSame: (target: string) => `${target} now holds the point-in-time contents.`,
    targetDiffers: (target: string, what: string) => `${target} now holds ${what}, not the point-in-time contents.`,
    targetNow: (target: string, what: string) => `${target} now holds ${what}.`,
  },
  {
    heading: 'Einem Block folgen',
    intro: 'Wählen Sie einen Block des Quelllaufwerks (Nummer eingeben, oder in einer Karte mit Umschalt+Klick oder F): Sein Verlauf im aktuellen Zeitpunkt erscheint hier und wird laufend aktualisiert.',
    field: 'Block folgen',
    follow: 'Folgen',
    followSelected: (block: number) => `Dem ausgewählten Block folgen (${num(block)})`,
    stop: 'Nicht mehr folgen',
    noCopy: 'Starten Sie eine Kopie, um einem Block durch sie zu folgen.',
    range: (last: number) => `Geben Sie einen Block von 0 bis ${num(last)} ein.`,
    title: (block: number, source: string, target: string) => `Block ${num(block)}: ${source} → ${target}`,
    contents: (c: BlockContents): string =>
      c.kind === 'zero' ? `Nullen (Prüfsumme ${sum(c)})`
        : c.kind === 'byte' ? `das wiederholte Byte ${hex([c.value ?? 0])} (Prüfsumme ${sum(c)})`
          : c.kind === 'text' ? `den Text „${c.text ?? ''}“ (Prüfsumme ${sum(c)})`
            : `die Bytes ${hex(c.firstBytes)} … (Prüfsumme ${sum(c)})`,
    pointInTime: (ms: number, block: number, source: string, what: string) => `Zum Zeitpunkt (${seconds(ms)}) enthielt Block ${num(block)} von ${source} ${what}.`,
    lost: (ms: number, block: number) => `Der Inhalt von Block ${num(block)} zum Zeitpunkt (${seconds(ms)}) ist auf keinem Laufwerk mehr vorhanden.`,
    writes: (count: number, first: number, last: number) =>
      count === 1 ? `Ein Host hat ihn bei ${seconds(first)} beschrieben.` : `Hosts haben ihn ${num(count)}-mal beschrieben, zuerst bei ${seconds(first)}, zuletzt bei ${seconds(last)}.`,
    writtenBefore: 'Hosts haben ihn beschrieben, bevor das Labor neu geöffnet wurde.',
    preserved: (ms: number | null, eventSeq: number | null, slot: number, repository: string) =>
      ms === null ? `Bevor das Labor neu geöffnet wurde, ging sein alter Inhalt per Kopie bei Schreibvorgang in Slot ${num(slot)} von ${repository}.`
        : `Bei ${seconds(ms)}${seqDe(eventSeq)} hat der erste Schreibvorgang seinen alten Inhalt per Kopie bei Schreibvorgang in Slot ${num(slot)} von ${repository} gesichert.`,
    notPreserved: 'Sein alter Inhalt wurde nicht gesichert: Der Snapshot war nicht mehr aktiv, als ein Host ihn beschrieb.',
    beforeWrite: (ms: number | null, eventSeq: number | null, target: string) =>
      ms === null ? `Bevor das Labor neu geöffnet wurde, schickte der erste Schreibvorgang seinen alten Inhalt direkt auf ${target} (Kopie vor Schreibvorgang).`
        : `Bei ${seconds(ms)}${seqDe(eventSeq)} schickte der erste Schreibvorgang seinen alten Inhalt direkt auf ${target} (Kopie vor Schreibvorgang).`,
    copied: (ms: number | null, from: 'source' | 'repository' | null, slot: number | null, source: string, repository: string, target: string) => {
      const where = from === 'repository' ? `Slot ${num(slot ?? 0)} von ${repository} (Snapshot-Sicht)` : from === 'source' ? `dem Quelllaufwerk ${source}` : null;
      if (ms === null) return `Der Kopierer hat ihn auf ${target} kopiert, bevor das Labor neu geöffnet wurde.`;
      return `Bei ${seconds(ms)} hat der Kopierer ihn aus ${where ?? 'seiner Kopierquelle'} gelesen und auf ${target} geschrieben.`;
    },
    notCopied: (target: string) => `Der Kopierer hat ihn noch nicht auf ${target} kopiert.`,
    targetSame: (target: string) => `${target} enthält jetzt den Inhalt zum Zeitpunkt.`,
    targetDiffers: (target: string, what: string) => `${target} enthält jetzt ${what}, nicht den Inhalt zum Zeitpunkt.`,
    targetNow: (target: string, what: string) => `${target} enthält jetzt ${what}.`,
  },
);

/** The block's history as a timeline in the current language: the point in time, then what happened in time order, then what the target holds now. */
export function historyTimeline(h: BlockHistory): TimelineLine[] {
  const w = historyWords();
  const first: TimelineLine = h.original
    ? { timeMs: h.pointInTimeMs, text: w.pointInTime(h.pointInTimeMs, h.block, h.source, w.contents(h.original)) }
    : { timeMs: h.pointInTimeMs, text: w.lost(h.pointInTimeMs, h.block) };
  // Order within one moment: the old contents are saved before the write lands, and the copier comes after both.
  const dated: Array<TimelineLine & { order: number }> = [];
  const add = (timeMs: number | null, order: number, text: string): void => void dated.push({ timeMs, order, text });
  if (h.preserved) add(h.preserved.timeMs, 1, w.preserved(h.preserved.timeMs, h.preserved.eventSeq, h.preserved.slot, h.preserved.repository));
  if (h.copiedBeforeWrite) add(h.copiedBeforeWrite.timeMs, 1, w.beforeWrite(h.copiedBeforeWrite.timeMs, h.copiedBeforeWrite.eventSeq, h.target));
  if (h.writes.count > 0) add(h.writes.firstMs[0]!, 2, w.writes(h.writes.count, h.writes.firstMs[0]!, h.writes.lastMs ?? h.writes.firstMs[0]!));
  else if (h.writes.before) add(null, 2, w.writtenBefore);
  if (h.type === 'online' && !h.preserved && (h.writes.count > 0 || h.writes.before)) add(h.writes.firstMs[0] ?? null, 3, w.notPreserved);
  if (h.copied) add(h.copied.timeMs, 4, w.copied(h.copied.timeMs, h.copied.from, h.copied.slot, h.source, h.preserved?.repository ?? '', h.target));
  else if (!h.copiedBeforeWrite) add(Number.POSITIVE_INFINITY, 4, w.notCopied(h.target));
  dated.sort((a, b) => (a.timeMs ?? -1) - (b.timeMs ?? -1) || a.order - b.order);
  const now = h.targetNow;
  const last = now.equalsPointInTime === true ? w.targetSame(h.target)
    : now.equalsPointInTime === false ? w.targetDiffers(h.target, w.contents(now.contents)) : w.targetNow(h.target, w.contents(now.contents));
  const lines = dated.map(({ timeMs, text }) => ({ timeMs: timeMs === Number.POSITIVE_INFINITY ? null : timeMs, text }));
  return [first, ...lines, { timeMs: null, text: last }];
}
