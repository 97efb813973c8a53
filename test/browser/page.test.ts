import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

describe.skipIf(chromiumMissing !== undefined)(`the built lab page in Chromium ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('loads without a console or page error and shows its heading', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => page.getByRole('heading', { name: 'Storage Lab' }).isVisible()).toBe(true);
    browser.expectNoErrors();
  });

  it('is a production build (no library running in development mode)', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => page.getByRole('heading', { name: 'Storage Lab' }).isVisible()).toBe(true);
    expect(browser.warnings.filter((text) => /dev mode|development mode/i.test(text))).toEqual([]);
  });

  it('is cross-origin isolated, so shared memory is available', async () => {
    const { page } = browser;
    await page.goto(url);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  });

  it('registers a service worker and loads again offline after the first visit', async () => {
    const { page, context } = browser;
    await page.goto(url);
    // The worker precaches every asset while installing, so once it is activated the lab works offline.
    const state = await page.evaluate(async () => {
      const worker = (await navigator.serviceWorker.ready).active;
      if (worker?.state === 'activating') {
        await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
      }
      return worker?.state;
    });
    expect(state).toBe('activated');

    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Storage Lab' }).isVisible()).toBe(true);
    // Not only the page: the engine starts offline too (worker, wasm kernel, IndexedDB).
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    browser.expectNoErrors();
  });

  it('lets a newer version take over as soon as its service worker is installed', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.evaluate(async () => {
      const worker = (await navigator.serviceWorker.ready).active;
      if (worker?.state === 'activating') await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
    });
    // A new release: the served service worker script changes.
    const script = join(inject('labDir'), 'sw.js');
    const released = await readFile(script, 'utf8');
    await appendFile(script, '\n// a newer release\n');
    try {
      const outcome = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const takenOver = new Promise<string>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve('taken over'), { once: true }));
        await registration?.update();
        const waited = new Promise<string>((resolve) => setTimeout(() => resolve(`still waiting: ${registration?.waiting?.state ?? 'nothing'}`), 15_000));
        return Promise.race([takenOver, waited]);
      });
      // Without skipWaiting the new worker would wait until every tab of the lab is closed.
      expect(outcome).toBe('taken over');
    } finally {
      await writeFile(script, released);
    }
    browser.expectNoErrors();
  });
});
