/**
 * The lab on the Origin Private File System (`?store=opfs`): the same engine in the worker, the
 * disks in OPFS files; a copy with writes completes verified, and survives a reload mid-copy.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

describe.skipIf(chromiumMissing !== undefined)(`the lab on OPFS ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('copies online with writes, resumes after a reload, and verifies the target', async () => {
    const { page } = browser;
    await page.goto(`${url}?store=opfs`);
    const started = await page.evaluate(async () => {
      const lab = globalThis.storageLab!;
      await lab.setDriver({ running: false });
      await lab.createDisk({ name: 'SRC', blocks: 512, blockSize: 4096, fill: { kind: 'index' } });
      await lab.createDisk({ name: 'TGT', blocks: 512, blockSize: 4096, fill: { kind: 'zero' } });
      const created = await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
      await lab.copy('TGT', 100);
      const write = await lab.write('SRC', [300], new Uint8Array(4096).fill(250));
      return created.ok && write.ok && write.value.ios === 3;
    });
    expect(started).toBe(true);
    // The worker names its store: no IndexedDB database of the lab exists.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('storage-lab');

    await page.reload();
    await expect.poll(() => page.getByTestId('store-choice').textContent()).toMatch(/Disks are kept in the Origin Private File System/);
    await expect
      .poll(() => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))?.pairs[0]?.progress.copied ?? -1))
      .toBe(100);
    await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })));
    await expect
      .poll(() => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))?.pairs[0]?.verification?.state ?? 'none'), { timeout: 30_000 })
      .toBe('equal');
    const source300 = await page.evaluate(async () => {
      const read = await globalThis.storageLab!.readRaw('SRC', 300, 1);
      return read.ok ? read.value[0] : -1;
    });
    expect(source300).toBe(250);
    browser.expectNoErrors();
  });
});
