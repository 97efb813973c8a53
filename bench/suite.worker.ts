/**
 * The dedicated module worker of bench/suite.html: on `start`, runs one phase (bench/phase-*.ts,
 * or the kernel benchmarks on the worker's own wasm kernel) and posts its metrics.
 */
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';
import { measureKernels } from './kernel-measure.ts';
import { idbPhase } from './phase-idb.ts';
import { scalePhase } from './phase-scale.ts';
import { writesPhase } from './phase-writes.ts';
import type { FromWorker, PhaseConfig, PhaseResult, ToWorker } from './suite-types.ts';

const post = (message: FromWorker): void => self.postMessage(message);
const log = (text: string): void => post({ type: 'progress', text });

async function run(config: PhaseConfig): Promise<PhaseResult> {
  switch (config.phase) {
    case 'kernel':
      return measureKernels(await loadKernelInBrowser(), new ReferenceKernel(), config.runs, '', log);
    case 'idb':
      return idbPhase(config, log);
    case 'writes':
      return writesPhase(config, log);
    case 'scale':
      return scalePhase(config, log, post);
  }
}

let started = false;
self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  if (event.data.type !== 'start' || started) return;
  started = true;
  run(event.data.config).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
});
