/** Who may read or write a disk right now (SCENARIOS.md's check order for host I/O). */
import { checkBlock, diskByName, pairOfTarget, pairsOfSource } from './lookup.ts';
import { ok, refuse, type Outcome, type Refusal } from './outcome.ts';
import type { ArrayState, Disk } from './state.ts';

/** The disk a host may address, checked up to (not including) the per-block copy-on-write needs. */
export function hostAccess(state: ArrayState, name: string, blocks: readonly number[], forWrite: boolean): Outcome<Disk> {
  const found = diskByName(state, name);
  if (!found.ok) return found;
  const disk = found.value;
  if (disk.role === 'repository') {
    return refuse('INVALID_DISK', `${name} is a snapshot repository; hosts cannot read or write it`);
  }
  for (const block of blocks) {
    const inRange = checkBlock(disk, block);
    if (!inRange.ok) return inRange;
  }
  const refusal = stateRefusal(state, disk, forWrite);
  return refusal ?? ok(disk);
}

function stateRefusal(state: ArrayState, disk: Disk, forWrite: boolean): Refusal | null {
  if (disk.state === 'failed') return refuse('DISK_FAILED', `disk ${disk.name} has failed`);
  const asTarget = pairOfTarget(state, disk.id);
  if (asTarget && asTarget.status !== 'Completed') {
    return refuse('TARGET_BUSY', `${disk.name} is the target of a copy that is ${asTarget.status}; hosts cannot use it until the copy completes`);
  }
  if (!forWrite) return null;
  if (asTarget?.targetReadOnly) {
    return refuse('WRITE_PROTECTED', `${disk.name} is the read-only target of a completed copy`);
  }
  const offline = pairsOfSource(state, disk.id).find(
    (pair) => pair.type === 'offline' && (pair.status === 'Pending' || pair.status === 'InProgress' || pair.status === 'Failed'),
  );
  if (offline) {
    return refuse('WRITE_PROTECTED', `${disk.name} is the source of an offline copy that is ${offline.status}; it accepts reads only`);
  }
  return null;
}

/** MEDIA_ERROR when the block is marked unreadable. */
export function readableRefusal(disk: Disk, block: number): Refusal | null {
  return disk.unreadable.has(block) ? refuse('MEDIA_ERROR', `block ${block} of disk ${disk.name} is unreadable`) : null;
}
