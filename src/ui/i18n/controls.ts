/** The words of <steer-panel>, <write-panel> and <workload-panel>, in English and German. */
import type { CopyStatus, CopyType, Priority } from '../../core/vocabulary.ts';
import type { WorkloadPattern } from '../../worker/api.ts';
import { localized } from './messages.ts';
import { copyTypeWord, decimal, num, priorityWord, statusWord } from './terms.ts';

/** The steer panel's words in the current language. */
export const steerWords = localized(
  {
    heading: 'Steer the copy',
    pair: (source: string, target: string, type: CopyType, status: CopyStatus, copied: number, total: number) =>
      `${source} → ${target} · ${type} · ${statusWord(status)} · ${copied.toLocaleString('en')} of ${total.toLocaleString('en')} blocks copied`,
    noCopy: 'No copy yet: start one, and steer it here.',
    waiting: 'Waiting for the copy engine…',
    fullSpeed: 'Full speed: as fast as storage allows',
    rate: (blocks: number, priority: Priority) => `${blocks.toLocaleString('en')} block${blocks === 1 ? '' : 's'} per second at priority ${priority}`,
    pause: 'Pause',
    play: 'Play',
    step: 'Step one block',
    canStep: 'Step pauses the copier and copies one block.',
    cannotStep: 'The copier moves only while a copy is In Progress.',
    speed: 'Speed',
    priority: 'Priority',
    priorityWhen: 'The priority can be changed while the copy is Pending or In Progress.',
    stop: 'Stop',
    recopy: 'Recopy',
    remove: 'Remove pair…',
    canStop: 'Stop ends the copy; Recopy is possible once it is Stopped, Failed or Completed.',
    cannotStop: 'Recopy starts again from block 0 with a new point in time; Stop works while Pending, In Progress or Failed.',
    readOnly: (target: string) => `Target ${target} read-only to hosts`,
    readOnlyDone: 'Switch off to let hosts write the finished copy.',
    readOnlyLater: 'Can be changed once the copy has completed.',
    confirm: (source: string, target: string) => `Remove the pair ${source} → ${target}? Its snapshot and repository are deleted; the target keeps its data.`,
    confirmRemove: 'Remove the pair',
    cancel: 'Cancel',
  },
  {
    heading: 'Die Kopie steuern',
    pair: (source: string, target: string, type: CopyType, status: CopyStatus, copied: number, total: number) =>
      `${source} → ${target} · ${copyTypeWord(type)} · ${statusWord(status)} · ${num(copied)} von ${num(total)} Blöcken kopiert`,
    noCopy: 'Noch keine Kopie: Starten Sie eine und steuern Sie sie hier.',
    waiting: 'Warte auf die Kopier-Engine …',
    fullSpeed: 'Volle Geschwindigkeit: so schnell, wie der Speicher erlaubt',
    rate: (blocks: number, priority: Priority) =>
      `${decimal(blocks, 1)} ${blocks === 1 ? 'Block' : 'Blöcke'} pro Sekunde bei Kopierpriorität ${priorityWord(priority)}`,
    pause: 'Pause',
    play: 'Abspielen',
    step: 'Einen Block weiter',
    canStep: 'Der Einzelschritt hält den Kopierer an und kopiert einen Block.',
    cannotStep: 'Der Kopierer läuft nur, solange eine Kopie In Bearbeitung ist.',
    speed: 'Geschwindigkeit',
    priority: 'Kopierpriorität',
    priorityWhen: 'Die Kopierpriorität lässt sich ändern, solange die Kopie Ausstehend oder In Bearbeitung ist.',
    stop: 'Anhalten',
    recopy: 'Erneut kopieren',
    remove: 'Paar entfernen …',
    canStop: 'Anhalten beendet die Kopie; erneut kopieren lässt sie sich, sobald sie Angehalten, Fehlgeschlagen oder Abgeschlossen ist.',
    cannotStop: 'Erneut kopieren beginnt wieder bei Block 0 mit einem neuen Zeitpunkt; Anhalten wirkt, solange sie Ausstehend, In Bearbeitung oder Fehlgeschlagen ist.',
    readOnly: (target: string) => `Ziellaufwerk ${target} für Hosts schreibgeschützt`,
    readOnlyDone: 'Ausschalten, damit Hosts die fertige Kopie beschreiben können.',
    readOnlyLater: 'Lässt sich ändern, sobald die Kopie abgeschlossen ist.',
    confirm: (source: string, target: string) =>
      `Das Paar ${source} → ${target} entfernen? Sein Snapshot und sein Repository werden gelöscht; das Ziellaufwerk behält seine Daten.`,
    confirmRemove: 'Das Paar entfernen',
    cancel: 'Abbrechen',
  },
);

/** The write panel's words in the current language. */
export const writeWords = localized(
  {
    heading: 'Write as a host',
    hint: 'Click a block on a disk map to write it with the brush colour; drag to paint several. Arrow keys move the selection in a focused map, Enter writes the selected block.',
    brush: 'Brush colour',
    disk: 'Disk',
    block: 'Block',
    text: 'Text',
    defaultText: 'Hello, snapshot!',
    write: 'Write the text',
  },
  {
    heading: 'Als Host schreiben',
    hint: 'Klicken Sie auf einen Block einer Laufwerkskarte, um ihn mit der Pinselfarbe zu schreiben; ziehen Sie, um mehrere zu malen. Die Pfeiltasten bewegen die Auswahl in einer fokussierten Karte, die Eingabetaste schreibt den gewählten Block.',
    brush: 'Pinselfarbe',
    disk: 'Laufwerk',
    block: 'Block',
    text: 'Text',
    defaultText: 'Hallo, Snapshot!',
    write: 'Den Text schreiben',
  },
);

type Pattern = Readonly<Record<WorkloadPattern, string>>;
const LABEL_EN: Pattern = { random: 'Random', sequential: 'Sequential', hotspot: 'Hot spot' };
const HELP_EN: Pattern = {
  random: 'Each write hits a block chosen at random: many first writes, so many copy-on-writes.',
  sequential: 'Writes walk the disk block after block: every write is a first write until the walk wraps.',
  hotspot: 'Most writes hit a few blocks: after their first write they cost 1 I/O each.',
};
const LABEL_DE: Pattern = { random: 'Zufällig', sequential: 'Sequenziell', hotspot: 'Hotspot' };
const HELP_DE: Pattern = {
  random: 'Jeder Schreibvorgang trifft einen zufällig gewählten Block: viele erste Schreibvorgänge, also viele Kopien bei Schreibvorgang.',
  sequential: 'Die Schreibvorgänge laufen Block für Block über das Laufwerk: Jeder ist ein erster Schreibvorgang, bis der Lauf von vorn beginnt.',
  hotspot: 'Die meisten Schreibvorgänge treffen wenige Blöcke: Nach ihrem ersten Schreibvorgang kosten sie je 1 E/A.',
};
const WRITES_DE: Pattern = { random: 'zufällige Schreibvorgänge', sequential: 'sequenzielle Schreibvorgänge', hotspot: 'Hotspot-Schreibvorgänge' };

/** The workload panel's words in the current language. */
export const workloadWords = localized(
  {
    heading: 'Workload: host writes while the copy runs',
    disk: 'Write to disk',
    noDisk: 'no disk yet',
    diskOption: (name: string, blocks: number) => `${name} (${blocks} blocks)`,
    pattern: 'Pattern',
    patternLabel: (p: WorkloadPattern): string => LABEL_EN[p],
    patternHelp: (p: WorkloadPattern): string => HELP_EN[p],
    rate: 'Rate',
    rateText: (rate: number) => `${rate} writes per second`,
    rateShort: (rate: number) => `${rate.toLocaleString('en')} writes/s`,
    stopWrites: 'Stop writes',
    startWrites: 'Start writes',
    createFirst: 'Create a disk first.',
    stopped: 'Stopped.',
    running: (rate: number, pattern: WorkloadPattern, disk: string) => `Running: ${rate.toLocaleString('en')} ${pattern} writes per second to ${disk}.`,
  },
  {
    heading: 'Arbeitslast: Host-Schreibvorgänge, während die Kopie läuft',
    disk: 'Auf Laufwerk schreiben',
    noDisk: 'noch kein Laufwerk',
    diskOption: (name: string, blocks: number) => `${name} (${num(blocks)} Blöcke)`,
    pattern: 'Muster',
    patternLabel: (p: WorkloadPattern): string => LABEL_DE[p],
    patternHelp: (p: WorkloadPattern): string => HELP_DE[p],
    rate: 'Schreibrate',
    rateText: (rate: number) => `${decimal(rate, 1)} Schreibvorgänge pro Sekunde`,
    rateShort: (rate: number) => `${decimal(rate, 1)} pro Sekunde`,
    stopWrites: 'Schreiben beenden',
    startWrites: 'Schreiben starten',
    createFirst: 'Erstellen Sie zuerst ein Laufwerk.',
    stopped: 'Angehalten.',
    running: (rate: number, pattern: WorkloadPattern, disk: string) => `Läuft: ${decimal(rate, 1)} ${WRITES_DE[pattern]} pro Sekunde auf ${disk}.`,
  },
);
