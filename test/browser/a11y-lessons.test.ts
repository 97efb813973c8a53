/**
 * The screen-reader path through every lesson, in Chromium: the Lessons screen reached from the
 * mode nav by keyboard, then each lesson opened, started, predicted (a radio chosen with the arrow
 * keys), done and moved on with the keyboard alone; every reveal arrives in a live region (role
 * status) with words in it, the focus never falls back to the page's start, and axe finds no
 * violation on each lesson's first reveal.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { auditPage, describeViolations } from './support/axe-audit.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';
import { modeNames, openLab } from './support/lab-screens.ts';

/** Presses Enter on a control after moving the keyboard focus to it (as Tab would). */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.press(key);
}

/** True when the focus sits on an element inside the lesson pane (not lost to <body>). */
function focusInPane(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    let element = document.activeElement;
    const path: string[] = [];
    while (element) {
      path.push(element.tagName.toLowerCase());
      element = element.shadowRoot?.activeElement ?? null;
    }
    return path.includes('lesson-pane');
  });
}

/** Takes the open lesson's steps to the end by keyboard; returns how many reveals it read. */
async function walkLesson(page: Page, lesson: string, auditFirst: boolean): Promise<number> {
  const pane = page.locator('lesson-pane');
  const reveal = pane.getByTestId('lesson-reveal');
  let reveals = 0;
  for (let step = 0; step < 20; step++) {
    if ((await pane.getByText(/Lesson done\./).count()) > 0) return reveals;
    const radios = pane.getByRole('radio');
    if ((await radios.count()) > 0) {
      await radios.first().focus();
      await page.keyboard.press('ArrowDown'); // moves to and checks the second choice, as a screen-reader user would
      await expect.poll(() => pane.getByRole('radio', { checked: true }).count(), { message: `${lesson} step ${step}: a choice is checked` }).toBe(1);
    }
    await press(pane.getByRole('button', { name: /^Do it/ }));
    await expect.poll(() => reveal.count(), { timeout: 20_000, message: `${lesson} step ${step}: reveal` }).toBe(1);
    await expect.poll(() => focusInPane(page), { message: `${lesson} step ${step}: focus stays in the lesson after Do it` }).toBe(true);
    expect(await reveal.getAttribute('role')).toBe('status');
    expect((await reveal.textContent())?.trim().length ?? 0).toBeGreaterThan(20);
    if (auditFirst && reveals === 0) expect(describeViolations(`${lesson}, first reveal`, await auditPage(page))).toEqual([]);
    reveals++;
    await press(pane.getByRole('button', { name: /^(Next step|Finish the lesson)$/ }));
    await expect.poll(() => focusInPane(page), { message: `${lesson} step ${step}: focus stays in the lesson after Next` }).toBe(true);
  }
  throw new Error(`${lesson} did not end within 20 steps`);
}

describe.skipIf(chromiumMissing !== undefined)(`lessons by keyboard and screen reader ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
    await browser.page.setViewportSize({ width: 1280, height: 900 });
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('takes every lesson from start to end with the keyboard, each reveal announced', { timeout: 240_000 }, async () => {
    const { page } = browser;
    await openLab(page, url);
    const screens = await modeNames(page);
    expect(screens).toContain('Lessons');
    await press(page.locator('storage-lab-app nav.modes button').nth(screens.indexOf('Lessons')));
    const pane = page.locator('lesson-pane');
    const list = pane.getByTestId('lesson-list').locator('li button');
    await expect.poll(() => list.count()).toBeGreaterThanOrEqual(10);
    const titles = await list.allTextContents();
    for (const [index, title] of titles.entries()) {
      if (!(await pane.getByTestId('lesson-list').evaluate((d) => (d as HTMLDetailsElement).open))) {
        await press(pane.getByTestId('lesson-list').locator(':scope > summary'));
      }
      await press(list.nth(index));
      await press(pane.getByRole('button', { name: /^(Start the lesson|Start this lesson again)$/ }));
      // From the second lesson on the lab holds the previous lesson's disks: the pane asks first.
      const replace = pane.getByRole('button', { name: 'Remove them and start' });
      if (index > 0 && (await replace.count()) > 0) await press(replace);
      await expect.poll(() => pane.getByRole('button', { name: /^Do it/ }).count(), { timeout: 20_000, message: title }).toBe(1);
      expect(await walkLesson(page, title.trim(), true), `${title}: reveals`).toBeGreaterThan(0);
    }
    await expect.poll(() => pane.getByText(/All lessons \(10 of 10 done\)/).count()).toBe(1);
    browser.expectNoErrors();
  });
});
