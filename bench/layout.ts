/**
 * The layout benchmark's page: starts the worker, shows its progress (and logs it to the console
 * for scripts/bench-layout.ts), then shows the table and sets `window.benchResult`.
 */
import { baselineLine, resultTable, type BenchConfig, type LayoutBenchResult, type StartMessage, type WorkerMessage } from './layout-types.ts';

const params = new URLSearchParams(location.search);

/** A positive integer query parameter, or its default. */
function intParam(name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`query parameter ${name}=${raw} is not a positive integer`);
  return value;
}

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

function progress(text: string): void {
  element('log').textContent += `${text}\n`;
  console.log(`[bench] ${text}`);
}

function fail(message: string): void {
  const status = element('status');
  status.textContent = `Failed: ${message}`;
  status.className = 'failed';
  globalThis.benchError = message;
}

function show(result: LayoutBenchResult): void {
  const { header, rows } = resultTable(result);
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const cell of header) head.appendChild(document.createElement('th')).textContent = cell;
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = cell;
  }
  element('table').replaceChildren(table);
  element('status').textContent = `${baselineLine(result)}. ${result.config.rounds} rounds in ${result.durationS.toFixed(0)} s.`;
  globalThis.benchResult = result;
}

try {
  const config: BenchConfig = { rounds: intParam('rounds', 5), samples: intParam('samples', 300), diskBlocks: intParam('blocks', 16384) };
  if (!crossOriginIsolated) progress('warning: the page is not cross-origin isolated (timers are coarser)');
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (message.type === 'progress') progress(message.text);
    else if (message.type === 'done') show(message.result);
    else fail(message.message);
  });
  worker.addEventListener('error', (event) => fail(`worker error: ${event.message || 'the worker failed to load'}`));
  const start: StartMessage = { type: 'start', config };
  worker.postMessage(start);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
