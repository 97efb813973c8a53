/**
 * The scrub: reads every block of every disk once, so that a block whose stored checksum fails is
 * found (and marked unreadable by the engine's read path) even if nothing reads it. Run after open.
 */
import { rawRead, type ReadContext } from './reads.ts';
import type { Outcome } from './outcome.ts';

/** What a scrub needs: a queued read (damaged blocks come back as MEDIA_ERROR) and the disks. */
export interface ScrubTarget {
  read(read: (r: ReadContext) => Promise<Outcome<Uint8Array>>): Promise<Outcome<Uint8Array>>;
  disks(): ReadonlyArray<{ name: string; blocks: number; blockSize: number }>;
}

/** Blocks per scrub read: about 4 MiB, one queued read at a time so host I/O interleaves. */
const SCRUB_BYTES = 4 * 2 ** 20;

/** Reads every block once; returns how many were found damaged (now marked unreadable). */
export async function scrub(target: ScrubTarget): Promise<number> {
  let damaged = 0;
  for (const disk of target.disks()) {
    const batch = Math.max(1, Math.floor(SCRUB_BYTES / disk.blockSize));
    for (let first = 0; first < disk.blocks; first += batch) {
      const count = Math.min(batch, disk.blocks - first);
      const whole = await target.read((r) => rawRead(r, disk.name, first, count));
      if (whole.ok || whole.code === 'NO_SUCH_DISK') continue;
      // A batch failed: read block by block, so every damaged block in it is found and marked.
      for (let block = first; block < first + count; block++) {
        const one = await target.read((r) => rawRead(r, disk.name, block, 1));
        if (!one.ok && one.code === 'MEDIA_ERROR') damaged++;
      }
    }
  }
  return damaged;
}
