/**
 * Share and export in Chromium against the built page: "Copy link" read from the page opens in a
 * fresh browser (empty storage) with the same maps, counters and status, also at a step looked at
 * in the past; a bad link (wrong version, invalid scenario) says what is wrong and changes nothing;
 * a link over a lab with disks asks first; a downloaded scenario file (with contents on request)
 * opens in a fresh browser and a bad one names the field; the CSV and PNG downloads happen and the
 * PNG decodes at the picture's size. Every test fails on a console error or an uncaught page error.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenarioText } from '../../src/scenario/validate.ts';
import { CSV_COLUMNS } from '../../src/ui/share/event-csv.ts';
import { encodeLink } from '../../src/ui/share/share-link.ts';
import { pictureWidth } from '../../src/ui/share/view-png.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

const MAPS = ['source', 'snapshot', 'repository', 'target'] as const;

/** What must be equal in two browsers showing the same lab: each map's block states, the counters and the status line. */
async function labState(page: Page): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  for (const key of MAPS) {
    state[key] = await page
      .locator(`figure[data-map="${key}"] block-map`)
      .evaluate((element) => Array.from((element as unknown as { states: Uint8Array }).states))
      .catch(() => null);
  }
  state['counters'] = await page.locator('counters-panel').evaluate((element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim());
  state['status'] = await page.getByTestId('engine-status').textContent();
  return state;
}

/** A session worth sharing: an online copy, paused, with copy-on-writes, a refused write and some copied blocks. */
async function makeSession(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Start a first experiment' }).click();
  await expect.poll(() => page.getByTestId('engine-status').textContent(), { timeout: 15_000 }).toMatch(/SRC → TGT: online copy in progress/);
  await page.evaluate(async () => {
    const lab = globalThis.storageLab!;
    await lab.setDriver({ running: false });
    for (const block of [200, 201, 250]) await lab.write('SRC', [block], new Uint8Array(4096).fill(7));
    await lab.write('TGT', [3], new Uint8Array(4096).fill(1)); // refused: the target is busy
    await lab.copy('TGT', 20);
  });
  await expect.poll(async () => (await labState(page))['snapshot'], { timeout: 15_000 }).toContain(2);
}

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByTestId('share-link');
  await expect.poll(() => field.inputValue().catch(() => ''), { timeout: 15_000 }).toMatch(/#lab=1\.[\w-]+$/);
  return field.inputValue();
}

/** Opens `link` in a fresh Chromium (new profile, empty storage) and waits until the lab is shown. */
async function openFresh(link: string): Promise<LabBrowser> {
  const fresh = await launchChromium();
  await fresh.page.goto(link);
  await expect.poll(() => fresh.page.getByTestId('share-note').textContent(), { timeout: 30_000 }).toMatch(/Opened the shared experiment/);
  return fresh;
}

describe.skipIf(chromiumMissing !== undefined)(`sharing and exporting the lab ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;
  let other: LabBrowser | undefined;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await browser?.close();
  });

  it('"Copy link" opens in a fresh browser with the same maps, counters and status, and drops the fragment', async () => {
    const { page } = browser;
    await makeSession(page, url);
    const before = await labState(page);
    const link = await copyLink(page);
    other = await openFresh(link);
    await expect.poll(() => labState(other!.page), { timeout: 15_000 }).toEqual(before);
    expect(await other.page.evaluate(() => location.hash)).toBe('');
    browser.expectNoErrors();
    other.expectNoErrors();
  });

  it('a link made while looking at an earlier step opens at that step', async () => {
    const { page } = browser;
    await makeSession(page, url);
    // Just after the write of block 200: the steps before and after it look different, so an off-by-one shows.
    const position = await page.evaluate(async () => (await globalThis.storageLab!.timeline()).entries.find((e) => e.label === 'write SRC 200')!.step);
    await page.evaluate(async (at) => void (await globalThis.storageLab!.travel(at)), position);
    await expect.poll(() => page.evaluate(async () => (await globalThis.storageLab!.timeline()).position), { timeout: 15_000 }).toBe(position);
    await page.waitForTimeout(300);
    const past = await labState(page);
    other = await openFresh(await copyLink(page));
    await expect.poll(() => labState(other!.page), { timeout: 15_000 }).toEqual(past);
    // The file may have fewer steps than the journal (contents left out), so the step number may differ; the state may not.
    expect(await other.page.evaluate(async () => (await globalThis.storageLab!.timeline()).position)).not.toBeNull();
    browser.expectNoErrors();
    other.expectNoErrors();
  });

  it('a bad link names the problem and changes nothing', async () => {
    const { page } = browser;
    await makeSession(page, url);
    const before = await labState(page);
    const invalid = await encodeLink({
      scenario: JSON.stringify({ version: 1, disks: [{ name: 'A', blocks: 8 }], steps: [{ do: 'write', disk: 'NOPE', block: 0, data: { byte: 1 } }] }),
      position: null,
    });
    if (!invalid.ok) throw new Error(invalid.message);
    // Every problem is told before anything is asked: an invalid scenario never offers "Open it".
    const cases: Array<[string, RegExp]> = [
      ['#lab=7.AAAA', /not opened, nothing changed: link: version 7 is newer than this lab knows \(1\)/],
      ['#lab=1.abc*def', /link: not base64url at character 4/],
      [invalid.value, /not opened, nothing changed: .*steps\[0\]\.disk: names disk "NOPE"/],
    ];
    for (const [fragment, message] of cases) {
      await page.goto('about:blank');
      await page.goto(`${url}${fragment}`);
      await expect.poll(() => page.getByTestId('share-dialog-text').textContent(), { timeout: 15_000 }).toMatch(message);
      expect(await page.getByRole('button', { name: 'Open it' }).count()).toBe(0);
      await page.getByRole('button', { name: 'OK' }).click();
      expect(await page.evaluate(() => location.hash)).toBe('');
      await expect.poll(() => labState(page), { timeout: 15_000 }).toEqual(before);
    }
    // A link pasted into the address of the open page (no reload) is checked the same way.
    await page.evaluate(() => void (location.hash = '#lab=9.AAAA'));
    await expect.poll(() => page.getByTestId('share-dialog-text').textContent(), { timeout: 15_000 }).toMatch(/link: version 9 is newer/);
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await labState(page)).toEqual(before);
    browser.expectNoErrors();
  });

  it('asks before a link replaces a lab with disks: "Keep my lab" keeps it, "Open it" replaces it', async () => {
    const { page } = browser;
    await makeSession(page, url);
    const before = await labState(page);
    const small = await encodeLink({
      scenario: JSON.stringify({ version: 1, blockSize: 512, disks: [{ name: 'ONE', blocks: 16 }, { name: 'TWO', blocks: 16 }], steps: [{ do: 'createCopy', source: 'ONE', target: 'TWO', type: 'offline' }] }),
      position: null,
    });
    if (!small.ok) throw new Error(small.message);
    await page.goto('about:blank');
    await page.goto(`${url}${small.value}`);
    await expect.poll(() => page.getByTestId('share-dialog-text').textContent(), { timeout: 15_000 }).toMatch(/Open the shared experiment\? It replaces your current lab/);
    await page.getByRole('button', { name: 'Keep my lab' }).click();
    await expect.poll(() => page.getByTestId('share-note').textContent(), { timeout: 15_000 }).toMatch(/your lab is unchanged/);
    expect(await labState(page)).toEqual(before);
    await page.goto('about:blank');
    await page.goto(`${url}${small.value}`);
    await page.getByRole('button', { name: 'Open it' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent(), { timeout: 15_000 }).toMatch(/ONE → TWO: offline copy in progress, 0 of 16/);
    browser.expectNoErrors();
  });

  it('downloads the scenario file (valid, with contents on request) and opens it in a fresh browser; a bad file names the field', async () => {
    const { page } = browser;
    await makeSession(page, url);
    const before = await labState(page);
    const download = async (): Promise<{ name: string; text: string }> => {
      const saved = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download scenario (.json)' }).click();
      const file = await saved;
      return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
    };
    const plain = await download();
    expect(plain.name).toMatch(/^storage-lab-scenario-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
    expect(parseScenarioText(plain.text).ok).toBe(true);
    expect(plain.text).not.toContain('"hex"');
    await page.getByRole('checkbox', { name: 'include disk contents' }).check();
    const full = await download();
    expect(parseScenarioText(full.text).ok).toBe(true);
    expect(full.text).toContain('"hex"'); // the sample picture loaded onto SRC

    other = await launchChromium();
    const fresh = other.page;
    await fresh.goto(url);
    await expect.poll(() => fresh.getByTestId('engine-status').textContent(), { timeout: 15_000 }).toMatch(/No disks yet/);
    await fresh.locator('share-panel input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"disks":[{"name":"A","blocks":0}],"steps":[]}') });
    await expect.poll(() => fresh.getByTestId('share-note').textContent(), { timeout: 15_000 }).toMatch(/not opened, nothing changed: disks\[0\]\.blocks/);
    expect(await fresh.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
    await fresh.locator('share-panel input[type=file]').setInputFiles({ name: 'lab.json', mimeType: 'application/json', buffer: Buffer.from(full.text) });
    await expect.poll(() => fresh.getByTestId('share-note').textContent(), { timeout: 30_000 }).toMatch(/Opened lab\.json: \d+ steps replayed/);
    await expect.poll(() => labState(fresh), { timeout: 15_000 }).toEqual(before);
    const picture = await fresh.evaluate(async () => {
      const read = await globalThis.storageLab!.readRaw('SRC', 0, 1);
      return read.ok && read.value.some((byte) => byte !== 0);
    });
    expect(picture).toBe(true);
    browser.expectNoErrors();
    other.expectNoErrors();
  });

  it('downloads the event log as CSV and the view as a PNG that decodes at the picture size', async () => {
    const { page } = browser;
    await makeSession(page, url);
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download event log (.csv)' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^storage-lab-events-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const rows = (await readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.filter((row) => row.includes(',COPY_ON_WRITE,'))).toHaveLength(3);
    expect(rows.some((row) => row.includes(',WRITE_REJECTED,'))).toBe(true);

    const pngDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download picture (.png)' }).click();
    const png = await pngDownload;
    expect(png.suggestedFilename()).toMatch(/^storage-lab-view-.*\.png$/);
    const bytes = await readFile((await png.path())!);
    const size = await page.evaluate(async (base64) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const corner = Array.from(ctx.getImageData(2, 2, 1, 1).data);
      return { width: bitmap.width, height: bitmap.height, corner };
    }, bytes.toString('base64'));
    expect(size.width).toBe(pictureWidth(4));
    expect(size.height).toBeGreaterThan(size.width);
    expect(size.corner).toEqual([255, 255, 255, 255]);
    await expect.poll(() => page.getByTestId('share-note').textContent(), { timeout: 15_000 }).toBe(`Saved a picture of ${size.width} × ${size.height} pixels.`);
    browser.expectNoErrors();
  });
});
