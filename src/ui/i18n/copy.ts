/** The words of <copy-panel> (starting a copy: type, priority, repository options), in English and German. */
import type { CopyType, FullPolicy } from '../../core/vocabulary.ts';
import { localized } from './messages.ts';
import { bytesText, num } from './terms.ts';

type Choice = { readonly label: string; readonly explain: string };

const TYPE_EN: Readonly<Record<CopyType, Choice>> = {
  online: { label: 'Online', explain: 'A snapshot keeps the point in time: hosts keep writing, and a block’s old contents go to the repository first.' },
  offline: { label: 'Offline', explain: 'The source is read-only to hosts until the copy completes: simple, but their writes are refused.' },
  copyBeforeWrite: { label: 'Copy before write', explain: 'No repository: a write to a block not yet copied first sends the old block straight to the target.' },
  unprotected: { label: 'Unprotected (a contrast)', explain: 'No snapshot at all: the copier reads the live source, so writes during the copy can tear the target.' },
};
const TYPE_DE: Readonly<Record<CopyType, Choice>> = {
  online: { label: 'Online', explain: 'Ein Snapshot hält den Zeitpunkt fest: Hosts schreiben weiter, und der alte Inhalt eines Blocks geht zuerst in das Repository.' },
  offline: { label: 'Offline', explain: 'Das Quelllaufwerk ist für Hosts schreibgeschützt, bis die Kopie abgeschlossen ist: einfach, aber ihre Schreibvorgänge werden abgelehnt.' },
  copyBeforeWrite: { label: 'Kopie vor Schreibvorgang', explain: 'Kein Repository: Ein Schreibvorgang auf einen noch nicht kopierten Block schickt den alten Block zuerst direkt auf das Ziellaufwerk.' },
  unprotected: { label: 'Ungeschützt (zum Vergleich)', explain: 'Überhaupt kein Snapshot: Der Kopierer liest die laufende Quelle, daher können Schreibvorgänge während der Kopie das Ziellaufwerk inkonsistent machen.' },
};
const POLICY_EN: Readonly<Record<FullPolicy, Choice>> = {
  failSnapshot: { label: 'Fail the snapshot', explain: 'Host writes go on, but the snapshot and then the copy fail when the repository is full.' },
  failSourceWrites: { label: 'Refuse source writes', explain: 'A write that needs a new preserved block is refused; the copy completes correctly.' },
};
const POLICY_DE: Readonly<Record<FullPolicy, Choice>> = {
  failSnapshot: { label: 'Snapshot fehlschlagen lassen', explain: 'Host-Schreibvorgänge gehen weiter, aber der Snapshot und dann die Kopie schlagen fehl, wenn das Repository voll ist.' },
  failSourceWrites: { label: 'Schreibvorgänge auf die Quelle ablehnen', explain: 'Ein Schreibvorgang, der einen neuen gesicherten Block bräuchte, wird abgelehnt; die Kopie wird korrekt abgeschlossen.' },
};

const blocksOf = (n: number): string => `${n.toLocaleString('en')} block${n === 1 ? '' : 's'}`;

/** The copy panel's words in the current language. */
export const copyWords = localized(
  {
    heading: 'Start a copy',
    source: 'Source',
    target: 'Target',
    disk: (name: string, blocks: number, blockSize: number) => `${name} (${blocks.toLocaleString('en')} × ${bytesText(blockSize)})`,
    copyType: 'Copy type',
    typeLabel: (type: CopyType): string => TYPE_EN[type].label,
    typeExplain: (type: CopyType): string => TYPE_EN[type].explain,
    priority: 'Priority',
    readOnly: 'Target read-only after completion',
    readOnlyHint: 'Hosts may read the finished copy but not change it.',
    start: 'Start the copy',
    needsTwo: 'A copy needs two disks: create them above, or start a first experiment.',
    repository: 'Snapshot repository (online copies only)',
    onlyOnline: 'Only an online copy takes a snapshot and keeps a repository, so these options do not apply now.',
    size: 'Size (of the source)',
    sizeOption: (percent: number, blocks: number | null) => `${percent} %${blocks === null ? '' : ` = ${blocksOf(blocks)}`}`,
    warn: 'Warn when used reaches (%)',
    whenFull: 'When the repository is full',
    policyLabel: (policy: FullPolicy): string => POLICY_EN[policy].label,
    policyExplain: (policy: FullPolicy): string => POLICY_EN[policy].explain,
  },
  {
    heading: 'Eine Kopie starten',
    source: 'Quelllaufwerk',
    target: 'Ziellaufwerk',
    disk: (name: string, blocks: number, blockSize: number) => `${name} (${num(blocks)} × ${bytesText(blockSize)})`,
    copyType: 'Kopierart',
    typeLabel: (type: CopyType): string => TYPE_DE[type].label,
    typeExplain: (type: CopyType): string => TYPE_DE[type].explain,
    priority: 'Kopierpriorität',
    readOnly: 'Ziellaufwerk nach Abschluss schreibgeschützt',
    readOnlyHint: 'Hosts dürfen die fertige Kopie lesen, aber nicht ändern.',
    start: 'Kopie starten',
    needsTwo: 'Eine Kopie braucht zwei Laufwerke: Erstellen Sie sie oben, oder starten Sie ein erstes Experiment.',
    repository: 'Snapshot-Repository (nur Online-Kopien)',
    onlyOnline: 'Nur eine Online-Kopie erstellt einen Snapshot und führt ein Repository, daher gelten diese Optionen jetzt nicht.',
    size: 'Größe (vom Quelllaufwerk)',
    sizeOption: (percent: number, blocks: number | null) => `${percent} %${blocks === null ? '' : ` = ${num(blocks)} ${blocks === 1 ? 'Block' : 'Blöcke'}`}`,
    warn: 'Warnen ab Auslastung (%)',
    whenFull: 'Wenn das Repository voll ist',
    policyLabel: (policy: FullPolicy): string => POLICY_DE[policy].label,
    policyExplain: (policy: FullPolicy): string => POLICY_DE[policy].explain,
  },
);
