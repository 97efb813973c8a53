/**
 * The worker's service in Node: the copier driver turns real time into copy progress by priority
 * and speed, pauses and runs at full speed; frames carry bitmaps, counters and new events only.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { CopierDriver, FULL_SPEED_BATCH } from '../src/worker/driver.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { WorkloadGenerator } from '../src/worker/workload.ts';

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
    // A high priority copies 84/168 of the full batch per round.
    expect(copied(engine)).toBe(FULL_SPEED_BATCH / 2);
    while (engine.pairs()[0]!.status === 'InProgress') await advance(1);
    expect(engine.pairs()[0]!.status).toBe('Completed');
  });

  it('while hosts write, lets the store read ahead the source of each small batch before copying it', async () => {
    const kernel = await loadKernelFromFile();
    const store = new HintedStore(kernel);
    const engine = await Engine.open(kernel, store, { copyRate: 100 });
    await engine.createDisk({ name: 'SRC', blocks: 8192, blockSize: 512, fill: { kind: 'index' } });
    await engine.createDisk({ name: 'TGT', blocks: 8192, blockSize: 512, fill: { kind: 'zero' } });
    await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online', priority: 'highest' });
    const source = 1; // the first disk created
    const { driver, advance } = manualDriver(engine, { fullSpeed: true });
    driver.noteHostWrite();
    await advance(1);
    await advance(1);
    expect(store.hints).toEqual([[source, 0, 256], [source, 256, 256]]);
    expect(copied(engine)).toBe(512);
    await advance(1000); // no host write for a while: full batches, no hint
    expect(store.hints).toHaveLength(2);
    expect(copied(engine)).toBe(512 + FULL_SPEED_BATCH);
  });
});

/** A memory store that records the read-ahead hints it gets (memory has nothing to read ahead). */
class HintedStore extends MemoryStore {
  readonly hints: Array<[number, number, number]> = [];

  readAhead(disk: number, first: number, count: number): Promise<void> {
    this.hints.push([disk, first, count]);
    return Promise.resolve();
  }
}

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

async function serviceWith(type: string, blocks = 32): Promise<LabService> {
  const kernel = await loadKernelFromFile();
  const engine = await Engine.open(kernel, new MemoryStore(kernel));
  const service = new LabService(engine);
  await service.createDisk({ name: 'SRC', blocks, blockSize: 512, fill: { kind: 'index' } });
  await service.createDisk({ name: 'TGT', blocks, blockSize: 512, fill: { kind: 'zero' } });
  expect((await service.createCopy({ source: 'SRC', target: 'TGT', type })).ok).toBe(true);
  return service;
}

const fill = (byte: number): Uint8Array => new Uint8Array(512).fill(byte);

describe('verification against the point in time', () => {
  it('finds an online copy equal to the point in time despite writes behind and ahead of the copier', async () => {
    const service = await serviceWith('online');
    await service.copy('TGT', 10);
    await service.write('SRC', [3, 20], fill(200));
    await service.write('SRC', [20], fill(201));
    await service.run();
    const verified = await service.verify('TGT');
    expect(verified.ok && verified.value).toEqual({ state: 'equal', checked: 32, differing: [] });
    const frame = (await service.frame(-1, -1, -1))!;
    expect(frame.pairs[0]!.verification).toEqual({ state: 'equal', checked: 32, differing: [] });
    expect(frame.pairs[0]!.written[0]).toBe(0b1000); // block 3
    expect(frame.pairs[0]!.written[2]).toBe(0b10000); // block 20
  });

  it('points at the torn blocks of an unprotected copy: those written ahead of the copier', async () => {
    const service = await serviceWith('unprotected');
    await service.copy('TGT', 10);
    await service.write('SRC', [3], fill(200)); // behind: the target keeps the point in time
    await service.write('SRC', [20, 25], fill(201)); // ahead: the copier will read the new data
    await service.run();
    const verified = await service.verify('TGT');
    expect(verified.ok && verified.value).toEqual({ state: 'differs', checked: 32, differing: [20, 25] });
  });

  it('delivers the verification in a later frame even when nothing else changes', async () => {
    const service = await serviceWith('online');
    const first = (await service.frame(-1, -1, -1))!;
    await service.run();
    let frame = (await service.frame(first.version, -1, -1))!;
    for (let i = 0; i < 100 && !frame.pairs[0]!.verification; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      frame = (await service.frame(frame.version, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) ?? frame;
    }
    expect(frame.pairs[0]!.verification?.state).toBe('equal');
  });

  it('refuses to verify a copy that has not completed', async () => {
    const service = await serviceWith('online');
    const refused = await service.verify('TGT');
    expect(refused.ok ? '' : refused.code).toBe('NOT_ALLOWED');
  });
});

describe('write measurements and the workload generator', () => {
  it('records each write with its I/O count and whether a copy protected the source', async () => {
    const service = await serviceWith('online');
    await service.write('SRC', [1], fill(9));
    await service.write('SRC', [1], fill(9));
    await service.run();
    await service.write('SRC', [2], fill(9));
    await service.write('TGT', [2], fill(9));
    const samples = (await service.frame(-1, -1, -1))!.writes;
    expect(samples.map((s) => [s.disk, s.ios, s.protected, s.ok, s.code ?? null])).toEqual([
      ['SRC', 3, true, true, null],
      ['SRC', 1, true, true, null],
      ['SRC', 1, false, true, null],
      ['TGT', 0, false, false, 'WRITE_PROTECTED'],
    ]);
    expect((await service.frame(-1, -1, samples.at(-1)!.seq))!.writes).toEqual([]);
  });

  it('picks blocks by pattern: sequential wraps, hot spot mostly hits the first tenth', async () => {
    let r = 0;
    const sequence = [0.1, 0.5, 0.95, 0.99];
    const generator = new WorkloadGenerator(
      { blockSizeOf: (disk) => (disk === 'SRC' ? { blocks: 100, blockSize: 512 } : undefined), write: async () => undefined },
      () => sequence[r++ % sequence.length]!,
    );
    generator.update({ pattern: 'sequential' });
    expect([generator.nextBlock(3), generator.nextBlock(3), generator.nextBlock(3), generator.nextBlock(3)]).toEqual([0, 1, 2, 0]);
    generator.update({ pattern: 'hotspot' });
    expect(generator.nextBlock(100)).toBe(5); // 0.1 < 0.8 → hot: floor(0.5 × 10)
    expect(generator.nextBlock(100)).toBe(99); // 0.95 ≥ 0.8 → anywhere: floor(0.99 × 100)
    expect(generator.update({ ratePerSecond: 5000 }).ok).toBe(false);
    expect(generator.update({ running: true, disk: 'NOPE' }).ok).toBe(false);
    generator.halt();
  });
});
