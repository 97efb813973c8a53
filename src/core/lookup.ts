/** Finding disks and pairs by the names learners use, and the relations between them. */
import { ok, refuse, type Outcome } from './outcome.ts';
import type { ArrayState, Disk, Pair } from './state.ts';

/** The disk called `name`, or NO_SUCH_DISK. */
export function diskByName(state: ArrayState, name: string): Outcome<Disk> {
  const id = state.diskIdByName.get(name);
  const disk = id === undefined ? undefined : state.disks.get(id);
  return disk ? ok(disk) : refuse('NO_SUCH_DISK', `there is no disk named ${name}`);
}

/** The disk with id `id`; a missing one is a bug. */
export function diskById(state: ArrayState, id: number): Disk {
  const disk = state.disks.get(id);
  if (!disk) throw new Error(`internal: disk id ${id} is missing`);
  return disk;
}

/**
 * The pair whose target is the disk called `target`; when `target` is left out, the only pair
 * there is. NO_SUCH_COPY otherwise.
 */
export function pairByTarget(state: ArrayState, target: string | undefined): Outcome<Pair> {
  if (target === undefined) {
    if (state.pairs.size === 1) return ok([...state.pairs.values()][0]!);
    return refuse('NO_SUCH_COPY', `no target was named and there are ${state.pairs.size} copy pairs, not exactly one`);
  }
  const id = state.diskIdByName.get(target);
  const pair = id === undefined ? undefined : pairOfTarget(state, id);
  return pair ? ok(pair) : refuse('NO_SUCH_COPY', `there is no copy pair with target ${target}`);
}

/** The pair whose target is disk `diskId`, if any (a disk is the target of at most one pair). */
export function pairOfTarget(state: ArrayState, diskId: number): Pair | undefined {
  for (const pair of state.pairs.values()) if (pair.targetId === diskId) return pair;
  return undefined;
}

/** The pair that owns repository disk `diskId`, if any. */
export function pairOfRepository(state: ArrayState, diskId: number): Pair | undefined {
  for (const pair of state.pairs.values()) if (pair.repository?.diskId === diskId) return pair;
  return undefined;
}

/** Pairs whose source is disk `diskId`, in creation order. */
export function pairsOfSource(state: ArrayState, diskId: number): Pair[] {
  return [...state.pairs.values()].filter((pair) => pair.sourceId === diskId);
}

/** Number of pairs In Progress. */
export function inProgressCount(state: ArrayState): number {
  let count = 0;
  for (const pair of state.pairs.values()) if (pair.status === 'InProgress') count++;
  return count;
}

/** The name of a pair's target, which names the pair in events and steps. */
export function targetName(state: ArrayState, pair: Pair): string {
  return diskById(state, pair.targetId).name;
}

/** True when the disk takes part in a pair as source, target or repository. */
export function diskInPair(state: ArrayState, diskId: number): boolean {
  for (const pair of state.pairs.values()) {
    if (pair.sourceId === diskId || pair.targetId === diskId || pair.repository?.diskId === diskId) return true;
  }
  return false;
}

/** BLOCK_OUT_OF_RANGE unless 0 <= block < disk.blocks. */
export function checkBlock(disk: Disk, block: number): Outcome<number> {
  if (!Number.isInteger(block) || block < 0 || block >= disk.blocks) {
    return refuse('BLOCK_OUT_OF_RANGE', `block ${block} is past the end of disk ${disk.name} (${disk.blocks} blocks)`);
  }
  return ok(block);
}
