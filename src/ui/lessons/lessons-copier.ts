/** Lessons 4–5: the copier reads the snapshot view; completion disables the snapshot. */
import { localized } from '../i18n/messages.ts';
import { bit, blockIs, createDisks, defineLesson, filled, inOrder, iosChoice, pairOf, type Lesson } from './lesson-model.ts';

const online = { source: 'SRC', target: 'TGT', type: 'online' } as const;

const viewText = localized(
  {
    title: 'The copier reads the snapshot view',
    intro: 'An online copy from SRC to TGT is in progress, paused at block 0. The snapshot view map shows what the copier reads.',
    aheadText: 'A host writes new data to block 5 of SRC. Then the copier copies blocks 0 to 7.',
    aheadAsk: 'What lands on block 5 of the target?',
    old: 'The old contents of block 5, as at the point in time',
    new: 'The new data the host wrote',
    skipped: 'Nothing: the copier skips a changed block',
    aheadDo: 'Write block 5, then copy 8 blocks',
    aheadExplain: 'The copier never reads the live source: it reads the snapshot view, which finds block 5 in the repository. The target gets block 5 as it was at the point in time.',
    behindText: 'Block 2 is already on the target. A host writes to it now.',
    behindAsk: 'Does this write still preserve the old block 2 in the repository?',
    yes: 'Yes: 3 I/Os, the old block goes to the repository',
    no: 'No: the block is already copied, so 1 I/O',
    behindDo: 'Write block 2',
    behindExplain: 'The snapshot does not know about the copier: it keeps the point in time of every block, copied or not. So a write behind the copier still costs a copy-on-write. (Copy-before-write, in a later lesson, saves that.)',
  },
  {
    title: 'Der Kopierer liest die Snapshot-Ansicht',
    intro: 'Eine Online-Kopie von SRC nach TGT ist in Bearbeitung, angehalten bei Block 0. Die Karte der Snapshot-Ansicht zeigt, was der Kopierer liest.',
    aheadText: 'Ein Host schreibt neue Daten auf Block 5 von SRC. Danach kopiert der Kopierer die Blöcke 0 bis 7.',
    aheadAsk: 'Was landet auf Block 5 des Ziellaufwerks?',
    old: 'Der alte Inhalt von Block 5, wie zum Zeitpunkt',
    new: 'Die neuen Daten, die der Host geschrieben hat',
    skipped: 'Nichts: Der Kopierer überspringt einen geänderten Block',
    aheadDo: 'Block 5 schreiben, dann 8 Blöcke kopieren',
    aheadExplain: 'Der Kopierer liest nie das laufende Quelllaufwerk, sondern die Snapshot-Ansicht, und die findet Block 5 im Snapshot-Repository. Das Ziellaufwerk erhält Block 5 so, wie er zum Zeitpunkt war.',
    behindText: 'Block 2 ist bereits auf dem Ziellaufwerk. Jetzt schreibt ein Host darauf.',
    behindAsk: 'Sichert auch dieser Schreibvorgang den alten Block 2 im Snapshot-Repository?',
    yes: 'Ja: 3 I/Os, der alte Block kommt ins Snapshot-Repository',
    no: 'Nein: Der Block ist schon kopiert, also 1 I/O',
    behindDo: 'Block 2 schreiben',
    behindExplain: 'Der Snapshot weiß nichts vom Kopierer: Er bewahrt den Zeitpunkt jedes Blocks, ob kopiert oder nicht. Auch ein Schreibvorgang hinter dem Kopierer kostet also eine Kopie bei Schreibvorgang. (Kopie vor Schreibvorgang, in einer späteren Lektion, spart das.)',
  },
);

/** Lesson 4: the target gets the point in time even for a block changed ahead of the copier. */
export const snapshotViewLesson: Lesson = defineLesson(viewText, {
  id: 'snapshot-view',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy(online)],
  steps: [
    {
      text: 'aheadText',
      question: {
        prompt: 'aheadAsk',
        choices: [['old', 'old'], ['new', 'new'], ['skipped', 'skipped']],
        answer: 'old',
        observe: (o) => (!bit(pairOf(o.after, 'TGT')?.copied, 5) || blockIs(o, 'TGT', 5, 0) ? 'skipped' : blockIs(o, 'TGT', 5, 0xaa) ? 'new' : 'old'),
      },
      action: { label: 'aheadDo', run: (lab) => inOrder(() => lab.write('SRC', [5], filled(0xaa)), () => lab.copy('TGT', 8)) },
      inspect: [['TGT', 5]],
      explain: 'aheadExplain',
    },
    {
      text: 'behindText',
      question: { prompt: 'behindAsk', choices: [['yes', 'yes'], ['no', 'no']], answer: 'yes', observe: (o) => (bit(pairOf(o.after, 'TGT')?.preserved, 2) ? 'yes' : 'no') },
      action: { label: 'behindDo', run: (lab) => inOrder(() => lab.write('SRC', [2], filled(0xcc))) },
      explain: 'behindExplain',
    },
  ],
});

const completionText = localized(
  {
    title: 'Completion disables the snapshot',
    intro: 'An online copy is in progress (paused); block 20 of SRC was written, so the repository holds one block.',
    runText: 'Let the copier run to the end.',
    runAsk: 'When the last block is on the target, what happens to the snapshot and the repository?',
    disabled: 'The snapshot is disabled; the repository and the copy pair stay',
    removed: 'Snapshot, repository and copy pair are removed',
    active: 'The snapshot stays active until you remove the pair',
    runDo: 'Run the copy to the end',
    runExplain: 'At completion the array disables the snapshot. The repository object and the copy pair remain (only Remove deletes them); the target becomes read-only and is verified against the point in time.',
    costText: 'The copy has completed. A host writes block 30 of SRC, which nobody wrote before.',
    costAsk: 'How many I/Os does this write cost now?',
    one: '1 I/O',
    two: '2 I/Os',
    three: '3 I/Os: it is a first write',
    costDo: 'Write block 30',
    costExplain: 'With the snapshot disabled there is no point in time left to protect: no copy-on-write, 1 I/O. The source is as fast as before the copy: the performance penalty ends at completion.',
  },
  {
    title: 'Der Abschluss deaktiviert den Snapshot',
    intro: 'Eine Online-Kopie ist in Bearbeitung (angehalten); Block 20 von SRC wurde beschrieben, das Snapshot-Repository enthält also einen Block.',
    runText: 'Lassen Sie den Kopierer bis zum Ende laufen.',
    runAsk: 'Was geschieht mit Snapshot und Snapshot-Repository, wenn der letzte Block auf dem Ziellaufwerk ist?',
    disabled: 'Der Snapshot wird deaktiviert; Snapshot-Repository und Kopierpaar bleiben',
    removed: 'Snapshot, Snapshot-Repository und Kopierpaar werden entfernt',
    active: 'Der Snapshot bleibt aktiv, bis Sie das Kopierpaar entfernen',
    runDo: 'Kopie bis zum Ende ausführen',
    runExplain: 'Beim Abschluss deaktiviert das Array den Snapshot. Das Snapshot-Repository und das Kopierpaar bleiben (nur Entfernen löscht sie); das Ziellaufwerk wird schreibgeschützt und gegen den Zeitpunkt geprüft.',
    costText: 'Die Kopie ist abgeschlossen. Ein Host schreibt Block 30 von SRC, den vorher niemand beschrieben hat.',
    costAsk: 'Wie viele I/Os kostet dieser Schreibvorgang jetzt?',
    one: '1 I/O',
    two: '2 I/Os',
    three: '3 I/Os: Es ist ein erster Schreibvorgang',
    costDo: 'Block 30 schreiben',
    costExplain: 'Mit deaktiviertem Snapshot gibt es keinen Zeitpunkt mehr zu schützen: keine Kopie bei Schreibvorgang, 1 I/O. Das Quelllaufwerk ist so schnell wie vor der Kopie: Der Leistungsnachteil endet mit dem Abschluss.',
  },
);

/** Lesson 5: at completion the snapshot is disabled and the copy-on-write cost disappears. */
export const completionLesson: Lesson = defineLesson(completionText, {
  id: 'completion',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy(online), await lab.write('SRC', [20], filled(0xaa))],
  steps: [
    {
      text: 'runText',
      question: {
        prompt: 'runAsk',
        choices: [['disabled', 'disabled'], ['removed', 'removed'], ['active', 'active']],
        answer: 'disabled',
        observe: (o) => {
          const pair = pairOf(o.after, 'TGT');
          if (!pair?.repository) return 'removed';
          return pair.snapshot?.state === 'disabled' ? 'disabled' : 'active';
        },
      },
      action: { label: 'runDo', run: (lab) => inOrder(() => lab.run()) },
      explain: 'runExplain',
    },
    {
      text: 'costText',
      question: { prompt: 'costAsk', choices: [['one', 'one'], ['two', 'two'], ['three', 'three']], answer: 'one', observe: iosChoice },
      action: { label: 'costDo', run: (lab) => inOrder(() => lab.write('SRC', [30], filled(0xdd))) },
      explain: 'costExplain',
    },
  ],
});
