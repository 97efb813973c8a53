/** Actions on an existing pair: stop, recopy, remove, change priority, toggle the target's read-only flag. */
import type { Ctx } from './context.ts';
import { diskStateRefusal } from './create-copy.ts';
import { dropDisk } from './disks.ts';
import { promotePending, startOrQueue, stopPair, touchPair } from './lifecycle.ts';
import { diskById, pairByTarget, pairOfTarget, targetName } from './lookup.ts';
import { done, refuse, type Outcome } from './outcome.ts';
import type { Pair } from './state.ts';
import { PRIORITIES, isOneOf, type CopyStatus, type Priority } from './vocabulary.ts';

function statusRefusal(pair: Pair, allowed: readonly CopyStatus[], action: string, name: string): Outcome<never> | null {
  if (allowed.includes(pair.status)) return null;
  return refuse('NOT_ALLOWED', `cannot ${action} the copy to ${name} while it is ${pair.status}; allowed when ${allowed.join(' or ')}`);
}

/** Stops a Pending, In Progress or Failed copy. */
export function stop(ctx: Ctx, target?: string): Outcome {
  const found = pairByTarget(ctx.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  const refusal = statusRefusal(pair, ['InProgress', 'Pending', 'Failed'], 'stop', targetName(ctx.state, pair));
  if (refusal) return refusal;
  stopPair(ctx, pair);
  return done;
}

/** Options a recopy may change. */
export interface RecopyOptions {
  priority?: string;
  targetReadOnly?: boolean;
}

/** Copies again from block 0 at a new point in time; an online pair reuses its repository, emptied. */
export function recopy(ctx: Ctx, target: string | undefined, options: RecopyOptions = {}): Outcome {
  const found = pairByTarget(ctx.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  if (options.targetReadOnly !== undefined && typeof options.targetReadOnly !== 'boolean') {
    return refuse('INVALID_ARGUMENT', `${String(options.targetReadOnly)} is not true or false (target read-only)`);
  }
  if (options.priority !== undefined && !isOneOf<Priority>(PRIORITIES, options.priority)) {
    return refuse('INVALID_ARGUMENT', `"${options.priority}" is not a priority: use ${PRIORITIES.join(', ')}`);
  }
  const refusal =
    statusRefusal(pair, ['Stopped', 'Failed', 'Completed'], 'recopy', targetName(ctx.state, pair)) ?? recopyDiskRefusal(ctx, pair);
  if (refusal) return refusal;
  if (options.priority !== undefined) pair.priority = options.priority as Priority;
  if (options.targetReadOnly !== undefined) pair.targetReadOnly = options.targetReadOnly;
  resetPointInTime(ctx, pair);
  startOrQueue(ctx, pair);
  return done;
}

function recopyDiskRefusal(ctx: Ctx, pair: Pair): Outcome<never> | null {
  const source = diskById(ctx.state, pair.sourceId);
  const feeding = pairOfTarget(ctx.state, source.id);
  if (feeding && feeding.status !== 'Completed') {
    return refuse('SOURCE_IN_USE', `${source.name} is the target of a copy that has not completed`);
  }
  return diskStateRefusal(source, diskById(ctx.state, pair.targetId));
}

/** A new point in time: nothing copied, the repository emptied, the snapshot active again. */
function resetPointInTime(ctx: Ctx, pair: Pair): void {
  const { kernel, fx } = ctx;
  kernel.clearRange(pair.copied, 0, pair.total);
  kernel.clearRange(pair.written, 0, pair.total);
  fx.resetCopied.add(pair.id);
  pair.cursor = 0;
  pair.startTimeMs = ctx.state.timeMs;
  pair.completionTimeMs = null;
  const repo = pair.repository;
  if (repo) {
    kernel.clearRange(repo.preserved, 0, pair.total);
    repo.blockOfSlot = [];
    repo.slotOfBlock.clear();
    repo.warned = false;
    repo.fullReported = false;
    fx.resetSlots.add(pair.id);
    pair.snapshot = 'active';
    fx.emit('SNAPSHOT_CREATED', { target: targetName(ctx.state, pair), source: diskById(ctx.state, pair.sourceId).name });
  }
  touchPair(ctx, pair);
}

/** Removes the pair, its snapshot and repository; the target keeps its data and becomes writable. */
export function removeCopy(ctx: Ctx, target?: string): Outcome {
  const found = pairByTarget(ctx.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  const wasInProgress = pair.status === 'InProgress';
  ctx.fx.emit('COPY_REMOVED', { target: targetName(ctx.state, pair) });
  ctx.kernel.freeBitmap(pair.copied);
  ctx.kernel.freeBitmap(pair.written);
  if (pair.repository) {
    ctx.kernel.freeBitmap(pair.repository.preserved);
    dropDisk(ctx, diskById(ctx.state, pair.repository.diskId));
  }
  ctx.state.pairs.delete(pair.id);
  ctx.fx.dirtyPairs.delete(pair.id);
  ctx.fx.deletedPairs.add(pair.id);
  if (wasInProgress) promotePending(ctx);
  return done;
}

/** Changes the copy priority of a Pending or In Progress pair. */
export function setPriority(ctx: Ctx, target: string | undefined, priority: string): Outcome {
  const found = pairByTarget(ctx.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  if (!isOneOf<Priority>(PRIORITIES, priority)) {
    return refuse('INVALID_ARGUMENT', `"${priority}" is not a priority: use ${PRIORITIES.join(', ')}`);
  }
  const refusal = statusRefusal(pair, ['Pending', 'InProgress'], 'change the priority of', targetName(ctx.state, pair));
  if (refusal) return refusal;
  pair.priority = priority;
  touchPair(ctx, pair);
  ctx.fx.emit('PRIORITY_CHANGED', { target: targetName(ctx.state, pair), priority });
  return done;
}

/** Sets whether hosts may write the target of a Completed pair. */
export function setTargetReadOnly(ctx: Ctx, target: string | undefined, value: boolean): Outcome {
  const found = pairByTarget(ctx.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  if (typeof value !== 'boolean') return refuse('INVALID_ARGUMENT', `${String(value)} is not true or false`);
  const refusal = statusRefusal(pair, ['Completed'], 'change the read-only flag of', targetName(ctx.state, pair));
  if (refusal) return refusal;
  pair.targetReadOnly = value;
  touchPair(ctx, pair);
  return done;
}
