/** The status machine of a copy pair (DOMAIN.md section 4): start, queue, complete, fail, stop. */
import type { Ctx } from './context.ts';
import { inProgressCount, targetName } from './lookup.ts';
import type { Pair } from './state.ts';
import { MAX_IN_PROGRESS } from './vocabulary.ts';

/** Marks a pair's record as changed. */
export function touchPair(ctx: Ctx, pair: Pair): void {
  ctx.fx.dirtyPairs.add(pair.id);
}

/** Starts a pair that has just been created or recopied: In Progress if a slot is free, else Pending. */
export function startOrQueue(ctx: Ctx, pair: Pair): void {
  pair.queueSeq = ctx.state.nextQueueSeq++;
  pair.credit = 0n;
  const hasQueue = [...ctx.state.pairs.values()].some((p) => p.status === 'Pending' && p !== pair);
  if (inProgressCount(ctx.state) < MAX_IN_PROGRESS && !hasQueue) {
    pair.status = 'InProgress';
    ctx.fx.emit('COPY_STARTED', { target: targetName(ctx.state, pair) });
  } else {
    pair.status = 'Pending';
    ctx.fx.emit('COPY_PENDING', { target: targetName(ctx.state, pair) });
  }
  touchPair(ctx, pair);
}

/** Promotes Pending pairs, first come first served, while fewer than 8 are In Progress. */
export function promotePending(ctx: Ctx): void {
  const queue = [...ctx.state.pairs.values()].filter((p) => p.status === 'Pending').sort((a, b) => a.queueSeq - b.queueSeq);
  for (const pair of queue) {
    if (inProgressCount(ctx.state) >= MAX_IN_PROGRESS) return;
    pair.status = 'InProgress';
    pair.credit = 0n;
    touchPair(ctx, pair);
    ctx.fx.emit('COPY_STARTED', { target: targetName(ctx.state, pair) });
  }
}

/** Leaves In Progress or Pending: credit is dropped and a freed slot goes to the queue. */
function leaveActive(ctx: Ctx, pair: Pair, wasInProgress: boolean): void {
  pair.credit = 0n;
  touchPair(ctx, pair);
  if (wasInProgress) promotePending(ctx);
}

/** Disables an active snapshot (completion, stop, a failure other than overflow). */
export function disableSnapshot(ctx: Ctx, pair: Pair): void {
  if (pair.snapshot !== 'active') return;
  pair.snapshot = 'disabled';
  touchPair(ctx, pair);
  ctx.fx.emit('SNAPSHOT_DISABLED', { target: targetName(ctx.state, pair) });
}

/** The last block is on the target: Completed, snapshot disabled, slot freed. */
export function completePair(ctx: Ctx, pair: Pair): void {
  const wasInProgress = pair.status === 'InProgress';
  pair.status = 'Completed';
  pair.completionTimeMs = ctx.state.timeMs;
  disableSnapshot(ctx, pair);
  ctx.fx.emit('COPY_COMPLETED', { target: targetName(ctx.state, pair) });
  leaveActive(ctx, pair, wasInProgress);
}

/** A read or write error (or a failed snapshot) ends the copy: Failed, slot freed. */
export function failPair(ctx: Ctx, pair: Pair, reason: string, block?: number): void {
  const wasInProgress = pair.status === 'InProgress';
  pair.status = 'Failed';
  disableSnapshot(ctx, pair);
  const fields = block === undefined ? { reason } : { reason, block };
  ctx.fx.emit('COPY_FAILED', { target: targetName(ctx.state, pair), ...fields });
  leaveActive(ctx, pair, wasInProgress);
}

/** Stops a Pending, In Progress or Failed pair (the caller checked the status). */
export function stopPair(ctx: Ctx, pair: Pair): void {
  const wasInProgress = pair.status === 'InProgress';
  pair.status = 'Stopped';
  disableSnapshot(ctx, pair);
  ctx.fx.emit('COPY_STOPPED', { target: targetName(ctx.state, pair) });
  leaveActive(ctx, pair, wasInProgress);
}
