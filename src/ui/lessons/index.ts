/** The guided path through online copy, in teaching order. */
import type { Lesson } from './lesson-model.ts';
import { completionLesson, snapshotViewLesson } from './lessons-copier.ts';
import { recopyLesson, repositoryFullLesson } from './lessons-repository.ts';
import { firstWriteLesson, repeatLesson, snapshotLesson } from './lessons-snapshot.ts';
import { tornLesson } from './lessons-torn.ts';
import { beforeWriteLesson, offlineLesson } from './lessons-types.ts';

/** Every lesson, in the order a learner takes them. */
export const LESSONS: readonly Lesson[] = [
  snapshotLesson,
  firstWriteLesson,
  repeatLesson,
  snapshotViewLesson,
  completionLesson,
  offlineLesson,
  repositoryFullLesson,
  recopyLesson,
  beforeWriteLesson,
  tornLesson,
];
