/** The harness page: starts the worker, lists each case as it ends, publishes `globalThis.opfsHarness`. */
import type { HarnessMessage, HarnessState, StartMessage } from './harness-types.ts';

const state: HarnessState = { results: [], registered: 0, done: false };
globalThis.opfsHarness = state;

function line(text: string): void {
  const log = document.getElementById('log');
  if (log) log.textContent += `${text}\n`;
}

const worker = new Worker(new URL('./opfs-harness.worker.ts', import.meta.url), { type: 'module' });
worker.addEventListener('message', (event: MessageEvent<HarnessMessage>) => {
  const message = event.data;
  if (message.type === 'case') {
    state.results.push(message.result);
    line(`${message.result.status.padEnd(7)} ${message.result.name}${message.result.error ? `\n        ${message.result.error}` : ''}`);
  } else if (message.type === 'throughput') {
    state.throughput = message.throughput;
    line(`throughput ${JSON.stringify(message.throughput)}`);
  } else if (message.type === 'error') {
    state.error = message.message;
    state.done = true;
  } else {
    state.registered = message.registered;
    state.done = true;
  }
  const status = document.getElementById('status');
  const failed = state.results.filter((r) => r.status === 'failed').length;
  if (status) status.textContent = `${state.done ? 'Done' : 'Running'}: ${state.results.length} cases, ${failed} failed${state.error ? `; ${state.error}` : ''}`;
});
const query = new URLSearchParams(location.search);
const start: StartMessage = {
  throughputMiB: Number(query.get('throughput') ?? '0'),
  suite: query.get('suite') === 'corruption' ? 'corruption' : 'store',
};
worker.postMessage(start);
worker.addEventListener('error', (event) => {
  state.error = `worker error: ${event.message}`;
  state.done = true;
});
