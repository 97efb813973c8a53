/** The words of the block maps (<disk-maps>, <block-map>, <block-legend>, the block states), in English and German. */
import type { DiskState } from '../../core/vocabulary.ts';
import { localized } from './messages.ts';
import { num } from './terms.ts';

/** The state words of block-states.ts, by state code (BLOCK_STATES order). */
const LABEL_EN = ['not yet copied', 'copied to the target', 'preserved in the repository', 'written since the point in time', 'write refused', 'unreadable (media error)', 'differs from the point in time (torn)'];
const LABEL_DE = ['noch nicht kopiert', 'auf das Ziellaufwerk kopiert', 'im Repository gesichert', 'seit dem Zeitpunkt geschrieben', 'Schreibvorgang abgelehnt', 'unlesbar (Medienfehler)', 'weicht vom Zeitpunkt ab (zerrissen)'];
const GLYPH_EN = ['grey outline', 'solid blue', 'orange with a dot', 'vermillion, hatched', 'pink with a cross', 'black checkerboard', 'sky blue with black bars'];
const GLYPH_DE = ['grauer Rand', 'voll blau', 'orange mit Punkt', 'zinnoberrot, schraffiert', 'rosa mit Kreuz', 'schwarzes Schachbrett', 'himmelblau mit schwarzen Balken'];

/** Words a state has on one kind of map only, keyed `view:state` (block-states.ts VIEW_WORDS). */
const VIEW_EN: Readonly<Record<string, string>> = {
  'source:uncopied': 'unchanged since the point in time',
  'snapshot:uncopied': 'read from the source',
  'snapshot:preserved': 'read from the repository',
  'repository:uncopied': 'free slot',
  'repository:preserved': 'holds a preserved block',
  'disk:uncopied': 'plain block',
};
const VIEW_DE: Readonly<Record<string, string>> = {
  'source:uncopied': 'seit dem Zeitpunkt unverändert',
  'snapshot:uncopied': 'vom Quelllaufwerk gelesen',
  'snapshot:preserved': 'aus dem Repository gelesen',
  'repository:uncopied': 'freier Slot',
  'repository:preserved': 'hält einen gesicherten Block',
  'disk:uncopied': 'einfacher Block',
};
const DISK_STATE_DE: Readonly<Record<DiskState, string>> = { optimal: 'optimal', degraded: 'herabgesetzt', failed: 'ausgefallen' };

/** The block states' words in the current language. */
export const stateWordsTable = localized(
  {
    label: (code: number): string => LABEL_EN[code] ?? 'unknown',
    glyph: (code: number): string => GLYPH_EN[code] ?? '',
    view: (key: string): string => VIEW_EN[key] ?? '',
    unknown: 'unknown',
    cursor: 'copier position (next block to copy)',
    cursorGlyph: 'yellow frame',
    block: (block: number, words: string) => `Block ${block}: ${words}`,
    slot: (slot: number, words: string) => `Slot ${slot}: ${words}`,
    blocks: (first: number, last: number, words: string) => `Blocks ${first}–${last}: ${words}`,
    legend: 'Legend of the block maps',
  },
  {
    label: (code: number): string => LABEL_DE[code] ?? 'unbekannt',
    glyph: (code: number): string => GLYPH_DE[code] ?? '',
    view: (key: string): string => VIEW_DE[key] ?? '',
    unknown: 'unbekannt',
    cursor: 'Position des Kopierers (nächster zu kopierender Block)',
    cursorGlyph: 'gelber Rahmen',
    block: (block: number, words: string) => `Block ${block}: ${words}`,
    slot: (slot: number, words: string) => `Slot ${slot}: ${words}`,
    blocks: (first: number, last: number, words: string) => `Blöcke ${first}–${last}: ${words}`,
    legend: 'Legende der Laufwerkskarten',
  },
);

/** The maps' words in the current language. */
export const mapWords = localized(
  {
    count: (n: number, slots: boolean) => `${n.toLocaleString('en')} ${slots ? 'slots' : 'blocks'}`,
    scale: (per: number, slots: boolean) => ` · 1 cell = ${per} ${slots ? 'slots' : 'blocks'}`,
    mapName: 'Block map',
    roleDescription: 'block map',
    keys: 'Arrow keys choose a block; Enter or Space acts on it.',
    tooLarge: 'This disk is too large to show as contents (more than 16 MiB)',
    show: (contents: boolean) => `Show ${contents ? 'contents' : 'block states'}`,
    label: (title: string, blocks: number) => `${title}: ${blocks} blocks`,
    verified: (checked: number) => `✔ Verified: all ${checked} blocks equal the source at the point in time (by the checksum stored with each block as it was copied).`,
    differs: (listed: string, count: number, more: number) =>
      `✘ The target does not match the point in time: block${count === 1 ? '' : 's'} ${listed}${more > 0 ? ` and ${more} more` : ''} differ${count === 1 ? 's' : ''}.`,
    source: (name: string) => `Source ${name}`,
    sourceExplain: 'What hosts see now. Click or drag to write blocks.',
    snapshot: 'Snapshot view',
    snapshotExplain: 'The source as it was at the point in time: what the copier reads. Not a disk — a reference.',
    repository: (name: string) => `Repository ${name}`,
    repositoryExplain: (used: number, capacity: number) => `Old contents of blocks written since the point in time: ${used} of ${capacity} slots used.`,
    target: (name: string) => `Target ${name}`,
    finishedReadOnly: 'The finished copy. Read-only to hosts (a write shows as refused).',
    finishedWritable: 'The finished copy, writable by hosts.',
    receiving: (copied: number, total: number) => `Receives the copy (${copied} of ${total} blocks). Hosts cannot use it until the copy completes.`,
    disk: (name: string) => `Disk ${name}`,
    diskExplain: (blocks: number, blockSize: number, state: DiskState) => `${blocks} blocks of ${blockSize} bytes, ${state}. Click or drag to write.`,
  },
  {
    count: (n: number, slots: boolean) => `${num(n)} ${slots ? 'Slots' : 'Blöcke'}`,
    scale: (per: number, slots: boolean) => ` · 1 Zelle = ${num(per)} ${slots ? 'Slots' : 'Blöcke'}`,
    mapName: 'Laufwerkskarte',
    roleDescription: 'Laufwerkskarte',
    keys: 'Pfeiltasten wählen einen Block; Eingabe- oder Leertaste wirkt auf ihn.',
    tooLarge: 'Dieses Laufwerk ist zu groß, um als Inhalt gezeigt zu werden (mehr als 16 MiB)',
    show: (contents: boolean) => (contents ? 'Inhalt zeigen' : 'Blockstatus zeigen'),
    label: (title: string, blocks: number) => `${title}: ${num(blocks)} Blöcke`,
    verified: (checked: number) => `✔ Geprüft: Alle ${num(checked)} Blöcke gleichen dem Quelllaufwerk zum Zeitpunkt (anhand der Prüfsumme, die beim Kopieren mit jedem Block gespeichert wurde).`,
    differs: (listed: string, count: number, more: number) =>
      `✘ Das Ziellaufwerk stimmt nicht mit dem Zeitpunkt überein: ${count === 1 ? 'Block' : 'Blöcke'} ${listed}${more > 0 ? ` und ${more} weitere` : ''} ${count === 1 ? 'weicht' : 'weichen'} ab.`,
    source: (name: string) => `Quelllaufwerk ${name}`,
    sourceExplain: 'Was Hosts jetzt sehen. Klicken oder ziehen, um Blöcke zu schreiben.',
    snapshot: 'Snapshot-Ansicht',
    snapshotExplain: 'Das Quelllaufwerk, wie es zum Zeitpunkt war: was der Kopierer liest. Kein Laufwerk – eine Referenz.',
    repository: (name: string) => `Repository ${name}`,
    repositoryExplain: (used: number, capacity: number) => `Alter Inhalt der seit dem Zeitpunkt geschriebenen Blöcke: ${num(used)} von ${num(capacity)} Slots belegt.`,
    target: (name: string) => `Ziellaufwerk ${name}`,
    finishedReadOnly: 'Die fertige Kopie. Für Hosts schreibgeschützt (ein Schreibvorgang erscheint als abgelehnt).',
    finishedWritable: 'Die fertige Kopie, von Hosts beschreibbar.',
    receiving: (copied: number, total: number) =>
      `Empfängt die Kopie (${num(copied)} von ${num(total)} Blöcken). Hosts können es erst nutzen, wenn die Kopie abgeschlossen ist.`,
    disk: (name: string) => `Laufwerk ${name}`,
    diskExplain: (blocks: number, blockSize: number, state: DiskState) =>
      `${num(blocks)} Blöcke zu ${num(blockSize)} Byte, ${DISK_STATE_DE[state] ?? state}. Klicken oder ziehen, um zu schreiben.`,
  },
);
