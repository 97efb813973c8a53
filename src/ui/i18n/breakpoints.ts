/** The words of the breakpoints card and of the explanation shown when a breakpoint paused the lab, in English and German. */
import type { Breakpoint, BreakpointStop } from '../../worker/api.ts';
import { localized } from './messages.ts';
import { num } from './terms.ts';

type Kind = Breakpoint['kind'];
type Facts = BreakpointStop['facts'];

const KIND_EN: Readonly<Record<Kind, string>> = {
  repositoryFill: 'The repository reaches a fill level',
  firstCopyOnWrite: 'A block is copied on write for the first time',
  copierReaches: 'The copier reaches a block',
  writeRefused: 'A write is refused',
  copyCompleted: 'The copy completes',
  copyFailed: 'The copy fails',
};
const KIND_DE: Readonly<Record<Kind, string>> = {
  repositoryFill: 'Das Snapshot-Repository erreicht einen Füllstand',
  firstCopyOnWrite: 'Ein Block wird zum ersten Mal per Kopie bei Schreibvorgang gesichert',
  copierReaches: 'Der Kopierer erreicht einen Block',
  writeRefused: 'Ein Schreibvorgang wird abgelehnt',
  copyCompleted: 'Die Kopie wird abgeschlossen',
  copyFailed: 'Die Kopie schlägt fehl',
};

const blocksEn = (n: number): string => `${num(n)} block${n === 1 ? '' : 's'}`;
const blocksDe = (n: number): string => `${num(n)} ${n === 1 ? 'Block' : 'Blöcke'}`;

/** The breakpoint words in the current language. */
export const breakpointWords = localized(
  {
    heading: 'Breakpoints',
    intro: 'The lab pauses the copier and the workload by itself when one of these happens.',
    kind: 'Pause when',
    kindLabel: (kind: Kind): string => KIND_EN[kind],
    target: 'Copy to',
    anyCopy: 'any copy',
    block: 'Block',
    percent: 'Fill level (%)',
    add: 'Add breakpoint',
    remove: 'Remove',
    none: 'No breakpoints yet.',
    listLabel: 'Breakpoints set',
    noCopy: 'Start a copy first: most breakpoints belong to a copy.',
    blockRange: (last: number) => `Enter a block from 0 to ${num(last)}.`,
    percentRange: 'Enter a fill level from 1 to 100 %.',
    describe: (bp: Breakpoint): string => {
      switch (bp.kind) {
        case 'repositoryFill': return `The repository of ${bp.target} reaches ${bp.percent} %`;
        case 'firstCopyOnWrite': return `Block ${num(bp.block)} is copied on write for the first time (copy to ${bp.target})`;
        case 'copierReaches': return `The copier reaches block ${num(bp.block)} (copy to ${bp.target})`;
        case 'writeRefused': return 'A write is refused';
        case 'copyCompleted': return bp.target ? `The copy to ${bp.target} completes` : 'A copy completes';
        case 'copyFailed': return bp.target ? `The copy to ${bp.target} fails` : 'A copy fails';
      }
    },
    stopped: (bp: Breakpoint, f: Facts): string => {
      switch (bp.kind) {
        case 'repositoryFill':
          return `Stopped: the repository of ${f.target} reached ${bp.percent} % (${num(f.used ?? 0)} of ${blocksEn(f.capacity ?? 0)}) when block ${num(f.block ?? 0)} was preserved in slot ${num(f.slot ?? 0)}.`;
        case 'firstCopyOnWrite':
          return f.via === 'copyBeforeWrite'
            ? `Stopped: block ${num(bp.block)} was written for the first time — its old contents went straight to ${f.target} (copy before write).`
            : `Stopped: block ${num(bp.block)} was copied on write for the first time — its old contents went to repository slot ${num(f.slot ?? 0)}.`;
        case 'copierReaches':
          return `Stopped: the copier reached block ${num(bp.block)} of ${f.disk} — ${blocksEn(f.copied ?? 0)} are on ${f.target}.`;
        case 'writeRefused':
          return `Stopped: a write to block ${num(f.block ?? 0)} of ${f.disk} was refused (${f.code}).`;
        case 'copyCompleted':
          return `Stopped: the copy to ${f.target} completed.`;
        case 'copyFailed':
          return `Stopped: the copy to ${f.target} failed (${f.code}${f.block === undefined ? '' : ` at block ${num(f.block)}`}).`;
      }
    },
    resume: 'Resume',
    resumeHint: 'Resume continues the copier; the workload stays off until you start it again.',
  },
  {
    heading: 'Haltepunkte',
    intro: 'Das Labor hält den Kopierer und die Arbeitslast von selbst an, wenn eines davon eintritt.',
    kind: 'Anhalten, wenn',
    kindLabel: (kind: Kind): string => KIND_DE[kind],
    target: 'Kopie auf',
    anyCopy: 'jede Kopie',
    block: 'Block',
    percent: 'Füllstand (%)',
    add: 'Haltepunkt hinzufügen',
    remove: 'Entfernen',
    none: 'Noch keine Haltepunkte.',
    listLabel: 'Gesetzte Haltepunkte',
    noCopy: 'Starten Sie zuerst eine Kopie: Die meisten Haltepunkte gehören zu einem Kopierpaar.',
    blockRange: (last: number) => `Geben Sie einen Block von 0 bis ${num(last)} ein.`,
    percentRange: 'Geben Sie einen Füllstand von 1 bis 100 % ein.',
    describe: (bp: Breakpoint): string => {
      switch (bp.kind) {
        case 'repositoryFill': return `Das Snapshot-Repository von ${bp.target} erreicht ${bp.percent} %`;
        case 'firstCopyOnWrite': return `Block ${num(bp.block)} wird zum ersten Mal per Kopie bei Schreibvorgang gesichert (Kopie auf ${bp.target})`;
        case 'copierReaches': return `Der Kopierer erreicht Block ${num(bp.block)} (Kopie auf ${bp.target})`;
        case 'writeRefused': return 'Ein Schreibvorgang wird abgelehnt';
        case 'copyCompleted': return bp.target ? `Die Kopie auf ${bp.target} wird abgeschlossen` : 'Eine Kopie wird abgeschlossen';
        case 'copyFailed': return bp.target ? `Die Kopie auf ${bp.target} schlägt fehl` : 'Eine Kopie schlägt fehl';
      }
    },
    stopped: (bp: Breakpoint, f: Facts): string => {
      switch (bp.kind) {
        case 'repositoryFill':
          return `Angehalten: Das Snapshot-Repository von ${f.target} hat ${bp.percent} % erreicht (${num(f.used ?? 0)} von ${blocksDe(f.capacity ?? 0)}), als Block ${num(f.block ?? 0)} in Slot ${num(f.slot ?? 0)} gesichert wurde.`;
        case 'firstCopyOnWrite':
          return f.via === 'copyBeforeWrite'
            ? `Angehalten: Block ${num(bp.block)} wurde zum ersten Mal beschrieben — sein alter Inhalt ging direkt auf ${f.target} (Kopie vor Schreibvorgang).`
            : `Angehalten: Block ${num(bp.block)} wurde zum ersten Mal per Kopie bei Schreibvorgang gesichert — sein alter Inhalt ging in Slot ${num(f.slot ?? 0)} des Snapshot-Repositorys.`;
        case 'copierReaches':
          return `Angehalten: Der Kopierer hat Block ${num(bp.block)} von ${f.disk} erreicht — ${blocksDe(f.copied ?? 0)} sind auf ${f.target}.`;
        case 'writeRefused':
          return `Angehalten: Ein Schreibvorgang auf Block ${num(f.block ?? 0)} von ${f.disk} wurde abgelehnt (${f.code}).`;
        case 'copyCompleted':
          return `Angehalten: Die Kopie auf ${f.target} ist abgeschlossen.`;
        case 'copyFailed':
          return `Angehalten: Die Kopie auf ${f.target} ist fehlgeschlagen (${f.code}${f.block === undefined ? '' : ` bei Block ${num(f.block)}`}).`;
      }
    },
    resume: 'Fortsetzen',
    resumeHint: 'Fortsetzen lässt den Kopierer weiterlaufen; die Arbeitslast bleibt aus, bis Sie sie wieder starten.',
  },
);
