/**
 * A read of the OPFS store: written blocks come from the disk file through the arena, in chunks
 * of about 1 MiB, and each is checked against its stored sum before it is handed out; blocks
 * never written read as the disk's fill. A read of checksums takes the stored sums alone.
 */
import { checkRead } from './commit-check.ts';
import { extentRuns, fillInto } from './extent-layout.ts';
import { fillChecksums } from './fill-checksums.ts';
import type { OpfsState } from './opfs-apply.ts';
import { readExactly, type SyncFile } from './opfs-files.ts';
import { readSums, verifyBlocks } from './opfs-sums.ts';

const CHUNK_BYTES = 1 << 20;

/** `count` blocks of `disk` from `first`; CorruptBlockError for the first written block whose sum does not match. */
export async function readVerified(state: OpfsState, disk: number, first: number, count: number): Promise<Uint8Array> {
  const { meta, data, sums } = state;
  const layout = checkRead(disk, meta.disks.get(disk)?.layout, first, count);
  const size = layout.blockSize;
  const out = new Uint8Array(count * size);
  const runs = extentRuns(layout, first, count);
  const written = runs.map((run) => meta.isWritten(disk, run.extent));
  const file = written.includes(true) ? await data.ensure(disk) : undefined;
  const sumFile = file === undefined ? undefined : await sums.ensure(disk);
  for (let i = 0; i < runs.length; ) {
    const run = runs[i]!;
    if (!written[i] || file === undefined || sumFile === undefined) {
      fillInto(out, run.index * size, layout.fill, first + run.index, run.count, size);
      i++;
      continue;
    }
    let blocks = 0;
    for (; i < runs.length && written[i]; i++) blocks += runs[i]!.count;
    const target = { file, sumFile, disk, size };
    readChunks(state, target, out.subarray(run.index * size, (run.index + blocks) * size), first + run.index);
  }
  return out;
}

/**
 * The checksums of `count` blocks of `disk` from `first`: a written extent's from the disk's sum
 * file (written with its bytes, so the intended ones even if the bytes rotted since), the others
 * those of the fill. The disk file is not read.
 */
export async function readStoredSums(state: OpfsState, disk: number, first: number, count: number): Promise<Uint32Array> {
  const { meta, sums } = state;
  const layout = checkRead(disk, meta.disks.get(disk)?.layout, first, count);
  const out = new Uint32Array(count);
  const runs = extentRuns(layout, first, count);
  const written = runs.map((run) => meta.isWritten(disk, run.extent));
  const sumFile = written.includes(true) ? await sums.ensure(disk) : undefined;
  for (let i = 0; i < runs.length; ) {
    const run = runs[i]!;
    if (!written[i] || sumFile === undefined) {
      fillChecksums(state.kernel).fillInto(out, run.index, layout.fill, first + run.index, run.count, layout.blockSize);
      i++;
      continue;
    }
    let blocks = 0;
    for (; i < runs.length && written[i]; i++) blocks += runs[i]!.count;
    out.set(readSums(sumFile, first + run.index, blocks), run.index);
  }
  return out;
}

interface ReadTarget {
  file: SyncFile;
  sumFile: SyncFile;
  disk: number;
  size: number;
}

/** Fills `out` with the blocks from `block` on, reading and verifying them in the arena chunk by chunk. */
function readChunks(state: OpfsState, { file, sumFile, disk, size }: ReadTarget, out: Uint8Array, block: number): void {
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / size));
  const arena = state.arena.ensure(Math.min(out.length, perChunk * size));
  for (let done = 0; done < out.length / size; done += perChunk) {
    const n = Math.min(perChunk, out.length / size - done);
    const view = state.kernel.bufferView(arena).subarray(0, n * size);
    readExactly(file, view, (block + done) * size);
    verifyBlocks(state.kernel, arena, 0, size, readSums(sumFile, block + done, n), disk, block + done);
    out.set(state.kernel.bufferView(arena).subarray(0, n * size), done * size);
  }
}
