/** The read side of the engine: host reads, raw reads, the copier's view, checksums. No state changes. */
import { hostAccess, readableRefusal } from './host-access.ts';
import { pairByTarget } from './lookup.ts';
import { ok, refuse, type Outcome } from './outcome.ts';
import type { BlockStore, Kernel } from './ports.ts';
import type { ArrayState, Disk } from './state.ts';

/** What a read needs: the state, the kernel and the store. */
export interface ReadContext {
  state: ArrayState;
  kernel: Kernel;
  store: BlockStore;
}

/** A host read of one block, with the host rules (busy target, failed disk, unreadable block). */
export async function hostRead(r: ReadContext, name: string, block: number): Promise<Outcome<Uint8Array>> {
  const access = hostAccess(r.state, name, [block], false);
  if (!access.ok) return access;
  const unreadable = readableRefusal(access.value, block);
  if (unreadable) return unreadable;
  return ok(await r.store.readBlocks(access.value.id, block, 1));
}

/** The disk called `name` and a checked range of its blocks. */
function diskRange(state: ArrayState, name: string, first: number, count: number): Outcome<Disk> {
  const disk = state.disks.get(state.diskIdByName.get(name) ?? -1);
  if (!disk) return refuse('NO_SUCH_DISK', `there is no disk named ${name}`);
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 0 || first + count > disk.blocks) {
    return refuse('BLOCK_OUT_OF_RANGE', `blocks ${first} to ${first + count - 1} are outside disk ${name} (${disk.blocks} blocks)`);
  }
  return ok(disk);
}

/** Raw blocks of any disk (no host rules apply). */
export async function rawRead(r: ReadContext, name: string, first: number, count: number): Promise<Outcome<Uint8Array>> {
  const disk = diskRange(r.state, name, first, count);
  return disk.ok ? ok(await r.store.readBlocks(disk.value.id, first, count)) : disk;
}

/**
 * Blocks as the copier of a pair reads them now: for an active online copy, the snapshot view
 * (a preserved block from its repository slot, any other from the source); else the source.
 */
export async function copySourceRead(r: ReadContext, target: string | undefined, first: number, count: number): Promise<Outcome<Uint8Array>> {
  const found = pairByTarget(r.state, target);
  if (!found.ok) return found;
  const pair = found.value;
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > pair.total) {
    return refuse('BLOCK_OUT_OF_RANGE', `blocks ${first} to ${first + count - 1} are outside the copy (${pair.total} blocks)`);
  }
  const source = r.state.disks.get(pair.sourceId)!;
  const bytes = await r.store.readBlocks(source.id, first, count);
  const repo = pair.repository;
  if (pair.snapshot !== 'active' || !repo) return ok(bytes);
  for (let block = r.kernel.findNextSet(repo.preserved, first); block >= 0 && block < first + count; block = r.kernel.findNextSet(repo.preserved, block + 1)) {
    bytes.set(await r.store.readBlocks(repo.diskId, repo.slotOfBlock.get(block)!, 1), (block - first) * source.blockSize);
  }
  return ok(bytes);
}

/**
 * xxHash32 of each of `count` blocks of a disk from `first`, as the store keeps them: the sums it
 * wrote with the blocks in the same commit (no block is read or hashed again), the fill's for
 * never-written blocks. A block damaged at rest gives its intended sum; reads and the scrub find it.
 */
export async function checksumRead(r: ReadContext, name: string, first: number, count: number): Promise<Outcome<Uint32Array>> {
  const disk = diskRange(r.state, name, first, count);
  return disk.ok ? ok(await r.store.readChecksums(disk.value.id, first, count)) : disk;
}
