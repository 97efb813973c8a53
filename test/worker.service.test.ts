/**
 * The worker's service in Node: the copier driver turns real time into copy progress by priority
 * and speed, pauses and runs at full speed; frames carry bitmaps, counters and new events only.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { CopierDriver } from '../src/worker/driver.ts';
import { LabService } from '../src/worker/lab-service.ts';

async function engineWithCopy(priority = 'medium', blocks = 4096): Promise<Engine> {
  const kernel = await loadKernelFromFile();
  const engine = await Engine.open(kernel, new MemoryStore(kernel), { copyRate: 100 });
  await engine.createDisk({ name: 'SRC', blocks, blockSize: 512, fill: { kind: 'index' } });
  await engine.createDisk({ name: 'TGT', blocks, blockSize: 512, fill: { kind: 'zero' } });
  await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online', priority });
  return engine;
}

/** A driver on a hand-moved clock. */
function manualDriver(engine: Engine, initial: ConstructorParameters<typeof CopierDriver>[1] = {}) {
  let now = 0;
  const driver = new CopierDriver(engine, initial, () => now);
  driver.update({});
  return { driver, advance: async (ms: number) => ((now += ms), await driver.pump()) };
}

const copied = (engine: Engine): number => engine.pairs()[0]!.progress.copied;

describe('the real-time copier driver', () => {
  it('copies copyRate × priority rate blocks per simulated second, times the speed factor', async () => {
    const engine = await engineWithCopy('medium');
    const { advance } = manualDriver(engine, { speed: 2 });
    for (let i = 0; i < 10; i++) await advance(100); // 1 s real = 2 s simulated
    expect(copied(engine)).toBe(Math.floor((100 * 2000 * 48) / 168000)); // 57
    expect(engine.timeMs).toBe(2000);
  });

  it('copies faster at a higher priority in the same time', async () => {
    const slow = await engineWithCopy('lowest');
    const fast = await engineWithCopy('highest');
    const a = manualDriver(slow);
    const b = manualDriver(fast);
    for (let i = 0; i < 20; i++) {
      await a.advance(50);
      await b.advance(50);
    }
    expect(copied(slow)).toBe(12); // 100 × 1 s × 21/168
    expect(copied(fast)).toBe(100);
  });

  it('does nothing while paused and resumes without a catch-up burst', async () => {
    const engine = await engineWithCopy();
    const { driver, advance } = manualDriver(engine, { running: false });
    await advance(5000);
    expect(copied(engine)).toBe(0);
    driver.update({ running: true });
    await advance(1000);
    expect(copied(engine)).toBe(28);
  });

  it('at full speed copies a batch per round, scaled by priority, until completion', async () => {
    const engine = await engineWithCopy('high');
    const { advance } = manualDriver(engine, { fullSpeed: true });
    await advance(1);
    expect(copied(engine)).toBe(256);
    while (engine.pairs()[0]!.status === 'InProgress') await advance(1);
    expect(engine.pairs()[0]!.status).toBe('Completed');
  });
});

describe('frames for the UI', () => {
  it('carries bitmaps and counters, only new events, and nothing when nothing changed', async () => {
    const engine = await engineWithCopy('medium', 64);
    const service = new LabService(engine);
    await service.copy('TGT', 3);
    const write = await service.write('SRC', [5], new Uint8Array(512).fill(1));
    expect(write.ok && write.value.ios).toBe(3);
    expect(write.latencyMs).toBeGreaterThanOrEqual(0);

    const first = (await service.frame(-1, -1))!;
    expect(first.pairs[0]!.copied[0]).toBe(0b111);
    expect(first.pairs[0]!.preserved![0]).toBe(0b100000);
    expect(first.pairs[0]!.counters.copyOnWrites).toBe(1);
    expect(first.events.map((e) => e.type)).toEqual(['COPY_ON_WRITE']);
    expect(await service.frame(first.version, first.events.at(-1)!.seq)).toBeNull();

    await service.run();
    const next = (await service.frame(first.version, first.events.at(-1)!.seq))!;
    expect(next.events.map((e) => e.type)).toEqual(['SNAPSHOT_DISABLED', 'COPY_COMPLETED']);
    expect(next.pairs[0]!.status).toBe('Completed');
  });

  it('refuses a speed that is not a positive factor, naming the value', async () => {
    const service = new LabService(await engineWithCopy());
    const refused = await service.setDriver({ speed: 0 });
    expect(refused.ok ? '' : refused.message).toContain('0 is not a speed');
  });
});
