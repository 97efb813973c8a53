import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockOp, BlockStore, StoreCommit } from '../src/core/ports.ts';
import type { Fill } from '../src/core/vocabulary.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, event, pattern, sameBytes, StoreModel } from './storage.model.ts';

// Commits are generated as numbers and resolved against the model's current disks when they run,
// so almost every generated commit is valid; `invalid` adds one op past a disk's end on purpose.
const fillArb: fc.Arbitrary<Fill> = fc.oneof(
  fc.constant({ kind: 'zero' as const }),
  fc.constant({ kind: 'index' as const }),
  fc.integer({ min: 0, max: 255 }).map((value) => ({ kind: 'byte' as const, value })),
);
const diskArb = fc.record({ blocks: fc.integer({ min: 1, max: 13 }), fill: fillArb });
const writeArb = fc.record({ kind: fc.constant('write' as const), d: fc.nat(), b: fc.nat(), seed: fc.integer({ min: 1, max: 1000 }) });
const copyArb = fc.record({ kind: fc.constant('copy' as const), d: fc.nat(), d2: fc.nat(), b: fc.nat(), b2: fc.nat(), c: fc.nat() });
// A copy-on-write: one block copied away, then overwritten (IndexedDB may keep the copy by reference, idb-refs.ts).
const cowArb = fc.record({ kind: fc.constant('cow' as const), d: fc.nat(), d2: fc.nat(), b: fc.nat(), b2: fc.nat(), seed: fc.integer({ min: 1, max: 1000 }) });
// Every block of a disk written: IndexedDB stores it as whole segment records.
const wholeArb = fc.record({ kind: fc.constant('whole' as const), d: fc.nat(), seed: fc.integer({ min: 1, max: 1000 }) });
const opArb = fc.oneof(writeArb, copyArb, cowArb, wholeArb);
// Mostly copy-on-writes: with one-block extents and segments written whole, IndexedDB keeps them by reference.
const cowHeavyArb = fc.oneof({ arbitrary: cowArb, weight: 4 }, { arbitrary: wholeArb, weight: 1 }, { arbitrary: writeArb, weight: 1 }, { arbitrary: copyArb, weight: 1 });
// A copy onto the same blocks of (usually) another disk: commits of only these take IndexedDB's
// whole-segment path (idb-segment-copy.ts) when they cover whole segments.
const mirrorArb = fc.record({ kind: fc.constant('mirror' as const), d: fc.nat(), d2: fc.nat(), b: fc.nat(), c: fc.nat() });
type OpSpec = (typeof opArb extends fc.Arbitrary<infer T> ? T : never) | (typeof mirrorArb extends fc.Arbitrary<infer T> ? T : never);
const KEYS = ['a', 'ab', 'b', 'ba', 'c/1', 'c/2'];
const commitOf = (ops: fc.Arbitrary<OpSpec>, replaceDisk: fc.Arbitrary<{ blocks: number; fill: Fill } | null>) => fc.record({
  ops: fc.oneof(
    fc.array(ops, { maxLength: 6 }),
    fc.array(mirrorArb, { minLength: 1, maxLength: 3 }).map((mirrors): OpSpec[] => mirrors),
  ),
  records: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.integer(), fc.string(), fc.array(fc.nat()))), { maxLength: 3 }),
  prefixes: fc.array(fc.constantFrom('a', 'b', 'c/', ''), { maxLength: 1 }),
  replaceDisk,
  events: fc.nat({ max: 2 }),
  invalid: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  // Closing and opening the IndexedDB store again before the commit (its indexes are loaded anew).
  reopen: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  // A read-ahead hint to IndexedDB before the commit, awaited or racing it (idb-read-ahead.ts).
  ahead: fc.option(fc.record({ d: fc.nat(), b: fc.nat(), c: fc.integer({ min: 1, max: 8 }), wait: fc.boolean() }), { freq: 2 }),
});
const commitArb = commitOf(opArb, fc.option(diskArb, { freq: 4 }));
const cowCommitArb = commitOf(cowHeavyArb, fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: diskArb, weight: 1 }));
type CommitSpec = typeof commitArb extends fc.Arbitrary<infer T> ? T : never;

/** Turns a generated spec into a concrete commit against the model's disks. */
function resolve(spec: CommitSpec, model: StoreModel, blockSize: number, nextId: () => number): StoreCommit {
  const ids = [...model.disks.keys()].sort((a, b) => a - b);
  const blocksOf = (id: number): number => model.disks.get(id)!.record.blocks;
  const ops: BlockOp[] = spec.ops.flatMap((op): BlockOp[] => {
    const from = ids[op.d % ids.length]!;
    if (op.kind === 'whole') {
      return Array.from({ length: blocksOf(from) }, (_, block): BlockOp => ({ kind: 'write', disk: from, block, data: pattern(blockSize, op.seed + block) }));
    }
    if (op.kind === 'cow') {
      // Onto another disk where there is one (a repository is never its own source).
      const to = ids.length > 1 ? ids[(ids.indexOf(from) + 1 + (op.d2 % (ids.length - 1))) % ids.length]! : from;
      const block = op.b % blocksOf(from);
      return [
        { kind: 'copy', from, fromBlock: block, to, toBlock: op.b2 % blocksOf(to), count: 1 },
        { kind: 'write', disk: from, block, data: pattern(blockSize, op.seed) },
      ];
    }
    if (op.kind === 'mirror') {
      const to = ids[op.d2 % ids.length]!;
      const blocks = Math.min(blocksOf(from), blocksOf(to));
      const fromBlock = op.b % blocks;
      return [{ kind: 'copy', from, fromBlock, to, toBlock: fromBlock, count: op.c % (blocks - fromBlock + 1) }];
    }
    if (op.kind === 'write') return [{ kind: 'write', disk: from, block: op.b % blocksOf(from), data: pattern(blockSize, op.seed) }];
    const to = ids[op.d2 % ids.length]!;
    const fromBlock = op.b % blocksOf(from);
    const toBlock = op.b2 % blocksOf(to);
    const count = op.c % (Math.min(blocksOf(from) - fromBlock, blocksOf(to) - toBlock) + 1);
    return [{ kind: 'copy', from, fromBlock, to, toBlock, count }];
  });
  if (spec.invalid) ops.push({ kind: 'write', disk: ids[0]!, block: blocksOf(ids[0]!), data: pattern(blockSize, 1) });
  const last = model.events.at(-1)?.seq ?? -1;
  const commit: StoreCommit = {
    ops,
    putRecords: spec.records.map(([key, value]): [string, unknown] => [key, value]),
    deletePrefixes: spec.prefixes,
    events: Array.from({ length: spec.events }, (_, i) => event(last + 1 + i)),
  };
  if (spec.replaceDisk !== null) {
    commit.deleteDisks = [ids[0]!];
    commit.putDisks = [disk(nextId(), spec.replaceDisk.blocks, blockSize, spec.replaceDisk.fill)];
  }
  return commit;
}

/** Starts the spec's read-ahead hint on a disk the model holds (before its commit runs), or null. */
function readAheadOf(idb: IdbStore, model: StoreModel, spec: CommitSpec): Promise<void> | null {
  const ids = [...model.disks.keys()];
  if (spec.ahead === null || ids.length === 0) return null;
  const id = ids[spec.ahead.d % ids.length]!;
  return idb.readAhead(id, spec.ahead.b % model.disks.get(id)!.record.blocks, spec.ahead.c);
}

async function outcome(run: () => Promise<void>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const hasher = new ReferenceKernel();
/** The xxHash32 of each block of `bytes`. */
function blockSums(bytes: Uint8Array, blockSize: number): number[] {
  const buffer = hasher.createBuffer(Math.max(1, bytes.length));
  hasher.writeBytes(buffer, 0, bytes);
  const sums = Array.from({ length: bytes.length / blockSize }, (_, b) => hasher.checksum(buffer, b * blockSize, blockSize));
  hasher.freeBuffer(buffer);
  return sums;
}

async function expectSameAsModel(store: BlockStore, model: StoreModel): Promise<void> {
  expect(await store.load()).toEqual(model.state());
  for (const [id, d] of model.disks) {
    expect(sameBytes(await store.readBlocks(id, 0, d.record.blocks), model.read(id))).toBe('same');
    expect([...(await store.readChecksums(id, 0, d.record.blocks))]).toEqual(blockSums(model.read(id), d.record.blockSize));
  }
}

let runs = 0;

/**
 * Runs generated commits against both stores and the model, comparing all three after each.
 * `wholeFirst` writes every block of the initial disks in the first commit (segment records).
 */
async function agreeWithModel(blocksPerExtent: number, blockSize: number, segmentBytes: number, initial: Array<{ blocks: number; fill: Fill }>, specs: CommitSpec[], wholeFirst = false): Promise<void> {
  const options = { blocksPerExtent };
  const memory = new MemoryStore(new ReferenceKernel(), options);
  const name = `storage-property-${++runs}`;
  let idb = await IdbStore.open(name, new ReferenceKernel(), { ...options, segmentBytes });
  const model = new StoreModel();
  let id = 0;
  const nextId = (): number => ++id;
  const disks = initial.map((d) => disk(nextId(), d.blocks, blockSize, d.fill));
  const ops = wholeFirst ? disks.flatMap((d) => Array.from({ length: d.blocks }, (_, block): BlockOp => ({ kind: 'write', disk: d.id, block, data: pattern(blockSize, d.id * 100 + block) }))) : [];
  const first: StoreCommit = { putDisks: disks, ops };
  for (let i = 0; i <= specs.length; i++) {
    const commit = i === 0 ? first : resolve(specs[i - 1]!, model, blockSize, nextId);
    if (specs[i - 1]?.reopen) {
      await idb.close();
      idb = await IdbStore.open(name, new ReferenceKernel(), { ...options, segmentBytes });
    }
    const ahead = i === 0 ? null : readAheadOf(idb, model, specs[i - 1]!);
    if (specs[i - 1]?.ahead?.wait) await ahead;
    const expected = await outcome(async () => model.apply(commit));
    const [m, d] = [await outcome(() => memory.commit(commit)), await outcome(() => idb.commit(commit))];
    await ahead;
    expect(m).toBe(d);
    expect(m === 'ok').toBe(expected === 'ok');
    await expectSameAsModel(memory, model);
    await expectSameAsModel(idb, model);
  }
  await Promise.all([memory.close(), idb.close()]);
}

describe('MemoryStore and IdbStore agree with each other and with a Map of blocks (bytes and stored checksums)', () => {
  it('after any sequence of commits, valid or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 2, 3, 5),
        fc.constantFrom(4, 8),
        // IndexedDB segment records of 1 to 4 extents, so that commits rewrite whole segments and overlay them.
        fc.constantFrom(1, 16, 32, 64),
        fc.array(diskArb, { minLength: 1, maxLength: 3 }),
        fc.array(commitArb, { minLength: 1, maxLength: 10 }),
        (blocksPerExtent, blockSize, segmentBytes, initial, specs) => agreeWithModel(blocksPerExtent, blockSize, segmentBytes, initial, specs),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('after copy-on-writes kept by reference, and the rewrites, deletions and reopenings that follow them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(4, 8),
        fc.constantFrom(2, 3, 4),
        fc.array(diskArb, { minLength: 2, maxLength: 3 }),
        fc.array(cowCommitArb, { minLength: 1, maxLength: 10 }),
        (blockSize, extentsPerSegment, initial, specs) => agreeWithModel(1, blockSize, extentsPerSegment * blockSize, initial, specs, true),
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
