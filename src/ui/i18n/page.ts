/** The page shell's words (header, status line, start over, language switch) and the help sheet's, in English and German. */
import type { CopyStatus, CopyType } from '../../core/vocabulary.ts';
import { localized } from './messages.ts';
import { copyNoun, copyTypeWord, num, statusWord } from './terms.ts';

/** A copy pair as the status line and the pair choice name it. */
export interface PairWords {
  source: string;
  target: string;
  type: CopyType;
  status: CopyStatus;
  copied: number;
  total: number;
}

/** The shell's words in the current language. */
export const pageWords = localized(
  {
    title: 'Storage Lab: copying a disk while it stays online',
    intro: 'Copy a virtual disk while hosts keep writing to it, and watch the snapshot, the repository and copy-on-write at work, block by block.',
    keyboardHelp: 'Keyboard help (?)',
    language: 'Language',
    screens: 'Screens',
    labScreen: 'Lab',
    watch: 'Watch the copy',
    copyShown: 'Copy shown',
    pairOption: (p: PairWords) => `${p.source} → ${p.target} (${p.type}, ${p.status})`,
    startOver: 'Start over',
    startOverText: 'Removes every copy and every disk, so that you can begin a new experiment.',
    removeEverything: 'Remove everything',
    starting: 'Starting the copy engine…',
    noDisks: 'No disks yet: start a first experiment, or create disks below.',
    pairStatus: (p: PairWords) =>
      `${p.source} → ${p.target}: ${p.type} copy ${p.status === 'InProgress' ? 'in progress' : p.status.toLowerCase()}, ${p.copied} of ${p.total} blocks copied.`,
    noCopy: (disks: number) => `${disks} disk${disks === 1 ? '' : 's'}, no copy yet: choose a source and a target to start one.`,
  },
  {
    title: 'Storage Lab: ein Laufwerk kopieren, während es online bleibt',
    intro: 'Kopieren Sie ein virtuelles Laufwerk, während Hosts weiter darauf schreiben, und sehen Sie Snapshot, Repository und Kopie bei Schreibvorgang Block für Block bei der Arbeit.',
    keyboardHelp: 'Tastaturhilfe (?)',
    language: 'Sprache',
    screens: 'Ansichten',
    labScreen: 'Labor',
    watch: 'Die Kopie beobachten',
    copyShown: 'Angezeigte Kopie',
    pairOption: (p: PairWords) => `${p.source} → ${p.target} (${copyTypeWord(p.type)}, ${statusWord(p.status)})`,
    startOver: 'Neu beginnen',
    startOverText: 'Entfernt jede Kopie und jedes Laufwerk, damit Sie ein neues Experiment beginnen können.',
    removeEverything: 'Alles entfernen',
    starting: 'Die Kopier-Engine startet …',
    noDisks: 'Noch keine Laufwerke: Starten Sie ein erstes Experiment, oder erstellen Sie unten Laufwerke.',
    pairStatus: (p: PairWords) =>
      `${p.source} → ${p.target}: ${copyNoun(p.type)}, Status ${statusWord(p.status)}, ${num(p.copied)} von ${num(p.total)} Blöcken kopiert.`,
    noCopy: (disks: number) =>
      `${disks} ${disks === 1 ? 'Laufwerk' : 'Laufwerke'}, noch keine Kopie: Wählen Sie ein Quell- und ein Ziellaufwerk, um eine zu starten.`,
  },
);

const SHORTCUTS_EN = [
  'Play or pause the copy',
  'Single step: copy one block (→ only outside a disk map)',
  'Faster',
  'Slower',
  'In a focused disk map: move the selected block',
  'In a focused disk map: write the selected block',
  'In a focused disk map: follow the selected block’s history (Shift+click does the same)',
  'Open this help',
  'Close this help',
] as const;
/** A tuple of as many texts as T has (a mapped tuple type keeps its length). */
type Lines<T extends readonly string[]> = { readonly [K in keyof T]: string };

/** Same order as SHORTCUTS_EN; the tuple type makes the compiler refuse a missing or extra line. */
const SHORTCUTS_DE: Lines<typeof SHORTCUTS_EN> = [
  'Den Kopierer abspielen oder pausieren',
  'Einzelschritt: einen Block kopieren (→ nur außerhalb einer Laufwerkskarte)',
  'Schneller',
  'Langsamer',
  'In einer fokussierten Laufwerkskarte: die Auswahl bewegen',
  'In einer fokussierten Laufwerkskarte: den gewählten Block schreiben',
  'In einer fokussierten Laufwerkskarte: dem Verlauf des gewählten Blocks folgen (Umschalt+Klick ebenso)',
  'Diese Hilfe öffnen',
  'Diese Hilfe schließen',
];

/** The help sheet's words; `shortcut(i)` is what the i-th shortcut of help-sheet.ts does. */
export const helpWords = localized(
  {
    title: 'Keyboard shortcuts',
    where: 'They work anywhere on the page except while you type in a text field.',
    or: ' or ',
    close: 'Close',
    shortcut: (i: number): string => SHORTCUTS_EN[i] ?? '',
    space: 'Space',
  },
  {
    title: 'Tastenkürzel',
    where: 'Sie wirken überall auf der Seite, außer während Sie in ein Textfeld tippen.',
    or: ' oder ',
    close: 'Schließen',
    shortcut: (i: number): string => SHORTCUTS_DE[i] ?? '',
    space: 'Leertaste',
  },
);
