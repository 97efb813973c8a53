/**
 * Storage limits in the built page: the storage panel shows the browser's estimate and whether
 * storage is persistent, and asks for persistence; a disk larger than what is left is refused up
 * front; a full quota inside a transaction (IndexedDB put throwing QuotaExceededError in the
 * worker) is shown as a clear sentence, nothing is half written, and the next write succeeds.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

async function shownText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => (element.shadowRoot ?? element).textContent?.replace(/\s+/g, ' ') ?? '');
}

async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
}

describe.skipIf(chromiumMissing !== undefined)(`storage limits in the lab page ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('shows the storage estimate and persistence, and asks the browser to make storage persistent', async () => {
    const { page } = browser;
    await openLab(page, url);
    await expect.poll(() => page.getByTestId('storage-estimate').textContent()).toMatch(/The lab uses [\d.]+ \w+ of about [\d.]+ \w+ this browser lets it store \([\d.]+ \w+ left\)/);
    const persistence = (await page.getByTestId('storage-persistence').textContent()) ?? '';
    expect(persistence).toMatch(/^(Persistent|Not persistent)/);
    if (persistence.startsWith('Not persistent')) {
      await page.getByRole('button', { name: 'Keep my disks (ask for persistent storage)' }).click();
      await expect.poll(() => shownText(page, 'storage-panel')).toMatch(/The browser (agreed|said no for now)/);
    }
    browser.expectNoErrors();
  });

  it('refuses up front a disk that would not fit in what the browser says is left', async () => {
    const { page } = browser;
    // The browser says 10 MiB are left.
    await page.addInitScript(() => {
      Object.defineProperty(StorageManager.prototype, 'estimate', { value: async () => ({ usage: 90 * 2 ** 20, quota: 100 * 2 ** 20 }) });
    });
    await openLab(page, url);
    await expect.poll(() => page.getByTestId('storage-estimate').textContent()).toMatch(/90 MiB of about 100 MiB .*\(10 MiB left\)/);
    await page.getByLabel('Blocks', { exact: true }).fill('4096');
    await expect.poll(() => shownText(page, 'setup-panel')).toMatch(
      /A disk of 16 MiB needs up to 16 MiB once written, but the browser has only 10 MiB left for this site: use fewer or smaller blocks, or delete a disk first\./,
    );
    expect(await page.getByRole('button', { name: 'Create disk' }).isDisabled()).toBe(true);
    await page.getByLabel('Blocks', { exact: true }).fill('1024');
    await page.getByRole('button', { name: 'Create disk' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/1 disk, no copy yet/);
    browser.expectNoErrors();
  });

  it('shows a full quota inside a transaction as a clear sentence, changes nothing, and keeps working', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.getByRole('button', { name: 'Start a first experiment' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy in progress/);
    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: false })));
    const before = await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      const frame = (await lab.frame(-1, -1))!;
      const read = await lab.readRaw('SRC', 0, 256);
      // Each block's bytes as one number (a weighted sum), so that the comparison stays small.
      const digest = (bytes: Uint8Array): number[] =>
        Array.from({ length: 256 }, (_, block) => bytes.subarray(block * 4096, (block + 1) * 4096).reduce((sum, byte, i) => (sum * 31 + byte + i) % 1_000_000_007, 0));
      return { pair: { ...frame.pairs[0]!, copied: [], written: [], preserved: [] }, source: read.ok ? digest(read.value) : [] };
    });

    // The worker's next IndexedDB put fails as a full disk does.
    const [worker] = page.workers();
    await worker!.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      let armed = true;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (armed) {
          armed = false;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
    const write = page.locator('write-panel');
    await write.getByLabel('Block').fill('40');
    await write.getByLabel('Text').fill('Full disk?');
    await write.getByRole('button', { name: 'Write the text' }).click();
    const alert = write.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(
      /The browser's storage refused to save the change \(it may be full, or private browsing may block it\): nothing was changed\..*the browser refused to store more data \(storage quota exceeded\)/,
    );
    const after = await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      const frame = (await lab.frame(-1, -1))!;
      const read = await lab.readRaw('SRC', 0, 256);
      // Each block's bytes as one number (a weighted sum), so that the comparison stays small.
      const digest = (bytes: Uint8Array): number[] =>
        Array.from({ length: 256 }, (_, block) => bytes.subarray(block * 4096, (block + 1) * 4096).reduce((sum, byte, i) => (sum * 31 + byte + i) % 1_000_000_007, 0));
      return { pair: { ...frame.pairs[0]!, copied: [], written: [], preserved: [] }, source: read.ok ? digest(read.value) : [] };
    });
    expect(after).toEqual(before);

    // Space is back: the same write goes through.
    await write.getByRole('button', { name: 'Write the text' }).click();
    await expect.poll(() => write.getByRole('status').textContent()).toMatch(/Done/);
    const text = await page.evaluate(async () => {
      const read = await globalThis.storageLab!.read('SRC', 40);
      return read.ok ? new TextDecoder().decode(read.value.subarray(0, 10)) : read.message;
    });
    expect(text).toBe('Full disk?');
    browser.expectNoErrors();
  });
});
