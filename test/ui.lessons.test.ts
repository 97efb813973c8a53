/**
 * Every guided lesson against the real engine (LabService over a MemoryStore): its setup is
 * accepted, and at each step the choice read back from what the engine did equals the choice the
 * lesson's explanation calls right, so a lesson whose text is wrong fails here. Both languages
 * have every text.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { setLanguage } from '../src/ui/i18n/language.ts';
import { LESSONS } from '../src/ui/lessons/index.ts';
import { firstRefusal, performStep, prepareLesson } from '../src/ui/lessons/lesson-runner.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { LabService } from '../src/worker/lab-service.ts';

async function freshLab(): Promise<LabService> {
  const kernel = await loadKernelFromFile();
  return new LabService(await Engine.open(kernel, new MemoryStore(kernel)));
}

/** Every text key a lesson uses. */
function keysOf(lesson: (typeof LESSONS)[number]): string[] {
  return [lesson.title, lesson.intro, ...lesson.steps.flatMap((s) => [s.text, s.explain, s.action.label, ...(s.question ? [s.question.prompt, ...s.question.choices.map(([, label]) => label)] : [])])];
}

describe('guided lessons', () => {
  it('has distinct ids and at least one question per lesson', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const lesson of LESSONS) expect(lesson.steps.some((s) => s.question), lesson.id).toBe(true);
  });

  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))('%s: the engine does what the explanation says', async (_, lesson) => {
    const lab = await freshLab();
    expect(firstRefusal(await prepareLesson(lab, lesson))).toBeNull();
    expect((await lab.frame(-1, -1, -1))!.driver.running).toBe(false);
    for (const [index, step] of lesson.steps.entries()) {
      const result = await performStep(lab, step);
      if (!step.question) continue;
      const ids = step.question.choices.map(([id]) => id);
      expect(ids, `${lesson.id} step ${index}: the claimed answer is a choice`).toContain(step.question.answer);
      expect(result.observed, `${lesson.id} step ${index}`).toBe(step.question.answer);
    }
  });

  it('runs a lesson again from a clean lab, whatever the lab held', async () => {
    const lab = await freshLab();
    await lab.createDisk({ name: 'OTHER', blocks: 8, blockSize: 512, fill: { kind: 'zero' } });
    await lab.setDriver({ running: true });
    for (const lesson of [LESSONS[1]!, LESSONS[1]!]) {
      expect(firstRefusal(await prepareLesson(lab, lesson))).toBeNull();
      const frame = (await lab.frame(-1, -1, -1))!;
      expect(frame.disks.filter((d) => d.role === 'standard').map((d) => d.name)).toEqual(['SRC', 'TGT']);
      expect((await performStep(lab, lesson.steps[0]!)).observed).toBe('repository');
    }
  });

  it('has every text in English and in German, and they differ', () => {
    for (const lesson of LESSONS) {
      for (const key of keysOf(lesson)) {
        setLanguage('en');
        const english = lesson.say(key);
        setLanguage('de');
        const german = lesson.say(key);
        expect(english, `${lesson.id}.${key}`).not.toBe(key);
        expect(german, `${lesson.id}.${key}`).not.toBe(key);
        if (english.length > 12) expect(german, `${lesson.id}.${key}`).not.toBe(english);
      }
    }
    setLanguage('en');
  });
});
