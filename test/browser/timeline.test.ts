/**
 * Time travel in the page (issue 6): a session, then the timeline bar travels back; the maps, the
 * counters and the log show exactly what was shown live at that step; forward again; continue
 * from the past (the old future becomes a branch) and switch back to the old branch.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

const MAPS = ['source', 'snapshot', 'repository', 'target'];

async function shownText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => (element.shadowRoot ?? element).textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** The block states of every map, the counters and the log as shown. */
async function shown(page: Page): Promise<string> {
  const maps: Record<string, number[]> = {};
  for (const key of MAPS) {
    maps[key] = await page.locator(`figure[data-map="${key}"] block-map`).evaluate((e) => Array.from((e as unknown as { states: Uint8Array }).states));
  }
  // The log as listed (its polite announcement says what is new, which travelling does not change).
  const log = await page.locator('event-log').evaluate((e) => ['.count', '.scroll'].map((s) => e.shadowRoot?.querySelector(s)?.textContent?.replace(/\s+/g, ' ').trim()).join(' '));
  return JSON.stringify({ maps, counters: await shownText(page, 'counters-panel'), log });
}

async function mapsShown(page: Page): Promise<string> {
  return JSON.parse(await shown(page)).maps as string;
}

/** Runs calls of the lab's API in the page. */
async function lab(page: Page, script: string): Promise<void> {
  await page.evaluate(`(async () => { const lab = globalThis.storageLab; ${script} })()`);
}

const steps = async (page: Page): Promise<number> => page.evaluate(async () => (await globalThis.storageLab!.timeline()).of);
const bar = (page: Page) => page.locator('timeline-bar');

/** Waits until the page shows the state captured (the frame loop and the maps redraw asynchronously). */
async function showsState(page: Page, expected: string): Promise<void> {
  await expect.poll(() => shown(page), { timeout: 10_000 }).toBe(expected);
}

describe.skipIf(chromiumMissing !== undefined)(`time travel ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('shows the past exactly as it was live, steps forward, branches from the past and switches back', async () => {
    const { page } = browser;
    await page.goto(url);
    await lab(page, `await lab.setDriver({ running: false });
      await lab.createDisk({ name: 'SRC', blocks: 64, blockSize: 4096, fill: { kind: 'index' } });
      await lab.createDisk({ name: 'TGT', blocks: 64, blockSize: 4096, fill: { kind: 'zero' } });
      await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
      await lab.copy('TGT', 6);
      await lab.write('SRC', [40], new Uint8Array(4096).fill(1));`);
    await expect.poll(() => shownText(page, 'event-log')).toMatch(/Block 40 of SRC written/);
    const atK = await steps(page);
    const pastK = await shown(page);
    await lab(page, `await lab.write('SRC', [50], new Uint8Array(4096).fill(2));`);
    await expect.poll(() => shownText(page, 'event-log')).toMatch(/Block 50 of SRC written/);
    const pastNext = await shown(page);
    await lab(page, `await lab.copy('TGT', 20); await lab.write('SRC', [3, 60], new Uint8Array(4096).fill(3)); await lab.copy('TGT', 10);`);
    await expect.poll(() => steps(page)).toBe(atK + 4);
    const end = await steps(page);
    const liveEnd = await shown(page);
    await expect.poll(() => shownText(page, 'timeline-bar')).toMatch(new RegExp(`Live: ${end} steps recorded`));

    // Back to step k with "Jump to step", as a learner would.
    await bar(page).getByLabel('Jump to step').selectOption(String(atK));
    await expect.poll(() => shownText(page, 'timeline-bar')).toContain(`You are looking at the past (step ${atK} of ${end}).`);
    await showsState(page, pastK);
    expect(await bar(page).getByLabel('Step of the session').getAttribute('aria-valuetext')).toBe(`Step ${atK} of ${end}: write SRC 40`);
    // An action in the past is refused; nothing changes.
    await lab(page, `const w = await lab.write('SRC', [1], new Uint8Array(4096).fill(9)); if (w.ok || w.code !== 'NOT_ALLOWED') throw new Error('not refused');`);

    await bar(page).getByRole('button', { name: 'Forward one step' }).click();
    await expect.poll(() => shownText(page, 'timeline-bar')).toContain(`(step ${atK + 1} of ${end})`);
    await showsState(page, pastNext);

    // Back to live, then back again one step with the keyboard on the slider.
    await bar(page).getByRole('button', { name: 'Back to live' }).first().click();
    await showsState(page, liveEnd);
    await bar(page).getByLabel('Step of the session').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => shownText(page, 'timeline-bar')).toContain(`(step ${end - 1} of ${end})`);

    // Continue from step k + 1: the live lab is rebuilt there, the old future kept as a branch.
    await bar(page).getByLabel('Jump to step').selectOption(String(atK + 1));
    await expect.poll(() => shownText(page, 'timeline-bar')).toContain(`(step ${atK + 1} of ${end})`);
    await bar(page).getByRole('button', { name: 'Continue from here' }).click();
    await expect.poll(() => steps(page), { timeout: 15_000 }).toBe(atK + 1);
    await expect.poll(() => shownText(page, 'timeline-bar')).toMatch(new RegExp(`Branch #1: ${end} steps, parted after step ${atK + 1}`));
    await expect.poll(() => mapsShown(page)).toEqual(JSON.parse(pastNext).maps);
    await lab(page, `const w = await lab.write('SRC', [1], new Uint8Array(4096).fill(9)); if (!w.ok) throw new Error(w.message);`);
    await expect.poll(() => steps(page)).toBe(atK + 2);

    // Switch back to the old branch: its end is live again, and the other future is kept.
    await bar(page).getByRole('button', { name: 'Switch to this branch' }).click();
    await expect.poll(() => steps(page), { timeout: 15_000 }).toBe(end);
    await expect.poll(() => mapsShown(page)).toEqual(JSON.parse(liveEnd).maps);
    await expect.poll(() => shownText(page, 'timeline-bar')).toMatch(new RegExp(`Branch #2: ${atK + 2} steps, parted after step ${atK + 1}`));
    browser.expectNoErrors();
  });
});
