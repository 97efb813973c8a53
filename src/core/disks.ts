/** Rules for the disks themselves: create, delete, state, unreadable blocks. */
import type { Ctx } from './context.ts';
import { checkNewDisk } from './limits.ts';
import { checkBlock, diskByName, diskInPair } from './lookup.ts';
import { done, ok, refuse, type Outcome } from './outcome.ts';
import type { Disk } from './state.ts';
import { DISK_STATES, isOneOf, type DiskState, type Fill } from './vocabulary.ts';
import type { DiskRole } from './ports.ts';

/** Parameters of a new standard disk. */
export interface NewDisk {
  name: string;
  blocks: number;
  blockSize: number;
  fill: Fill;
}

/** Adds a standard disk; INVALID_ARGUMENT for bad parameters or a name in use. */
export function createDisk(ctx: Ctx, spec: NewDisk): Outcome<Disk> {
  const valid = checkNewDisk(spec.name, spec.blocks, spec.blockSize, spec.fill);
  if (!valid.ok) return valid;
  if (ctx.state.diskIdByName.has(spec.name)) return refuse('INVALID_ARGUMENT', `a disk named ${spec.name} already exists`);
  return ok(addDisk(ctx, spec, 'standard'));
}

/** Adds a disk without checks (repositories get generated names). */
export function addDisk(ctx: Ctx, spec: NewDisk, role: DiskRole): Disk {
  const { state, fx } = ctx;
  // Only the spec's own fields: a caller's extra keys must never override id, role or state.
  const disk: Disk = {
    id: state.nextDiskId++,
    name: spec.name,
    role,
    blocks: spec.blocks,
    blockSize: spec.blockSize,
    fill: copyFill(spec.fill),
    state: 'optimal',
    unreadable: new Set(),
  };
  state.disks.set(disk.id, disk);
  state.diskIdByName.set(disk.name, disk.id);
  fx.dirtyDisks.add(disk.id);
  fx.arrayDirty = true;
  return disk;
}

function copyFill(fill: Fill): Fill {
  return fill.kind === 'byte' ? { kind: 'byte', value: fill.value } : { kind: fill.kind };
}

/** Removes a disk and its data; NOT_ALLOWED while it takes part in a pair. */
export function deleteDisk(ctx: Ctx, name: string): Outcome {
  const found = diskByName(ctx.state, name);
  if (!found.ok) return found;
  if (diskInPair(ctx.state, found.value.id)) {
    return refuse('NOT_ALLOWED', `disk ${name} takes part in a copy pair; remove the pair first`);
  }
  dropDisk(ctx, found.value);
  return done;
}

/** Removes a disk without checks. */
export function dropDisk(ctx: Ctx, disk: Disk): void {
  ctx.state.disks.delete(disk.id);
  ctx.state.diskIdByName.delete(disk.name);
  ctx.fx.dirtyDisks.delete(disk.id);
  ctx.fx.deletedDisks.add(disk.id);
}

/** Sets a disk's state (optimal, degraded, failed). */
export function setDiskState(ctx: Ctx, name: string, value: string): Outcome {
  const found = diskByName(ctx.state, name);
  if (!found.ok) return found;
  if (!isOneOf<DiskState>(DISK_STATES, value)) {
    return refuse('INVALID_ARGUMENT', `"${value}" is not a disk state: use ${DISK_STATES.join(', ')}`);
  }
  found.value.state = value;
  ctx.fx.dirtyDisks.add(found.value.id);
  return done;
}

/** Marks a block unreadable (reads of it give MEDIA_ERROR) or readable again. */
export function markBlock(ctx: Ctx, name: string, block: number, unreadable: boolean): Outcome {
  const found = diskByName(ctx.state, name);
  if (!found.ok) return found;
  const inRange = checkBlock(found.value, block);
  if (!inRange.ok) return inRange;
  if (unreadable) found.value.unreadable.add(block);
  else found.value.unreadable.delete(block);
  ctx.fx.dirtyDisks.add(found.value.id);
  return done;
}

/**
 * Loads content onto a disk that takes part in no pair (a picture, a text), in one commit:
 * `bytes` holds whole blocks from block 0 on. Not a host write: nothing protects or counts it.
 */
export function loadContent(ctx: Ctx, name: string, bytes: Uint8Array): Outcome {
  const found = diskByName(ctx.state, name);
  if (!found.ok) return found;
  const disk = found.value;
  if (disk.role !== 'standard') return refuse('INVALID_DISK', `${name} is a snapshot repository`);
  if (diskInPair(ctx.state, disk.id)) return refuse('NOT_ALLOWED', `disk ${name} takes part in a copy pair; load content before creating the copy`);
  if (bytes.length === 0 || bytes.length % disk.blockSize !== 0 || bytes.length / disk.blockSize > disk.blocks) {
    return refuse('INVALID_ARGUMENT', `content of ${bytes.length} bytes is not 1 to ${disk.blocks} whole blocks of ${disk.blockSize} bytes`);
  }
  for (let block = 0; block < bytes.length / disk.blockSize; block++) {
    ctx.fx.op({ kind: 'write', disk: disk.id, block, data: bytes.slice(block * disk.blockSize, (block + 1) * disk.blockSize) });
  }
  return done;
}
