/**
 * Strategies side by side in Chromium against the built page: open the comparison screen, run the
 * prepared section-3 workload (writes on both sides of the copier) and read the table as a learner
 * would. Expectations from DOMAIN.md section 3: online spends repository blocks on writes behind the
 * copier, copy-before-write none; online, copy-before-write and offline targets equal the point in
 * time, the unprotected one does not. The screen also switches to German, and the lab's own disks
 * stay as they were. Every test fails on a console error or an uncaught page error.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

/** The text of one cell of the comparison table: row key × copy type. */
function cell(page: Page, row: string, type: string): Promise<string> {
  return page.locator(`compare-table tr[data-row="${row}"] td[data-type="${type}"]`).innerText();
}

async function openAndRun(page: Page, url: string, screen: string, run: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: screen }).click();
  await page.locator('compare-view button[data-preset="section3"]').click();
  await page.getByRole('button', { name: run }).click();
  await expect.poll(() => page.getByTestId('compare-table').count(), { timeout: 30_000 }).toBe(1);
}

describe.skipIf(chromiumMissing !== undefined)(`the comparison screen ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('runs the section-3 workload: online spends repository blocks behind the copier, copy-before-write none; only unprotected is torn', async () => {
    const { page } = browser;
    await openAndRun(page, url, 'Strategies side by side', 'Run comparison');
    const headers = await page.locator('compare-table thead th').allInnerTexts();
    expect(headers.slice(1)).toEqual(['offline', 'online', 'copyBeforeWrite', 'unprotected']);

    const onlineBehind = Number((await cell(page, 'repositoryBehind', 'online')).replace(/\D/g, ''));
    expect(onlineBehind).toBeGreaterThan(0);
    expect(await cell(page, 'repositoryBehind', 'copyBeforeWrite')).toBe('0 best');
    expect(await cell(page, 'repository', 'online')).toMatch(/^\d+ of \d+$/);
    expect(await cell(page, 'repository', 'copyBeforeWrite')).toMatch(/no repository/);
    for (const type of ['online', 'copyBeforeWrite', 'offline']) expect(await cell(page, 'target', type)).toBe('yes');
    expect(await cell(page, 'target', 'unprotected')).toMatch(/^no: \d+ torn blocks$/);
    expect(await cell(page, 'refused', 'offline')).toMatch(/WRITE_PROTECTED/);
    // The best value is marked with a word, not only a colour.
    expect(await cell(page, 'extraIos', 'unprotected')).toBe('0 best');
    expect(await cell(page, 'extraIos', 'online')).toBe(String(2 * 24));
    expect(await page.getByTestId('compare-reading').innerText()).toBe(
      `Online used ${onlineBehind} repository blocks for writes behind the copier; copy-before-write used none. ` +
        `The unprotected target differs from the point in time in ${onlineBehind} blocks. Offline refused all 24 writes: its source is read-only while it copies.`,
    );
    // One block map per type: online shows preserved blocks (code 2), copy-before-write none, unprotected torn ones (code 6).
    const codes = (type: string): Promise<number[]> =>
      page.locator(`compare-maps block-map[data-type="${type}"]`).evaluate((element) => Array.from((element as unknown as { states: Uint8Array }).states));
    expect((await codes('online')).filter((c) => c === 2)).toHaveLength(24);
    expect((await codes('copyBeforeWrite')).filter((c) => c === 2)).toHaveLength(0);
    expect((await codes('unprotected')).filter((c) => c === 6)).toHaveLength(onlineBehind);
    // The comparison ran on engines of its own: the lab still has no disks.
    const disks = await page.evaluate(async () => (await globalThis.storageLab!.frame(-1, -1))?.disks.length);
    expect(disks).toBe(0);
    browser.expectNoErrors();
  });

  it('shows the screen and its reading in German', async () => {
    const { page } = browser;
    await openAndRun(page, `${url}?lang=de`, 'Strategien im Vergleich', 'Vergleich ausführen');
    expect(await cell(page, 'target', 'online')).toBe('ja');
    expect(await cell(page, 'target', 'unprotected')).toMatch(/^nein: \d+ zerrissene Blöcke$/);
    expect(await cell(page, 'extraIos', 'unprotected')).toMatch(/am besten/);
    expect(await page.getByTestId('compare-reading').innerText()).toMatch(/^Online belegte \d+ Blöcke im Snapshot-Repository für Schreibvorgänge hinter dem Kopierprozess; Kopie vor Schreibvorgang keinen\./);
    browser.expectNoErrors();
  });
});
