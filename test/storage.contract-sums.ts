/**
 * The readChecksums part of the BlockStore contract (registered by storage.contract.ts, so every
 * store runs it: memory, IndexedDB, OPFS in Chromium): the sums a store gives equal the kernel's
 * xxHash32 of the bytes readBlocks returns, for written, copied, rewritten and never-written blocks.
 */
import { describe, expect, it } from 'vitest';
import type { BlockStore } from '../src/core/ports.ts';
import type { Fill } from '../src/core/vocabulary.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import type { MakeStore } from './storage.contract.ts';
import { concat, disk, expectedFill, pattern } from './storage.model.ts';

const kernel = new ReferenceKernel();

/** xxHash32 of each block of `bytes`, by the reference kernel. */
function sumsOf(bytes: Uint8Array, blockSize: number): Uint32Array {
  const buffer = kernel.createBuffer(Math.max(bytes.length, 1));
  try {
    kernel.writeBytes(buffer, 0, bytes);
    return Uint32Array.from({ length: bytes.length / blockSize }, (_, b) => kernel.checksum(buffer, b * blockSize, blockSize));
  } finally {
    kernel.freeBuffer(buffer);
  }
}

/** Expects the store's sums of blocks [first, first + count) to be those of what readBlocks returns for them. */
async function expectSumsOfReads(store: BlockStore, id: number, first: number, count: number, blockSize: number): Promise<Uint32Array> {
  const sums = await store.readChecksums(id, first, count);
  expect(sums).toBeInstanceOf(Uint32Array);
  expect(Array.from(sums)).toEqual(Array.from(sumsOf(await store.readBlocks(id, first, count), blockSize)));
  return sums;
}

const FILLS: Fill[] = [{ kind: 'zero' }, { kind: 'index' }, { kind: 'byte', value: 0xa5 }];

/** Registers the readChecksums cases inside a store's contract. */
export function checksumContract(makeStore: MakeStore): void {
  describe('readChecksums gives the stored checksums', () => {
    for (const fill of FILLS) {
      it(`of never-written blocks: the ${fill.kind} fill's, for every block of a 300-block disk with a partial last extent`, async () => {
        const { store } = await makeStore({ blocksPerExtent: 8 });
        await store.commit({ putDisks: [disk(1, 300, 16, fill), disk(2, 5, 512, fill)] });
        const expected = concat(Array.from({ length: 300 }, (_, b) => expectedFill(fill, b, 16)));
        expect(Array.from(await expectSumsOfReads(store, 1, 0, 300, 16))).toEqual(Array.from(sumsOf(expected, 16)));
        expect(Array.from(await store.readChecksums(1, 290, 10))).toEqual(Array.from(sumsOf(expected.subarray(290 * 16), 16)));
        await expectSumsOfReads(store, 2, 1, 4, 512);
      });
    }

    it('of written blocks, across extent boundaries and in the partial last extent, beside never-written ones', async () => {
      const { store } = await makeStore({ blocksPerExtent: 4 });
      await store.commit({
        putDisks: [disk(1, 14, 64, { kind: 'index' })],
        ops: [3, 4, 5, 9, 13].map((block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) })),
      });
      const sums = await expectSumsOfReads(store, 1, 0, 14, 64);
      expect(sums[4]).toBe(sumsOf(pattern(64, 5), 64)[0]);
      expect(sums[7]).toBe(sumsOf(expectedFill({ kind: 'index' }, 7, 64), 64)[0]);
      for (const [first, count] of [[2, 5], [12, 2], [13, 1], [5, 0], [14, 0]] as const) {
        expect(Array.from(await expectSumsOfReads(store, 1, first, count, 64))).toEqual(Array.from(sums.subarray(first, first + count)));
      }
    });

    it('after a rewrite: the newest data\'s', async () => {
      const { store } = await makeStore({ blocksPerExtent: 4 });
      await store.commit({ putDisks: [disk(1, 8, 32)], ops: [{ kind: 'write', disk: 1, block: 5, data: pattern(32, 1) }] });
      await store.commit({ ops: [{ kind: 'write', disk: 1, block: 5, data: pattern(32, 2) }] });
      expect((await expectSumsOfReads(store, 1, 0, 8, 32))[5]).toBe(sumsOf(pattern(32, 2), 32)[0]);
    });

    it('after copies between disks that bring written blocks and the source fill', async () => {
      const { store } = await makeStore({ blocksPerExtent: 4 });
      await store.commit({ putDisks: [disk(1, 20, 8, { kind: 'index' }), disk(2, 20, 8, { kind: 'byte', value: 3 })] });
      await store.commit({ ops: [{ kind: 'write', disk: 1, block: 6, data: pattern(8, 3) }] });
      await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 2, to: 2, toBlock: 7, count: 10 }] });
      const sums = await expectSumsOfReads(store, 2, 0, 20, 8);
      expect(sums[11]).toBe(sumsOf(pattern(8, 3), 8)[0]);
      expect(sums[7]).toBe(sumsOf(expectedFill({ kind: 'index' }, 2, 8), 8)[0]);
      expect(sums[17]).toBe(sumsOf(expectedFill({ kind: 'byte', value: 3 }, 17, 8), 8)[0]);
    });

    for (const [fromBlock, toBlock] of [[1, 3], [3, 1]] as const) {
      it(`after an overlapping copy inside one disk (${fromBlock} -> ${toBlock}), in the same commit as writes`, async () => {
        const { store } = await makeStore({ blocksPerExtent: 2 });
        const blocks = Array.from({ length: 9 }, (_, b) => pattern(4, b + 1));
        await store.commit({ putDisks: [disk(1, 9, 4)], ops: blocks.map((data, block) => ({ kind: 'write' as const, disk: 1, block, data })) });
        await store.commit({
          ops: [
            { kind: 'copy', from: 1, fromBlock, to: 1, toBlock, count: 5 },
            { kind: 'write', disk: 1, block: 8, data: pattern(4, 20) },
          ],
        });
        const expected = blocks.slice();
        expected.splice(toBlock, 5, ...blocks.slice(fromBlock, fromBlock + 5));
        expected[8] = pattern(4, 20);
        expect(Array.from(await expectSumsOfReads(store, 1, 0, 9, 4))).toEqual(Array.from(sumsOf(concat(expected), 4)));
      });
    }

    it('refuses unknown disks and ranges past the end, as readBlocks does', async () => {
      const { store } = await makeStore({ blocksPerExtent: 4 });
      await store.commit({ putDisks: [disk(1, 10, 16)] });
      expect(await store.readChecksums(1, 10, 0)).toEqual(new Uint32Array(0));
      for (const [id, first, count] of [[2, 0, 1], [1, 8, 3], [1, -1, 1], [1, 0, 1.5], [1, 0, -1]] as const) {
        const message = await store.readBlocks(id, first, count).then(() => 'read', (e: unknown) => String(e));
        expect(message).toMatch(/unknown disk|out of range/);
        await expect(store.readChecksums(id, first, count)).rejects.toThrow(message.replace(/^Error: /, ''));
      }
    });

    it('reopened, gives the same sums', async (context) => {
      const { store, reopen } = await makeStore({ blocksPerExtent: 3 });
      if (reopen === undefined) return context.skip();
      await store.commit({
        putDisks: [disk(1, 7, 64, { kind: 'index' })],
        ops: [{ kind: 'write', disk: 1, block: 3, data: pattern(64, 1) }, { kind: 'copy', from: 1, fromBlock: 3, to: 1, toBlock: 6, count: 1 }],
      });
      const before = await expectSumsOfReads(store, 1, 0, 7, 64);
      await store.close();
      const again = await reopen();
      expect(Array.from(await expectSumsOfReads(again, 1, 0, 7, 64))).toEqual(Array.from(before));
      await again.close();
    });
  });
}
