/**
 * Per-block checksums of the OPFS store: the kernel's xxHash32 of every written block, in one
 * checksum file per disk (block b's sum at 4 * b, little-endian). They change only as the blocks
 * do: a journal entry carries the sums of the extents it writes and `applyDelta` writes them with
 * the bytes, a checkpoint flushes both, and replay rewrites both, so after a crash at any stage a
 * block and its sum agree. Every read and every block a commit copies is checked against them.
 */
import { CorruptBlockError } from '../core/corruption.ts';
import type { BufferId, Kernel } from '../core/ports.ts';
import { checksumBuffer } from './block-sums.ts';
import { fromBase64, toBase64 } from './opfs-codec.ts';
import { writeAll, type SyncFile } from './opfs-files.ts';

/** File name of a disk's checksums. */
export function sumFileName(disk: number): string {
  return `disk-${disk}.sum`;
}

/** Sums as the text a journal entry keeps (base64 of their little-endian bytes). */
export function encodeSums(sums: Uint32Array): string {
  return toBase64(sumBytes(sums));
}

/** The sums `encodeSums` encoded. */
export function decodeSums(text: string): Uint32Array {
  const bytes = fromBase64(text);
  return readSumBytes(bytes, bytes.length >> 2);
}

/** The stored sums of blocks [first, first + count); a sum the file lacks reads as 0 (so its block fails the check). */
export function readSums(file: SyncFile, first: number, count: number): Uint32Array {
  const bytes = new Uint8Array(count * 4);
  for (let done = 0; done < bytes.length; ) {
    const n = file.read(bytes.subarray(done), { at: first * 4 + done });
    if (n <= 0) break;
    done += n;
  }
  return readSumBytes(bytes, count);
}

/** Writes the sums of blocks from `first` (not flushed: the caller decides); `tear` writes half (crash tests). */
export function writeSums(file: SyncFile, first: number, sums: Uint32Array, tear = false): void {
  const bytes = sumBytes(sums);
  writeAll(file, tear ? bytes.subarray(0, bytes.length >> 1) : bytes, first * 4);
}

/**
 * Checks `count` blocks in a kernel buffer from `offset` (blocks `firstBlock`... of `disk`) against
 * `sums`; throws CorruptBlockError naming the first block that does not match.
 */
export function verifyBlocks(kernel: Kernel, buffer: BufferId, offset: number, blockSize: number, sums: Uint32Array, disk: number, firstBlock: number): void {
  const actual = checksumBuffer(kernel, buffer, offset, sums.length, blockSize);
  for (let b = 0; b < sums.length; b++) {
    if (actual[b] !== sums[b]) throw new CorruptBlockError(disk, firstBlock + b);
  }
}

function sumBytes(sums: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(sums.length * 4);
  const fields = new DataView(bytes.buffer);
  sums.forEach((sum, i) => fields.setUint32(i * 4, sum, true));
  return bytes;
}

function readSumBytes(bytes: Uint8Array, count: number): Uint32Array {
  const fields = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sums = new Uint32Array(count);
  for (let i = 0; i < count; i++) sums[i] = fields.getUint32(i * 4, true);
  return sums;
}
