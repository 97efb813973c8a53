/**
 * The engine in its real home: the lab's Web Worker over real IndexedDB and the wasm kernel in
 * Chromium, reached through comlink as the page reaches it (`globalThis.storageLab`).
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PairView } from '../../src/core/views.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

const BLOCKS = 1024;
const BLOCK_SIZE = 4096;

/** Waits until the page's lab API answers. */
async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => globalThis.storageLab !== undefined);
  await page.evaluate(() => globalThis.storageLab!.frame(-1, 0));
}

/** Creates SRC (index fill) and TGT, and an online copy with the driver paused. */
async function createOnlineCopy(page: Page): Promise<void> {
  const outcomes = await page.evaluate(
    async ({ blocks, blockSize }) => {
      const lab = globalThis.storageLab!;
      return [
        await lab.setDriver({ running: false }),
        await lab.createDisk({ name: 'SRC', blocks, blockSize, fill: { kind: 'index' } }),
        await lab.createDisk({ name: 'TGT', blocks, blockSize, fill: { kind: 'zero' } }),
        await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }),
      ].map((o) => o.ok);
    },
    { blocks: BLOCKS, blockSize: BLOCK_SIZE },
  );
  expect(outcomes).toEqual([true, true, true, true]);
}

/** Host writes of a whole block of `byte`; returns whether each was acknowledged and its I/O count. */
async function write(page: Page, block: number, byte: number): Promise<{ ok: boolean; ios: number }> {
  return page.evaluate(
    async ({ block, byte, blockSize }) => {
      const result = await globalThis.storageLab!.write('SRC', [block], new Uint8Array(blockSize).fill(byte));
      return { ok: result.ok, ios: result.ok ? result.value.ios : 0 };
    },
    { block, byte, blockSize: BLOCK_SIZE },
  );
}

async function pair(page: Page): Promise<PairView> {
  return page.evaluate(async () => {
    const frame = await globalThis.storageLab!.frame(-1, 0);
    const { copied: _c, preserved: _p, ...rest } = frame!.pairs[0]!;
    return rest as unknown as PairView;
  });
}

/** For each block of a disk: its first byte, or -1 when the block is not uniform. */
async function blockValues(page: Page, disk: string): Promise<number[]> {
  return page.evaluate(
    async ({ disk, blocks, blockSize }) => {
      const read = await globalThis.storageLab!.readRaw(disk, 0, blocks);
      if (!read.ok) throw new Error(read.message);
      const values: number[] = [];
      for (let b = 0; b < blocks; b++) {
        const block = read.value.subarray(b * blockSize, (b + 1) * blockSize);
        values.push(block.every((v) => v === block[0]) ? block[0]! : -1);
      }
      return values;
    },
    { disk, blocks: BLOCKS, blockSize: BLOCK_SIZE },
  );
}

async function runToCompletion(page: Page): Promise<void> {
  expect(await page.evaluate(async () => (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })).ok)).toBe(true);
  await expect.poll(async () => (await pair(page)).status, { timeout: 30_000 }).toBe('Completed');
}

const pointInTime = Array.from({ length: BLOCKS }, (_, b) => b % 256);

describe.skipIf(chromiumMissing !== undefined)(`the copy engine in the lab worker ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('copies a 1,024-block disk online while hosts write behind, at and ahead of the copier', async () => {
    const { page } = browser;
    await openLab(page, url);
    await createOnlineCopy(page);
    expect(await page.evaluate(async () => (await globalThis.storageLab!.copy('TGT', 300)).ok)).toBe(true);
    expect((await pair(page)).progress.copied).toBe(300);

    expect(await write(page, 10, 201)).toEqual({ ok: true, ios: 3 }); // behind the copier
    expect(await write(page, 300, 202)).toEqual({ ok: true, ios: 3 }); // at the copier
    expect(await write(page, 900, 203)).toEqual({ ok: true, ios: 3 }); // ahead of it
    expect(await write(page, 900, 204)).toEqual({ ok: true, ios: 1 }); // the same block again
    expect(await write(page, 900, 205)).toEqual({ ok: true, ios: 1 });
    expect(await page.evaluate(async () => (await globalThis.storageLab!.failBlock('SRC', 1000)).ok)).toBe(true);
    expect(await page.evaluate(async () => (await globalThis.storageLab!.repairBlock('SRC', 1000)).ok)).toBe(true);

    await runToCompletion(page);
    const done = await pair(page);
    expect(done.snapshot).toEqual({ state: 'disabled' });
    expect(done.counters).toMatchObject({ hostWrites: 5, hostWriteIos: 11, copyOnWrites: 3 });
    expect(await blockValues(page, 'TGT')).toEqual(pointInTime);
    const source = await blockValues(page, 'SRC');
    expect([source[10], source[300], source[900]]).toEqual([201, 202, 205]);
    // After completion the snapshot is off: a first write to a block costs one I/O again.
    expect(await write(page, 500, 206)).toEqual({ ok: true, ios: 1 });
    browser.expectNoErrors();
  });

  it('resumes a copy after a reload in the middle, without losing a write or a preserved block', async () => {
    const { page } = browser;
    await openLab(page, url);
    await createOnlineCopy(page);
    expect(await page.evaluate(async () => (await globalThis.storageLab!.copy('TGT', 400)).ok)).toBe(true);
    expect(await write(page, 100, 211)).toEqual({ ok: true, ios: 3 });
    expect(await write(page, 700, 212)).toEqual({ ok: true, ios: 3 });
    // Let the real-time driver copy for a while, then reload while it is still running.
    expect(await page.evaluate(async () => (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: false, speed: 1 })).ok)).toBe(true);
    await page.waitForTimeout(300);
    const before = await pair(page);
    expect(before.status).toBe('InProgress');

    await page.reload();
    await page.waitForFunction(() => globalThis.storageLab !== undefined);
    const after = await pair(page);
    expect(after.status).toBe('InProgress');
    expect(after.progress.copied).toBeGreaterThanOrEqual(before.progress.copied);
    expect(after.counters).toEqual(before.counters);
    expect(after.repository?.used).toBe(2);
    expect(await write(page, 700, 213)).toEqual({ ok: true, ios: 1 }); // still preserved after the reload

    await runToCompletion(page);
    expect(await blockValues(page, 'TGT')).toEqual(pointInTime);
    const source = await blockValues(page, 'SRC');
    expect([source[100], source[700]]).toEqual([211, 213]);
    browser.expectNoErrors();
  });
});
