/**
 * `npm run bench` (or `npx tsx scripts/bench.ts [--runs N] [--phases node,kernel,idb,writes,scale,ui]
 * [--samples N] [--scale-blocks N] [--scale-runs N]`): the benchmarks of issue 4. The kernel in Node,
 * then each phase in headless Chromium on a fresh profile (bench/suite.html in a worker; the UI
 * phase on the built lab page). Prints the table and writes bench-results.json (one object per
 * metric) and bench-results.details.json (machine, browser, per-run figures, breakdowns).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { measureKernels } from '../bench/kernel-measure.ts';
import { missingMetric, summarize, type Metric, type PhaseResult } from '../bench/suite-types.ts';
import { ROOT } from '../bench/vite.config.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { buildAndServe, chromiumVersion, CHROMIUM_PATH, forwardConsole, withChromium, type ServedPages } from './bench-browser.ts';
import { PHASE_METRICS } from './bench-targets.ts';
import { cpuBetween, snapshotThreads, type ThreadTicks } from './bench-threads.ts';
import { ordered, printTable } from './bench-table.ts';
import { uiPhase } from './bench-ui.ts';

const ALL_PHASES = ['node', 'kernel', 'idb', 'writes', 'scale', 'ui'] as const;
const PHASE_TIMEOUT_MS = 6 * 60_000;
/** Lets the page measure memory at once instead of at the next garbage collection (up to 20 s later). */
const EAGER_MEMORY = '--enable-blink-features=ForceEagerMeasureMemory';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    phases: { type: 'string', default: ALL_PHASES.join(',') },
    samples: { type: 'string', default: '120' },
    'scale-blocks': { type: 'string', default: '262144' },
    'scale-runs': { type: 'string', default: '1' },
  },
});

const log = (text: string): void => console.error(`       ${text}`);

/** Runs bench/suite.html for one worker phase and returns what the page set. */
async function workerPhase(served: ServedPages, phase: string, query: Record<string, string>): Promise<PhaseResult> {
  const url = `${served.base}bench/suite.html?${new URLSearchParams({ phase, ...query })}`;
  return withChromium(async (page: Page, _context, profileDir) => {
    forwardConsole(page, phase);
    // Between `cpu-begin <label>` and `cpu-end <label>` lines, the CPU time of every Chromium thread.
    const cpu: Record<string, unknown> = {};
    const begun = new Map<string, [ThreadTicks, number]>();
    page.on('console', (message) => {
      const [, mark, label] = /^\[bench\] (cpu-begin|cpu-end) (.+)$/.exec(message.text()) ?? [];
      if (!mark || !label) return;
      if (mark === 'cpu-begin') begun.set(label, [snapshotThreads(profileDir), Date.now()]);
      const start = begun.get(label);
      if (mark === 'cpu-end' && start) cpu[label] = { wallSeconds: (Date.now() - start[1]) / 1000, threads: cpuBetween(start[0], snapshotThreads(profileDir)) };
    });
    await page.goto(url);
    await page.waitForFunction(() => globalThis.benchSuiteResult !== undefined || globalThis.benchSuiteError !== undefined, undefined, {
      timeout: PHASE_TIMEOUT_MS,
      polling: 500,
    });
    const outcome = await page.evaluate(() => ({ result: globalThis.benchSuiteResult, error: globalThis.benchSuiteError }));
    if (outcome.error !== undefined) throw new Error(outcome.error);
    if (outcome.result === undefined) throw new Error('the page set no result');
    if (Object.keys(cpu).length) outcome.result.details[`threadCpu.${phase}`] = cpu;
    return outcome.result;
  }, phase === 'scale' ? [EAGER_MEMORY] : []);
}

/** The commit measured, and whether src/ had uncommitted changes (other engineers work in the same tree). */
function sourceRevision(): string {
  try {
    const git = (...a: string[]): string => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return `${git('rev-parse', '--short', 'HEAD')}${changed ? ` + ${changed} uncommitted files in src/` : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const phases = args.phases.split(',').filter((p) => p.length > 0);
  const unknown = phases.filter((p) => !(ALL_PHASES as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown phases: ${unknown.join(', ')} (use ${ALL_PHASES.join(', ')})`);
  if (!existsSync(join(ROOT, 'build/kernel.wasm'))) throw new Error('build/kernel.wasm is missing: run `npm run build:wasm` first');
  const runs = Number(args.runs);
  const loads: number[] = [loadavg()[0]!];
  const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 5000);
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {};
  const phaseSeconds: Record<string, number> = {};
  const failures: string[] = [];

  const runPhase = async (phase: string, work: () => Promise<PhaseResult>): Promise<void> => {
    const start = Date.now();
    console.error(`phase ${phase}...`);
    try {
      const result = await work();
      metrics.push(...result.metrics);
      Object.assign(details, result.details);
    } catch (error) {
      const reason = `phase ${phase} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      failures.push(reason);
      for (const [name, unit] of PHASE_METRICS[phase] ?? []) metrics.push(missingMetric(name, unit, reason));
    }
    phaseSeconds[phase] = (Date.now() - start) / 1000;
    console.error(`phase ${phase} took ${phaseSeconds[phase]!.toFixed(0)} s`);
  };

  let served: ServedPages | undefined;
  try {
    if (phases.includes('node')) {
      await runPhase('node', async () => measureKernels(await loadKernelFromFile(), new ReferenceKernel(), runs, '.node', log));
    }
    const browserPhases = phases.filter((p) => p !== 'node');
    if (browserPhases.length > 0) {
      if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
      const buildStart = Date.now();
      console.error('building the lab and the benchmark pages...');
      served = await buildAndServe();
      phaseSeconds['build'] = (Date.now() - buildStart) / 1000;
      const query = { runs: String(runs), samples: args.samples, scaleBlocks: args['scale-blocks'] };
      for (const phase of browserPhases) {
        const pages = served;
        if (phase === 'ui') await runPhase(phase, () => withChromium((page, _context, profile) => (forwardConsole(page, 'ui'), uiPhase(page, profile, pages.base, runs, log))));
        else await runPhase(phase, () => workerPhase(pages, phase, phase === 'scale' ? { ...query, runs: args['scale-runs'] } : query));
      }
    }
  } finally {
    clearInterval(loadTimer);
    await served?.close();
  }

  loads.push(loadavg()[0]!);
  const seconds = (Date.now() - began) / 1000;
  metrics.push(
    summarize('env.loadAverage1m', 'load', loads, `1-minute load average sampled every 5 s during the run, ${cpus().length} cores`),
    { ...summarize('env.benchSeconds', 's', [seconds], 'wall time of the whole command'), runs: 1 },
  );
  const host = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    chromium: chromiumVersion(),
    source: sourceRevision(),
    startedAt: new Date(began).toISOString(),
    seconds,
    phaseSeconds,
    loadAverage1m: loads,
    settings: args,
    failures,
  };
  printTable(metrics);
  console.log(`source ${host.source}`);
  console.log(`${host.chromium}; Node ${host.node}; ${host.cpus} x ${host.cpuModel}; load average 1 min during the run ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}; ${seconds.toFixed(0)} s in all`);
  await writeFile(join(ROOT, 'bench-results.json'), `${JSON.stringify(ordered(metrics), null, 2)}\n`);
  await writeFile(join(ROOT, 'bench-results.details.json'), `${JSON.stringify({ host, ...details }, null, 2)}\n`);
  console.log(`phases: ${Object.entries(phaseSeconds).map(([p, t]) => `${p} ${t.toFixed(0)} s`).join(', ')}`);
  console.log('wrote bench-results.json and bench-results.details.json');
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
