/** The words of <counters-panel>, <latency-chart> and <event-log>, in English and German. */
import type { CopyStatus, CopyType, FullPolicy, Priority } from '../../core/vocabulary.ts';
import { localized } from './messages.ts';
import { copyNoun, decimal, fixed, num, priorityWord, statusWord } from './terms.ts';

type Words<K extends string> = Readonly<Record<K, string>>;
const FULL_EN: Words<FullPolicy> = { failSnapshot: 'the snapshot and the copy fail', failSourceWrites: 'first writes to other blocks are refused' };
const FULL_DE: Words<FullPolicy> = { failSnapshot: 'Snapshot und Kopie schlagen fehl', failSourceWrites: 'erste Schreibvorgänge auf andere Blöcke werden abgelehnt' };
const SNAPSHOT_DE: Words<string> = { active: 'aktiv', disabled: 'deaktiviert', failed: 'fehlgeschlagen', none: 'keiner' };
const SNAPSHOT_NOTE_EN: Words<string> = { active: 'first writes cost 3 I/Os', disabled: 'writes cost 1 I/O again', failed: 'the point in time is lost' };
const SNAPSHOT_NOTE_DE: Words<string> = { active: 'erste Schreibvorgänge kosten 3 E/A', disabled: 'Schreibvorgänge kosten wieder 1 E/A', failed: 'der Zeitpunkt ist verloren' };

/** The counters panel's words in the current language. */
export const counterWords = localized(
  {
    status: (status: CopyStatus): string => (status === 'Pending' ? 'Pending (waiting for a slot)' : statusWord(status)),
    done: 'done',
    allOnTarget: 'every block is on the target',
    copyIs: (status: CopyStatus) => `the copy is ${status === 'Pending' ? 'Pending (waiting for a slot)' : statusWord(status)}`,
    noDriver: 'no driver yet',
    paused: 'paused',
    fullSpeed: 'full speed: as fast as storage allows',
    notMoving: 'the copier is not moving',
    perSimSecond: (blocks: number, priority: Priority) => `${blocks.toFixed(1)} blocks per simulated second at priority ${priority}`,
    simulatedAt: (duration: string, speed: number, note: string) => `${duration} simulated at ${speed}×; ${note}`,
    heading: 'Counters',
    noCopy: 'No copy yet: start one to see its counters here.',
    pairHeading: (source: string, target: string) => `Counters: ${source} → ${target}`,
    typeNote: (type: CopyType) => `(${type} copy)`,
    copied: (copied: number, total: number, percent: number) => `${num(copied)} of ${num(total)} blocks (${percent}%)`,
    copiedLabel: 'Copied:',
    timeLeft: 'Time left',
    statusLabel: 'Status',
    snapshot: 'Snapshot',
    snapshotState: (state: string): string => state,
    snapshotNote: (state: string): string => SNAPSHOT_NOTE_EN[state] ?? SNAPSHOT_NOTE_EN['failed']!,
    noSnapshot: 'this copy type has none',
    cows: 'Copy-on-writes',
    cowsNote: 'old blocks preserved in the repository',
    cbws: 'Copy-before-writes',
    cbwsNote: 'old blocks sent straight to the target',
    refused: 'Refused writes',
    refusedNote: 'writes the array turned down',
    hostWrites: 'Host writes',
    hostWritesNote: (source: string) => `to ${source}, acknowledged`,
    ios: 'I/Os for them',
    iosNote: (average: number | null) => `${average === null ? '—' : average.toFixed(2)} I/Os per write (1 plain, 3 with a copy first)`,
    noRepository: (type: CopyType) => `No repository: ${type === 'online' ? 'none yet' : `a ${type} copy needs none`}.`,
    full: ' — full',
    warningReached: ' — warning reached',
    used: (used: number, capacity: number, percent: number, warning: number, state: string) =>
      `${num(used)} of ${num(capacity)} blocks (${percent}%), warning at ${warning}%${state}`,
    repository: (name: string) => `Repository ${name}`,
    repositoryUsed: (text: string, policy: FullPolicy) => ` used: ${text}. When full: ${FULL_EN[policy]}.`,
    threshold: 'warning threshold',
  },
  {
    status: (status: CopyStatus): string => (status === 'Pending' ? 'Ausstehend (wartet auf einen freien Platz)' : statusWord(status)),
    done: 'fertig',
    allOnTarget: 'jeder Block ist auf dem Ziellaufwerk',
    copyIs: (status: CopyStatus) => `die Kopie ist ${statusWord(status)}`,
    noDriver: 'noch kein Kopierer',
    paused: 'pausiert',
    fullSpeed: 'volle Geschwindigkeit: so schnell, wie der Speicher erlaubt',
    notMoving: 'der Kopierer steht',
    perSimSecond: (blocks: number, priority: Priority) => `${fixed(blocks, 1)} Blöcke pro simulierter Sekunde bei Kopierpriorität ${priorityWord(priority)}`,
    simulatedAt: (duration: string, speed: number, note: string) => `${duration} simuliert bei ${decimal(speed)}×; ${note}`,
    heading: 'Zähler',
    noCopy: 'Noch keine Kopie: Starten Sie eine, um hier ihre Zähler zu sehen.',
    pairHeading: (source: string, target: string) => `Zähler: ${source} → ${target}`,
    typeNote: (type: CopyType) => `(${copyNoun(type)})`,
    copied: (copied: number, total: number, percent: number) => `${num(copied)} von ${num(total)} Blöcken (${percent} %)`,
    copiedLabel: 'Kopiert:',
    timeLeft: 'Restzeit',
    statusLabel: 'Status',
    snapshot: 'Snapshot',
    snapshotState: (state: string): string => SNAPSHOT_DE[state] ?? state,
    snapshotNote: (state: string): string => SNAPSHOT_NOTE_DE[state] ?? SNAPSHOT_NOTE_DE['failed']!,
    noSnapshot: 'diese Kopierart hat keinen',
    // Soft hyphens (\u00ad): a long compound breaks at a syllable in a narrow tile, never mid-syllable.
    cows: 'Kopien bei Schreib\u00advorgang',
    cowsNote: 'alte Blöcke im Repository gesichert',
    cbws: 'Kopien vor Schreib\u00advorgang',
    cbwsNote: 'alte Blöcke direkt auf das Ziellaufwerk',
    refused: 'Abgelehnte Schreib\u00advorgänge',
    refusedNote: 'vom Array zurückgewiesen',
    hostWrites: 'Host-Schreib\u00advorgänge',
    hostWritesNote: (source: string) => `auf ${source}, bestätigt`,
    ios: 'E/A dafür',
    iosNote: (average: number | null) => `${average === null ? '—' : fixed(average, 2)} E/A pro Schreibvorgang (1 einfach, 3 mit vorheriger Kopie)`,
    noRepository: (type: CopyType) => `Kein Repository: ${type === 'online' ? 'noch keines' : `eine ${copyNoun(type)} braucht keines`}.`,
    full: ' – voll',
    warningReached: ' – Warnschwelle erreicht',
    used: (used: number, capacity: number, percent: number, warning: number, state: string) =>
      `${num(used)} von ${num(capacity)} Blöcken (${percent} %), Warnung bei ${warning} %${state}`,
    repository: (name: string) => `Repository ${name}`,
    repositoryUsed: (text: string, policy: FullPolicy) => ` – Repository-Auslastung: ${text}. Wenn voll: ${FULL_DE[policy]}.`,
    threshold: 'Warnschwelle',
  },
);
