/** The words of the timeline bar (time travel through the session, branches), in English and German. */
import type { TimelineEntry } from '../../worker/api.ts';
import { localized } from './messages.ts';
import { num } from './terms.ts';

type Kind = TimelineEntry['kind'];

const KIND_EN: Readonly<Record<Kind, string>> = {
  createDisk: 'create disk', deleteDisk: 'delete disk', loadContent: 'load contents', copyRate: 'copy rate', createCopy: 'create copy',
  write: 'write', copy: 'copy', tick: 'time passes', run: 'run to the end', stop: 'stop', recopy: 'recopy', removeCopy: 'remove copy',
  setPriority: 'priority', setTargetReadOnly: 'target read-only', setDiskState: 'disk state', failBlock: 'block unreadable', repairBlock: 'block repaired',
};
const KIND_DE: Readonly<Record<Kind, string>> = {
  createDisk: 'Laufwerk anlegen', deleteDisk: 'Laufwerk löschen', loadContent: 'Inhalt laden', copyRate: 'Kopierrate', createCopy: 'Kopie anlegen',
  write: 'Schreiben', copy: 'Kopieren', tick: 'Zeit vergeht', run: 'Bis zum Ende kopieren', stop: 'Anhalten', recopy: 'Neu kopieren',
  removeCopy: 'Kopierpaar entfernen', setPriority: 'Kopierpriorität', setTargetReadOnly: 'Ziellaufwerk schreibgeschützt', setDiskState: 'Laufwerkszustand',
  failBlock: 'Block unlesbar', repairBlock: 'Block repariert',
};

const seconds = (ms: number): string => `${num(Math.round(ms / 100) / 10)} s`;

/** The timeline words in the current language. */
export const timelineWords = localized(
  {
    heading: 'Timeline',
    step: (entry: Pick<TimelineEntry, 'kind' | 'detail'>): string => `${KIND_EN[entry.kind]} ${entry.detail}`.trim(),
    back: 'Back one step',
    forward: 'Forward one step',
    slider: 'Step of the session',
    sliderValue: (step: number, of: number, label: string): string => (step === 0 ? `Before the first step, of ${num(of)}` : `Step ${num(step)} of ${num(of)}: ${label}`),
    live: 'Back to live',
    jump: 'Jump to step',
    start: '0 · before the first step',
    entry: (step: number, label: string, ms: number): string => `${num(step)} · ${label} · ${seconds(ms)}`,
    past: (step: number, of: number): string => `You are looking at the past (step ${num(step)} of ${num(of)}).`,
    pastHint: 'The maps, counters and log show the lab as it was. Actions are refused until you go back to live or continue from here.',
    continueHere: 'Continue from here',
    continueHint: 'The later steps are kept as a branch you can return to.',
    liveNow: (of: number): string => `Live: ${num(of)} step${of === 1 ? '' : 's'} recorded.`,
    notRecorded: 'The history of this lab was not recorded (it is older than the timeline). Reset the lab to start recording.',
    branches: 'Kept branches',
    branch: (name: string, steps: number, from: number): string => `Branch ${name}: ${num(steps)} steps, parted after step ${num(from)}`,
    switchTo: 'Switch to this branch',
  },
  {
    heading: 'Zeitleiste',
    step: (entry: Pick<TimelineEntry, 'kind' | 'detail'>): string => `${KIND_DE[entry.kind]} ${entry.detail}`.trim(),
    back: 'Einen Schritt zurück',
    forward: 'Einen Schritt vor',
    slider: 'Schritt der Sitzung',
    sliderValue: (step: number, of: number, label: string): string => (step === 0 ? `Vor dem ersten Schritt, von ${num(of)}` : `Schritt ${num(step)} von ${num(of)}: ${label}`),
    live: 'Zurück zur Gegenwart',
    jump: 'Zu Schritt springen',
    start: '0 · vor dem ersten Schritt',
    entry: (step: number, label: string, ms: number): string => `${num(step)} · ${label} · ${seconds(ms)}`,
    past: (step: number, of: number): string => `Sie sehen die Vergangenheit (Schritt ${num(step)} von ${num(of)}).`,
    pastHint: 'Karten, Zähler und Protokoll zeigen das Labor, wie es damals war. Aktionen werden abgelehnt, bis Sie zur Gegenwart zurückkehren oder von hier aus weitermachen.',
    continueHere: 'Von hier aus weitermachen',
    continueHint: 'Die späteren Schritte bleiben als Zweig erhalten, zu dem Sie zurückkehren können.',
    liveNow: (of: number): string => `Gegenwart: ${num(of)} ${of === 1 ? 'Schritt' : 'Schritte'} aufgezeichnet.`,
    notRecorded: 'Der Verlauf dieses Labors wurde nicht aufgezeichnet (es ist älter als die Zeitleiste). Setzen Sie das Labor zurück, um die Aufzeichnung zu starten.',
    branches: 'Aufbewahrte Zweige',
    branch: (name: string, steps: number, from: number): string => `Zweig ${name}: ${num(steps)} Schritte, abgezweigt nach Schritt ${num(from)}`,
    switchTo: 'Zu diesem Zweig wechseln',
  },
);
