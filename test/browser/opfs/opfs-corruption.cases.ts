/**
 * Per-block checksums of the OPFS store on the real OPFS: a byte flipped in a disk file (or in a
 * checksum file) is found on read with its disk and block named (readChecksums keeps giving the
 * sum stored with the block: damage is for reads to find), a commit that copies it is
 * refused, the engine answers MEDIA_ERROR and fails a copy instead of copying garbage, and a
 * version 1 store (no checksums, fixture) opens, gets its checksums, and survives a crash meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { CorruptBlockError } from '../../../src/core/corruption.ts';
import type { Kernel, StoreCommit } from '../../../src/core/ports.ts';
import { fromBase64 } from '../../../src/storage/opfs-codec.ts';
import { MetaSlots } from '../../../src/storage/opfs-checkpoint.ts';
import type { OpfsStore } from '../../../src/storage/opfs-store.ts';
import { disk, event, pattern, snapshot } from '../../storage.model.ts';
import type { CrashHarness } from './opfs-crash.cases.ts';
import { flipByte } from './flip-byte.ts';
import { opfsEngineCorruptionCases } from './opfs-engine-corruption.cases.ts';
import { LossyDirectory, type LossMode } from './lossy-files.ts';
import { V1_CHECKPOINTED, V1_JOURNALED } from './v1-commits.ts';
import { V1_FILES } from './v1-store.fixture.ts';

/** Store `name` with disk 1 (16 blocks of 64 bytes, 4 per extent) holding pattern(64, block + 1), and an empty disk 2. */
async function writtenStore(h: CrashHarness, name: string): Promise<OpfsStore> {
  const store = await h.open(name, { directory: await h.directory(name), blocksPerExtent: 4 });
  const ops = Array.from({ length: 16 }, (_, block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) }));
  await store.commit({ putDisks: [disk(1, 16, 64), disk(2, 16, 64)], ops });
  return store;
}

const reopen = async (h: CrashHarness, name: string): Promise<OpfsStore> => h.open(name, { directory: await h.directory(name) });

/** Store `name` after a byte of block `block` of disk 1 was flipped in `file` (the disk file by default). */
async function damagedStore(h: CrashHarness, name: string, block: number, file = 'disk-1.bin', at = block * 64 + 7): Promise<OpfsStore> {
  await (await writtenStore(h, name)).close();
  await flipByte(await h.directory(name), file, at);
  return reopen(h, name);
}

/** Writes the version 1 fixture's files into store `name`. */
async function writeV1(h: CrashHarness, name: string): Promise<void> {
  const dir = await h.directory(name);
  for (const [file, base64] of Object.entries(V1_FILES)) {
    const handle = await dir.open(file);
    handle.truncate(0);
    handle.write(fromBase64(base64), { at: 0 });
    handle.flush();
    handle.close();
  }
}

/** True when the store's newest checkpoint says every written block has a checksum (version 2). */
async function checkpointHasSums(h: CrashHarness, name: string): Promise<boolean> {
  const dir = await h.directory(name);
  const files = [await dir.open('meta-0'), await dir.open('meta-1')] as const;
  try {
    return new MetaSlots(files).read().meta.hasSums;
  } finally {
    for (const file of files) file.close();
  }
}

/** The kernel's checksum of one block's bytes. */
function checksumOf(kernel: Kernel, bytes: Uint8Array): number {
  const buffer = kernel.createBuffer(bytes.length);
  try {
    kernel.writeBytes(buffer, 0, bytes);
    return kernel.checksum(buffer, 0, bytes.length);
  } finally {
    kernel.freeBuffer(buffer);
  }
}

/** Registers the checksum cases. */
export function opfsCorruptionCases(kernel: Kernel, h: CrashHarness): void {
  describe('OpfsStore checksums', () => {
    it('refuses to read a block whose bytes changed in its disk file, naming disk and block; its neighbours read fine', async () => {
      const store = await damagedStore(h, h.freshName(), 5);
      const error = await store.readBlocks(1, 5, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptBlockError);
      expect(error).toMatchObject({ disk: 1, block: 5 });
      expect(String(error)).toMatch(/block 5 of disk 1 is damaged/);
      expect(await store.readBlocks(1, 0, 5)).toEqual(Uint8Array.from([1, 2, 3, 4, 5].flatMap((s) => [...pattern(64, s)])));
      expect(await store.readBlocks(1, 6, 10)).toEqual(Uint8Array.from([...Array(10).keys()].flatMap((i) => [...pattern(64, i + 7)])));
      await expect(store.readBlocks(1, 3, 4)).rejects.toMatchObject({ disk: 1, block: 5 });
      expect(await store.readBlocks(2, 0, 16)).toEqual(new Uint8Array(16 * 64));
    });

    it('gives the checksum stored with a block whose bytes changed in its disk file (the intended one), while readBlocks refuses it', async () => {
      const name = h.freshName();
      const store = await writtenStore(h, name);
      const intended = Array.from(await store.readChecksums(1, 0, 16));
      expect(intended).toEqual(Array.from({ length: 16 }, (_, b) => checksumOf(kernel, pattern(64, b + 1))));
      await store.close();
      await flipByte(await h.directory(name), 'disk-1.bin', 5 * 64 + 7);
      const again = await reopen(h, name);
      await expect(again.readBlocks(1, 5, 1)).rejects.toBeInstanceOf(CorruptBlockError);
      expect(Array.from(await again.readChecksums(1, 0, 16))).toEqual(intended);
      expect(Array.from(await again.readChecksums(2, 14, 2))).toEqual(Array(2).fill(checksumOf(kernel, new Uint8Array(64))));
    });

    it('reports the block as damaged when its checksum in the checksum file changed', async () => {
      const store = await damagedStore(h, h.freshName(), 9, 'disk-1.sum', 9 * 4 + 1);
      await expect(store.readBlocks(1, 8, 4)).rejects.toMatchObject({ name: 'CorruptBlockError', disk: 1, block: 9 });
      expect(await store.readBlocks(1, 10, 2)).toEqual(Uint8Array.from([...pattern(64, 11), ...pattern(64, 12)]));
    });

    it('refuses a commit that copies from a damaged block: nothing of it changes, before or after reopening', async () => {
      const name = h.freshName();
      const store = await damagedStore(h, name, 9);
      const state = async (s: OpfsStore): Promise<unknown> => [await s.load(), await s.readBlocks(2, 0, 16), await s.readBlocks(1, 0, 8), await s.readEvents(0, 9)];
      const before = await state(store);
      const commit: StoreCommit = {
        putRecords: [['progress', 12]],
        events: [event(0)],
        ops: [{ kind: 'write', disk: 2, block: 0, data: pattern(64, 99) }, { kind: 'copy', from: 1, fromBlock: 8, to: 2, toBlock: 8, count: 4 }],
      };
      await expect(store.commit(commit)).rejects.toMatchObject({ name: 'CorruptBlockError', disk: 1, block: 9 });
      expect(await state(store)).toEqual(before);
      await store.close();
      expect(await state(await reopen(h, name))).toEqual(before);
    });

    it('keeps a damaged block damaged when a neighbour in its extent is rewritten (also after reopening), and heals it when it is rewritten itself', async () => {
      const name = h.freshName();
      const store = await damagedStore(h, name, 9);
      await store.commit({ ops: [{ kind: 'write', disk: 1, block: 8, data: pattern(64, 50) }] });
      await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 10, to: 1, toBlock: 11, count: 1 }] });
      expect(await store.readBlocks(1, 8, 1)).toEqual(pattern(64, 50));
      expect(await store.readBlocks(1, 11, 1)).toEqual(pattern(64, 11));
      await expect(store.readBlocks(1, 9, 1)).rejects.toBeInstanceOf(CorruptBlockError);
      await store.close();
      const again = await reopen(h, name);
      await expect(again.readBlocks(1, 9, 1)).rejects.toMatchObject({ disk: 1, block: 9 });
      await again.commit({ ops: [{ kind: 'write', disk: 1, block: 9, data: pattern(64, 51) }] });
      expect(await again.readBlocks(1, 8, 2)).toEqual(Uint8Array.from([...pattern(64, 50), ...pattern(64, 51)]));
    });

    it('opens a version 1 store (no checksums), replays its old journal entries, adds the checksums, and then detects a flipped byte', async () => {
      const name = h.freshName();
      await writeV1(h, name);
      expect(await checkpointHasSums(h, name)).toBe(false);
      const model = h.makeModel();
      for (const commit of [...V1_CHECKPOINTED, ...V1_JOURNALED]) await model.commit(commit);
      const store = await reopen(h, name);
      const expected = await snapshot(model);
      expect(await snapshot(store)).toEqual(expected);
      await store.close();
      expect(await checkpointHasSums(h, name)).toBe(true);
      // Block 17 was written in place by a journaled version 1 entry; block 6 rewritten as redo data.
      await flipByte(await h.directory(name), 'disk-1.bin', 17 * 64 + 3);
      await flipByte(await h.directory(name), 'disk-1.bin', 6 * 64 + 60);
      const again = await reopen(h, name);
      await expect(again.readBlocks(1, 16, 4)).rejects.toMatchObject({ disk: 1, block: 17 });
      await expect(again.readBlocks(1, 4, 4)).rejects.toMatchObject({ disk: 1, block: 6 });
      expect(await again.readBlocks(2, 0, 8)).toEqual(await model.readBlocks(2, 0, 8));
    });

    for (const stage of ['checkpoint-flushed', 'checkpoint-torn'] as const) {
      for (const mode of ['lost', 'some'] satisfies LossMode[]) {
        it(`survives a crash in the migration's checkpoint (${stage}, unflushed writes ${mode}): still version 1, then migrated`, async () => {
          const name = h.freshName();
          await writeV1(h, name);
          const lossy = new LossyDirectory(await h.directory(name));
          let seen = 0;
          // The first checkpoint ends the journal replay; the second is the migration's.
          const crashAt = (s: string): boolean => {
            if (s !== stage || ++seen < 2) return false;
            lossy.dying = true;
            return true;
          };
          await expect(h.open(name, { directory: lossy, crashAt })).rejects.toThrow(`simulated crash after ${stage}`);
          await lossy.crash(mode, 11);
          expect(await checkpointHasSums(h, name)).toBe(false);
          const model = h.makeModel();
          for (const commit of [...V1_CHECKPOINTED, ...V1_JOURNALED]) await model.commit(commit);
          const store = await reopen(h, name);
          expect(await snapshot(store)).toEqual(await snapshot(model));
          await store.close();
          expect(await checkpointHasSums(h, name)).toBe(true);
        });
      }
    }
  });

  opfsEngineCorruptionCases(kernel, h);
}
