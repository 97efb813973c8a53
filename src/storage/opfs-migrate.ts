/**
 * Version 1 → 2 of the OPFS store: stores written before it kept per-block checksums (no version
 * marker in their checkpoint, or journal entries without sums) get them on their first open, after
 * the journal was replayed: the sum of every written block is computed from what is on disk,
 * written to the checksum files, and a version 2 checkpoint flushes them. A crash before that
 * checkpoint leaves the version 1 one, so the next open starts the migration over. A block that
 * was already damaged before the migration cannot be told apart: its sum is taken as it is.
 */
import { checksumBuffer } from './block-sums.ts';
import { extentBlocks, extentFirstBlock, extentCount } from './extent-layout.ts';
import { checkpoint, type OpfsState } from './opfs-apply.ts';
import { readExactly } from './opfs-files.ts';
import { writeSums } from './opfs-sums.ts';

const CHUNK_BYTES = 1 << 20;

/** Computes the sums of every written block of every disk, then checkpoints the store as version 2. */
export async function addChecksums(state: OpfsState): Promise<void> {
  for (const [id, disk] of state.meta.disks) {
    const { layout } = disk;
    const extents = extentCount(layout);
    for (let e = 0; e < extents; ) {
      if (!state.meta.isWritten(id, e)) {
        e++;
        continue;
      }
      let end = e + 1;
      while (end < extents && state.meta.isWritten(id, end)) end++;
      const first = extentFirstBlock(layout, e);
      const blocks = extentFirstBlock(layout, end - 1) + extentBlocks(layout, end - 1) - first;
      await sumBlocks(state, id, first, blocks, layout.blockSize);
      e = end;
    }
  }
  state.meta.hasSums = true;
  checkpoint(state);
}

/** Writes the sums of blocks [first, first + blocks) of a disk, computed chunk by chunk in the arena. */
async function sumBlocks(state: OpfsState, disk: number, first: number, blocks: number, size: number): Promise<void> {
  const file = await state.data.ensure(disk);
  await state.sums.ensure(disk);
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / size));
  const arena = state.arena.ensure(Math.min(blocks, perChunk) * size);
  for (let done = 0; done < blocks; done += perChunk) {
    const n = Math.min(perChunk, blocks - done);
    readExactly(file, state.kernel.bufferView(arena).subarray(0, n * size), (first + done) * size);
    writeSums(state.sums.forWrite(disk), first + done, checksumBuffer(state.kernel, arena, 0, n, size));
  }
}
