/** Lesson 10: why an unprotected live copy is torn. */
import { localized } from '../i18n/messages.ts';
import { createDisks, defineLesson, filled, inOrder, pairOf, type Lesson, type Observation } from './lesson-model.ts';

/** Which of blocks 3 (behind the copier) and 40 (ahead) the verification found differing. */
function tornBlocks(o: Observation): string {
  const differing = pairOf(o.after, 'TGT')?.verification?.differing ?? [];
  const behind = differing.includes(3);
  const ahead = differing.includes(40);
  return behind && ahead ? 'both' : behind ? 'behind' : ahead ? 'ahead' : 'none';
}

const tornText = localized(
  {
    title: 'Why an unprotected live copy is torn',
    intro: 'An unprotected copy from SRC to TGT is in progress (paused): no snapshot, the copier reads the live source. At completion the target is compared with SRC as it was when the copy started.',
    tornText: 'The copier copies blocks 0 to 9. Then a host writes block 3 (behind the copier) and block 40 (ahead of it), and the copy runs to the end.',
    tornAsk: 'Which target blocks will differ from the source at the start of the copy?',
    none: 'None',
    behind: 'Block 3',
    ahead: 'Block 40',
    both: 'Blocks 3 and 40',
    tornDo: 'Copy 10, write 3 and 40, run to the end',
    tornExplain: 'Block 3 was copied before it changed, so the target has its old data. Block 40 was copied after it changed, so the target has the new data: torn. The target now matches no moment of the source (old block 3 with new block 40). The target map marks the torn block. A snapshot prevents exactly this.',
  },
  {
    title: 'Warum eine ungeschützte Live-Kopie zerrissen ist',
    intro: 'Eine ungeschützte Kopie von SRC nach TGT ist in Bearbeitung (angehalten): kein Snapshot, der Kopierer liest das laufende Quelllaufwerk. Beim Abschluss wird das Ziellaufwerk mit SRC zum Start der Kopie verglichen.',
    tornText: 'Der Kopierer kopiert die Blöcke 0 bis 9. Dann schreibt ein Host Block 3 (hinter dem Kopierer) und Block 40 (davor), und die Kopie läuft bis zum Ende.',
    tornAsk: 'Welche Blöcke des Ziellaufwerks weichen vom Quelllaufwerk zum Start der Kopie ab?',
    none: 'Keiner',
    behind: 'Block 3',
    ahead: 'Block 40',
    both: 'Blöcke 3 und 40',
    tornDo: '10 kopieren, 3 und 40 schreiben, bis zum Ende',
    tornExplain: 'Block 3 wurde kopiert, bevor er sich änderte: Das Ziellaufwerk hat seine alten Daten. Block 40 wurde nach der Änderung kopiert: Das Ziellaufwerk hat die neuen Daten, es ist zerrissen. Das Ziellaufwerk entspricht keinem Moment des Quelllaufwerks (alter Block 3 mit neuem Block 40). Die Karte des Ziellaufwerks markiert den zerrissenen Block. Genau das verhindert ein Snapshot.',
  },
);

/** Lesson 10: writes ahead of an unprotected copier tear the target. */
export const tornLesson: Lesson = defineLesson(tornText, {
  id: 'torn',
  title: 'title',
  intro: 'intro',
  setup: async (lab) => [...(await createDisks(lab, 'SRC', 'TGT')), await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'unprotected' })],
  steps: [
    {
      text: 'tornText',
      question: { prompt: 'tornAsk', choices: [['none', 'none'], ['behind', 'behind'], ['ahead', 'ahead'], ['both', 'both']], answer: 'ahead', observe: tornBlocks },
      action: {
        label: 'tornDo',
        run: (lab) => inOrder(() => lab.copy('TGT', 10), () => lab.write('SRC', [3], filled(0xaa)), () => lab.write('SRC', [40], filled(0xbb)), () => lab.run(), () => lab.verify('TGT')),
      },
      explain: 'tornExplain',
    },
  ],
});
