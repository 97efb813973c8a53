/**
 * Every guided lesson against the real engine (LabService over a MemoryStore): its setup is
 * accepted, and at each step the choice read back from what the engine did equals the choice the
 * lesson's explanation calls right, so a lesson whose text is wrong fails here. Both languages
 * have every text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { setLanguage } from '../src/ui/i18n/language.ts';
import { LESSONS } from '../src/ui/lessons/index.ts';
import { firstRefusal, performStep, prepareLesson } from '../src/ui/lessons/lesson-runner.ts';
import { NO_PROGRESS, loadProgress, saveProgress } from '../src/ui/lessons/lesson-progress.ts';
import { LessonSession } from '../src/ui/lessons/lesson-session.ts';
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

/** A localStorage for Node: a Map behind the Storage methods the progress uses. */
function fakeStorage(): Map<string, string> {
  const items = new Map<string, string>();
  const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  return items;
}

describe('lesson progress', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('keeps done lessons, the open step and its reveal; forgets what it cannot read', () => {
    const items = fakeStorage();
    expect(loadProgress()).toEqual(NO_PROGRESS);
    const kept = { done: ['snapshot'], current: 'repeat', started: true, step: 1, reveal: { predicted: 'five', observed: 'five' } };
    saveProgress(kept);
    expect(loadProgress()).toEqual(kept);
    items.set('storage-lab:lessons', '{"done":[1],"current":null}');
    expect(loadProgress()).toEqual(NO_PROGRESS);
    items.set('storage-lab:lessons', 'not json');
    expect(loadProgress()).toEqual(NO_PROGRESS);
  });

  it('takes a lesson through the session: reveal kept over a new session, done mark at the end', async () => {
    fakeStorage();
    const lab = await freshLab();
    const session = new LessonSession(() => undefined);
    session.open('first-write');
    await session.start(lab);
    session.prediction = 'target';
    await session.perform(lab);
    expect(session.progress.reveal).toEqual({ predicted: 'target', observed: 'repository' });
    await session.perform(lab); // a second press performs nothing: the step has been revealed
    expect((await lab.frame(-1, -1, -1))!.pairs[0]!.counters.hostWrites).toBe(1);

    const reloaded = new LessonSession(() => undefined);
    expect(reloaded.progress).toEqual(session.progress);
    reloaded.next();
    expect(reloaded.prediction).toBeNull();
    await reloaded.perform(lab);
    expect(reloaded.progress.reveal).toEqual({ predicted: null, observed: 'three' });
    reloaded.next();
    expect(reloaded.finished).toBe(true);
    expect(reloaded.progress.done).toEqual(['first-write']);
    expect(reloaded.neighbour(1)?.id).toBe('repeat');
  });
});
