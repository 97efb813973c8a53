/**
 * The copier: moves blocks of the copy source (the snapshot view for an online pair) to the target
 * in ascending order, driven by `copy` (a number of blocks), `tick` (simulated time and the priority's
 * rate) and `run` (to the end). Progress credit is exact integer arithmetic in 1/168,000 blocks.
 */
import { CHUNK_BITS, type Ctx } from './context.ts';
import { completePair, failPair, touchPair } from './lifecycle.ts';
import { diskById } from './lookup.ts';
import { copySourceOf } from './protection.ts';
import type { Pair } from './state.ts';
import { PRIORITY_RATE_168 } from './vocabulary.ts';

/** Credit units in one block: 168 rate units times 1,000 ms. */
export const CREDIT_PER_BLOCK = 168_000n;

/** Copies up to `max` blocks of an In Progress pair; returns how many it copied. */
export function copyBlocks(ctx: Ctx, pair: Pair, max: number): number {
  let copied = 0;
  while (pair.status === 'InProgress') {
    const block = ctx.kernel.findNextClear(pair.copied, pair.cursor);
    if (block < 0) {
      completePair(ctx, pair);
      break;
    }
    if (copied >= max) break;
    if (!copyOne(ctx, pair, block)) break;
    copied++;
  }
  return copied;
}

/** Copies one block, or fails the pair on a read or write error; true when the block was copied. */
function copyOne(ctx: Ctx, pair: Pair, block: number): boolean {
  const from = copySourceOf(ctx, pair, block);
  const target = diskById(ctx.state, pair.targetId);
  if (from.disk.state === 'failed') return fail(ctx, pair, 'DISK_FAILED', block);
  if (target.state === 'failed') return fail(ctx, pair, 'DISK_FAILED', block);
  if (from.disk.unreadable.has(from.block)) return fail(ctx, pair, 'MEDIA_ERROR', block);
  ctx.fx.op({ kind: 'copy', from: from.disk.id, fromBlock: from.block, to: target.id, toBlock: block, count: 1 });
  ctx.kernel.setRange(pair.copied, block, block + 1);
  ctx.fx.touchChunk(pair.id, 'copied', block, CHUNK_BITS);
  pair.cursor = block + 1;
  touchPair(ctx, pair);
  return true;
}

function fail(ctx: Ctx, pair: Pair, reason: string, block: number): false {
  failPair(ctx, pair, reason, block);
  return false;
}

/** Simulated time passes: every pair In Progress at the start advances by its rate, in creation order. */
export function tick(ctx: Ctx, ms: number, copyRate: number): void {
  ctx.state.timeMs += ms;
  ctx.fx.arrayDirty = true;
  const running = [...ctx.state.pairs.values()].filter((pair) => pair.status === 'InProgress');
  for (const pair of running) {
    if (pair.status !== 'InProgress') continue;
    pair.credit += BigInt(copyRate) * BigInt(ms) * BigInt(PRIORITY_RATE_168[pair.priority]);
    const whole = pair.credit / CREDIT_PER_BLOCK;
    pair.credit -= whole * CREDIT_PER_BLOCK;
    touchPair(ctx, pair);
    const remaining = pair.total - ctx.kernel.countSet(pair.copied);
    copyBlocks(ctx, pair, Number(whole < BigInt(remaining) ? whole : BigInt(remaining)));
  }
}

/** Every copier runs, in creation order, until no pair is In Progress. */
export function runAll(ctx: Ctx): void {
  const anyRunning = (): boolean => [...ctx.state.pairs.values()].some((pair) => pair.status === 'InProgress');
  while (anyRunning()) {
    for (const pair of [...ctx.state.pairs.values()]) {
      if (pair.status === 'InProgress') copyBlocks(ctx, pair, Number.POSITIVE_INFINITY);
    }
  }
}

/** Blocks copied so far in this point in time. */
export function copiedCount(ctx: Pick<Ctx, 'kernel'>, pair: Pair): number {
  return ctx.kernel.countSet(pair.copied);
}
