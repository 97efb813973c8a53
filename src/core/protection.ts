/** How a pair protects its point in time when its source changes: copy-on-write or copy-before-write. */
import { CHUNK_BITS, type Ctx } from './context.ts';
import { failPair, touchPair } from './lifecycle.ts';
import { diskById, targetName } from './lookup.ts';
import type { Disk, Pair } from './state.ts';

/** One thing a write must do for one pair before the new data lands. */
export type Need =
  | { kind: 'preserve'; pair: Pair; block: number }
  | { kind: 'overflow'; pair: Pair; block: number }
  | { kind: 'copyBeforeWrite'; pair: Pair; block: number }
  | { kind: 'targetFailed'; pair: Pair; block: number };

/** Carries out a need; true when it cost the extra read and write of the old block. */
export function applyNeed(ctx: Ctx, source: Disk, need: Need): boolean {
  switch (need.kind) {
    case 'preserve':
      preserve(ctx, source, need.pair, need.block);
      return true;
    case 'copyBeforeWrite':
      copyBeforeWrite(ctx, source, need.pair, need.block);
      return true;
    case 'overflow':
      failSnapshot(ctx, need.pair);
      return false;
    case 'targetFailed':
      failPair(ctx, need.pair, 'DISK_FAILED', need.block);
      return false;
  }
}

/** Copy-on-write: the old block goes to the next repository slot and into the map. */
function preserve(ctx: Ctx, source: Disk, pair: Pair, block: number): void {
  const repo = pair.repository!;
  const slot = repo.blockOfSlot.length;
  repo.blockOfSlot.push(block);
  repo.slotOfBlock.set(block, slot);
  ctx.kernel.setRange(repo.preserved, block, block + 1);
  ctx.fx.op({ kind: 'copy', from: source.id, fromBlock: block, to: repo.diskId, toBlock: slot, count: 1 });
  ctx.fx.newSlots.push([pair.id, slot, block]);
  pair.counters.copyOnWrites++;
  touchPair(ctx, pair);
  const target = targetName(ctx.state, pair);
  ctx.fx.emit('COPY_ON_WRITE', { target, disk: source.name, block, slot });
  const used = repo.blockOfSlot.length;
  if (!repo.warned && used * 100 >= repo.warningPercent * repo.capacity) {
    repo.warned = true;
    ctx.fx.emit('REPOSITORY_THRESHOLD', { target, used, capacity: repo.capacity });
  }
}

/** Copy-before-write: the old block goes straight to the target and counts as copied. */
function copyBeforeWrite(ctx: Ctx, source: Disk, pair: Pair, block: number): void {
  ctx.fx.op({ kind: 'copy', from: source.id, fromBlock: block, to: pair.targetId, toBlock: block, count: 1 });
  ctx.kernel.setRange(pair.copied, block, block + 1);
  ctx.fx.touchChunk(pair.id, 'copied', block, CHUNK_BITS);
  pair.counters.copyBeforeWrites++;
  touchPair(ctx, pair);
  ctx.fx.emit('COPY_BEFORE_WRITE', { target: targetName(ctx.state, pair), disk: source.name, block });
}

/** The repository overflowed under failSnapshot: the snapshot fails and so does the copy. */
function failSnapshot(ctx: Ctx, pair: Pair): void {
  const repo = pair.repository!;
  const target = targetName(ctx.state, pair);
  repo.fullReported = true;
  ctx.fx.emit('REPOSITORY_FULL', { target, used: repo.blockOfSlot.length, capacity: repo.capacity });
  pair.snapshot = 'failed';
  ctx.fx.emit('SNAPSHOT_FAILED', { target, reason: 'REPOSITORY_FULL' });
  failPair(ctx, pair, 'REPOSITORY_FULL');
}

/** Where the copier reads block `block` of a pair's copy source: the snapshot view for online. */
export function copySourceOf(ctx: Ctx, pair: Pair, block: number): { disk: Disk; block: number } {
  const repo = pair.repository;
  if (pair.snapshot === 'active' && repo && ctx.kernel.testBit(repo.preserved, block)) {
    return { disk: diskById(ctx.state, repo.diskId), block: repo.slotOfBlock.get(block)! };
  }
  return { disk: diskById(ctx.state, pair.sourceId), block };
}
