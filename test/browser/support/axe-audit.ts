/**
 * Runs axe-core in a page of the lab and returns its violations in a form a test can print. The
 * page's CSP refuses injected script tags, so axe is evaluated through the DevTools protocol
 * (page.evaluate), which the CSP does not govern; axe walks open shadow roots on its own.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** The rule sets of the audit: WCAG 2.0/2.1 levels A and AA, and axe's best practices. */
export const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One failed rule: its id, impact, help text and the elements (as axe selectors) that fail it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: string; readonly summary: string }>;
}

/** Loads axe into the page once (a reload or navigation needs it again). */
async function ensureAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
}

/** Audits the whole document (shadow roots included) and returns every violation. */
export async function auditPage(page: Page): Promise<AxeViolation[]> {
  await ensureAxe(page);
  return page.evaluate(async (tags) => {
    interface AxeNode { target: unknown[]; failureSummary?: string }
    interface AxeResult { id: string; impact?: string | null; help: string; nodes: AxeNode[] }
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 8).map((n) => ({ target: JSON.stringify(n.target), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
  }, [...AUDIT_TAGS]);
}

/** The violations as readable lines, one per failing element, for an assertion message. */
export function describeViolations(screen: string, violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${n.target}: ${n.summary}`));
}
