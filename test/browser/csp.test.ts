/**
 * The page protects its users: the built page carries a Content-Security-Policy without
 * 'unsafe-inline' or 'unsafe-eval' (meta tag and preview header), loads nothing from another
 * origin, raises no violation during a first experiment, and shows names and texts that look like
 * HTML or script as text, never as markup; an imported file is never run.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';
import { watchPage, type PageWatch } from './support/page-watch.ts';

declare global {
  var xss: number | undefined;
}

const HOSTILE_NAME = '<img src=x onerror="globalThis.xss=1">';
const HOSTILE_TEXT = '<script>globalThis.xss=2</script><img src=x onerror="globalThis.xss=3">';

/** Every element in the document and in every shadow root, as tag names, with any img or script sources. */
function elementsAnywhere(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot): void => {
      for (const element of root.querySelectorAll('*')) {
        if (element instanceof HTMLImageElement || element instanceof HTMLScriptElement) found.push(`${element.tagName} ${element.getAttribute('src')}`);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
}

async function shownText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).first().evaluate((element) => (element.shadowRoot ?? element).textContent?.replace(/\s+/g, ' ') ?? '');
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));
}

describe.skipIf(chromiumMissing !== undefined)(`the page's Content-Security-Policy ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;
  let watch: PageWatch;

  beforeEach(async () => {
    browser = await launchChromium();
    watch = await watchPage(browser.page);
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('is in the meta tag and the header, with no unsafe-inline or unsafe-eval, and nothing loads from elsewhere', async () => {
    const { page } = browser;
    const origin = new URL(url).origin;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(url);
    const header = (await response!.allHeaders())['content-security-policy'] ?? '';
    const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
    for (const policy of [meta, header]) {
      expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/);
      const rules = directives(policy);
      expect(rules.get('default-src')).toEqual(["'self'"]);
      expect(rules.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(rules.get('style-src')).toEqual(["'self'"]);
      expect(rules.get('connect-src')).toEqual(["'self'"]);
      expect(rules.get('worker-src')).toEqual(["'self'"]);
      expect(rules.get('object-src')).toEqual(["'none'"]);
    }
    expect(header.startsWith(meta)).toBe(true);
    expect(requests.filter((address) => !address.startsWith(origin) && !/^(data|blob):/.test(address))).toEqual([]);
    // The kernel is a file of this origin, not a data: URL the policy would refuse.
    expect(requests.some((address) => /\/assets\/kernel-[\w-]+\.wasm$/.test(address))).toBe(true);
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('raises no violation and no error during a first experiment with a written block', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.getByRole('button', { name: 'Start a first experiment' }).click();
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/SRC → TGT: online copy in progress/);
    await page.locator('figure[data-map="source"] block-map canvas').click({ position: { x: 5, y: 5 } });
    const write = page.locator('write-panel');
    await write.getByLabel('Text').fill(HOSTILE_TEXT);
    await write.getByRole('button', { name: 'Write the text' }).click();
    await expect.poll(() => write.getByRole('status').textContent()).toMatch(/Done/);
    // The repository gauge (styled through the CSSOM) is on screen during the copy.
    await expect.poll(() => shownText(page, 'counters-panel')).toMatch(/Repository/);
    // The text is stored byte for byte and shown only as the text field's value.
    const stored = await page.evaluate(async (length) => {
      const read = await globalThis.storageLab!.read('SRC', 0);
      return read.ok ? new TextDecoder().decode(read.value.subarray(0, length)) : read.message;
    }, new TextEncoder().encode(HOSTILE_TEXT).length);
    expect(stored).toBe(HOSTILE_TEXT);
    expect(await write.getByLabel('Text').inputValue()).toBe(HOSTILE_TEXT);
    expect((await elementsAnywhere(page)).filter((element) => !element.startsWith('SCRIPT /assets/') && element !== 'SCRIPT /registerSW.js')).toEqual([]);
    expect(await page.evaluate(() => globalThis.xss)).toBeUndefined();
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('refuses a disk name that looks like HTML, and shows the refusal with the name as text', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
    const refused = await page.evaluate(async (name) => {
      const outcome = await globalThis.storageLab!.createDisk({ name, blocks: 8, blockSize: 4096, fill: { kind: 'zero' } });
      return outcome.ok ? 'ok' : `${outcome.code} ${outcome.message}`;
    }, HOSTILE_NAME);
    expect(refused).toMatch(/^INVALID_ARGUMENT .*is not a disk name/);
    // The same name through the page's own create-disk event: the refusal names it, as text.
    await page.locator('setup-panel').evaluate((panel, name) => {
      panel.dispatchEvent(new CustomEvent('create-disk', { detail: { name, blocks: 8, blockSize: 4096, fill: { kind: 'zero' } }, bubbles: true, composed: true }));
    }, HOSTILE_NAME);
    await expect.poll(() => shownText(page, 'setup-panel')).toContain(`"${HOSTILE_NAME}" is not a disk name`);
    expect(await elementsAnywhere(page)).not.toContainEqual(expect.stringMatching(/^IMG/));
    expect(await page.evaluate(() => globalThis.xss)).toBeUndefined();
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('never runs an imported file: an SVG with a script is refused as a picture', async () => {
    const { page } = browser;
    await page.goto(url);
    await expect.poll(() => page.getByTestId('engine-status').textContent()).toMatch(/No disks yet/);
    const setup = page.locator('setup-panel');
    await setup.getByLabel('Content').selectOption('file');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="globalThis.xss=4"><script>globalThis.xss=5</script><rect width="8" height="8"/></svg>`;
    await setup.getByLabel('Image file').setInputFiles({ name: 'evil.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await setup.getByRole('button', { name: 'Create disk' }).click();
    await expect.poll(() => shownText(page, 'setup-panel')).toMatch(/This image could not be read|Disk created/);
    expect(await page.evaluate(() => globalThis.xss)).toBeUndefined();
    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
