/** The event log's sentences in German, in the arrays' own terms; mirrors events-en.ts key by key. */
import type { LabEvent } from '../../worker/api.ts';
import type { Priority } from '../../core/vocabulary.ts';
import type { EVENTS_EN } from './events-en.ts';
import type { Translation } from './messages.ts';

/** Why a write was refused or a copy failed, as a main clause, by error code. */
const REASONS: Readonly<Record<string, string>> = {
  WRITE_PROTECTED: 'das Laufwerk ist schreibgeschützt (die Quelle einer Offline-Kopie oder ein abgeschlossenes, schreibgeschütztes Ziellaufwerk)',
  TARGET_BUSY: 'das Laufwerk ist das Ziellaufwerk einer Kopie, die noch nicht fertig ist',
  REPOSITORY_FULL: 'das Repository ist voll, und seine Richtlinie lehnt Schreibvorgänge ab, die einen neuen gesicherten Block bräuchten',
  DISK_FAILED: 'das Laufwerk ist ausgefallen',
  MEDIA_ERROR: 'ein Block konnte nicht gelesen werden, er ist als unlesbar markiert (reparieren und neu schreiben, oder das Laufwerk verwerfen)',
  STORAGE_ERROR: 'der Speicher des Browsers hat die Änderung abgelehnt',
  TARGET_DEGRADED: 'das Ziellaufwerk ist herabgesetzt',
  NOT_ALLOWED: 'die Kopie ist nicht in einem Status, der das erlaubt',
  NO_SUCH_DISK: 'es gibt kein Laufwerk dieses Namens',
  NO_SUCH_COPY: 'es gibt keine solche Kopie',
  BLOCK_OUT_OF_RANGE: 'der Block liegt hinter dem Ende des Laufwerks',
  INVALID_ARGUMENT: 'ein Wert ist ungültig',
  INVALID_DISK: 'ein Repository kann nicht so verwendet werden',
  TARGET_TOO_SMALL: 'das Ziellaufwerk hat weniger Blöcke als das Quelllaufwerk',
  SOURCE_EQUALS_TARGET: 'Quell- und Ziellaufwerk sind dasselbe Laufwerk',
  TARGET_IN_USE: 'das Ziellaufwerk gehört schon zu einer anderen Kopie',
  SOURCE_IN_USE: 'das Quelllaufwerk ist das Ziel einer Kopie, die noch nicht abgeschlossen ist',
};

const PRIORITY: Readonly<Record<Priority, string>> = {
  highest: 'höchste (volles Tempo)',
  high: 'hoch (1/2 des vollen Tempos)',
  medium: 'mittel (1/3,5 des vollen Tempos)',
  low: 'niedrig (1/6 des vollen Tempos)',
  lowest: 'niedrigste (1/8 des vollen Tempos)',
};

function reason(code: string | undefined): string {
  if (!code) return 'es wurde kein Grund genannt';
  return REASONS[code] ?? `Code ${code}`;
}

/** "Die Kopie nach TGT" as subject; "der Kopie nach TGT" after "des Repository". */
const CopyName = (e: LabEvent): string => (e.target ? `Die Kopie nach ${e.target}` : 'Eine Kopie');
const ofCopy = (e: LabEvent): string => (e.target ? `der Kopie nach ${e.target}` : 'einer Kopie');
const diskName = (e: LabEvent): string => e.disk ?? e.source ?? 'dem Quelllaufwerk';
const blockOf = (e: LabEvent): string => (e.block === undefined ? `Ein Block von ${diskName(e)}` : `Block ${e.block} von ${diskName(e)}`);

function threshold(e: LabEvent): string {
  const what = `Das Repository ${ofCopy(e)}`;
  if (e.used === undefined || !e.capacity) return `${what} hat seine Warnschwelle erreicht – die einzige Warnung.`;
  const percent = Math.floor((e.used * 100) / e.capacity);
  return `${what} ist zu ${percent} % voll (${e.used} von ${e.capacity} Blöcken) – die einzige Warnung.`;
}

function full(e: LabEvent): string {
  const level = e.used !== undefined && e.capacity ? ` (${e.used} von ${e.capacity} Blöcken)` : '';
  return `Das Repository ${ofCopy(e)} ist voll${level}: Es können keine alten Blöcke mehr gesichert werden.`;
}

function copyOnWrite(e: LabEvent): string {
  const where = e.slot === undefined ? 'im Repository' : `im Repository-Slot ${e.slot}`;
  return `${blockOf(e)} geschrieben: Sein alter Inhalt wurde zuerst ${where} gesichert (Kopie bei Schreibvorgang).`;
}

function copyFailed(e: LabEvent): string {
  const at = e.block === undefined ? '' : ` bei Block ${e.block}`;
  if (e.reason === 'REPOSITORY_FULL') return `${CopyName(e)} ist fehlgeschlagen: Ihr Repository ist übergelaufen, daher sind ihr Snapshot und ihr Zeitpunkt verloren.`;
  return e.reason ? `${CopyName(e)} ist${at} fehlgeschlagen: ${reason(e.reason)}.` : `${CopyName(e)} ist${at} fehlgeschlagen.`;
}

function writeRejected(e: LabEvent): string {
  const what = e.block === undefined ? `Ein Schreibvorgang auf ${diskName(e)}` : `Der Schreibvorgang auf Block ${e.block} von ${diskName(e)}`;
  return `${what} wurde abgelehnt: ${reason(e.reason)}.`;
}

function priorityChanged(e: LabEvent): string {
  if (!e.priority) return `${CopyName(e)} hat eine neue Kopierpriorität.`;
  const words = PRIORITY[e.priority as Priority] ?? e.priority;
  return `${CopyName(e)} läuft jetzt mit Kopierpriorität ${words}.`;
}

function snapshotFailed(e: LabEvent): string {
  const why = e.reason === 'REPOSITORY_FULL' ? 'das Repository ist übergelaufen' : reason(e.reason);
  return `${CopyName(e)}: Der Snapshot ist fehlgeschlagen (${why}); ihr Zeitpunkt ist verloren.`;
}

/** The German event table. */
export const EVENTS_DE: Translation<typeof EVENTS_EN> = {
  COPY_STARTED: (e: LabEvent) => `${CopyName(e)} hat begonnen: Der Kopierer kopiert ihre Blöcke der Reihe nach ab Block 0.`,
  COPY_PENDING: (e: LabEvent) => `${CopyName(e)} ist Ausstehend: Es laufen schon 8 Kopien; sie beginnt, sobald eine endet.`,
  SNAPSHOT_CREATED: (e: LabEvent) =>
    `Snapshot von ${e.source ?? 'dem Quelllaufwerk'} für ${e.target ? `die Kopie nach ${e.target}` : 'eine Kopie'} erstellt: Das Ziellaufwerk erhält das Laufwerk so, wie es jetzt ist.`,
  COPY_ON_WRITE: copyOnWrite,
  COPY_BEFORE_WRITE: (e: LabEvent) =>
    `${blockOf(e)} geschrieben: Sein alter Inhalt ging zuerst direkt auf ${e.target ? `das Ziellaufwerk ${e.target}` : 'das Ziellaufwerk'} (Kopie vor Schreibvorgang).`,
  REPOSITORY_THRESHOLD: threshold,
  REPOSITORY_FULL: full,
  SNAPSHOT_FAILED: snapshotFailed,
  SNAPSHOT_DISABLED: (e: LabEvent) =>
    `${CopyName(e)}: Der Snapshot ist deaktiviert; Schreibvorgänge auf ${e.source ?? 'ihr Quelllaufwerk'} kosten wieder eine E/A.`,
  COPY_COMPLETED: (e: LabEvent) => `${CopyName(e)} ist abgeschlossen: Jeder Block ist auf dem Ziellaufwerk.`,
  COPY_FAILED: copyFailed,
  COPY_STOPPED: (e: LabEvent) =>
    `${CopyName(e)} wurde angehalten: Ihr Ziellaufwerk bleibt belegt, bis eine erneute Kopie abgeschlossen ist oder das Paar entfernt wird.`,
  COPY_REMOVED: (e: LabEvent) => `${CopyName(e)} wurde entfernt: Das Ziellaufwerk behält seine Daten und kann wieder beschrieben werden.`,
  WRITE_REJECTED: writeRejected,
  PRIORITY_CHANGED: priorityChanged,
  reason,
  unknown: (type: string, target: string | undefined) => (target ? `${type} (Kopie nach ${target}).` : `${type}.`),
};
