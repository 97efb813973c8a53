/**
 * The Node side of the OPFS harness: builds the harness page (vite.config.ts here) into a
 * temporary directory, serves it, opens it in Chromium with a query (suite, throughput) and waits
 * until its worker has run every case; the Chromium tests then read what it published.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, mergeConfig, preview, type InlineConfig, type PreviewServer } from 'vite';
import { launchChromium, type LabBrowser } from '../support/chromium.ts';
import harnessConfig from './vite.config.ts';
import type { CaseResult, HarnessState } from './harness-types.ts';

/** A finished harness run: what the page published, and the browser (to check its console). */
export interface HarnessRun {
  state: HarnessState;
  browser: LabBrowser;
  close(): Promise<void>;
}

function config(outDir: string): InlineConfig {
  return mergeConfig(harnessConfig, {
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  } satisfies InlineConfig);
}

/** Builds as `vite build` does: vitest sets NODE_ENV=test. */
async function buildHarness(outDir: string): Promise<void> {
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build(config(outDir));
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

/** Builds, serves and runs the harness page with `query` (e.g. 'suite=corruption'); waits up to `timeoutMs`. */
export async function runHarness(query: string, timeoutMs: number): Promise<HarnessRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'storage-lab-opfs-harness-'));
  let server: PreviewServer | undefined;
  let browser: LabBrowser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    await buildHarness(outDir);
    server = await preview(config(outDir));
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview did not report a local URL');
    browser = await launchChromium();
    await browser.page.goto(`${base}opfs-harness.html?${query}`);
    await browser.page.waitForFunction(() => globalThis.opfsHarness?.done === true, undefined, { timeout: timeoutMs, polling: 250 });
    const state = await browser.page.evaluate(() => globalThis.opfsHarness!);
    return { state, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The cases that did not pass, with their errors. */
export const failures = (results: CaseResult[]): string[] =>
  results.filter((r) => r.status !== 'passed').map((r) => `${r.status}: ${r.name}${r.error ? `\n${r.error}` : ''}`);
