/** A long session's timeline: the page asks every second, so an answer lists a window of steps, not thousands. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { TIMELINE_WINDOW } from '../src/worker/journal-history.ts';
import { LabService } from '../src/worker/lab-service.ts';

describe('the timeline of a long session', () => {
  it('counts every step but lists a window around the step asked for, the step looked at, or the end', async () => {
    const kernel = await loadKernelFromFile();
    const lab = new LabService(await Engine.open(kernel, new MemoryStore(kernel)), [], { running: false });
    await lab.createDisk({ name: 'D', blocks: 16, blockSize: 512, fill: { kind: 'zero' } });
    for (let i = 0; i < 999; i++) await lab.write('D', [i % 16], new Uint8Array(512).fill(i & 255));
    const steps = (view: { entries: { step: number }[] }): number[] => view.entries.map((e) => e.step);
    const atEnd = await lab.timeline();
    expect(atEnd.of).toBe(1000);
    expect(steps(atEnd)).toEqual(Array.from({ length: TIMELINE_WINDOW }, (_, i) => 1000 - TIMELINE_WINDOW + 1 + i));
    const around = steps(await lab.timeline(500));
    expect(around).toHaveLength(TIMELINE_WINDOW);
    expect(around).toContain(500);
    expect(around[0]).toBe(301);
    expect((await lab.travel(42)).ok).toBe(true);
    const looked = await lab.timeline();
    expect(looked.position).toBe(42);
    expect(steps(looked)[0]).toBe(1);
    expect(looked.entries.find((e) => e.step === 42)?.label).toMatch(/^write D /);
    // Not a position: answered as if nothing were asked.
    expect(steps(await lab.timeline(-3 as number))).toEqual(steps(looked));
  });
});
