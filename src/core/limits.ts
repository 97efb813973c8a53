/** Limits on names and sizes shared by the core, the scenario format and the UI. */
import { ok, refuse, type Outcome } from './outcome.ts';
import type { Fill } from './vocabulary.ts';

/** Largest disk: 1 GiB. */
export const MAX_DISK_BYTES = 2 ** 30;
export const MIN_BLOCK_SIZE = 512;
export const MAX_BLOCK_SIZE = 65536;
export const DEFAULT_BLOCK_SIZE = 4096;
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,30}$/;

/** Why `name` is not a valid disk name, or null when it is. */
export function nameProblem(name: string): string | null {
  if (typeof name !== 'string') return 'a disk name must be text';
  return NAME_PATTERN.test(name) ? null : `"${name}" is not a disk name: use 1 to 30 letters, digits, - or _`;
}

/** Why `size` is not a valid block size, or null when it is. */
export function blockSizeProblem(size: number): string | null {
  const power = Number.isInteger(size) && size >= MIN_BLOCK_SIZE && size <= MAX_BLOCK_SIZE && (size & (size - 1)) === 0;
  return power ? null : `${size} is not a block size: use a power of two from 512 to 65536`;
}

/** Why `blocks` blocks of `blockSize` bytes are not a valid disk size, or null. */
export function diskSizeProblem(blocks: number, blockSize: number): string | null {
  if (!Number.isInteger(blocks) || blocks < 1) return `${blocks} is not a number of blocks: use an integer of at least 1`;
  if (blocks * blockSize > MAX_DISK_BYTES) {
    return `${blocks} blocks of ${blockSize} bytes exceed the 1 GiB limit of a disk (at most ${MAX_DISK_BYTES / blockSize} blocks)`;
  }
  return null;
}

/** Why `fill` is not a valid fill, or null. */
export function fillProblem(fill: Fill): string | null {
  if (typeof fill !== 'object' || fill === null || !['zero', 'index', 'byte'].includes(fill.kind)) return 'a fill is zero, index or a byte';
  if (fill.kind !== 'byte') return null;
  return Number.isInteger(fill.value) && fill.value >= 0 && fill.value <= 255 ? null : `${fill.value} is not a byte (0 to 255)`;
}

/** The first problem of a new disk's parameters as INVALID_ARGUMENT, or success. */
export function checkNewDisk(name: string, blocks: number, blockSize: number, fill: Fill): Outcome<undefined> {
  const problem = nameProblem(name) ?? blockSizeProblem(blockSize) ?? diskSizeProblem(blocks, blockSize) ?? fillProblem(fill);
  return problem ? refuse('INVALID_ARGUMENT', problem) : ok(undefined);
}
