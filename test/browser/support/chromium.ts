/** Launches Debian's Chromium through playwright-core with a fresh profile, and records page errors. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium-flags.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium-flags.ts';

/** Why the browser tests cannot run here, or undefined when they can; under CI a missing Chromium throws instead. */
export const chromiumMissing: string | undefined = (() => {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} is missing (install it: apt-get install -y chromium)`;
  if (process.env['CI']) throw new Error(`CI is set and ${reason}: the browser tests must run in CI`);
  console.warn(`Browser tests skipped: ${reason}.`);
  return `skipped: ${reason}`;
})();

/** A Chromium with one open page, the errors it has seen, and a way to close it and delete its profile. */
export interface LabBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors, in order, as text. */
  readonly errors: readonly string[];
  /** Console warnings, in order, as text. */
  readonly warnings: readonly string[];
  /** Fails the test when the page has logged a console error or thrown an uncaught error. */
  expectNoErrors(): void;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** Launches Chromium on a new temporary profile (no stale service worker) and opens a page that records errors. */
export async function launchChromium(): Promise<LabBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'storage-lab-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (message) => {
    const text = `${message.text()} (${message.location().url})`;
    if (message.type() === 'error') errors.push(`console: ${text}`);
    else if (message.type() === 'warning') warnings.push(text);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    errors,
    warnings,
    expectNoErrors: () => expect(errors, 'console or page errors').toEqual([]),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
