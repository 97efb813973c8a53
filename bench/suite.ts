/**
 * The page of one benchmark phase (bench/suite.html?phase=...): starts the bench worker, logs its
 * progress (the `[bench] ` lines scripts/bench.ts forwards), samples the worker's memory while the
 * scale copy runs, and sets `globalThis.benchSuiteResult` (or `benchSuiteError`).
 *
 * Memory: performance.measureUserAgentSpecificMemory() (cross-origin isolated pages only; eager
 * with Chromium's --enable-blink-features=ForceEagerMeasureMemory) attributes JS heap bytes,
 * ArrayBuffers included, to the worker; it does not count wasm memory, which the worker reports.
 * Workers have no performance.memory, so there is no other source for the worker's heap.
 */
import { MiB, missingMetric, summarize, WORKER_PHASES, type FromWorker, type PhaseConfig, type PhaseResult, type ToWorker, type WorkerPhase } from './suite-types.ts';

interface MemoryMeasurement {
  bytes: number;
  breakdown: Array<{ bytes: number; attribution: Array<{ scope?: string; url?: string }>; types: string[] }>;
}
type MeasuringPerformance = Performance & { measureUserAgentSpecificMemory?: () => Promise<MemoryMeasurement> };

const params = new URLSearchParams(location.search);

function intParam(name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`query parameter ${name}=${raw} is not a positive integer`);
  return value;
}

function progress(text: string): void {
  document.getElementById('log')!.textContent += `${text}\n`;
  console.log(`[bench] ${text}`);
}

function finish(result: PhaseResult | undefined, error?: string): void {
  document.getElementById('status')!.textContent = error ? `Failed: ${error}` : 'Done.';
  if (error) globalThis.benchSuiteError = error;
  else globalThis.benchSuiteResult = result;
}

/** Samples the worker's JS memory about every second while `active()`; resolves with the peak bytes, or a reason. */
class WorkerMemorySampler {
  peak = 0;
  samples = 0;
  private running: Promise<void> | undefined;
  private stopRequested = false;
  readonly unavailable: string | undefined;

  constructor() {
    const measure = (performance as MeasuringPerformance).measureUserAgentSpecificMemory;
    this.unavailable = !crossOriginIsolated
      ? 'the page is not cross-origin isolated'
      : typeof measure !== 'function' ? 'performance.measureUserAgentSpecificMemory is not available' : undefined;
  }

  start(): void {
    if (this.unavailable || this.running) return;
    this.stopRequested = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    const perf = performance as MeasuringPerformance;
    while (!this.stopRequested) {
      const result = await perf.measureUserAgentSpecificMemory!();
      const worker = result.breakdown
        .filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
        .reduce((sum, entry) => sum + entry.bytes, 0);
      this.peak = Math.max(this.peak, worker);
      this.samples++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function heapMetric(result: PhaseResult, sampler: WorkerMemorySampler): void {
  const wasm = result.details['wasmMemoryBytes'];
  if (sampler.unavailable || typeof wasm !== 'number' || sampler.samples === 0) {
    result.metrics.push(missingMetric('scale.workerHeapMiB', 'MiB', sampler.unavailable ?? 'no memory sample was taken'));
    return;
  }
  const total = (sampler.peak + wasm) / MiB;
  result.metrics.push(summarize('scale.workerHeapMiB', 'MiB', [total],
    `peak of ${sampler.samples} samples (1/s) of measureUserAgentSpecificMemory for the worker (JS heap with ArrayBuffers), ${(sampler.peak / MiB).toFixed(1)} MiB, plus wasm memory ${(wasm / MiB).toFixed(1)} MiB`));
  result.details['workerJsPeakBytes'] = sampler.peak;
  result.details['memorySamples'] = sampler.samples;
}

try {
  const phase = params.get('phase') ?? '';
  if (!WORKER_PHASES.includes(phase as WorkerPhase)) throw new Error(`phase=${phase} is not one of ${WORKER_PHASES.join(', ')}`);
  const config: PhaseConfig = {
    phase: phase as WorkerPhase,
    runs: intParam('runs', 5),
    samples: intParam('samples', 150),
    scaleBlocks: intParam('scaleBlocks', 262144),
    scaleWritesPerSecond: intParam('scaleWrites', 20),
  };
  if (!crossOriginIsolated) progress('warning: the page is not cross-origin isolated (timers are coarser)');
  const sampler = new WorkerMemorySampler();
  const worker = new Worker(new URL('./suite.worker.ts', import.meta.url), { type: 'module', name: `bench-${phase}` });
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'progress') progress(message.text);
    else if (message.type === 'sampling-start') sampler.start();
    else if (message.type === 'sampling-stop') void sampler.stop();
    else if (message.type === 'failed') finish(undefined, message.message);
    else {
      void sampler.stop().then(() => {
        if (config.phase === 'scale') heapMetric(message.result, sampler);
        message.result.details['crossOriginIsolated'] = crossOriginIsolated;
        message.result.details['userAgent'] = navigator.userAgent;
        finish(message.result);
      });
    }
  });
  worker.addEventListener('error', (event) => finish(undefined, `worker error: ${event.message || 'the worker failed to load'}`));
  const start: ToWorker = { type: 'start', config };
  worker.postMessage(start);
} catch (error) {
  finish(undefined, error instanceof Error ? error.message : String(error));
}
