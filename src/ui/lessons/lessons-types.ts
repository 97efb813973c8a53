/** Lessons 6, 9, 10: offline versus online, copy-before-write versus the repository, the torn unprotected copy. */
import { localized } from '../i18n/messages.ts';
import { bit, createDisks, defineLesson, filled, inOrder, iosChoice, oldDataWent, pairOf, type Lesson, type Observation } from './lesson-model.ts';

/** What happened to a host write of block 10 during the copy to `target`. */
function writeDuringCopy(o: Observation, target: string): string {
  const write = o.writes.at(-1);
  if (write && !write.ok) return 'refused';
  return bit(pairOf(o.after, target)?.preserved, 10) ? 'preserved' : 'accepted';
}

const offlineText = localized(
  {
    title: 'Offline versus online',
    intro: 'SRC holds 64 numbered blocks; TGT and TGT2 are empty. The same host write, once during an offline copy and once during an online copy.',
    offlineText: 'Start an offline copy from SRC to TGT. During it, a host writes block 10 of SRC.',
    writeAsk: 'What happens to the write?',
    refused: 'It is refused (write-protected): the source cannot change',
    preserved: 'It is accepted; the old block 10 goes to a repository',
    accepted: 'It is accepted; the copy will carry the new data',
    offlineDo: 'Offline copy, write block 10',
    offlineExplain: 'An offline copy reads the source directly, so the source must not change: while the copy runs the source accepts reads only, and a host write gets WRITE_PROTECTED. Hosts wait until the copy is done.',
    onlineText: 'Remove the offline copy, start an online copy from SRC to TGT2, and write block 10 again.',
    onlineDo: 'Online copy, write block 10',
    onlineExplain: 'An online copy takes a snapshot, so hosts keep writing: the old block 10 is preserved in the repository (copy-on-write) and the copy still gets the point in time. The price is the slower write.',
  },
  {
    title: 'Offline oder online',
    intro: 'SRC enthält 64 nummerierte Blöcke; TGT und TGT2 sind leer. Derselbe Schreibvorgang eines Hosts, einmal während einer Offline-Kopie und einmal während einer Online-Kopie.',
    offlineText: 'Starten Sie eine Offline-Kopie von SRC nach TGT. Währenddessen schreibt ein Host Block 10 von SRC.',
    writeAsk: 'Was geschieht mit dem Schreibvorgang?',
    refused: 'Er wird abgewiesen (schreibgeschützt): Das Quelllaufwerk darf sich nicht ändern',
    preserved: 'Er wird angenommen; der alte Block 10 kommt in ein Snapshot-Repository',
    accepted: 'Er wird angenommen; die Kopie erhält die neuen Daten',
    offlineDo: 'Offline-Kopie, Block 10 schreiben',
    offlineExplain: 'Eine Offline-Kopie liest das Quelllaufwerk direkt, also darf es sich nicht ändern: Während der Kopie nimmt es nur Lesevorgänge an, ein Schreibvorgang erhält WRITE_PROTECTED. Die Hosts warten, bis die Kopie fertig ist.',
    onlineText: 'Entfernen Sie die Offline-Kopie, starten Sie eine Online-Kopie von SRC nach TGT2 und schreiben Sie Block 10 erneut.',
    onlineDo: 'Online-Kopie, Block 10 schreiben',
    onlineExplain: 'Eine Online-Kopie erstellt einen Snapshot, also schreiben die Hosts weiter: Der alte Block 10 wird im Snapshot-Repository gesichert (Kopie bei Schreibvorgang), und die Kopie erhält trotzdem den Zeitpunkt. Der Preis ist der langsamere Schreibvorgang.',
  },
);

const writeChoices = [['refused', 'refused'], ['preserved', 'preserved'], ['accepted', 'accepted']] as const;

/** Lesson 6: an offline copy refuses source writes, an online copy preserves. */
export const offlineLesson: Lesson = defineLesson(offlineText, {
  id: 'offline-online',
  title: 'title',
  intro: 'intro',
  setup: (lab) => createDisks(lab, 'SRC', 'TGT', 'TGT2'),
  steps: [
    {
      text: 'offlineText',
      question: { prompt: 'writeAsk', choices: writeChoices, answer: 'refused', observe: (o) => writeDuringCopy(o, 'TGT') },
      action: { label: 'offlineDo', run: (lab) => inOrder(() => lab.createCopy({ source: 'SRC', target: 'TGT', type: 'offline' }), () => lab.write('SRC', [10], filled(0xaa))) },
      explain: 'offlineExplain',
    },
    {
      text: 'onlineText',
      question: { prompt: 'writeAsk', choices: writeChoices, answer: 'preserved', observe: (o) => writeDuringCopy(o, 'TGT2') },
      action: {
        label: 'onlineDo',
        run: (lab) => inOrder(() => lab.removeCopy('TGT'), () => lab.createCopy({ source: 'SRC', target: 'TGT2', type: 'online' }), () => lab.write('SRC', [10], filled(0xaa))),
      },
      explain: 'onlineExplain',
    },
  ],
});

const beforeText = localized(
  {
    title: 'Copy-before-write versus the repository',
    intro: 'A copy-before-write copy from SRC to TGT is in progress (paused). It has no snapshot repository: the copier and the writes share one bitmap of copied blocks.',
    aheadText: 'A host writes block 20 of SRC, which the copier has not reached.',
    aheadAsk: "Where will block 20's old data go?",
    repository: 'Into a snapshot repository',
    target: 'Straight to the target TGT',
    nowhere: 'Nowhere: it is overwritten',
    aheadDo: 'Write block 20',
    aheadExplain: 'Before the write, the old block 20 is copied straight to the target and marked copied (a copy-before-write, 3 I/Os). The copier will skip it: the target already has the point in time.',
    behindText: 'The copier copies blocks 0 to 29; then a host writes block 5, already on the target.',
    behindAsk: 'How many I/Os does the write of block 5 cost?',
    one: '1 I/O',
    two: '2 I/Os',
    three: '3 I/Os, as during an online copy',
    behindDo: 'Copy 30 blocks, write block 5',
    behindExplain: 'A block already on the target needs no protection: 1 I/O. An online copy would still preserve it (3 I/Os), because its snapshot does not know the copier. Copy-before-write saves repository space and those writes.',
  },
  {
    title: 'Kopie vor Schreibvorgang oder Snapshot-Repository',
    intro: 'Eine Kopie vor Schreibvorgang von SRC nach TGT ist in Bearbeitung (angehalten). Sie hat kein Snapshot-Repository: Kopierer und Schreibvorgänge teilen sich eine Bitmap der kopierten Blöcke.',
    aheadText: 'Ein Host schreibt Block 20 von SRC, den der Kopierer noch nicht erreicht hat.',
    aheadAsk: 'Wohin kommen die alten Daten von Block 20?',
    repository: 'In ein Snapshot-Repository',
    target: 'Direkt auf das Ziellaufwerk TGT',
    nowhere: 'Nirgendwohin: Sie werden überschrieben',
    aheadDo: 'Block 20 schreiben',
    aheadExplain: 'Vor dem Schreibvorgang wird der alte Block 20 direkt auf das Ziellaufwerk kopiert und als kopiert markiert (Kopie vor Schreibvorgang, 3 I/Os). Der Kopierer überspringt ihn: Das Ziellaufwerk hat schon den Zeitpunkt.',
    behindText: 'Der Kopierer kopiert die Blöcke 0 bis 29; dann schreibt ein Host Block 5, der schon auf dem Ziellaufwerk ist.',
    behindAsk: 'Wie viele I/Os kostet der Schreibvorgang auf Block 5?',
    one: '1 I/O',
    two: '2 I/Os',
    three: '3 I/Os, wie bei einer Online-Kopie',
    behindDo: '30 Blöcke kopieren, Block 5 schreiben',
    behindExplain: 'Ein Block, der schon auf dem Ziellaufwerk ist, braucht keinen Schutz: 1 I/O. Eine Online-Kopie würde ihn trotzdem sichern (3 I/Os), weil ihr Snapshot den Kopierer nicht kennt. Kopie vor Schreibvorgang spart Platz im Repository und diese Schreibvorgänge.',
  },
);

/** Lesson 9: copy-before-write sends the old block to the target, and writes behind the copier cost nothing extra. */
export const beforeWriteLesson: Lesson = defineLesson(beforeText, {
  id: 'copy-before-write',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'copyBeforeWrite' })],
  steps: [
    {
      text: 'aheadText',
      question: { prompt: 'aheadAsk', choices: [['repository', 'repository'], ['target', 'target'], ['nowhere', 'nowhere']], answer: 'target', observe: (o) => oldDataWent(o, 'TGT', 20) },
      action: { label: 'aheadDo', run: (lab) => inOrder(() => lab.write('SRC', [20], filled(0xaa))) },
      explain: 'aheadExplain',
    },
    {
      text: 'behindText',
      question: { prompt: 'behindAsk', choices: [['one', 'one'], ['two', 'two'], ['three', 'three']], answer: 'one', observe: iosChoice },
      action: { label: 'behindDo', run: (lab) => inOrder(() => lab.copy('TGT', 30), () => lab.write('SRC', [5], filled(0xbb))) },
      explain: 'behindExplain',
    },
  ],
});
