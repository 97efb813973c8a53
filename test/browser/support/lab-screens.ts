/**
 * Brings the lab page into the states a learner meets (empty, copying with everything open and a
 * refusal shown, completed), and lists the screens of the mode nav, for the accessibility audit and
 * the projector tests.
 */
import type { Page } from 'playwright-core';

/** Calls `probe` every 100 ms until `accept` holds of its value; throws after `timeoutMs` (usable outside a test runner too). */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The engine status line (a test id that stays the same in every language). */
export function engineStatus(page: Page): Promise<string | null> {
  return page.getByTestId('engine-status').textContent();
}

/** Opens the page and waits until the engine has answered with its first frame. */
export async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await until(() => page.evaluate(async () => (await globalThis.storageLab?.frame(-1, 0)) != null), (ok) => ok, 'the first frame');
  await until(() => engineStatus(page), (text) => /\d|:/.test(text ?? ''), 'the engine status');
}

/** A 256-block picture source, an empty target and an online copy between them, paused, with one block written (a copy-on-write). */
export async function pausedOnlineCopy(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const lab = globalThis.storageLab!;
    await lab.setDriver({ running: false });
    await lab.createDisk({ name: 'SRC', blocks: 256, blockSize: 4096, fill: { kind: 'index' } });
    await lab.createDisk({ name: 'TGT', blocks: 256, blockSize: 4096, fill: { kind: 'zero' } });
    await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
    await lab.copy('TGT', 40);
    await lab.write('SRC', [200], new Uint8Array(4096).fill(7));
  });
  const used = () => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]?.repository?.used ?? 0);
  await until(used, (n) => n === 1, 'one preserved block');
}

/** Starts the same copy again from the copy panel: the engine refuses it, and the panel shows the refusal as an alert. */
export async function showRefusal(page: Page): Promise<void> {
  await page.locator('copy-panel button[type="submit"]').click();
  await until(() => page.locator('copy-panel [role="alert"]').first().textContent(), (text) => (text ?? '').trim() !== '', 'the refusal');
}

/** Opens every <details> in the page, shadow roots included ("all panels open"). */
export async function openAllDetails(page: Page): Promise<number> {
  return page.evaluate(() => {
    // A work list instead of a named recursive helper: the function is serialised into the page as it is.
    let opened = 0;
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const details of root.querySelectorAll('details')) {
        if (!details.open) opened++;
        details.open = true;
      }
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return opened;
  });
}

/** Runs the copier at full speed until the copy has completed and its target is verified. */
export async function completeCopy(page: Page): Promise<void> {
  await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })));
  const verified = () => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]?.verification?.state ?? '');
  await until(verified, (state) => state === 'equal', 'a verified target', 30_000);
  await page.evaluate(async () => void (await globalThis.storageLab!.setDriver({ running: false })));
}

/** The names of the screens in the app's mode nav (`nav.modes`), in order; none while the lab has one screen. */
export async function modeNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nav = document.querySelector('storage-lab-app')?.shadowRoot?.querySelector('nav.modes');
    return Array.from(nav?.querySelectorAll('button') ?? [], (b) => b.textContent?.trim() ?? '');
  });
}

/** Switches to the screen whose nav button is the `index`-th, and lets it render. */
export async function showMode(page: Page, index: number): Promise<void> {
  await page.locator('storage-lab-app nav.modes button').nth(index).click();
  await until(() => page.locator('storage-lab-app nav.modes button').nth(index).getAttribute('aria-pressed'), (v) => v === 'true', 'the screen switch');
  await page.waitForTimeout(300);
}
