/**
 * The learner's way through the lessons: open a lesson, prepare its lab, predict, perform a step
 * and reveal, move on. Holds the progress (kept in localStorage) and tells its host to re-render.
 */
import type { Lesson, LessonLab } from './lesson-model.ts';
import { LESSONS } from './index.ts';
import { firstRefusal, performStep, prepareLesson } from './lesson-runner.ts';
import { loadProgress, saveProgress, type LessonProgress } from './lesson-progress.ts';

/** The lessons' state for the pane. */
export class LessonSession {
  progress: LessonProgress = loadProgress();
  /** The choice the learner has picked for the current question. */
  prediction: string | null = null;
  /** True while the lab is being prepared or a step is running. */
  busy = false;
  /** The refusal that stopped the last preparation or step, in the engine's words. */
  problem: string | null = null;

  constructor(private readonly changed: () => void) {}

  /** The open lesson, or null. */
  get lesson(): Lesson | null {
    return LESSONS.find((l) => l.id === this.progress.current) ?? null;
  }

  /** Opens a lesson at its introduction (its lab is prepared by `start`). */
  open(id: string): void {
    this.update({ current: id, started: false, step: 0, reveal: null });
  }

  /** Prepares the open lesson's lab from a clean array. */
  async start(lab: LessonLab): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || this.busy) return;
    await this.work(async () => {
      const refusal = firstRefusal(await prepareLesson(lab, lesson));
      if (refusal) this.problem = refusal.message;
      else this.update({ started: true, step: 0, reveal: null });
    });
  }

  /** Performs the current step and reveals what the engine did. */
  async perform(lab: LessonLab): Promise<void> {
    const step = this.lesson?.steps[this.progress.step];
    if (!step || this.progress.reveal || this.busy) return;
    await this.work(async () => {
      const result = await performStep(lab, step);
      this.update({ reveal: { predicted: this.prediction, observed: result.observed } });
    });
  }

  /** The next step, or at the last one the lesson is done. */
  next(): void {
    const lesson = this.lesson;
    if (!lesson || !this.progress.reveal) return;
    if (this.progress.step + 1 < lesson.steps.length) this.update({ step: this.progress.step + 1, reveal: null });
    else this.update({ done: [...new Set([...this.progress.done, lesson.id])], step: lesson.steps.length, reveal: null });
  }

  /** True when the open lesson's every step is done. */
  get finished(): boolean {
    return !!this.lesson && this.progress.started && this.progress.step >= this.lesson.steps.length;
  }

  /** The lesson `offset` places from the open one, or null past either end. */
  neighbour(offset: number): Lesson | null {
    const index = LESSONS.findIndex((l) => l.id === this.progress.current);
    return index < 0 ? null : (LESSONS[index + offset] ?? null);
  }

  private async work(task: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.problem = null;
    this.changed();
    try {
      await task();
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  private update(change: Partial<LessonProgress>): void {
    this.progress = { ...this.progress, ...change };
    if ('step' in change || 'current' in change) this.prediction = null;
    saveProgress(this.progress);
    this.changed();
  }
}
