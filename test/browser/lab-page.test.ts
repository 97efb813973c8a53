/**
 * The lab page as a learner uses it, in Chromium against the built page: a first experiment in one
 * click, writes during an online copy preserved in the repository, a verified target, an offline
 * copy refusing a write visibly, a reload mid-copy, and the main actions by keyboard alone.
 * Every test fails on a console error or an uncaught page error.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

/** Block state codes of the maps (src/ui/block-states.ts). */
const STATE = { uncopied: 0, copied: 1, preserved: 2, written: 3, refused: 4, torn: 6 } as const;

function map(page: Page, key: string): Locator {
  return page.locator(`figure[data-map="${key}"] block-map`);
}

/** All text a component renders, shadow DOM included, with whitespace collapsed. */
async function shownText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => (element.shadowRoot ?? element).textContent?.replace(/\s+/g, ' ') ?? '');
}

async function states(page: Page, key: string): Promise<number[]> {
  return map(page, key).evaluate((element) => Array.from((element as unknown as { states: Uint8Array }).states));
}

/** The focused element, looking through shadow roots. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return `${element?.tagName ?? ''} ${element?.getAttribute('aria-label') ?? ''} ${element?.textContent?.trim() ?? ''}`;
  });
}

/** Presses Tab until the focused element matches, as a keyboard-only learner would. */
async function tabTo(page: Page, pattern: RegExp, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (pattern.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${pattern}`);
}

async function startFirstExperiment(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start a first experiment' }).click();
  await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy in progress/);
}

async function pause(page: Page): Promise<void> {
  await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: false })));
}

/** Writes the last block of the source map by keyboard: focus the map, End, Enter. */
async function writeLastBlock(page: Page, key = 'source'): Promise<void> {
  await map(page, key).locator('canvas').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
}

describe.skipIf(chromiumMissing !== undefined)(`the lab page ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('starts a first experiment in one click: a picture source, a target and an online copy', async () => {
    const { page } = browser;
    await startFirstExperiment(page, url);
    for (const key of ['source', 'snapshot', 'repository', 'target']) await expect.poll(() => map(page, key).count()).toBe(1);
    expect((await states(page, 'source')).length).toBe(256);
    await expect.poll(async () => (await states(page, 'target')).filter((s) => s === STATE.copied).length).toBeGreaterThan(0);
    // The source holds the sample picture: its contents are not all zero.
    const nonZero = await page.evaluate(async () => {
      const read = await globalThis.storageLab!.readRaw('SRC', 0, 256);
      return read.ok ? read.value.some((byte) => byte !== 0) : false;
    });
    expect(nonZero).toBe(true);
    browser.expectNoErrors();
  });

  it('shows a write during an online copy as preserved in the repository, and the target verifies equal', async () => {
    const { page } = browser;
    await startFirstExperiment(page, url);
    await pause(page);
    await writeLastBlock(page);
    await expect.poll(async () => (await states(page, 'snapshot'))[255]).toBe(STATE.preserved);
    expect((await states(page, 'source'))[255]).toBe(STATE.written);
    expect((await states(page, 'repository'))[0]).toBe(STATE.preserved);
    await expect.poll(() => shownText(page, 'event-log')).toMatch(/Block 255 of SRC written: its old contents were preserved in repository slot 0/);

    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })));
    await expect.poll(() => page.getByText(/Verified: all 256 blocks equal the source at the point in time/).count(), { timeout: 30_000 }).toBe(1);
    browser.expectNoErrors();
  });

  it('refuses a source write during an offline copy visibly, with the reason in words', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      await lab.setDriver({ running: false });
      await lab.createDisk({ name: 'SRC', blocks: 64, blockSize: 4096, fill: { kind: 'index' } });
      await lab.createDisk({ name: 'TGT', blocks: 64, blockSize: 4096, fill: { kind: 'zero' } });
    });
    await page.getByRole('radio', { name: /Offline/ }).check();
    await page.getByRole('button', { name: 'Start the copy' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/offline copy in progress/);
    await writeLastBlock(page);
    await expect.poll(async () => (await states(page, 'source'))[63]).toBe(STATE.refused);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /read-only/i }).count()).toBeGreaterThan(0);
    browser.expectNoErrors();
  });

  it('shows the torn blocks of an unprotected copy when its target is verified', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      await lab.setDriver({ running: false });
      await lab.createDisk({ name: 'SRC', blocks: 64, blockSize: 4096, fill: { kind: 'index' } });
      await lab.createDisk({ name: 'TGT', blocks: 64, blockSize: 4096, fill: { kind: 'zero' } });
    });
    await page.getByRole('radio', { name: /Unprotected/ }).check();
    await page.getByRole('button', { name: 'Start the copy' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/unprotected copy in progress/);
    await writeLastBlock(page); // ahead of the copier: the copy will carry the new data
    await expect.poll(async () => (await states(page, 'source'))[63]).toBe(STATE.written);
    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })));
    await expect.poll(() => page.getByText(/does not match the point in time: block 63 differs/).count(), { timeout: 30_000 }).toBe(1);
    expect((await states(page, 'target'))[63]).toBe(STATE.torn);
    browser.expectNoErrors();
  });

  it('resumes after a reload mid-copy with the pair, the copier position, the counters and the log', async () => {
    const { page } = browser;
    await startFirstExperiment(page, url);
    await writeLastBlock(page);
    await expect.poll(() => shownText(page, 'counters-panel')).toMatch(/Host writes\s*1/);
    const before = await page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]!.progress.copied);
    await page.reload();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/online copy in progress/);
    await expect.poll(() => shownText(page, 'counters-panel')).toMatch(/Host writes\s*1/);
    await expect.poll(() => shownText(page, 'event-log')).toMatch(/Block 255 of SRC written/);
    await expect
      .poll(async () => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]!.progress.copied))
      .toBeGreaterThan(before);
    browser.expectNoErrors();
  });

  it('reaches the main actions by keyboard alone', async () => {
    const { page } = browser;
    await page.goto(url);
    await tabTo(page, /Start a first experiment/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/online copy in progress/);
    await tabTo(page, /Pause/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.driver.running)).toBe(false);
    const copied = await page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]!.progress.copied);
    await tabTo(page, /Step one block/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]!.progress.copied)).toBe(copied + 1);
    await tabTo(page, /^CANVAS .*Source SRC/);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await states(page, 'snapshot'))[255]).toBe(STATE.preserved);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    browser.expectNoErrors();
  });
});
