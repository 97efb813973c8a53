/**
 * Breakpoints in Node: each kind pauses the lab at the commit that makes it true, not a commit
 * earlier or later; the copier stops exactly with the chosen block copied, whether the driver ticks
 * in real time (a hand-moved clock), runs at full speed, or is too fast for a 1 ms tick; a hit is
 * kept with its reason until the learner resumes, and the list survives a reopening.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import type { LabEvent } from '../src/core/ports.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { breakpointWords } from '../src/ui/i18n/breakpoints.ts';
import { setLanguage } from '../src/ui/i18n/language.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import type { Breakpoint } from '../src/worker/api.ts';
import { BreakpointSet } from '../src/worker/breakpoints.ts';
import { CopierDriver } from '../src/worker/driver.ts';
import { LabService } from '../src/worker/lab-service.ts';

const BLOCKS = 256;
const BLOCK_SIZE = 512;

async function openLab(options: { copyRate?: number; type?: 'online' | 'offline'; store?: MemoryStore } = {}) {
  const kernel = await loadKernelFromFile();
  const store = options.store ?? new MemoryStore(kernel);
  const engine = await Engine.open(kernel, store, { copyRate: options.copyRate ?? 100 });
  if (!options.store) {
    await engine.createDisk({ name: 'SRC', blocks: BLOCKS, blockSize: BLOCK_SIZE, fill: { kind: 'index' } });
    await engine.createDisk({ name: 'TGT', blocks: BLOCKS, blockSize: BLOCK_SIZE, fill: { kind: 'zero' } });
  }
  return { kernel, store, engine };
}

/** A breakpoint set driving its own driver on a hand-moved clock, as the service wires them. */
async function drivenLab(list: Breakpoint[], driverState: ConstructorParameters<typeof CopierDriver>[1], copyRate = 100) {
  const { engine } = await openLab({ copyRate });
  await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online', priority: 'medium' });
  let now = 0;
  const driver = new CopierDriver(engine, driverState, () => now);
  const set = new BreakpointSet(engine, { pause: () => driver.update({ running: false }), changed: () => undefined });
  driver.limit = (target) => set.safeBlocks(target);
  driver.update({});
  expect((await set.set(list)).ok).toBe(true);
  const advance = async (ms: number): Promise<void> => {
    now += ms;
    await driver.pump();
  };
  return { engine, driver, set, advance, copied: () => engine.pairs()[0]!.progress.copied };
}

const copierAt40: Breakpoint = { kind: 'copierReaches', target: 'TGT', block: 40 };

describe('the copier stops exactly at a copierReaches block', () => {
  it('in real time at a speed that would copy far past it in one round', async () => {
    const lab = await drivenLab([copierAt40], { speed: 50 }); // 50 × 100 × 48/168 ≈ 1,429 blocks per real second
    const seen: number[] = [];
    for (let i = 0; i < 40 && lab.driver.state.running; i++) {
      await lab.advance(100);
      seen.push(lab.copied());
      if (lab.copied() < 41) expect(lab.set.state.stoppedBy).toBeNull();
    }
    expect(lab.copied()).toBe(41);
    expect(lab.engine.pairs()[0]!.nextBlock).toBe(41);
    expect(lab.driver.state.running).toBe(false);
    expect(seen.every((n) => n <= 41)).toBe(true);
    expect(lab.set.state.stoppedBy).toMatchObject({ breakpoint: copierAt40, facts: { target: 'TGT', block: 40, copied: 41 } });
    for (let i = 0; i < 5; i++) await lab.advance(100);
    expect(lab.copied()).toBe(41);
  });

  it('at full speed, where a round copies 146 blocks', async () => {
    const lab = await drivenLab([copierAt40], { fullSpeed: true });
    await lab.advance(1);
    expect(lab.copied()).toBe(41);
    expect(lab.driver.state.running).toBe(false);
  });

  it('when even a 1 ms tick would copy past it (a very fast copier)', async () => {
    const lab = await drivenLab([copierAt40], { speed: 1 }, 1_000_000);
    await lab.advance(16);
    expect(lab.copied()).toBe(41);
    expect(lab.set.state.stoppedBy?.breakpoint).toEqual(copierAt40);
  });

  it('does not fire while the copier stays past the block, and again after a recopy reaches it', async () => {
    const lab = await drivenLab([{ kind: 'copierReaches', target: 'TGT', block: 3 }], { fullSpeed: true });
    await lab.advance(1);
    expect(lab.copied()).toBe(4);
    lab.set.resume();
    lab.driver.update({ running: true });
    await lab.advance(1);
    expect(lab.copied()).toBeGreaterThan(4);
    expect(lab.set.state.stoppedBy).toBeNull();
  });
});

/** A service with the copier paused and one online (or offline) copy; hits are read from its frames. */
async function service(type: 'online' | 'offline' = 'online') {
  const lab = await openLab({ type });
  const labService = new LabService(lab.engine, [], { running: false });
  expect((await labService.createCopy({ source: 'SRC', target: 'TGT', type })).ok).toBe(true);
  const stoppedBy = async () => (await labService.frame(-1, -1))!.breakpoints.stoppedBy;
  const write = (block: number) => labService.write('SRC', [block], new Uint8Array(BLOCK_SIZE).fill(7));
  const events = async (): Promise<LabEvent[]> => (await labService.frame(-1, -1))!.events;
  return { ...lab, service: labService, stoppedBy, write, events };
}

describe('each kind of breakpoint stops at the commit that makes it true', () => {
  it('firstCopyOnWrite: the first write to its block, with the slot its old contents went to', async () => {
    const lab = await service();
    await lab.service.setDriver({ running: true });
    expect((await lab.service.setBreakpoints([{ kind: 'firstCopyOnWrite', target: 'TGT', block: 20 }])).ok).toBe(true);
    await lab.write(5);
    expect(await lab.stoppedBy()).toBeNull();
    await lab.write(20);
    const cow = (await lab.events()).find((e) => e.type === 'COPY_ON_WRITE' && e.block === 20)!;
    expect(await lab.stoppedBy()).toMatchObject({ eventSeq: cow.seq, facts: { block: 20, slot: 1, disk: 'SRC', via: 'copyOnWrite' } });
    expect(lab.service.driver.state.running).toBe(false);
    const stop = (await lab.stoppedBy())!;
    expect(breakpointWords().stopped(stop.breakpoint, stop.facts)).toBe('Stopped: block 20 was copied on write for the first time — its old contents went to repository slot 1.');
    setLanguage('de');
    expect(breakpointWords().stopped(stop.breakpoint, stop.facts)).toBe(
      'Angehalten: Block 20 wurde zum ersten Mal per Kopie bei Schreibvorgang gesichert — sein alter Inhalt ging in Slot 1 des Snapshot-Repositorys.');
    setLanguage('en');
    await lab.service.setDriver({ running: true });
    expect(await lab.stoppedBy()).toBeNull();
    await lab.write(20); // the block is preserved already: no second copy-on-write, no stop
    expect(await lab.stoppedBy()).toBeNull();
  });

  it('repositoryFill: the copy-on-write that crosses the level (51-block repository, 50 % = 26 blocks)', async () => {
    const lab = await service();
    await lab.service.setBreakpoints([{ kind: 'repositoryFill', target: 'TGT', percent: 50 }]);
    for (let block = 0; block < 25; block++) await lab.write(block);
    expect(await lab.stoppedBy()).toBeNull();
    await lab.write(25);
    expect(await lab.stoppedBy()).toMatchObject({ facts: { used: 26, capacity: 51, block: 25, slot: 25 } });
    await lab.service.setDriver({ running: true });
    await lab.write(26); // still above the level: it was crossed once
    expect(await lab.stoppedBy()).toBeNull();
  });

  it('writeRefused: a write the offline copy refuses, and the workload halts', async () => {
    const lab = await service('offline');
    await lab.service.setBreakpoints([{ kind: 'writeRefused' }]);
    expect((await lab.service.setWorkload({ running: true, disk: 'SRC', ratePerSecond: 1 })).ok).toBe(true);
    await lab.service.read('SRC', 0);
    expect(await lab.stoppedBy()).toBeNull();
    await lab.write(9);
    expect(await lab.stoppedBy()).toMatchObject({ breakpoint: { kind: 'writeRefused' }, facts: { disk: 'SRC', block: 9, code: 'WRITE_PROTECTED' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lab.service.workload.state.running).toBe(false);
  });

  it('copyCompleted and copyFailed: the commit of the completion or the failure', async () => {
    const lab = await service();
    await lab.service.setBreakpoints([{ kind: 'copyCompleted', target: 'TGT' }, { kind: 'copyFailed' }]);
    await lab.service.copy('TGT', BLOCKS - 1);
    expect(await lab.stoppedBy()).toBeNull();
    await lab.service.copy('TGT', 1);
    const completed = (await lab.events()).find((e) => e.type === 'COPY_COMPLETED')!;
    expect(await lab.stoppedBy()).toMatchObject({ breakpoint: { kind: 'copyCompleted' }, eventSeq: completed.seq });

    const failing = await service();
    await failing.service.setBreakpoints([{ kind: 'copyCompleted' }, { kind: 'copyFailed', target: 'TGT' }]);
    await failing.engine.failBlock('SRC', 100);
    await failing.service.copy('TGT', 100);
    expect(await failing.stoppedBy()).toBeNull();
    await failing.service.copy('TGT', 1);
    expect(await failing.stoppedBy()).toMatchObject({ breakpoint: { kind: 'copyFailed' }, facts: { target: 'TGT', code: 'MEDIA_ERROR', block: 100 } });
  });
});

describe('the breakpoint list', () => {
  it('refuses bad entries, naming the field, and targets or blocks that do not exist', async () => {
    const lab = await service();
    const bad = await lab.service.setBreakpoints([{ kind: 'writeRefused' }, { kind: 'copierReaches', target: 'TGT', block: -1 }]);
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(!bad.ok && bad.message).toMatch(/^list\[1\]\.block: /);
    expect(await lab.service.setBreakpoints([{ kind: 'nap' } as unknown as Breakpoint])).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await lab.service.setBreakpoints([{ kind: 'repositoryFill', target: 'TGT', percent: 101 }])).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await lab.service.setBreakpoints([{ kind: 'copierReaches', target: 'NOPE', block: 1 }])).toMatchObject({ code: 'NO_SUCH_COPY' });
    expect(await lab.service.setBreakpoints([{ kind: 'copierReaches', target: 'TGT', block: BLOCKS }])).toMatchObject({ code: 'BLOCK_OUT_OF_RANGE' });
    expect((await lab.service.frame(-1, -1))!.breakpoints.list).toEqual([]);
  });

  it('survives a reopening, with the reason of a pause until the learner resumes', async () => {
    const lab = await service();
    const list: Breakpoint[] = [{ kind: 'firstCopyOnWrite', target: 'TGT', block: 3 }, { kind: 'copyCompleted' }];
    await lab.service.setBreakpoints(list);
    await lab.write(3);
    await lab.engine.idle();
    const reopened = await Engine.open(lab.kernel, lab.store);
    const again = new LabService(reopened);
    const frame = (await again.frame(-1, -1))!;
    expect(frame.breakpoints.list).toEqual(list);
    expect(frame.breakpoints.stoppedBy).toMatchObject({ facts: { block: 3, slot: 0 } });
    expect(frame.driver.running).toBe(false);
    await again.setDriver({ running: true });
    expect((await again.frame(-1, -1))!.breakpoints.stoppedBy).toBeNull();
  });
});

describe('starting over', () => {
  it('removes the breakpoints with the disks, so a new pair with the same target does not inherit them', async () => {
    const kernel = await loadKernelFromFile();
    const { LabService } = await import('../src/worker/lab-service.ts');
    const lab = new LabService(await Engine.open(kernel, new MemoryStore(kernel)));
    await lab.setDriver({ running: false });
    await lab.createDisk({ name: 'SRC', blocks: 16, blockSize: 512, fill: { kind: 'index' } });
    await lab.createDisk({ name: 'TGT', blocks: 16, blockSize: 512, fill: { kind: 'zero' } });
    await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
    expect((await lab.setBreakpoints([{ kind: 'copierReaches', target: 'TGT', block: 4 }, { kind: 'writeRefused' }])).ok).toBe(true);
    expect((await lab.resetLab()).ok).toBe(true);
    const frame = await lab.frame(-1, -1);
    expect(frame?.breakpoints.list).toEqual([]);
    expect(frame?.breakpoints.stoppedBy).toBeNull();
  });
});
