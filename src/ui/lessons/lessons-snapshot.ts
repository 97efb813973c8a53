/** Lessons 1–3: what a snapshot is, the first write to a block, repeated writes. */
import { localized } from '../i18n/messages.ts';
import { BLOCKS, bit, createDisks, defineLesson, filled, inOrder, iosChoice, oldDataWent, pairOf, writeIos, type Lesson, type Observation } from './lesson-model.ts';

const online = { source: 'SRC', target: 'TGT', type: 'online' } as const;

/** Repository blocks in use after (or before) a step, -1 without a repository. */
function used(observation: Observation, when: 'before' | 'after' = 'after'): number {
  return pairOf(observation[when], 'TGT')?.repository?.used ?? -1;
}

const snapshotText = localized(
  {
    title: 'What a snapshot is',
    intro: `SRC holds ${BLOCKS} numbered blocks, TGT is empty. An online copy does not copy SRC directly: it takes a snapshot of SRC and copies from that.`,
    startText: 'Start an online copy from SRC to TGT. The array takes a snapshot of SRC at this moment (the point in time) and creates a snapshot repository for it.',
    startAsk: 'How many blocks of data will the repository hold right after the snapshot is taken?',
    none: 'None: the snapshot is only a reference to the source',
    all: `All ${BLOCKS}: the snapshot is a full copy of the source`,
    some: 'A few, chosen by the array',
    startDo: 'Start the online copy',
    startExplain: 'The snapshot virtual disk holds no data: it is only a reference to what the source held at the point in time. The repository (20 % of the source: 12 blocks) starts empty and fills only when the source changes.',
    copyText: 'Now let the copier copy 16 blocks. Nobody has written to SRC yet.',
    copyAsk: 'Where does the copier read these 16 blocks from?',
    fromSource: 'From the source itself: the snapshot refers to its unchanged blocks',
    fromRepository: 'From the repository',
    copyDo: 'Copy 16 blocks',
    copyExplain: 'A block that has not changed since the point in time is read straight from the source; the repository stays empty. That is why a snapshot costs nothing until someone writes.',
  },
  {
    title: 'Was ein Snapshot ist',
    intro: `SRC enthält ${BLOCKS} nummerierte Blöcke, TGT ist leer. Eine Online-Kopie kopiert SRC nicht direkt: Sie erstellt einen Snapshot von SRC und kopiert aus diesem.`,
    startText: 'Starten Sie eine Online-Kopie von SRC nach TGT. Das Array erstellt in diesem Moment (dem Zeitpunkt) einen Snapshot von SRC und dazu ein Snapshot-Repository.',
    startAsk: 'Wie viele Datenblöcke enthält das Snapshot-Repository direkt nach dem Erstellen des Snapshots?',
    none: 'Keine: Der Snapshot ist nur ein Verweis auf das Quelllaufwerk',
    all: `Alle ${BLOCKS}: Der Snapshot ist eine vollständige Kopie des Quelllaufwerks`,
    some: 'Einige, vom Array ausgewählt',
    startDo: 'Online-Kopie starten',
    startExplain: 'Das virtuelle Snapshot-Laufwerk enthält keine Daten: Es verweist nur auf das, was das Quelllaufwerk zum Zeitpunkt enthielt. Das Snapshot-Repository (20 % der Quelle: 12 Blöcke) ist anfangs leer und füllt sich erst, wenn sich die Quelle ändert.',
    copyText: 'Lassen Sie den Kopierer jetzt 16 Blöcke kopieren. Noch hat niemand auf SRC geschrieben.',
    copyAsk: 'Woher liest der Kopierer diese 16 Blöcke?',
    fromSource: 'Vom Quelllaufwerk selbst: Der Snapshot verweist auf dessen unveränderte Blöcke',
    fromRepository: 'Aus dem Snapshot-Repository',
    copyDo: '16 Blöcke kopieren',
    copyExplain: 'Ein Block, der sich seit dem Zeitpunkt nicht geändert hat, wird direkt vom Quelllaufwerk gelesen; das Snapshot-Repository bleibt leer. Deshalb kostet ein Snapshot nichts, solange niemand schreibt.',
  },
);

/** Lesson 1: the snapshot is a reference, the repository starts empty. */
export const snapshotLesson: Lesson = defineLesson(snapshotText, {
  id: 'snapshot',
  title: 'title',
  intro: 'intro',
  setup: (lab) => createDisks(lab, 'SRC', 'TGT'),
  steps: [
    {
      text: 'startText',
      question: {
        prompt: 'startAsk',
        choices: [['none', 'none'], ['all', 'all'], ['some', 'some']],
        answer: 'none',
        observe: (o) => (used(o) === 0 ? 'none' : used(o) >= BLOCKS ? 'all' : 'some'),
      },
      action: { label: 'startDo', run: (lab) => inOrder(() => lab.createCopy(online)) },
      explain: 'startExplain',
    },
    {
      text: 'copyText',
      question: {
        prompt: 'copyAsk',
        choices: [['source', 'fromSource'], ['repository', 'fromRepository']],
        answer: 'source',
        observe: (o) => {
          const pair = pairOf(o.after, 'TGT');
          const copiedFromRepository = Array.from({ length: 16 }, (_, b) => b).some((b) => bit(pair?.copied, b) && bit(pair?.preserved, b));
          return copiedFromRepository || used(o) !== 0 ? 'repository' : 'source';
        },
      },
      action: { label: 'copyDo', run: (lab) => inOrder(() => lab.copy('TGT', 16)) },
      explain: 'copyExplain',
    },
  ],
});

const firstWriteText = localized(
  {
    title: 'The first write to a block',
    intro: 'An online copy from SRC to TGT is in progress, paused before the copier has copied anything. Now a host writes to the source.',
    writeText: 'A host writes new data to block 20 of SRC. The copier has not reached block 20 yet.',
    writeAsk: "Where will block 20's old data go?",
    repository: 'Into the snapshot repository',
    target: 'Straight to the target TGT',
    nowhere: 'Nowhere: it is overwritten',
    writeDo: 'Write block 20',
    writeExplain: 'Before block 20 changes for the first time since the point in time, the array copies its old contents into the repository: a copy-on-write (see the log). The snapshot now reads block 20 from there, so the copier will still copy the point-in-time data.',
    costText: 'Block 21 has not been written since the point in time either. Write it too, and count the I/Os.',
    costAsk: 'How many I/Os will this write cost?',
    one: '1 I/O, like any write',
    two: '2 I/Os',
    three: '3 I/Os',
    costDo: 'Write block 21',
    costExplain: 'Read the old block, write it to the repository (with its map entry), write the new data: 3 I/Os instead of 1. This is why the source is slower while the snapshot is active.',
  },
  {
    title: 'Der erste Schreibvorgang auf einen Block',
    intro: 'Eine Online-Kopie von SRC nach TGT ist in Bearbeitung, angehalten, bevor der Kopierer etwas kopiert hat. Jetzt schreibt ein Host auf das Quelllaufwerk.',
    writeText: 'Ein Host schreibt neue Daten auf Block 20 von SRC. Der Kopierer hat Block 20 noch nicht erreicht.',
    writeAsk: 'Wohin kommen die alten Daten von Block 20?',
    repository: 'In das Snapshot-Repository',
    target: 'Direkt auf das Ziellaufwerk TGT',
    nowhere: 'Nirgendwohin: Sie werden überschrieben',
    writeDo: 'Block 20 schreiben',
    writeExplain: 'Bevor sich Block 20 seit dem Zeitpunkt zum ersten Mal ändert, kopiert das Array seinen alten Inhalt in das Snapshot-Repository: eine Kopie bei Schreibvorgang (siehe Protokoll). Der Snapshot liest Block 20 jetzt von dort, also kopiert der Kopierer weiterhin die Daten des Zeitpunkts.',
    costText: 'Auch Block 21 wurde seit dem Zeitpunkt nicht beschrieben. Schreiben Sie ihn ebenfalls und zählen Sie die I/Os.',
    costAsk: 'Wie viele I/Os kostet dieser Schreibvorgang?',
    one: '1 I/O, wie jeder Schreibvorgang',
    two: '2 I/Os',
    three: '3 I/Os',
    costDo: 'Block 21 schreiben',
    costExplain: 'Alten Block lesen, ihn in das Snapshot-Repository schreiben (mit seinem Zuordnungseintrag), neue Daten schreiben: 3 I/Os statt 1. Deshalb ist das Quelllaufwerk langsamer, solange der Snapshot aktiv ist.',
  },
);

/** Lesson 2: the first write to a block preserves its old data in the repository, at 3 I/Os. */
export const firstWriteLesson: Lesson = defineLesson(firstWriteText, {
  id: 'first-write',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy(online)],
  steps: [
    {
      text: 'writeText',
      question: { prompt: 'writeAsk', choices: [['repository', 'repository'], ['target', 'target'], ['nowhere', 'nowhere']], answer: 'repository', observe: (o) => oldDataWent(o, 'TGT', 20) },
      action: { label: 'writeDo', run: (lab) => inOrder(() => lab.write('SRC', [20], filled(0xaa))) },
      explain: 'writeExplain',
    },
    {
      text: 'costText',
      question: { prompt: 'costAsk', choices: [['one', 'one'], ['two', 'two'], ['three', 'three']], answer: 'three', observe: iosChoice },
      action: { label: 'costDo', run: (lab) => inOrder(() => lab.write('SRC', [21], filled(0xbb))) },
      explain: 'costExplain',
    },
  ],
});

const repeatText = localized(
  {
    title: 'Repeated writes cost no second copy',
    intro: 'An online copy is in progress (paused) and block 20 of SRC has been written once: its old data is in the repository.',
    againText: 'A host writes block 20 once more.',
    againAsk: 'What does the repository do?',
    nothing: 'Nothing: the point-in-time data of block 20 is already kept',
    second: 'It keeps a second copy of block 20',
    againDo: 'Write block 20 again',
    againExplain: 'The repository keeps the block as it was at the point in time, once. The second write only changes the source: no copy-on-write, no repository space.',
    manyText: 'Write block 20 five more times.',
    manyAsk: 'How many I/Os do the five writes cost together?',
    five: '5 I/Os: 1 per write',
    fifteen: '15 I/Os: 3 per write',
    manyDo: 'Write block 20 five times',
    manyExplain: 'Only the first write to a block since the point in time pays for copy-on-write. A block written over and over costs 1 I/O per write after that.',
  },
  {
    title: 'Wiederholte Schreibvorgänge kosten keine zweite Kopie',
    intro: 'Eine Online-Kopie ist in Bearbeitung (angehalten), und Block 20 von SRC wurde einmal beschrieben: Seine alten Daten liegen im Snapshot-Repository.',
    againText: 'Ein Host schreibt Block 20 noch einmal.',
    againAsk: 'Was tut das Snapshot-Repository?',
    nothing: 'Nichts: Die Daten von Block 20 zum Zeitpunkt sind bereits gesichert',
    second: 'Es legt eine zweite Kopie von Block 20 ab',
    againDo: 'Block 20 erneut schreiben',
    againExplain: 'Das Snapshot-Repository hält den Block so, wie er zum Zeitpunkt war, genau einmal. Der zweite Schreibvorgang ändert nur das Quelllaufwerk: keine Kopie bei Schreibvorgang, kein Platz im Repository.',
    manyText: 'Schreiben Sie Block 20 noch fünfmal.',
    manyAsk: 'Wie viele I/Os kosten die fünf Schreibvorgänge zusammen?',
    five: '5 I/Os: 1 pro Schreibvorgang',
    fifteen: '15 I/Os: 3 pro Schreibvorgang',
    manyDo: 'Block 20 fünfmal schreiben',
    manyExplain: 'Nur der erste Schreibvorgang auf einen Block seit dem Zeitpunkt zahlt für die Kopie bei Schreibvorgang. Danach kostet jeder Schreibvorgang auf diesen Block 1 I/O.',
  },
);

/** Lesson 3: a block written again is not preserved again. */
export const repeatLesson: Lesson = defineLesson(repeatText, {
  id: 'repeat',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy(online), await lab.write('SRC', [20], filled(0xaa))],
  steps: [
    {
      text: 'againText',
      question: { prompt: 'againAsk', choices: [['nothing', 'nothing'], ['second', 'second']], answer: 'nothing', observe: (o) => (o.writes.length === 1 && o.writes[0]!.ok && used(o) === used(o, 'before') ? 'nothing' : 'second') },
      action: { label: 'againDo', run: (lab) => inOrder(() => lab.write('SRC', [20], filled(0xab))) },
      explain: 'againExplain',
    },
    {
      text: 'manyText',
      question: { prompt: 'manyAsk', choices: [['five', 'five'], ['fifteen', 'fifteen']], answer: 'five', observe: (o) => (o.writes.length === 5 && writeIos(o) === 5 ? 'five' : 'fifteen') },
      action: { label: 'manyDo', run: (lab) => inOrder(...[1, 2, 3, 4, 5].map((n) => () => lab.write('SRC', [20], filled(0xb0 + n)))) },
      explain: 'manyExplain',
    },
  ],
});
