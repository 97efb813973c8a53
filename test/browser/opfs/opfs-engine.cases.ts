/**
 * The engine on OpfsStore, end to end in the worker: an online copy with host writes during it,
 * then the store closed and reopened, and everything found again.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine.ts';
import type { BlockStore, Kernel } from '../../../src/core/ports.ts';

const BLOCKS = 1024;
const SIZE = 4096;

/** Every block of a disk as its first byte, or -1 when the block is not uniform. */
async function firstBytes(engine: Engine, disk: string): Promise<number[]> {
  const read = await engine.readRaw(disk, 0, BLOCKS);
  if (!read.ok) throw new Error(`readRaw ${disk}: ${read.message}`);
  return Array.from({ length: BLOCKS }, (_, b) => {
    const block = read.value.subarray(b * SIZE, (b + 1) * SIZE);
    return block.every((byte) => byte === block[0]) ? block[0]! : -1;
  });
}

/** Registers the engine case; `open` opens (or reopens) the OPFS store of a name. */
export function opfsEngineCases(kernel: Kernel, open: (name: string) => Promise<BlockStore>, freshName: () => string): void {
  describe('the engine on OpfsStore', () => {
    it('copies a disk online with host writes during the copy, and shows it all again after reopening', async () => {
      const name = freshName();
      const store = await open(name);
      const engine = await Engine.open(kernel, store);
      const outcomes = [
        await engine.createDisk({ name: 'SRC', blocks: BLOCKS, blockSize: SIZE, fill: { kind: 'index' } }),
        await engine.createDisk({ name: 'TGT', blocks: BLOCKS, blockSize: SIZE, fill: { kind: 'zero' } }),
        await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }),
        await engine.copy('TGT', 300),
        await engine.write({ disk: 'SRC', blocks: [10, 700], data: new Uint8Array(SIZE).fill(0x77) }),
      ];
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.message))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
      for (let copied = 1; copied > 0; ) {
        const step = await engine.copy('TGT', 256);
        copied = step.ok ? step.value : 0;
      }
      const pointInTime = Array.from({ length: BLOCKS }, (_, b) => b % 256);
      const source = pointInTime.map((v, b) => (b === 10 || b === 700 ? 0x77 : v));
      expect(engine.pairs().map((p) => p.status)).toEqual(['Completed']);
      expect(await firstBytes(engine, 'TGT')).toEqual(pointInTime);
      expect(await firstBytes(engine, 'SRC')).toEqual(source);
      await engine.idle();
      await store.close();

      const again = await Engine.open(kernel, await open(name));
      expect(again.pairs().map((p) => p.status)).toEqual(['Completed']);
      expect(await firstBytes(again, 'TGT')).toEqual(pointInTime);
      expect(await firstBytes(again, 'SRC')).toEqual(source);
    });
  });
}
