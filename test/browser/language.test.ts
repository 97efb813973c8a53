/**
 * The lab page in German, in Chromium against the built page: the switch in the header turns the
 * whole page German at once (headings, buttons, the status line, the event log, a refusal, the
 * accessible names), with no English left in the panels; the choice survives a reload, and the
 * switch back gives the English page again.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

/** The panels whose every word is German after the switch (their shadow trees, nested elements included). */
const PANELS = ['disk-maps', 'counters-panel', 'latency-chart', 'event-log', 'steer-panel', 'write-panel', 'workload-panel', 'copy-panel', 'setup-panel', 'storage-panel'];

/** English words that must not show on the German page (whole words, case as written). */
const ENGLISH =
  /\b(the|of|and|is|to|from|with|copy|copied|source|target|disk|disks|blocks|written|writes|refused|full|failed|Copy|Source|Target|Disk|Priority|Speed|Pattern|Watch|Steer|Counters|Recopy|Remove|Play|Show|Write|Workload|Storage|Newest|Keyboard)\b/;

/** Text and accessible words (aria-label, aria-valuetext, title) of an element's shadow tree and of every shadow tree inside it. */
async function deepText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => {
    const parts: string[] = [];
    const visit = (root: Node): void => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (!(node instanceof Element)) continue;
        for (const name of ['aria-label', 'aria-valuetext', 'title', 'aria-roledescription']) parts.push(node.getAttribute(name) ?? '');
        if (node.shadowRoot) visit(node.shadowRoot);
        visit(node);
      }
    };
    visit(element.shadowRoot ?? element);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

/** The engine's own detail after a refusal is its English message, quoted as such („…“); the sentence before it is the page's. */
const withoutEngineDetail = (text: string): string => text.replace(/Meldung der Engine \(englisch\): „[^“]*“/g, '');

async function status(page: Page): Promise<string> {
  return (await page.getByTestId('engine-status').textContent()) ?? '';
}

describe.skipIf(chromiumMissing !== undefined)(`the lab page in German ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('switches the whole page to German, keeps it over a reload, and switches back to English', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => status(page)).toMatch(/No disks yet/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.getByRole('button', { name: 'Deutsch' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toMatch(/ein Laufwerk kopieren/);
    await expect.poll(() => status(page)).toMatch(/^Noch keine Laufwerke/);

    await page.getByRole('button', { name: 'Ein erstes Experiment starten' }).click();
    await expect.poll(() => status(page)).toMatch(/^SRC → TGT: Online-Kopie, Status In Bearbeitung, \d+ von 256 Blöcken kopiert\.$/);
    for (const heading of ['Die Kopie beobachten', 'Die Kopie steuern', 'Zähler: SRC → TGT', 'Was geschah', 'Eine Kopie starten', 'Als Host schreiben']) {
      await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBeGreaterThan(0);
    }
    for (const button of ['Pause', 'Anhalten', 'Erneut kopieren', 'Kopie starten', 'Tastaturhilfe (?)']) {
      expect(await page.getByRole('button', { name: button, exact: true }).count(), button).toBeGreaterThan(0);
    }
    await expect.poll(() => deepText(page, 'event-log')).toMatch(/Snapshot von SRC für die Kopie nach TGT erstellt/);

    // A refusal: SRC → TGT again, while TGT is already the target of a pair.
    await page.getByRole('button', { name: 'Kopie starten', exact: true }).click();
    const alert = page.locator('copy-panel').getByRole('alert').filter({ hasText: /\S/ });
    await expect.poll(() => alert.count()).toBe(1);
    const refusal = withoutEngineDetail((await alert.textContent()) ?? '');
    expect(refusal).toMatch(/^(Dieses Laufwerk|Das Ziellaufwerk|Dieses Quelllaufwerk)/);
    expect(refusal).not.toMatch(ENGLISH);

    for (const panel of PANELS) {
      const text = withoutEngineDetail(await deepText(page, panel));
      expect(text.match(ENGLISH)?.[0], `English in <${panel}>: …${text.slice(Math.max(0, (text.match(ENGLISH)?.index ?? 0) - 60), (text.match(ENGLISH)?.index ?? 0) + 40)}…`).toBeUndefined();
    }

    await page.reload();
    await expect.poll(() => status(page)).toMatch(/^SRC → TGT: Online-Kopie/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByRole('heading', { name: 'Die Kopie beobachten' }).count()).toBe(1);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => status(page)).toMatch(/^SRC → TGT: online copy (in progress|completed)/);
    expect(await page.getByRole('heading', { name: 'Watch the copy' }).count()).toBe(1);
    expect(await deepText(page, 'steer-panel')).not.toMatch(/Kopierpriorität|Anhalten|Blöcken/);
    expect(await deepText(page, 'event-log')).toMatch(/Snapshot of SRC taken for the copy to TGT/);
    browser.expectNoErrors();
  });
});
