/** Records what a page (beyond a LabBrowser's first one) reports: console errors, uncaught errors, CSP violations. */
import type { Page } from 'playwright-core';

/** Errors and CSP violations one page has reported so far. */
export interface PageWatch {
  readonly errors: string[];
  /** CSP violations seen by the document, as "directive blocked-uri". */
  violations(): Promise<string[]>;
}

declare global {
  var cspViolations: string[] | undefined;
}

/** Starts recording on `page` (call it before the page loads, so that the violation listener is there from the start). */
export async function watchPage(page: Page): Promise<PageWatch> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    globalThis.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      globalThis.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    }, true);
  });
  return { errors, violations: () => page.evaluate(() => globalThis.cspViolations ?? ['(no listener)']) };
}
