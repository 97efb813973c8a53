/**
 * Time travel replays into engines that share the live lab's kernel; a dropped replay must give
 * its bitmaps back, or scrubbing back and forth would slowly fill the kernel's memory.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { BitmapId, Kernel } from '../src/core/ports.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { LabService } from '../src/worker/lab-service.ts';

/** The reference kernel, counting the bitmaps alive. */
function countingKernel(): { kernel: Kernel; alive: () => number } {
  const inner = new ReferenceKernel();
  const live = new Set<BitmapId>();
  const kernel = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'createBitmap') return (bits: number) => { const id = inner.createBitmap(bits); live.add(id); return id; };
      if (key === 'freeBitmap') return (id: BitmapId) => { live.delete(id); inner.freeBitmap(id); };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { kernel, alive: () => live.size };
}

describe('time travel and kernel memory', () => {
  it('scrubbing back and forth many times leaves as many bitmaps alive as one past view needs', async () => {
    const { kernel, alive } = countingKernel();
    const engine = await Engine.open(kernel, new MemoryStore(kernel));
    const lab = new LabService(engine);
    await lab.setDriver({ running: false });
    await lab.createDisk({ name: 'SRC', blocks: 64, blockSize: 512, fill: { kind: 'index' } });
    await lab.createDisk({ name: 'TGT', blocks: 64, blockSize: 512, fill: { kind: 'zero' } });
    await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
    for (let block = 0; block < 20; block++) {
      await lab.write('SRC', [block * 3], new Uint8Array(512).fill(block));
      await lab.copy('TGT', 2);
    }
    const steps = (await lab.timeline()).of;
    expect((await lab.travel(steps - 1)).ok).toBe(true);
    expect((await lab.travel(3)).ok).toBe(true);
    const afterFew = alive();
    for (let round = 0; round < 40; round++) {
      expect((await lab.travel(steps - 1 - (round % 7))).ok).toBe(true);
      expect((await lab.travel(3 + (round % 5))).ok).toBe(true);
    }
    await lab.travel(null);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The live pair holds 3 bitmaps, one past view (with one pair) 3 more: nothing may pile up.
    expect(alive()).toBeLessThanOrEqual(afterFew);
    expect(alive()).toBeLessThanOrEqual(6);
  });
});
