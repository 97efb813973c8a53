/**
 * Per-block checksums (the kernel's xxHash32) of stored extents: computed when an extent is
 * written, verified for every block a read or a commit uses.
 */
import { CorruptBlockError } from '../core/corruption.ts';
import type { BufferId, Kernel } from '../core/ports.ts';
import type { BufferSource } from './extent-stage.ts';

/** The checksum of each of `blocks` blocks of a kernel buffer, from byte `offset`. */
export function checksumBuffer(kernel: Kernel, buffer: BufferId, offset: number, blocks: number, blockSize: number): Uint32Array {
  const sums = new Uint32Array(blocks);
  for (let b = 0; b < blocks; b++) sums[b] = kernel.checksum(buffer, offset + b * blockSize, blockSize);
  return sums;
}

/** The checksum of each block of `bytes` (whole blocks), computed in a borrowed kernel buffer. */
export function checksumBytes(kernel: Kernel, buffers: BufferSource, bytes: Uint8Array, blockSize: number): Uint32Array {
  const buffer = buffers.acquire(bytes.length);
  try {
    kernel.writeBytes(buffer, 0, bytes);
    return checksumBuffer(kernel, buffer, 0, bytes.length / blockSize, blockSize);
  } finally {
    buffers.release(buffer);
  }
}

/** Where some blocks of one stored extent are, to check them against their stored sums. */
export interface StoredBlocks {
  disk: number;
  /** Block index (on the disk) of the extent's first block. */
  firstBlock: number;
  blockSize: number;
  sums: Uint32Array;
}

/**
 * Throws CorruptBlockError for the first of blocks [from, from + count) of the extent whose bytes
 * (in `buffer`, extent-relative) do not match their stored checksum.
 */
export function verifyBuffer(kernel: Kernel, buffer: BufferId, at: StoredBlocks, from: number, count: number): void {
  for (let b = from; b < from + count; b++) {
    const expected = at.sums[b];
    if (expected === undefined || kernel.checksum(buffer, b * at.blockSize, at.blockSize) !== expected) {
      throw new CorruptBlockError(at.disk, at.firstBlock + b);
    }
  }
}

/** Like verifyBuffer, for bytes outside the kernel (copied into a borrowed buffer first). */
export function verifyBytes(
  kernel: Kernel,
  buffers: BufferSource,
  bytes: Uint8Array,
  at: StoredBlocks,
  from: number,
  count: number,
): void {
  const buffer = buffers.acquire(bytes.length);
  try {
    kernel.writeBytes(buffer, 0, bytes);
    verifyBuffer(kernel, buffer, at, from, count);
  } finally {
    buffers.release(buffer);
  }
}
