/** The refusal and success sentences of the panels' notes, in English and German (used by src/ui/messages.ts). */
import type { ErrorCode } from '../../core/vocabulary.ts';
import { localized } from './messages.ts';

/** Refusals whose sentence fits better when the action or the side of the copy is known. */
export type SpecialRefusal =
  | 'offlineSource'
  | 'completedTarget'
  | 'set-priority'
  | 'set-target-read-only'
  | 'delete-disk'
  | 'stop'
  | 'recopy';

type Sentences<K extends string> = Readonly<Record<K, string>>;

const EN: Sentences<ErrorCode> = {
  TARGET_TOO_SMALL: 'The target is smaller than the source: it needs at least as many blocks as the source (more is fine).',
  SOURCE_EQUALS_TARGET: 'A disk cannot be copied onto itself: choose a different disk as the target.',
  TARGET_IN_USE: 'That disk is already the target of a copy pair: remove that pair first, or choose another target.',
  SOURCE_IN_USE: 'That source is itself the target of a copy that has not completed: wait for it to complete, or remove that pair.',
  DISK_FAILED: 'The disk has failed: it takes part in no reads, writes or copies until it is back to optimal.',
  TARGET_DEGRADED: 'The target is degraded: the array will not copy onto a disk that has lost its redundancy.',
  INVALID_DISK: 'A snapshot repository belongs to its copy: it cannot be the source or the target of another copy.',
  NOT_ALLOWED: 'The copy is in a state that does not allow this action right now.',
  NO_SUCH_DISK: 'There is no disk with that name (it may just have been deleted).',
  NO_SUCH_COPY: 'There is no copy pair for that target (it may just have been removed).',
  BLOCK_OUT_OF_RANGE: "That block lies outside the disk: blocks are numbered from 0 to the disk's size minus one.",
  INVALID_ARGUMENT: 'One of the values is not accepted: check the fields and try again.',
  WRITE_PROTECTED: 'The disk is read-only to hosts right now: they can read it but not write it.',
  TARGET_BUSY:
    'The target is busy while its copy is pending or in progress (or stopped or failed before completion): hosts can neither read nor write it until the copy completes.',
  REPOSITORY_FULL:
    "The snapshot repository is full and its policy refuses source writes: this block's old contents could not be preserved, so the write was refused and the source keeps its old data.",
  MEDIA_ERROR: 'This block cannot be read: it is marked unreadable (a media error, or its stored checksum does not match). Repair the block and write it again, or discard the disk.',
  STORAGE_ERROR: "The browser's storage refused to save the change (it may be full, or private browsing may block it): nothing was changed.",
};

const DE: Sentences<ErrorCode> = {
  TARGET_TOO_SMALL: 'Das Ziellaufwerk ist kleiner als das Quelllaufwerk: Es braucht mindestens so viele Blöcke wie die Quelle (mehr ist erlaubt).',
  SOURCE_EQUALS_TARGET: 'Ein Laufwerk kann nicht auf sich selbst kopiert werden: Wählen Sie ein anderes Laufwerk als Ziel.',
  TARGET_IN_USE: 'Dieses Laufwerk ist schon das Ziellaufwerk eines Kopierpaars: Entfernen Sie zuerst dieses Paar, oder wählen Sie ein anderes Ziel.',
  SOURCE_IN_USE: 'Dieses Quelllaufwerk ist selbst das Ziel einer Kopie, die noch nicht abgeschlossen ist: Warten Sie, bis sie abgeschlossen ist, oder entfernen Sie das Paar.',
  DISK_FAILED: 'Das Laufwerk ist ausgefallen: Es nimmt an keinem Lesen, Schreiben oder Kopieren teil, bis es wieder optimal ist.',
  TARGET_DEGRADED: 'Das Ziellaufwerk ist herabgesetzt: Das Array kopiert nicht auf ein Laufwerk, das seine Redundanz verloren hat.',
  INVALID_DISK: 'Ein Snapshot-Repository gehört zu seiner Kopie: Es kann nicht Quelle oder Ziel einer anderen Kopie sein.',
  NOT_ALLOWED: 'Die Kopie ist in einem Status, der diese Aktion gerade nicht erlaubt.',
  NO_SUCH_DISK: 'Es gibt kein Laufwerk mit diesem Namen (es wurde vielleicht gerade gelöscht).',
  NO_SUCH_COPY: 'Es gibt kein Kopierpaar für dieses Ziel (es wurde vielleicht gerade entfernt).',
  BLOCK_OUT_OF_RANGE: 'Dieser Block liegt außerhalb des Laufwerks: Die Blöcke sind von 0 bis zur Größe des Laufwerks minus eins nummeriert.',
  INVALID_ARGUMENT: 'Einer der Werte wird nicht angenommen: Prüfen Sie die Felder und versuchen Sie es erneut.',
  WRITE_PROTECTED: 'Das Laufwerk ist für Hosts gerade schreibgeschützt: Sie können es lesen, aber nicht beschreiben.',
  TARGET_BUSY:
    'Das Ziellaufwerk ist belegt, solange seine Kopie ausstehend oder in Bearbeitung ist (oder vor dem Abschluss angehalten wurde oder fehlschlug): Hosts können es weder lesen noch beschreiben, bis die Kopie abgeschlossen ist.',
  REPOSITORY_FULL:
    'Das Snapshot-Repository ist voll und seine Richtlinie lehnt Schreibvorgänge auf die Quelle ab: Der alte Inhalt dieses Blocks konnte nicht gesichert werden, daher wurde der Schreibvorgang abgelehnt und die Quelle behält ihre alten Daten.',
  MEDIA_ERROR: 'Dieser Block kann nicht gelesen werden: Er ist als unlesbar markiert (ein Medienfehler, oder seine gespeicherte Prüfsumme stimmt nicht). Reparieren Sie den Block und schreiben Sie ihn neu, oder verwerfen Sie das Laufwerk.',
  STORAGE_ERROR: 'Der Speicher des Browsers hat das Sichern der Änderung abgelehnt (er ist vielleicht voll, oder privates Surfen verhindert es): Nichts wurde geändert.',
};

const SPECIAL_EN: Sentences<SpecialRefusal> = {
  offlineSource: 'The source is read-only while an offline copy runs: hosts can only read it until the copy completes or is stopped.',
  completedTarget: 'The target became read-only when its copy completed: hosts can read it, and can write it only after its read-only flag is switched off.',
  'set-priority': 'The priority can be changed only while the copy is Pending or In Progress.',
  'set-target-read-only': "The target's read-only flag can be changed only after the copy has completed.",
  'delete-disk': 'This disk takes part in a copy pair: remove the pair first, then delete the disk.',
  stop: 'Only a copy that is Pending, In Progress or Failed can be stopped.',
  recopy: 'Only a copy that is Stopped, Failed or Completed can be copied again.',
};

const SPECIAL_DE: Sentences<SpecialRefusal> = {
  offlineSource: 'Das Quelllaufwerk ist schreibgeschützt, solange eine Offline-Kopie läuft: Hosts können es nur lesen, bis die Kopie abgeschlossen oder angehalten ist.',
  completedTarget: 'Das Ziellaufwerk wurde schreibgeschützt, als seine Kopie abgeschlossen war: Hosts können es lesen, und beschreiben erst, wenn sein Schreibschutz ausgeschaltet ist.',
  'set-priority': 'Die Kopierpriorität lässt sich nur ändern, solange die Kopie Ausstehend oder In Bearbeitung ist.',
  'set-target-read-only': 'Der Schreibschutz des Ziellaufwerks lässt sich erst ändern, wenn die Kopie abgeschlossen ist.',
  'delete-disk': 'Dieses Laufwerk gehört zu einem Kopierpaar: Entfernen Sie zuerst das Paar, dann löschen Sie das Laufwerk.',
  stop: 'Nur eine Kopie, die Ausstehend, In Bearbeitung oder Fehlgeschlagen ist, kann angehalten werden.',
  recopy: 'Nur eine Kopie, die Angehalten, Fehlgeschlagen oder Abgeschlossen ist, kann erneut kopiert werden.',
};

const SUCCESS_EN: Readonly<Record<string, string>> = {
  'create-disk': 'Disk created.',
  'delete-disk': 'Disk deleted.',
  'first-experiment': 'First experiment ready: the online copy is running. Write to the source and watch the repository.',
  'create-copy': 'Copy started.',
  'driver-change': 'Copier updated.',
  step: 'Copied one block.',
  'set-priority': 'Priority changed.',
  stop: 'Copy stopped.',
  recopy: 'Copy started again from block 0, with a new point in time.',
  'remove-copy': 'Pair removed: the target keeps its data.',
  'set-target-read-only': "Target's read-only flag changed.",
};

const SUCCESS_DE: Readonly<Record<string, string>> = {
  'create-disk': 'Laufwerk erstellt.',
  'delete-disk': 'Laufwerk gelöscht.',
  'first-experiment': 'Erstes Experiment bereit: Die Online-Kopie läuft. Schreiben Sie auf das Quelllaufwerk und beobachten Sie das Repository.',
  'create-copy': 'Kopie gestartet.',
  'driver-change': 'Kopierer geändert.',
  step: 'Einen Block kopiert.',
  'set-priority': 'Kopierpriorität geändert.',
  stop: 'Kopie angehalten.',
  recopy: 'Kopie erneut ab Block 0 gestartet, mit einem neuen Zeitpunkt.',
  'remove-copy': 'Paar entfernt: Das Ziellaufwerk behält seine Daten.',
  'set-target-read-only': 'Schreibschutz des Ziellaufwerks geändert.',
};

/** The sentences of refusals and successes in the current language. */
export const refusalWords = localized(
  {
    refusal: (code: ErrorCode): string => EN[code],
    special: (key: SpecialRefusal): string => SPECIAL_EN[key],
    success: (action: string): string => SUCCESS_EN[action] ?? 'Done.',
    inDetail: (sentence: string, detail: string) => `${sentence} In detail: ${detail}`,
    failed: (detail: string | undefined) => `That did not work. ${detail ?? 'No reason was given.'}`,
  },
  {
    refusal: (code: ErrorCode): string => DE[code],
    special: (key: SpecialRefusal): string => SPECIAL_DE[key],
    success: (action: string): string => SUCCESS_DE[action] ?? 'Erledigt.',
    // The engine words its details in English only: quoted and named as such, so the German sentence stays whole.
    inDetail: (sentence: string, detail: string) => `${sentence} Meldung der Engine (englisch): „${detail}“`,
    failed: (detail: string | undefined) => `Das hat nicht geklappt. ${detail ?? 'Es wurde kein Grund genannt.'}`,
  },
);

/** True when `code` is one of the engine's refusal codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(EN, code);
}
