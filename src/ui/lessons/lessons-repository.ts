/** Lessons 7–8: a full repository under each policy; stop and recopy take a new point in time. */
import { localized } from '../i18n/messages.ts';
import { BLOCKS, blockIs, createDisks, defineLesson, filled, inOrder, pairOf, type Lesson, type LessonLab, type Observation } from './lesson-model.ts';

/** Thirteen separate first writes, one more than a 20 % repository of 64 blocks holds. */
function thirteenWrites(lab: LessonLab, first: number): Array<() => ReturnType<LessonLab['write']>> {
  return Array.from({ length: 13 }, (_, i) => () => lab.write('SRC', [first + i], filled(0x40 + i)));
}

/** What a full repository did to the writes and the copy to `target`. */
function fullOutcome(o: Observation, target: string): string {
  const pair = pairOf(o.after, target);
  if (o.writes.some((w) => w.code === 'REPOSITORY_FULL')) return 'writeRefused';
  if (pair && pair.repository && pair.repository.used > pair.repository.capacity) return 'grows';
  return pair?.status === 'Failed' ? 'copyFails' : 'grows';
}

const fullText = localized(
  {
    title: 'A full repository',
    intro: 'An online copy from SRC to TGT is in progress (paused) with the smallest repository: 20 % of 64 blocks, 12 blocks, policy failSnapshot. At 50 % the log warns once.',
    snapText: 'A host writes 13 different blocks of SRC (20 to 32), one after another: one block more than the repository holds.',
    fullAsk: 'What happens at the 13th write?',
    copyFails: 'The write succeeds; the snapshot fails, and so does the copy',
    writeRefused: 'The write is refused (repository full); the copy goes on',
    grows: 'The repository grows to make room',
    snapDo: 'Write 13 blocks',
    snapExplain: 'Under failSnapshot the host always wins: the 13th write succeeds, nothing can be preserved, so the snapshot no longer shows the point in time. The snapshot fails and the copy fails (status Failed).',
    writesText: 'Now remove that copy and start an online copy from SRC to TGT2 with policy failSourceWrites, then write 13 different blocks again.',
    writesDo: 'New copy, write 13 blocks',
    writesExplain: 'Under failSourceWrites the point in time wins: the write that would need a 13th preserved block is refused with REPOSITORY_FULL and the source keeps its old data. Writes to blocks already preserved, and all reads, still work.',
    endText: 'Let the copy to TGT2 run to the end.',
    endAsk: 'Does it complete with the point-in-time data?',
    equal: 'Yes: it completes and equals the point in time',
    differs: 'It completes, but the changed blocks differ',
    fails: 'No, it fails',
    endDo: 'Run to the end',
    endExplain: 'Nothing was lost: every block the copier read was either unchanged or preserved. The verification finds the target equal to the source at the point in time.',
  },
  {
    title: 'Ein volles Snapshot-Repository',
    intro: 'Eine Online-Kopie von SRC nach TGT ist in Bearbeitung (angehalten), mit dem kleinsten Snapshot-Repository: 20 % von 64 Blöcken, 12 Blöcke, Richtlinie failSnapshot. Bei 50 % warnt das Protokoll einmal.',
    snapText: 'Ein Host schreibt nacheinander 13 verschiedene Blöcke von SRC (20 bis 32): einen Block mehr, als das Snapshot-Repository fasst.',
    fullAsk: 'Was geschieht beim 13. Schreibvorgang?',
    copyFails: 'Der Schreibvorgang gelingt; der Snapshot schlägt fehl und damit die Kopie',
    writeRefused: 'Der Schreibvorgang wird abgewiesen (Repository voll); die Kopie läuft weiter',
    grows: 'Das Snapshot-Repository wächst, um Platz zu schaffen',
    snapDo: '13 Blöcke schreiben',
    snapExplain: 'Bei failSnapshot hat der Host Vorrang: Der 13. Schreibvorgang gelingt, nichts kann gesichert werden, also zeigt der Snapshot den Zeitpunkt nicht mehr. Der Snapshot schlägt fehl, die Kopie auch (Status Fehlgeschlagen).',
    writesText: 'Entfernen Sie jetzt diese Kopie, starten Sie eine Online-Kopie von SRC nach TGT2 mit der Richtlinie failSourceWrites und schreiben Sie wieder 13 verschiedene Blöcke.',
    writesDo: 'Neue Kopie, 13 Blöcke schreiben',
    writesExplain: 'Bei failSourceWrites hat der Zeitpunkt Vorrang: Der Schreibvorgang, der einen 13. gesicherten Block bräuchte, wird mit REPOSITORY_FULL abgewiesen, und das Quelllaufwerk behält seine alten Daten. Schreibvorgänge auf bereits gesicherte Blöcke und alle Lesevorgänge funktionieren weiter.',
    endText: 'Lassen Sie die Kopie nach TGT2 bis zum Ende laufen.',
    endAsk: 'Wird sie mit den Daten des Zeitpunkts abgeschlossen?',
    equal: 'Ja: Sie wird abgeschlossen und entspricht dem Zeitpunkt',
    differs: 'Sie wird abgeschlossen, aber die geänderten Blöcke weichen ab',
    fails: 'Nein, sie schlägt fehl',
    endDo: 'Bis zum Ende ausführen',
    endExplain: 'Nichts ging verloren: Jeder Block, den der Kopierer las, war unverändert oder gesichert. Die Prüfung findet das Ziellaufwerk gleich dem Quelllaufwerk zum Zeitpunkt.',
  },
);

const fullChoices = [['copyFails', 'copyFails'], ['writeRefused', 'writeRefused'], ['grows', 'grows']] as const;

/** Lesson 7: failSnapshot fails the copy, failSourceWrites refuses writes and keeps the copy correct. */
export const repositoryFullLesson: Lesson = defineLesson(fullText, {
  id: 'repository-full',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [
    ...(await createDisks(lab, 'SRC', 'TGT', 'TGT2')),
    await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online', repositoryPercent: 20, fullPolicy: 'failSnapshot' }),
  ],
  steps: [
    {
      text: 'snapText',
      question: { prompt: 'fullAsk', choices: fullChoices, answer: 'copyFails', observe: (o) => fullOutcome(o, 'TGT') },
      action: { label: 'snapDo', run: (lab) => inOrder(...thirteenWrites(lab, 20)) },
      explain: 'snapExplain',
    },
    {
      text: 'writesText',
      question: { prompt: 'fullAsk', choices: fullChoices, answer: 'writeRefused', observe: (o) => fullOutcome(o, 'TGT2') },
      action: {
        label: 'writesDo',
        run: (lab) => inOrder(
          () => lab.removeCopy('TGT'),
          () => lab.createCopy({ source: 'SRC', target: 'TGT2', type: 'online', repositoryPercent: 20, fullPolicy: 'failSourceWrites' }),
          ...thirteenWrites(lab, 40),
        ),
      },
      explain: 'writesExplain',
    },
    {
      text: 'endText',
      question: {
        prompt: 'endAsk',
        choices: [['equal', 'equal'], ['differs', 'differs'], ['fails', 'fails']],
        answer: 'equal',
        observe: (o) => {
          const pair = pairOf(o.after, 'TGT2');
          if (pair?.status !== 'Completed') return 'fails';
          return pair.verification?.state === 'equal' ? 'equal' : 'differs';
        },
      },
      action: { label: 'endDo', run: (lab) => inOrder(() => lab.run(), () => lab.verify('TGT2')) },
      explain: 'endExplain',
    },
  ],
});

const recopyText = localized(
  {
    title: 'Stop and recopy take a new point in time',
    intro: `An online copy from SRC to TGT has copied 20 of ${BLOCKS} blocks (paused).`,
    stopText: 'Stop the copy. While it is stopped, a host writes new data to block 50 of SRC. Then recopy.',
    stopAsk: 'Where does the recopy start?',
    restart: 'From block 0, with a new point in time and an emptied repository',
    resume: 'Where it stopped, at block 20, with the old point in time',
    stopDo: 'Stop, write block 50, recopy',
    stopExplain: 'A recopy always starts from block 0 and takes a new point in time (see SNAPSHOT_CREATED in the log); the repository is reused, emptied. What the target held before does not count.',
    endText: 'Let the recopy run to the end.',
    endAsk: 'What does block 50 of the target hold?',
    written: 'The data written while the copy was stopped',
    original: 'The original block 50 from the first point in time',
    endDo: 'Run to the end',
    endExplain: 'The new point in time was taken after the write, so the write is part of it. A stopped copy cannot be resumed: the target is only complete for the point in time of the last (re)copy.',
  },
  {
    title: 'Stoppen und erneut kopieren nehmen einen neuen Zeitpunkt',
    intro: `Eine Online-Kopie von SRC nach TGT hat 20 von ${BLOCKS} Blöcken kopiert (angehalten).`,
    stopText: 'Stoppen Sie die Kopie. Während sie gestoppt ist, schreibt ein Host neue Daten auf Block 50 von SRC. Dann kopieren Sie erneut.',
    stopAsk: 'Wo beginnt das erneute Kopieren?',
    restart: 'Bei Block 0, mit einem neuen Zeitpunkt und einem geleerten Snapshot-Repository',
    resume: 'Dort, wo es gestoppt wurde, bei Block 20, mit dem alten Zeitpunkt',
    stopDo: 'Stoppen, Block 50 schreiben, erneut kopieren',
    stopExplain: 'Erneutes Kopieren beginnt immer bei Block 0 und nimmt einen neuen Zeitpunkt (siehe SNAPSHOT_CREATED im Protokoll); das Snapshot-Repository wird geleert wiederverwendet. Was das Ziellaufwerk vorher enthielt, zählt nicht.',
    endText: 'Lassen Sie das erneute Kopieren bis zum Ende laufen.',
    endAsk: 'Was enthält Block 50 des Ziellaufwerks?',
    written: 'Die Daten, die während des Stopps geschrieben wurden',
    original: 'Den ursprünglichen Block 50 vom ersten Zeitpunkt',
    endDo: 'Bis zum Ende ausführen',
    endExplain: 'Der neue Zeitpunkt wurde nach dem Schreibvorgang genommen, also gehört der Schreibvorgang dazu. Eine gestoppte Kopie lässt sich nicht fortsetzen: Das Ziellaufwerk ist nur für den Zeitpunkt des letzten (erneuten) Kopierens vollständig.',
  },
);

/** Lesson 8: a recopy starts from block 0 at a new point in time. */
export const recopyLesson: Lesson = defineLesson(recopyText, {
  id: 'recopy',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }), await lab.copy('TGT', 20)],
  steps: [
    {
      text: 'stopText',
      question: {
        prompt: 'stopAsk',
        choices: [['restart', 'restart'], ['resume', 'resume']],
        answer: 'restart',
        observe: (o) => {
          const pair = pairOf(o.after, 'TGT');
          const newPointInTime = o.events.some((e) => e.type === 'SNAPSHOT_CREATED');
          return newPointInTime && pair?.progress.copied === 0 && pair.repository?.used === 0 ? 'restart' : 'resume';
        },
      },
      action: { label: 'stopDo', run: (lab) => inOrder(() => lab.stop('TGT'), () => lab.write('SRC', [50], filled(0x55)), () => lab.recopy('TGT')) },
      explain: 'stopExplain',
    },
    {
      text: 'endText',
      question: { prompt: 'endAsk', choices: [['written', 'written'], ['original', 'original']], answer: 'written', observe: (o) => (blockIs(o, 'TGT', 50, 0x55) ? 'written' : 'original') },
      action: { label: 'endDo', run: (lab) => inOrder(() => lab.run()) },
      inspect: [['TGT', 50]],
      explain: 'endExplain',
    },
  ],
});
