/**
 * Breakpoints and "follow one block" in Chromium against the built page: a learner sets "the copier
 * reaches block 40" in the breakpoints card and runs the copy at full speed; the page explains the
 * pause next to the steer controls and exactly blocks 0..40 are on the target, also after a reload;
 * a write to block 20 (already copied) is followed in the block history, and blocks are followed
 * from the map by keyboard (F) and Shift+click. Fails on any console error.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditPage, describeViolations } from './support/axe-audit.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

/** Block state code of a block on the target (src/ui/block-states.ts). */
const COPIED = 1;

async function targetStates(page: Page): Promise<number[]> {
  return page.locator('figure[data-map="target"] block-map').evaluate((element) => Array.from((element as unknown as { states: Uint8Array }).states));
}

describe.skipIf(chromiumMissing !== undefined)(`breakpoints and block history in the page ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('stops the copier exactly at block 40, says why, and follows block 20 after a write', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.getByRole('button', { name: 'Start a first experiment' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy in progress/);
    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: false })));
    const copiedSoFar = (await targetStates(page)).filter((s) => s === COPIED).length;
    expect(copiedSoFar).toBeLessThan(40);

    const card = page.locator('breakpoints-panel');
    await card.getByLabel('Pause when').selectOption('copierReaches');
    await card.getByLabel('Block').fill('400');
    await card.getByRole('button', { name: 'Add breakpoint' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/Enter a block from 0 to 255/);
    await card.getByLabel('Block').fill('40');
    await card.getByRole('button', { name: 'Add breakpoint' }).click();
    await expect.poll(() => card.getByTestId('breakpoint-list').textContent()).toMatch(/The copier reaches block 40 \(copy to TGT\)/);

    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })));
    const notice = page.getByTestId('breakpoint-stop');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/Stopped: the copier reached block 40 of SRC — 41 blocks are on TGT\./);
    await expect.poll(async () => (await targetStates(page)).filter((s) => s === COPIED).length).toBe(41);
    const states = await targetStates(page);
    expect(states.slice(0, 41).every((s) => s === COPIED)).toBe(true);
    await page.waitForTimeout(500); // the copier stays paused
    expect((await targetStates(page)).filter((s) => s === COPIED).length).toBe(41);

    const written = await page.evaluate(async () => (await globalThis.storageLab!.write('SRC', [20], new Uint8Array(4096).fill(0x41))).ok);
    expect(written).toBe(true);
    const follower = page.locator('block-history-panel');
    await follower.getByLabel('Follow block').fill('20');
    await follower.getByRole('button', { name: 'Follow', exact: true }).click();
    const timeline = follower.getByTestId('block-history');
    await expect.poll(() => timeline.textContent()).toMatch(/the first write copied its old contents on write into slot 0 of SRC-R1/);
    const text = (await timeline.textContent()) ?? '';
    expect(text).toMatch(/the copier read it from the source SRC and wrote it to TGT/);
    expect(text).toMatch(/A host wrote to it at/);
    expect(text).toMatch(/TGT now holds the point-in-time contents\./);

    // The pause explanation, the breakpoint list and the timeline pass the accessibility audit.
    expect(describeViolations('stopped, block followed', await auditPage(page))).toEqual([]);

    // By keyboard: select block 5 on the source map, then follow the selected block.
    await page.locator('figure[data-map="source"] block-map canvas').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await follower.getByRole('button', { name: 'Follow the selected block (5)' }).click();
    await expect.poll(() => follower.locator('h3').textContent()).toBe('Block 5: SRC → TGT');
    await expect.poll(() => timeline.textContent()).toMatch(/the copier read it from the source SRC/);
    expect(await page.locator('figure[data-map="target"] block-map').evaluate((element) => (element as unknown as { followed: number | null }).followed)).toBe(5);
    await page.locator('figure[data-map="source"] block-map canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('f'); // F on the focused map follows the selected block
    await expect.poll(() => follower.locator('h3').textContent()).toBe('Block 6: SRC → TGT');
    // Shift+click on block 33 (row 2, column 1 of 16) follows it and writes nothing.
    const canvas = page.locator('figure[data-map="source"] block-map canvas');
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: (1.5 * box.width) / 16, y: (2.5 * box.height) / 16 }, modifiers: ['Shift'] });
    await expect.poll(() => follower.locator('h3').textContent()).toBe('Block 33: SRC → TGT');
    expect(await follower.getByTestId('block-history').textContent()).not.toMatch(/wrote to it/);


    // A reload keeps the breakpoint, the pause and its reason.
    await page.reload();
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/Stopped: the copier reached block 40 of SRC/);
    await expect.poll(() => card.getByTestId('breakpoint-list').textContent()).toMatch(/The copier reaches block 40/);
    expect((await targetStates(page)).filter((s) => s === COPIED).length).toBe(41);

    await notice.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(async () => (await targetStates(page)).filter((s) => s === COPIED).length, { timeout: 20_000 }).toBe(256);
    browser.expectNoErrors();
  });
});
