/**
 * `npm run bench:layout` (or `npx tsx scripts/bench-layout.ts [--rounds N] [--samples N] [--blocks N]`):
 * builds the benchmark pages with bench/vite.config.ts into a temporary directory, serves them with
 * `vite preview` on 127.0.0.1 (free port, COOP/COEP headers), runs bench/layout.html in headless
 * Chromium on a fresh profile, prints the table and writes bench-results.layout.json.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { build, mergeConfig, preview, type InlineConfig, type PreviewServer } from 'vite';
import benchConfig, { ROOT } from '../bench/vite.config.ts';
import { baselineLine, resultTable, type LayoutBenchResult } from '../bench/layout-types.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';
// TOOLCHAIN.md: without the background-networking flags Chromium keeps calling hosts this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TIMEOUT_MS = 8 * 60_000;
const RESULT_FILE = join(ROOT, 'bench-results.layout.json');

const { values: args } = parseArgs({
  options: { rounds: { type: 'string' }, samples: { type: 'string' }, blocks: { type: 'string' } },
});

/** Query string passing the command's options through to the page (which checks them). */
function query(): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) if (typeof value === 'string') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
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

/** Text table with right-aligned columns. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function runPage(url: string): Promise<LayoutBenchResult> {
  const profile = await mkdtemp(join(tmpdir(), 'storage-lab-bench-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    const began = Date.now();
    const stamp = (): string => `${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s`;
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('[bench] ')) console.error(`${stamp()}  ${text.slice(8)}`);
      else if (message.type() === 'error' || message.type() === 'warning') console.error(`${stamp()}  page ${message.type()}: ${text}`);
    });
    page.on('pageerror', (error) => console.error(`${stamp()}  page error: ${error.message}`));
    await page.goto(url);
    await page.waitForFunction(() => globalThis.benchResult !== undefined || globalThis.benchError !== undefined, undefined, {
      timeout: TIMEOUT_MS,
      polling: 500,
    });
    const outcome = await page.evaluate(() => ({ result: globalThis.benchResult, error: globalThis.benchError }));
    if (outcome.error !== undefined) throw new Error(`the benchmark failed in the page: ${outcome.error}`);
    if (outcome.result === undefined) throw new Error('the page set no result');
    return outcome.result;
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
  if (!existsSync(join(ROOT, 'build/kernel.wasm'))) throw new Error('build/kernel.wasm is missing: run `npm run build:wasm` first');
  const outDir = await mkdtemp(join(tmpdir(), 'storage-lab-bench-dist-'));
  let server: PreviewServer | undefined;
  try {
    console.error('building the benchmark page...');
    await build(config(outDir));
    server = await preview(config(outDir));
    const base = server.resolvedUrls?.local[0];
    if (!base) throw new Error('vite preview did not report a local URL');
    const url = `${base}bench/layout.html${query()}`;
    console.error(`running ${url} in Chromium (timeout ${TIMEOUT_MS / 60_000} min)...`);
    const loadBefore = loadavg();
    const result = await runPage(url);
    // The machine is shared: record how busy it was (1, 5, 15 minute load averages) next to the figures.
    const host = { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() };
    const { header, rows } = resultTable(result);
    console.log(formatTable(header, rows));
    console.log(baselineLine(result));
    console.log(`${result.config.rounds} rounds, medians; ${result.durationS.toFixed(0)} s; cross-origin isolated: ${result.crossOriginIsolated}; ${result.userAgent}`);
    const load = (l: number[]): string => l.map((n) => n.toFixed(1)).join(' ');
    console.log(`${host.cpus} CPUs; load average before ${load(host.loadAverageBefore)}, after ${load(host.loadAverageAfter)}`);
    await writeFile(RESULT_FILE, `${JSON.stringify({ ...result, host }, null, 2)}\n`);
    console.log(`wrote ${RESULT_FILE}`);
  } finally {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
