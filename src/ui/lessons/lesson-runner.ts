/**
 * Runs lessons against the lab: prepares each lesson's lab from a clean array with the copier
 * paused (the learner steps), performs a step's action and reports what the engine did, read from
 * the frames before and after and from the blocks the step inspects.
 */
import type { Frame, Outcome } from '../../worker/api.ts';
import type { Lesson, LessonLab, Observation, StepSpec } from './lesson-model.ts';

/** The result of one step: what was observed and the choice it matches (null without a question). */
export interface StepResult {
  observation: Observation;
  observed: string | null;
}

/** The first refusal among outcomes, or null when every call succeeded. */
export function firstRefusal(outcomes: readonly Outcome<unknown>[]): Extract<Outcome<unknown>, { ok: false }> | null {
  for (const outcome of outcomes) if (!outcome.ok) return outcome;
  return null;
}

/** Resets the lab, stops the workload, pauses the copier and builds the lesson's setup; the first refusal if any. */
export async function prepareLesson(lab: LessonLab, lesson: Lesson): Promise<Outcome<unknown>[]> {
  const reset = await lab.resetLab();
  if (!reset.ok) return [reset];
  // Paused first, so that the copy a setup starts does not move until the learner asks it to.
  const outcomes: Outcome<unknown>[] = [reset, await lab.setWorkload({ running: false }), await lab.setDriver({ running: false })];
  return [...outcomes, ...(await lesson.setup(lab))];
}

/** A full frame (every kept event and write sample). */
async function fullFrame(lab: LessonLab, sinceEvent = -1, sinceWrite = -1): Promise<Frame> {
  const frame = await lab.frame(-1, sinceEvent, sinceWrite);
  if (!frame) throw new Error('the lab returned no frame for version -1');
  return frame;
}

/** Performs a step's action and reads back what the engine did. */
export async function performStep(lab: LessonLab, step: StepSpec<string>): Promise<StepResult> {
  const before = await fullFrame(lab);
  const outcomes = await step.action.run(lab);
  const after = await fullFrame(lab, before.events.at(-1)?.seq ?? -1, before.writes.at(-1)?.seq ?? -1);
  const blocks = new Map<string, Uint8Array>();
  for (const [disk, block] of step.inspect ?? []) {
    const read = await lab.readRaw(disk, block, 1);
    if (read.ok) blocks.set(`${disk}:${block}`, read.value);
  }
  const observation: Observation = { before, after, events: after.events, writes: after.writes, outcomes, blocks };
  return { observation, observed: step.question ? step.question.observe(observation) : null };
}
