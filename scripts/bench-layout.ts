/**
 * `npm run bench:layout` (or `npx tsx scripts/bench-layout.ts [--rounds N] [--samples N] [--blocks N]`):
 * builds and serves the benchmark pages (scripts/bench-browser.ts), runs bench/layout.html in
 * headless Chromium on a fresh profile, prints the table and writes bench-results.layout.json.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../bench/vite.config.ts';
import { baselineLine, resultTable, type LayoutBenchResult } from '../bench/layout-types.ts';
import { buildAndServe, CHROMIUM_PATH, forwardConsole, formatTable, withChromium, type ServedPages } from './bench-browser.ts';

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

async function runPage(url: string): Promise<LayoutBenchResult> {
  return withChromium(async (page) => {
    forwardConsole(page);
    await page.goto(url);
    await page.waitForFunction(() => globalThis.benchResult !== undefined || globalThis.benchError !== undefined, undefined, {
      timeout: TIMEOUT_MS,
      polling: 500,
    });
    const outcome = await page.evaluate(() => ({ result: globalThis.benchResult, error: globalThis.benchError }));
    if (outcome.error !== undefined) throw new Error(`the benchmark failed in the page: ${outcome.error}`);
    if (outcome.result === undefined) throw new Error('the page set no result');
    return outcome.result;
  });
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
  if (!existsSync(join(ROOT, 'build/kernel.wasm'))) throw new Error('build/kernel.wasm is missing: run `npm run build:wasm` first');
  let served: ServedPages | undefined;
  try {
    console.error('building the benchmark page...');
    served = await buildAndServe();
    const url = `${served.base}bench/layout.html${query()}`;
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
    await served?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
