/**
 * The BlockStore contract as a suite every store runs (storage.contract.test.ts): fills, block
 * ops in order within a commit, records, events, atomicity, deleting disks, reopening, and the
 * stored checksums (storage.contract-sums.ts).
 */
import { describe, expect, it } from 'vitest';
import type { BlockStore, StoreCommit } from '../src/core/ports.ts';
import type { Fill } from '../src/core/vocabulary.ts';
import type { StoreOptions } from '../src/storage/commit-check.ts';
import { checksumContract } from './storage.contract-sums.ts';
import { concat, disk, event, expectedFill, pattern, sameBytes, snapshot } from './storage.model.ts';

/** A store under test, and for durable stores a way to close and open it again. */
export interface StoreUnderTest {
  store: BlockStore;
  reopen?: () => Promise<BlockStore>;
}

/** Makes a fresh, empty store (a new database each call) with the given options. */
export type MakeStore = (options?: StoreOptions) => Promise<StoreUnderTest>;

const FILLS: Fill[] = [{ kind: 'zero' }, { kind: 'index' }, { kind: 'byte', value: 0xa5 }];

/** Expected bytes of blocks [first, first + count) of a never-written disk. */
function fillOf(fill: Fill, first: number, count: number, blockSize: number): Uint8Array {
  return concat(Array.from({ length: count }, (_, i) => expectedFill(fill, first + i, blockSize)));
}

/** Registers the contract tests for one store implementation. */
export function storeContract(name: string, makeStore: MakeStore): void {
  describe(`${name}: BlockStore contract`, () => {
    checksumContract(makeStore);

    describe('a new disk reads as its fill', () => {
      for (const blockSize of [512, 4096, 65536]) {
        for (const fill of FILLS) {
          it(`${fill.kind} fill, ${blockSize}-byte blocks, partial last extent`, async () => {
            const { store } = await makeStore();
            const perExtent = Math.max(1, Math.floor(32768 / blockSize));
            const blocks = perExtent * 2 + (perExtent > 1 ? 3 : 1);
            await store.commit({ putDisks: [disk(1, blocks, blockSize, fill)] });
            expect(sameBytes(await store.readBlocks(1, 0, blocks), fillOf(fill, 0, blocks, blockSize))).toBe('same');
            await store.commit({ ops: [{ kind: 'write', disk: 1, block: blocks - 1, data: pattern(blockSize, 9) }] });
            const all = await store.readBlocks(1, 0, blocks);
            const expected = concat([fillOf(fill, 0, blocks - 1, blockSize), pattern(blockSize, 9)]);
            expect(sameBytes(all, expected)).toBe('same');
            await store.close();
          });
        }
      }

      it('reads any range, and refuses unknown disks and ranges past the end', async () => {
        const { store } = await makeStore({ blocksPerExtent: 4 });
        await store.commit({ putDisks: [disk(1, 10, 16, { kind: 'index' })] });
        expect(await store.readBlocks(1, 3, 6)).toEqual(fillOf({ kind: 'index' }, 3, 6, 16));
        expect(await store.readBlocks(1, 10, 0)).toEqual(new Uint8Array(0));
        await expect(store.readBlocks(2, 0, 1)).rejects.toThrow(/unknown disk 2/);
        await expect(store.readBlocks(1, 8, 3)).rejects.toThrow(/out of range/);
        await expect(store.readBlocks(1, -1, 1)).rejects.toThrow(/out of range/);
      });
    });

    describe('block ops apply in order within one commit', () => {
      it('a copy reads the data an earlier write of the same commit left', async () => {
        const { store } = await makeStore({ blocksPerExtent: 4 });
        await store.commit({
          putDisks: [disk(1, 8, 16), disk(2, 8, 16, { kind: 'byte', value: 7 })],
          ops: [
            { kind: 'write', disk: 1, block: 5, data: pattern(16, 1) },
            { kind: 'copy', from: 1, fromBlock: 5, to: 2, toBlock: 0, count: 1 },
            { kind: 'write', disk: 1, block: 5, data: pattern(16, 2) },
          ],
        });
        expect(await store.readBlocks(2, 0, 2)).toEqual(concat([pattern(16, 1), expectedFill({ kind: 'byte', value: 7 }, 1, 16)]));
        expect(await store.readBlocks(1, 5, 1)).toEqual(pattern(16, 2));
      });

      it('copies many blocks across extent boundaries between disks, bringing the source fill', async () => {
        const { store } = await makeStore({ blocksPerExtent: 4 });
        await store.commit({ putDisks: [disk(1, 20, 8, { kind: 'index' }), disk(2, 20, 8)] });
        await store.commit({ ops: [{ kind: 'write', disk: 1, block: 6, data: pattern(8, 3) }] });
        await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: 2, to: 2, toBlock: 7, count: 10 }] });
        const expected = Array.from({ length: 20 }, (_, b) =>
          b >= 7 && b < 17 ? (b - 5 === 6 ? pattern(8, 3) : expectedFill({ kind: 'index' }, b - 5, 8)) : new Uint8Array(8));
        expect(await store.readBlocks(2, 0, 20)).toEqual(concat(expected));
      });

      for (const [fromBlock, toBlock] of [[1, 3], [3, 1]] as const) {
        it(`an overlapping copy inside one disk (${fromBlock} -> ${toBlock}) behaves like memmove`, async () => {
          const { store } = await makeStore({ blocksPerExtent: 2 });
          const blocks = Array.from({ length: 9 }, (_, b) => pattern(4, b + 1));
          await store.commit({
            putDisks: [disk(1, 9, 4)],
            ops: blocks.map((data, block) => ({ kind: 'write' as const, disk: 1, block, data })),
          });
          await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock, to: 1, toBlock, count: 5 }] });
          const expected = blocks.slice();
          expected.splice(toBlock, 5, ...blocks.slice(fromBlock, fromBlock + 5));
          expect(await store.readBlocks(1, 0, 9)).toEqual(concat(expected));
        });
      }

      it('ops may use a disk created in the same commit, and a disk deleted by it', async () => {
        const { store } = await makeStore();
        await store.commit({ putDisks: [disk(1, 4, 512)] });
        await store.commit({
          putDisks: [disk(2, 4, 512)],
          ops: [{ kind: 'write', disk: 1, block: 0, data: pattern(512, 4) }, { kind: 'copy', from: 1, fromBlock: 0, to: 2, toBlock: 3, count: 1 }],
          deleteDisks: [1],
        });
        expect(await store.readBlocks(2, 3, 1)).toEqual(pattern(512, 4));
        expect((await store.load()).disks.map((d) => d.id)).toEqual([2]);
      });
    });

    it('keeps records by key: put, overwrite, delete by prefix before puts of the same commit', async () => {
      const { store } = await makeStore();
      await store.commit({ putRecords: [['pair/2', { a: 1 }], ['pair/10', [1, 2]], ['disk/1', 'x'], ['z', new Uint8Array([1, 2])]] });
      await store.commit({ deletePrefixes: ['pair/'], putRecords: [['pair/3', 3], ['disk/1', 'y']] });
      const { records } = await store.load();
      expect(records).toEqual([['disk/1', 'y'], ['pair/3', 3], ['z', new Uint8Array([1, 2])]]);
    });

    it('returns events by seq with a limit, and refuses seqs that do not grow', async () => {
      const { store } = await makeStore();
      expect((await store.load()).lastEventSeq).toBe(-1);
      await store.commit({ events: [event(0), event(1), event(2)] });
      await store.commit({ events: [event(5), event(6)] });
      expect((await store.readEvents(1, 3)).map((e) => e.seq)).toEqual([1, 2, 5]);
      expect((await store.readEvents(3, 10)).map((e) => e.seq)).toEqual([5, 6]);
      expect(await store.readEvents(7, 10)).toEqual([]);
      expect(await store.readEvents(0, 0)).toEqual([]);
      expect((await store.readEvents(6, 1))[0]).toEqual(event(6));
      expect((await store.load()).lastEventSeq).toBe(6);
      await expect(store.commit({ events: [event(6)] })).rejects.toThrow(/events\[0\]/);
    });

    describe('a commit is all or nothing', () => {
      const refusals: Array<[string, StoreCommit, RegExp]> = [
        ['an unknown disk', { ops: [{ kind: 'write', disk: 9, block: 0, data: pattern(16, 1) }] }, /ops\[1\].*unknown disk 9/],
        ['a block out of range', { ops: [{ kind: 'copy', from: 1, fromBlock: 6, to: 1, toBlock: 0, count: 3 }] }, /ops\[1\].*out of range/],
        ['data of the wrong length', { ops: [{ kind: 'write', disk: 1, block: 0, data: new Uint8Array(15) }] }, /ops\[1\].*16 bytes/],
        ['a record that cannot be cloned', { putRecords: [['f', () => 1]] }, /putRecords\[0\]/],
        ['a change of geometry', { putDisks: [disk(1, 9, 16)] }, /putDisks\[0\]/],
        ['deleting an unknown disk', { deleteDisks: [7] }, /deleteDisks\[0\]/],
      ];
      for (const [what, bad, message] of refusals) {
        it(`refuses ${what}, naming it, and changes nothing`, async () => {
          const { store } = await makeStore({ blocksPerExtent: 3 });
          await store.commit({ putDisks: [disk(1, 8, 16)], putRecords: [['k', 1]], events: [event(0)] });
          const before = await snapshot(store);
          const commit: StoreCommit = {
            putDisks: [disk(2, 4, 16)],
            putRecords: [['k', 2]],
            events: [event(1)],
            ...bad,
            ops: [{ kind: 'write', disk: 1, block: 2, data: pattern(16, 5) }, ...(bad.ops ?? [])],
          };
          await expect(store.commit(commit)).rejects.toThrow(message);
          expect(await snapshot(store)).toEqual(before);
        });
      }

      it('a failing commit (storage failure) changes nothing', async () => {
        const { store } = await makeStore({ blocksPerExtent: 3, failCommitWhen: (c) => c.events?.[0]?.seq === 1 });
        await store.commit({ putDisks: [disk(1, 8, 16)], putRecords: [['k', 1]], events: [event(0)] });
        const before = await snapshot(store);
        const commit = {
          putDisks: [disk(2, 4, 16)], deleteDisks: [1], deletePrefixes: [''], putRecords: [['k', 2]] as Array<[string, unknown]>,
          ops: [{ kind: 'write' as const, disk: 1, block: 7, data: pattern(16, 5) }], events: [event(1)],
        };
        await expect(store.commit(commit)).rejects.toThrow('simulated storage failure');
        expect(await snapshot(store)).toEqual(before);
        await store.commit({ ...commit, events: [event(2)] });
        expect((await store.load()).disks.map((d) => d.id)).toEqual([2]);
      });
    });

    it('deleteDisks drops the blocks: a later disk with a new id reads as its fill', async () => {
      const { store } = await makeStore({ blocksPerExtent: 2 });
      await store.commit({ putDisks: [disk(1, 5, 32)], ops: [{ kind: 'write', disk: 1, block: 4, data: pattern(32, 8) }] });
      await store.commit({ deleteDisks: [1] });
      await expect(store.readBlocks(1, 0, 1)).rejects.toThrow(/unknown disk/);
      await store.commit({ putDisks: [disk(2, 5, 32)] });
      expect(await store.readBlocks(2, 0, 5)).toEqual(new Uint8Array(160));
      expect((await store.load()).disks).toEqual([disk(2, 5, 32)]);
    });

    it('reopened, shows the same disks, records, events and blocks', async (context) => {
      const { store, reopen } = await makeStore({ blocksPerExtent: 3 });
      if (reopen === undefined) return context.skip();
      await store.commit({
        putDisks: [disk(1, 7, 64, { kind: 'index' }), { ...disk(2, 4, 64), role: 'repository', unreadable: [1, 3] }],
        putRecords: [['b', { nested: [1, { x: 'y' }] }], ['a', 1]],
        ops: [{ kind: 'write', disk: 1, block: 3, data: pattern(64, 1) }, { kind: 'copy', from: 1, fromBlock: 2, to: 2, toBlock: 0, count: 3 }],
        events: [event(4), event(9)],
      });
      const before = await snapshot(store);
      await store.close();
      const again = await reopen();
      expect(await snapshot(again)).toEqual(before);
      expect((await again.load()).lastEventSeq).toBe(9);
      await again.close();
    });
  });
}
