/**
 * A host write (DOMAIN.md sections 3 and 7): plan the copy-on-write and copy-before-write needs of
 * every block for every pair on the source, refuse the whole write if any block must be refused,
 * otherwise preserve, write and count.
 */
import { CHUNK_BITS, type Ctx } from './context.ts';
import { hostAccess, readableRefusal } from './host-access.ts';
import { diskById, pairsOfSource } from './lookup.ts';
import { ok, refuse, type Outcome, type Refusal } from './outcome.ts';
import { applyNeed, type Need } from './protection.ts';
import type { Disk, Pair } from './state.ts';

/** What a host asks to write: the same block of bytes to each listed block. */
export interface HostWrite {
  disk: string;
  blocks: readonly number[];
  data: Uint8Array;
}

/** The I/Os the array spent on an acknowledged write (1 per block plus 2 per preservation). */
export interface WriteCost {
  ios: number;
  preserved: number;
}

/** Applies a host write, or refuses it whole. */
export function hostWrite(ctx: Ctx, request: HostWrite): Outcome<WriteCost> {
  const access = hostAccess(ctx.state, request.disk, request.blocks, true);
  if (!access.ok) return rejectIfExisting(ctx, request, access);
  const disk = access.value;
  if (request.blocks.length === 0) return refuse('INVALID_ARGUMENT', 'a write names at least one block');
  if (request.data.length !== disk.blockSize) {
    return refuse('INVALID_ARGUMENT', `write data is ${request.data.length} bytes but a block of ${disk.name} is ${disk.blockSize}`);
  }
  const pairs = pairsOfSource(ctx.state, disk.id);
  const planned = planNeeds(ctx, disk, pairs, request.blocks);
  if (!planned.ok) return reject(ctx, disk, pairs, request.blocks, planned);
  return ok(apply(ctx, disk, pairs, request, planned.value));
}

/** Needs of each block, in block order then pair order; a refusal if any block must be refused. */
function planNeeds(ctx: Ctx, disk: Disk, pairs: Pair[], blocks: readonly number[]): Outcome<Need[][]> {
  const reserved = new Map<number, Set<number>>();
  const overflowed = new Set<number>();
  const plan: Need[][] = [];
  for (const block of blocks) {
    const needs: Need[] = [];
    for (const pair of pairs) {
      if (overflowed.has(pair.id)) continue;
      const taken = reserved.get(pair.id) ?? new Set<number>();
      reserved.set(pair.id, taken);
      const need = needOf(ctx, disk, pair, block, taken);
      if (need === null) continue;
      if ('code' in need) return need;
      if (need.kind === 'overflow' || need.kind === 'targetFailed') overflowed.add(pair.id);
      else taken.add(block);
      needs.push(need);
    }
    plan.push(needs);
  }
  return ok(plan);
}

/** What writing `block` requires of `pair`: nothing, a need, or a refusal. */
function needOf(ctx: Ctx, disk: Disk, pair: Pair, block: number, taken: Set<number>): Need | Refusal | null {
  const { kernel } = ctx;
  if (pair.snapshot === 'active' && pair.repository) {
    const repo = pair.repository;
    if (taken.has(block) || kernel.testBit(repo.preserved, block)) return null;
    const unreadable = readableRefusal(disk, block);
    if (unreadable) return unreadable;
    if (repo.blockOfSlot.length + taken.size < repo.capacity) return { kind: 'preserve', pair, block };
    if (repo.fullPolicy === 'failSourceWrites') {
      return refuse('REPOSITORY_FULL', `the repository of the copy to ${diskById(ctx.state, pair.targetId).name} is full (${repo.capacity} blocks); block ${block} of ${disk.name} cannot be preserved`);
    }
    return { kind: 'overflow', pair, block };
  }
  const protecting = pair.status === 'Pending' || pair.status === 'InProgress';
  if (pair.type !== 'copyBeforeWrite' || !protecting || block >= pair.total) return null;
  if (taken.has(block) || kernel.testBit(pair.copied, block)) return null;
  const unreadable = readableRefusal(disk, block);
  if (unreadable) return unreadable;
  if (diskById(ctx.state, pair.targetId).state === 'failed') return { kind: 'targetFailed', pair, block };
  return { kind: 'copyBeforeWrite', pair, block };
}

function apply(ctx: Ctx, disk: Disk, pairs: Pair[], request: HostWrite, plan: Need[][]): WriteCost {
  const cost: WriteCost = { ios: 0, preserved: 0 };
  request.blocks.forEach((block, index) => {
    const extra = new Set<number>();
    for (const need of plan[index]!) {
      if (applyNeed(ctx, disk, need)) {
        extra.add(need.pair.id);
        cost.preserved++;
      }
    }
    ctx.fx.op({ kind: 'write', disk: disk.id, block, data: request.data });
    for (const pair of pairs) markWritten(ctx, pair, block);
    cost.ios += 1 + 2 * extra.size;
    for (const pair of pairs) {
      pair.counters.hostWrites++;
      pair.counters.hostWriteIos += extra.has(pair.id) ? 3 : 1;
      ctx.fx.dirtyPairs.add(pair.id);
    }
  });
  return cost;
}

/** Remembers that a host changed `block` since the point in time of a pair whose copy is active. */
function markWritten(ctx: Ctx, pair: Pair, block: number): void {
  if ((pair.status !== 'Pending' && pair.status !== 'InProgress') || block >= pair.total) return;
  ctx.kernel.setRange(pair.written, block, block + 1);
  ctx.fx.touchChunk(pair.id, 'written', block, CHUNK_BITS);
}

/** A refused write to an existing disk counts against its pairs and is logged; others just return. */
function rejectIfExisting(ctx: Ctx, request: HostWrite, refusal: Refusal): Refusal {
  const id = ctx.state.diskIdByName.get(request.disk);
  const disk = id === undefined ? undefined : ctx.state.disks.get(id);
  const hostRefusal = refusal.code !== 'NO_SUCH_DISK' && refusal.code !== 'BLOCK_OUT_OF_RANGE' && refusal.code !== 'INVALID_DISK';
  if (!disk || !hostRefusal) return refusal;
  return reject(ctx, disk, pairsOfSource(ctx.state, disk.id), request.blocks, refusal);
}

function reject(ctx: Ctx, disk: Disk, pairs: Pair[], blocks: readonly number[], refusal: Refusal): Refusal {
  for (const pair of pairs) {
    pair.counters.rejectedWrites += blocks.length;
    ctx.fx.dirtyPairs.add(pair.id);
    if (refusal.code === 'REPOSITORY_FULL' && pair.repository && !pair.repository.fullReported && pair.snapshot === 'active') {
      const repo = pair.repository;
      if (repo.blockOfSlot.length >= repo.capacity) {
        repo.fullReported = true;
        ctx.fx.emit('REPOSITORY_FULL', { target: diskById(ctx.state, pair.targetId).name, used: repo.blockOfSlot.length, capacity: repo.capacity });
      }
    }
  }
  for (const block of blocks) ctx.fx.emit('WRITE_REJECTED', { disk: disk.name, block, reason: refusal.code });
  return refusal;
}
