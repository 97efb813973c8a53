/**
 * Two tabs of the lab in one Chromium profile: only the tab holding the Web Lock drives the disks;
 * the other says so and can take the lab over safely (every write acknowledged before the
 * handover is there after it, none after it is applied), and take it back; a schema upgrade in
 * another tab closes this tab's database and tells the learner.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCHEMA_VERSION } from '../../src/storage/idb-schema.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';
import { watchPage, type PageWatch } from './support/page-watch.ts';

declare global {
  var acked: Array<[number, number]> | undefined;
}

const BLOCKS = 64;
/** Host writes go to the first 10 blocks: their old contents fit the repository (20% of 64 blocks). */
const WRITTEN = 10;

async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet|→|disk/);
}

/** What a call to the lab's API answers in `page`: "ok", or the error it rejects with. */
function callAnswer(page: Page): Promise<string> {
  return page.evaluate(() => globalThis.storageLab!.frame(-1, -1).then(() => 'ok', (error: unknown) => String(error)));
}

function notice(page: Page): Promise<string> {
  return page.locator('lab-tab-notice').evaluate((element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '').catch(() => '');
}

/** First byte of every block of SRC, as the lab in `page` reads it. */
function sourceBytes(page: Page): Promise<number[]> {
  return page.evaluate(async (blocks) => {
    const read = await globalThis.storageLab!.readRaw('SRC', 0, blocks);
    if (!read.ok) throw new Error(read.message);
    return Array.from({ length: blocks }, (_, block) => read.value[block * 4096]!);
  }, BLOCKS);
}

describe.skipIf(chromiumMissing !== undefined)(`a second tab ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;
  let first: PageWatch;

  beforeEach(async () => {
    browser = await launchChromium();
    first = await watchPage(browser.page);
  });
  afterEach(async () => {
    await browser?.close();
  });

  async function secondTab(): Promise<{ page: Page; watch: PageWatch }> {
    const page = await browser.context.newPage();
    return { page, watch: await watchPage(page) };
  }

  it('says the lab is open in another tab and starts no engine of its own', async () => {
    const a = browser.page;
    await openLab(a, url);
    const { page: b, watch } = await secondTab();
    await b.goto(url);
    await expect.poll(() => notice(b)).toMatch(/The lab is open in another tab…/);
    expect(await b.getByRole('button', { name: 'Use the lab here' }).isVisible()).toBe(true);
    expect(await b.getByRole('heading', { name: 'Storage Lab' }).isVisible()).toBe(true);
    expect(b.workers()).toEqual([]);
    expect(await b.evaluate(() => document.querySelector('storage-lab-app') === null)).toBe(true);
    expect(await callAnswer(b)).toMatch(/The lab is not running in this tab: it runs in another tab/);
    // The first tab keeps working.
    expect(await a.evaluate(async () => (await globalThis.storageLab!.createDisk({ name: 'SRC', blocks: 8, blockSize: 4096, fill: { kind: 'zero' } })).ok)).toBe(true);
    expect([...watch.errors, ...first.errors]).toEqual([]);
  });

  it('takes the lab over with writes in flight: every acknowledged write is there, none after the handover; and gives it back', async () => {
    const a = browser.page;
    await openLab(a, url);
    await a.evaluate(async ([blocks, written]) => {
      const lab = globalThis.storageLab!;
      await lab.createDisk({ name: 'SRC', blocks, blockSize: 4096, fill: { kind: 'zero' } });
      await lab.createDisk({ name: 'TGT', blocks, blockSize: 4096, fill: { kind: 'zero' } });
      await lab.setDriver({ running: true, fullSpeed: false, speed: 1, copyRate: 5 });
      await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
      // Host writes one after another until the lab leaves this tab: block i % written gets the number of its round.
      globalThis.acked = [];
      // A call made once the lab has left rejects (or never returns, if its worker ended): the loop stops.
      void (async () => {
        for (let i = 0; ; i++) {
          const [block, value] = [i % written, (Math.floor(i / written) % 255) + 1];
          const result = await lab.write('SRC', [block], new Uint8Array(4096).fill(value)).catch(() => null);
          if (!result?.ok) break;
          globalThis.acked!.push([block, value]);
        }
      })();
    }, [BLOCKS, WRITTEN] as const);
    await expect.poll(() => a.evaluate(() => globalThis.acked!.length), { timeout: 20_000 }).toBeGreaterThan(30);

    const { page: b, watch } = await secondTab();
    await b.goto(url);
    await b.getByRole('button', { name: 'Use the lab here' }).click();
    await expect.poll(() => notice(a)).toMatch(/The lab moved to another tab/);
    await expect.poll(() => b.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy/);
    expect(await a.evaluate(() => document.querySelector('storage-lab-app') === null)).toBe(true);
    expect(await callAnswer(a)).toMatch(/The lab is not running in this tab: it runs in another tab/);

    const acked = await a.evaluate(() => globalThis.acked!);
    expect(acked.length).toBeGreaterThan(30);
    const expected = new Array<number>(BLOCKS).fill(0);
    for (const [block, value] of acked) expected[block] = value;
    expect(await sourceBytes(b)).toEqual(expected);
    // The copy carries on in the new tab.
    const copied = (): Promise<number> => b.evaluate(async () => (await globalThis.storageLab!.frame(-1, -1))!.pairs[0]!.progress.copied);
    const before = await copied();
    await expect.poll(copied, { timeout: 10_000 }).toBeGreaterThan(before);

    // And back: the first tab takes it again; the second says it moved.
    await b.evaluate(async () => void (await globalThis.storageLab!.write('SRC', [7], new Uint8Array(4096).fill(250))));
    await a.getByRole('button', { name: 'Take it back' }).click();
    await expect.poll(() => notice(b)).toMatch(/The lab moved to another tab/);
    await expect.poll(() => a.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy/);
    expect((await sourceBytes(a))[7]).toBe(250);
    expect([...watch.errors, ...first.errors]).toEqual([]);
  });

  it('tells the learner when another tab upgrades the database, and offers a reload', async () => {
    const a = browser.page;
    await openLab(a, url);
    const { page: b, watch } = await secondTab();
    await b.goto(url);
    await expect.poll(() => notice(b)).toMatch(/open in another tab/);
    // A newer lab in tab B: it opens the database with a higher version than SCHEMA_VERSION (the old tab must step aside).
    const upgraded = await b.evaluate(
      (version) =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('storage-lab', version);
          request.onsuccess = () => {
            const version = request.result.version;
            request.result.close();
            resolve(version);
          };
          request.onerror = () => reject(request.error);
        }),
      SCHEMA_VERSION + 1,
    );
    expect(upgraded).toBe(SCHEMA_VERSION + 1);
    await expect.poll(() => notice(a)).toMatch(/The lab stopped in this tab.*another tab opened a newer version of the database/);
    expect(await a.getByRole('button', { name: 'Reload' }).isVisible()).toBe(true);
    expect(await callAnswer(a)).toMatch(/The lab is not running in this tab: it stopped in this tab: another tab opened a newer version/);
    expect([...watch.errors, ...first.errors]).toEqual([]);
  });
});
