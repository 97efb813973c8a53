/**
 * The UI phase of `npm run bench`, on the built lab page itself: through the page's
 * globalThis.storageLab it creates a 262,144-block source and target and an online copy (priority
 * highest), lets the page draw them, measures an idle baseline with the copier paused, then runs
 * the copy at full speed and measures windows of requestAnimationFrame intervals and long tasks
 * (PerformanceObserver 'longtask', main-thread tasks over 50 ms). The first window is the warm-up.
 */
import type { Page } from 'playwright-core';
import { percentile, summarize, type Metric, type PhaseResult } from '../bench/suite-types.ts';
import { cpuBetween, snapshotThreads, type ThreadTicks } from './bench-threads.ts';

const BLOCKS = 262_144;
const WINDOW_MS = 3000;

interface Window {
  intervals: number[];
  longTasks: number[];
  /** Long animation frames (over 50 ms): where their time went, by script invoker and rendering. */
  slowFrames: SlowFrame[];
  copied: number;
  status: string;
  /** Times the copy completed during the window and was started again. */
  recopies: number;
}

interface SlowFrame {
  duration: number;
  /** Style, layout and paint at the end of the frame. */
  renderMs: number;
  scripts: Array<{ invoker: string; ms: number }>;
}

/** The fields of a PerformanceLongAnimationFrameTiming entry that the UI phase reads. */
interface LoafEntry {
  duration: number;
  renderStart: number;
  startTime: number;
  scripts: Array<{ invoker: string; sourceFunctionName: string; duration: number }>;
}

/** Frame intervals and long tasks on the page for `ms`, and the copy's progress at the end. */
function measureWindow(page: Page, ms: number): Promise<Window> {
  return page.evaluate(async (duration) => {
    const longTasks: number[] = [];
    const slowFrames: SlowFrame[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    const loaf = new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
      const e = entry as unknown as LoafEntry;
      slowFrames.push({
        duration: e.duration,
        renderMs: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0,
        scripts: e.scripts.map((s) => ({ invoker: `${s.invoker}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}`, ms: s.duration })),
      });
    }));
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) loaf.observe({ type: 'long-animation-frame' });
    // A 1 GiB copy at full speed now ends within a few seconds: start it again (a new point in time)
    // whenever it completes, so that the whole window measures the page while a copy runs.
    let recopies = 0;
    const keepCopying = setInterval(() => {
      void globalThis.storageLab!.frame(-1, 0).then(async (f) => {
        if (f?.pairs[0]?.status === 'Completed' && (await globalThis.storageLab!.recopy('TGT')).ok) recopies++;
      });
    }, 100);
    const stamps: number[] = [];
    let running = true;
    const frame = (t: number): void => {
      stamps.push(t);
      if (running) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    await new Promise((resolve) => setTimeout(resolve, duration));
    running = false;
    clearInterval(keepCopying);
    observer.disconnect();
    loaf.disconnect();
    const pair = (await globalThis.storageLab!.frame(-1, 0))?.pairs[0];
    return {
      intervals: stamps.slice(1).map((t, i) => t - stamps[i]!),
      longTasks,
      slowFrames,
      copied: pair?.progress.copied ?? -1,
      status: pair?.status ?? 'none',
      recopies,
    };
  }, ms);
}

/**
 * Runs the UI phase on `page` (a fresh Chromium started on `profileDir`, whose threads' CPU time is
 * read around the measured windows).
 */
export async function uiPhase(page: Page, profileDir: string, base: string, runs: number, log: (text: string) => void): Promise<PhaseResult> {
  await page.goto(base);
  // tsx compiles this file keeping function names: its helper must exist where these functions run.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.waitForFunction(() => globalThis.storageLab !== undefined);
  const setup = await page.evaluate(async (blocks) => {
    const lab = globalThis.storageLab!;
    await lab.frame(-1, 0);
    const outcomes = [
      await lab.setDriver({ running: false, fullSpeed: true }),
      await lab.createDisk({ name: 'SRC', blocks, blockSize: 4096, fill: { kind: 'index' } }),
      await lab.createDisk({ name: 'TGT', blocks, blockSize: 4096, fill: { kind: 'zero' } }),
      await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online', priority: 'highest' }),
    ];
    return outcomes.filter((o) => !o.ok).map((o) => (o.ok ? '' : `${o.code} ${o.message}`));
  }, BLOCKS);
  if (setup.length) throw new Error(`setting up the lab page failed: ${setup.join('; ')}`);
  await page.waitForFunction(() => document.querySelector('storage-lab-app')?.shadowRoot?.querySelector('disk-maps') !== null);
  await page.waitForTimeout(1500);
  const idle = await measureWindow(page, WINDOW_MS);
  log(`ui idle (copier paused): frame p95 ${percentile(idle.intervals, 0.95).toFixed(1)} ms, ${idle.longTasks.length} long tasks`);

  const started = performance.now();
  const go = await page.evaluate(async () => (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })).ok);
  if (!go) throw new Error('the lab refused to start the driver');
  const windows: Window[] = [];
  let cpuBefore: ThreadTicks | undefined;
  for (let i = 0; i <= runs; i++) {
    if (i === 1) cpuBefore = snapshotThreads(profileDir);
    const w = await measureWindow(page, WINDOW_MS);
    log(`ui ${i === 0 ? 'warm-up' : `window ${i}/${runs}`}: frame p95 ${percentile(w.intervals, 0.95).toFixed(1)} ms, max ${Math.max(...w.intervals).toFixed(0)} ms, ${w.longTasks.length} long tasks, ${w.copied} blocks copied, ${w.status}, ${w.recopies} restarts`);
    if (i > 0) windows.push(w);
    if (w.status !== 'InProgress' && w.status !== 'Completed') break;
  }
  const threads = cpuBefore ? cpuBetween(cpuBefore, snapshotThreads(profileDir)) : [];
  const measuredS = (performance.now() - started) / 1000;
  const running = windows.filter((w) => w.status === 'InProgress' || w.recopies > 0);
  const counts = windows.map((w) => w.longTasks.length);
  const last = windows.at(-1);
  // Blocks copied since the driver started: every restart began after a full copy of BLOCKS.
  const restarts = windows.reduce((sum, w) => sum + w.recopies, 0);
  const copyMiBps = last ? ((restarts * BLOCKS + last.copied) * 4096) / 2 ** 20 / measuredS : 0;
  const metrics: Metric[] = [
    summarize('ui.frameP95Ms', 'ms', running.map((w) => percentile(w.intervals, 0.95)),
      `p95 of requestAnimationFrame intervals per ${WINDOW_MS / 1000} s window, the lab page with a ${BLOCKS}-block source and target, copy at full speed`),
    {
      ...summarize('ui.longTasks', 'tasks', counts, 'main-thread tasks over 50 ms, all measured windows together (min/max: per window)'),
      value: counts.reduce((a, b) => a + b, 0),
    },
    summarize('ui.idleFrameP95Ms', 'ms', [percentile(idle.intervals, 0.95)], 'the same page with the copier paused: what the headless compositor gives'),
  ];
  return {
    metrics,
    details: {
      uiWindows: windows.map((w) => ({
        frames: w.intervals.length + 1,
        p50: percentile(w.intervals, 0.5),
        p95: percentile(w.intervals, 0.95),
        max: Math.max(...w.intervals),
        longTasksMs: w.longTasks.map((d) => Math.round(d)),
        copied: w.copied,
        status: w.status,
      })),
      uiSlowFrameTime: slowFrameTime(windows),
      uiThreadCpu: { wallSeconds: (windows.length * WINDOW_MS) / 1000, threads },
      uiIdle: { p50: percentile(idle.intervals, 0.5), p95: percentile(idle.intervals, 0.95), longTasks: idle.longTasks.length },
      uiCopyMiBpsDuringWindows: copyMiBps,
    },
  };
}

/** Time of the long animation frames of all windows: in rendering, and in scripts by invoker (top 8). */
function slowFrameTime(windows: readonly Window[]): Record<string, number> {
  const frames = windows.flatMap((w) => w.slowFrames);
  const byInvoker = new Map<string, number>();
  for (const frame of frames) for (const script of frame.scripts) byInvoker.set(script.invoker, (byInvoker.get(script.invoker) ?? 0) + script.ms);
  const top = [...byInvoker].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return {
    frames: frames.length,
    totalMs: Math.round(frames.reduce((sum, f) => sum + f.duration, 0)),
    renderMs: Math.round(frames.reduce((sum, f) => sum + f.renderMs, 0)),
    ...Object.fromEntries(top.map(([invoker, ms]) => [`script: ${invoker}`, Math.round(ms)])),
  };
}
