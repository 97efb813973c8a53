/**
 * Projector mode in Chromium at 1920×1080: the header toggle turns it on and off; on, the type is
 * larger, every visible text has a contrast of at least 7:1 against its background, the map tiles
 * are big and their colours and glyphs stay apart, and the advanced cards wait behind one "More
 * controls" disclosure while the maps, counters, steering and log stay in view; a reload keeps the
 * choice, and `?projector=1` turns it on.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';
import { contrast, deltaE, parseColour, shownTexts, type Rgb } from './support/contrast.ts';
import { engineStatus, openLab, pausedOnlineCopy } from './support/lab-screens.ts';

const ADVANCED = ['write-panel', 'workload-panel', 'copy-panel', 'storage-panel'] as const;
const KEPT = ['disk-maps', 'counters-panel', 'steer-panel', 'event-log'] as const;
const STATE_NAMES = ['uncopied', 'copied', 'preserved', 'written', 'refused', 'unreadable', 'torn'];

const projectorOn = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.classList.contains('projector'));
const toggle = (page: Page) => page.getByTestId('projector-toggle');
const fontPx = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));

/** Fill (most frequent colour) and glyph ink (second, when it covers 4 % or more) of each legend swatch, by state code. */
async function swatches(page: Page): Promise<Array<{ code: number; fill: Rgb; ink: Rgb | null }>> {
  const counted = await page.locator('block-legend canvas[data-code]').evaluateAll((canvases) =>
    canvases.map((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      const counts = new Map<string, number>();
      for (let i = 0; i < data.length; i += 4) {
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return { code: Number(c.dataset['code']), total: data.length / 4, top: [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2) };
    }),
  );
  return counted
    .filter((s) => s.code >= 0)
    .map(({ code, total, top }) => {
      const rgb = (entry: [string, number] | undefined): Rgb | null => (entry ? (entry[0].split(',').map(Number) as unknown as Rgb) : null);
      const second = top[1];
      return { code, fill: rgb(top[0]) ?? [0, 0, 0], ink: second && second[1] >= total * 0.04 ? rgb(second) : null };
    });
}

describe.skipIf(chromiumMissing !== undefined)(`projector mode ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
    await browser.page.setViewportSize({ width: 1920, height: 1080 });
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('turns on from the header: larger type, text at 7:1 or more, big distinct map tiles, advanced cards folded; a reload keeps it', async () => {
    const { page } = browser;
    await openLab(page, url);
    await pausedOnlineCopy(page);
    expect(await projectorOn(page)).toBe(false);
    const normalPx = await fontPx(page, '[data-testid="engine-status"]');
    for (const card of ADVANCED) await expect.poll(() => page.locator(card).isVisible(), { message: card }).toBe(true);

    await toggle(page).click();
    await expect.poll(() => toggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await projectorOn(page)).toBe(true);
    const projectedPx = await fontPx(page, '[data-testid="engine-status"]');
    expect(projectedPx).toBeGreaterThanOrEqual(24);
    expect(projectedPx / normalPx).toBeGreaterThanOrEqual(1.3);

    await page.waitForTimeout(300);
    const texts = await shownTexts(page);
    expect(texts.length).toBeGreaterThan(30);
    const weak = texts.filter((t) => contrast(parseColour(t.colour), parseColour(t.background)) < 7);
    expect(weak.map((t) => `${t.where} "${t.text}" ${t.colour} on ${t.background}`)).toEqual([]);

    const source = await page.locator('figure[data-map="source"] block-map canvas').boundingBox();
    expect(source?.width ?? 0, 'source map width in CSS px (16 tiles across)').toBeGreaterThanOrEqual(400);
    const legend = await swatches(page);
    expect(legend.map((s) => s.code)).toEqual(STATE_NAMES.map((_, code) => code));
    for (const { code, fill, ink } of legend) {
      const name = STATE_NAMES[code];
      if (ink) expect(contrast(fill, ink), `${name}: glyph against fill`).toBeGreaterThanOrEqual(4.5);
      expect(Math.max(contrast(fill, [255, 255, 255]), ink ? contrast(ink, [255, 255, 255]) : 1), `${name}: tile against the page`).toBeGreaterThanOrEqual(3);
      for (const other of legend.filter((o) => o.code > code)) expect(deltaE(fill, other.fill), `${name} vs ${STATE_NAMES[other.code]}`).toBeGreaterThanOrEqual(20);
    }

    for (const card of ADVANCED) expect(await page.locator(card).isVisible(), `${card} hidden`).toBe(false);
    for (const card of KEPT) expect(await page.locator(card).isVisible(), `${card} shown`).toBe(true);
    await page.getByTestId('more-controls').locator(':scope > summary').click();
    await expect.poll(() => page.locator('copy-panel').isVisible()).toBe(true);

    await page.reload();
    await expect.poll(() => engineStatus(page)).toMatch(/SRC → TGT/);
    expect(await projectorOn(page)).toBe(true);
    expect(await toggle(page).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('write-panel').isVisible()).toBe(false);
    browser.expectNoErrors();
  });

  it('turns on with ?projector=1, and off again for good from the toggle', async () => {
    const { page } = browser;
    await openLab(page, `${url}?projector=1`);
    expect(await projectorOn(page)).toBe(true);
    expect(await fontPx(page, 'html')).toBe(24);
    await toggle(page).click();
    await expect.poll(() => projectorOn(page)).toBe(false);
    expect(await fontPx(page, 'html')).toBe(16);
    await expect.poll(() => page.locator('copy-panel').isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('projector')).toBe('0');
    await page.reload();
    await expect.poll(() => toggle(page).getAttribute('aria-pressed')).toBe('false');
    expect(await projectorOn(page)).toBe(false);
    browser.expectNoErrors();
  });
});
