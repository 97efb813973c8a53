/**
 * The plumbing every browser benchmark shares: build the benchmark pages (bench/vite.config.ts: the
 * lab's page and the bench pages) into a temporary directory, serve them with `vite preview` on
 * 127.0.0.1 (free port, COOP/COEP headers), and run pages in headless Chromium on fresh profiles,
 * forwarding the pages' `[bench] ` console lines. Used by scripts/bench-layout.ts and scripts/bench.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, mergeConfig, preview, type InlineConfig, type PreviewServer } from 'vite';
import benchConfig from '../bench/vite.config.ts';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-flags.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-flags.ts';

/** The built pages, served; `close` stops the server and deletes the build. */
export interface ServedPages {
  /** Base URL ending in `/` (the lab is the root, the bench pages are under `bench/`). */
  base: string;
  close(): Promise<void>;
}

function config(outDir: string): InlineConfig {
  return mergeConfig(benchConfig, {
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  } satisfies InlineConfig);
}

/** Builds the benchmark pages into a temporary directory and serves them. */
export async function buildAndServe(): Promise<ServedPages> {
  const outDir = await mkdtemp(join(tmpdir(), 'storage-lab-bench-dist-'));
  let server: PreviewServer | undefined;
  const close = async (): Promise<void> => {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    await build(config(outDir));
    server = await preview(config(outDir));
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview did not report a local URL');
    return { base, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Forwards a page's `[bench] ` lines, console errors and warnings, and uncaught errors to stderr, stamped. */
export function forwardConsole(page: Page, label = ''): void {
  const began = Date.now();
  const stamp = (): string => `${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s ${label}`;
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[bench] ')) console.error(`${stamp()}  ${text.slice(8)}`);
    else if (message.type() === 'error' || message.type() === 'warning') console.error(`${stamp()}  page ${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => console.error(`${stamp()}  page error: ${error.message}`));
}

/**
 * Launches Chromium on a fresh profile (no stale service worker, no database left by an earlier
 * run), gives `work` its first page, then closes the browser and deletes the profile.
 */
export async function withChromium<T>(
  work: (page: Page, context: BrowserContext, profileDir: string) => Promise<T>,
  extraArgs: readonly string[] = [],
): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), 'storage-lab-bench-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, ...extraArgs],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return await work(page, context, profile);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** What `chromium --version` prints, e.g. "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)". */
export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** Text table with right-aligned columns (the first column left-aligned). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
