/**
 * readChecksums on a block damaged at rest (one byte flipped straight in IndexedDB, through
 * fake-indexeddb): the store still gives the checksum written with the block (the intended one),
 * while readBlocks refuses the block; through the engine, checksums (fingerprint, verification)
 * stay quiet and the damage is found by reads and the scrub.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CorruptBlockError } from '../src/core/corruption.ts';
import { Engine } from '../src/core/engine.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { disk, pattern } from './storage.model.ts';
import { flipStoredByte } from './support/idb-stored-block.ts';

const PER_EXTENT = 4;
let databases = 0;
const freshName = (): string => `storage-sums-damage-${++databases}-${Date.now()}`;

/** Flips one byte of block `block` of the disk with id `diskId` as stored. */
function flipByte(name: string, diskId: number, block: number): Promise<void> {
  return flipStoredByte(name, diskId, block, 7, 0x20);
}

describe('readChecksums of a block damaged at rest', () => {
  it('gives the checksum stored with the block while readBlocks throws CorruptBlockError', async () => {
    const name = freshName();
    const store = await IdbStore.open(name, new ReferenceKernel(), { blocksPerExtent: PER_EXTENT });
    const ops = Array.from({ length: 16 }, (_, block) => ({ kind: 'write' as const, disk: 1, block, data: pattern(64, block + 1) }));
    await store.commit({ putDisks: [disk(1, 16, 64)], ops });
    const intended = await store.readChecksums(1, 0, 16);
    await flipByte(name, 1, 5);
    await expect(store.readBlocks(1, 5, 1)).rejects.toBeInstanceOf(CorruptBlockError);
    expect(Array.from(await store.readChecksums(1, 0, 16))).toEqual(Array.from(intended));
    // A neighbour rewritten in the same extent keeps the damaged block's bytes and its intended sum.
    await store.commit({ ops: [{ kind: 'write', disk: 1, block: 4, data: pattern(64, 40) }] });
    await expect(store.readBlocks(1, 5, 1)).rejects.toMatchObject({ disk: 1, block: 5 });
    expect((await store.readChecksums(1, 5, 1))[0]).toBe(intended[5]);
    await store.close();
  });

  it('through the engine: checksums keep the intended values; the scrub finds the block and a read answers MEDIA_ERROR', async () => {
    const name = freshName();
    const kernel = new ReferenceKernel();
    const engine = await Engine.open(kernel, await IdbStore.open(name, kernel, { blocksPerExtent: PER_EXTENT }));
    expect((await engine.createDisk({ name: 'SRC', blocks: 32, blockSize: 512, fill: { kind: 'zero' } })).ok).toBe(true);
    const content = new Uint8Array(32 * 512).map((_, i) => (i * 13 + 5) & 0xff);
    expect((await engine.loadContent('SRC', content)).ok).toBe(true);
    const before = await engine.checksums('SRC', 0, 32);
    await flipStoredByte(name, 'SRC', 9, 7, 0x20);
    expect(await engine.checksums('SRC', 0, 32)).toEqual(before);
    expect(engine.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([]);
    expect(await engine.scrub()).toBe(1);
    expect(engine.disks().find((d) => d.name === 'SRC')!.unreadable).toEqual([9]);
    expect(await engine.read('SRC', 9)).toMatchObject({ ok: false, code: 'MEDIA_ERROR' });
    expect(await engine.checksums('SRC', 0, 32)).toEqual(before);
  });
});
