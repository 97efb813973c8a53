/**
 * Accessibility audit: axe-core (WCAG 2.0/2.1 A and AA, and best practices) over every main screen
 * of the built lab in Chromium: the empty lab; a paused online copy with every panel open, a
 * refusal shown and then the help sheet; every screen of the mode nav (so screens added later are
 * audited too); a completed copy; the German page; projector mode. Each reports no violation.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditPage, describeViolations } from './support/axe-audit.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';
import { unreachedByTab } from './support/keyboard-reach.ts';
import { announcements, busiestWindow, watchLiveRegions } from './support/live-regions.ts';
import { completeCopy, modeNames, openAllDetails, openLab, pausedOnlineCopy, showMode, showRefusal } from './support/lab-screens.ts';

/** Audits the page as it is now and fails with every violation listed. */
async function expectNoViolations(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(250); // let the last frame and any transition settle before colours are measured
  expect(describeViolations(screen, await auditPage(page)), `axe violations on ${screen}`).toEqual([]);
}

/** Audits every screen of the mode nav, panels open, prefixing the screen's name with `label`. */
async function expectNoViolationsOnScreens(page: Page, label: string): Promise<void> {
  const modes = await modeNames(page);
  for (let index = 0; index < modes.length; index++) {
    await showMode(page, index);
    await openAllDetails(page);
    await expectNoViolations(page, `${label} screen "${modes[index]}"`);
  }
}

describe.skipIf(chromiumMissing !== undefined)(`accessibility audit ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
    await browser.page.setViewportSize({ width: 1280, height: 900 });
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('finds no violation on the empty lab', async () => {
    const { page } = browser;
    await openLab(page, url);
    await expectNoViolations(page, 'empty lab');
    browser.expectNoErrors();
  });

  it('finds no violation during an online copy with every panel open, a refusal and the help sheet, nor on any screen of the nav', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    await openAllDetails(page);
    await showRefusal(page);
    await expectNoViolations(page, 'online copy, panels open, refusal shown');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await expectNoViolations(page, 'help sheet');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expectNoViolationsOnScreens(page, 'English');
    browser.expectNoErrors();
  });

  it('finds no violation at a breakpoint stop, in the past view of the timeline, nor on the results of a comparison', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    await page.evaluate(async () => {
      await globalThis.storageLab!.setBreakpoints([{ kind: 'copierReaches', target: 'TGT', block: 120 }]);
      await globalThis.storageLab!.setDriver({ running: true, speed: 200 });
    });
    await expect.poll(() => page.getByTestId('breakpoint-stop').isVisible(), { timeout: 20_000 }).toBe(true);
    await expectNoViolations(page, 'breakpoint stop');
    await page.getByTestId('timeline-back').click();
    await expect.poll(() => page.getByTestId('timeline-past').isVisible()).toBe(true);
    await expectNoViolations(page, 'past view');
    await page.getByTestId('timeline-live').click();
    await expect.poll(() => page.getByTestId('timeline-past').count()).toBe(0);
    const modes = await modeNames(page);
    await showMode(page, modes.indexOf('Strategies side by side'));
    await page.locator('compare-view [data-preset]').first().click();
    await page.locator('compare-view button.run').click();
    await expect.poll(() => page.getByTestId('compare-table').isVisible(), { timeout: 45_000 }).toBe(true);
    await expectNoViolations(page, 'comparison results');
    browser.expectNoErrors();
  });

  it('finds no violation once the copy has completed and its target is verified', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    await completeCopy(page);
    await expectNoViolations(page, 'completed copy');
    browser.expectNoErrors();
  });

  it('reaches every visible control of every screen with the Tab key, panels open', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    await openAllDetails(page);
    expect(await unreachedByTab(page), 'lab screen').toEqual([]);
    const modes = await modeNames(page);
    for (let index = 0; index < modes.length; index++) {
      await showMode(page, index);
      await openAllDetails(page);
      expect(await unreachedByTab(page), `screen "${modes[index]}"`).toEqual([]);
    }
    browser.expectNoErrors();
  });

  it('announces a running copy without flooding: at most one announcement per region and second, the completion once', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    expect(await watchLiveRegions(page)).toBeGreaterThan(3);
    await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      await lab.setWorkload({ running: true, disk: 'SRC', pattern: 'random', ratePerSecond: 3 });
      await lab.setDriver({ running: true, speed: 50 });
    });
    const verified = async () => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]?.verification?.state ?? '');
    await expect.poll(verified, { timeout: 30_000 }).toBe('equal');
    await page.evaluate(async () => void (await globalThis.storageLab!.setWorkload({ running: false })));
    await page.waitForTimeout(2500); // the event log's throttled announcement comes up to a second later
    const heard = await announcements(page);
    expect(busiestWindow(heard, 900), JSON.stringify(heard, null, 1)).toMatchObject({ count: 1 });
    expect(heard.filter((a) => /Copy to TGT completed/.test(a.text)), JSON.stringify(heard, null, 1)).toHaveLength(1);
    browser.expectNoErrors();
  });

  it('finds no violation on the German page, on every screen', async () => {
    const { page } = browser;
    await openLab(page, `${url}?lang=de`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
    await pausedOnlineCopy(page);
    await openAllDetails(page);
    await expectNoViolations(page, 'German lab during a copy');
    await expectNoViolationsOnScreens(page, 'German');
    browser.expectNoErrors();
  });

  it('finds no violation in projector mode, with the advanced controls folded and unfolded', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openLab(page, `${url}?projector=1`);
    await pausedOnlineCopy(page);
    await expectNoViolations(page, 'projector mode');
    await openAllDetails(page);
    await expectNoViolations(page, 'projector mode, more controls open');
    await expectNoViolationsOnScreens(page, 'projector mode');
    browser.expectNoErrors();
  });
});
