/**
 * The learner's progress through the lessons, kept in localStorage: lessons done, the lesson open,
 * its step, and the reveal of that step if it has been performed (so a reload never repeats an action).
 */

/** What the learner predicted and what the engine did, for a performed step. */
export interface Reveal {
  predicted: string | null;
  observed: string | null;
}

/** Progress through the lessons. */
export interface LessonProgress {
  /** Ids of finished lessons. */
  done: string[];
  /** Id of the lesson open, or null for the list only. */
  current: string | null;
  /** True once the open lesson's lab has been prepared. */
  started: boolean;
  /** Index of the step shown. */
  step: number;
  reveal: Reveal | null;
}

const KEY = 'storage-lab:lessons';

/** No lesson open, none done. */
export const NO_PROGRESS: LessonProgress = { done: [], current: null, started: false, step: 0, reveal: null };

const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

function isReveal(value: unknown): value is Reveal | null {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return isStringOrNull(v['predicted']) && isStringOrNull(v['observed']);
}

/** True for a stored progress record of the current shape. */
function isProgress(value: unknown): value is LessonProgress {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v['done']) && v['done'].every((id) => typeof id === 'string') && isStringOrNull(v['current'])
    && typeof v['started'] === 'boolean' && Number.isInteger(v['step']) && isReveal(v['reveal']);
}

/** The kept progress, or none when nothing (valid) is kept. */
export function loadProgress(): LessonProgress {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return isProgress(parsed) ? parsed : NO_PROGRESS;
  } catch {
    return NO_PROGRESS;
  }
}

/** Keeps progress for the next visit; blocked storage keeps it for this visit only. */
export function saveProgress(progress: LessonProgress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage may be blocked (private mode): progress still holds while the page is open.
  }
}
