/**
 * The layout benchmark's dedicated module worker: on `start`, runs the rounds (each layout and the
 * plain-idb baseline once per round, on fresh databases, the start of the round rotating so that no
 * layout always runs first or right after the copy of another), then posts the medians.
 */
import { measureLayout, measureRawPut } from './layout-measure.ts';
import {
  BLOCK_SIZE,
  LAYOUTS,
  median,
  type BenchConfig,
  type LayoutBenchResult,
  type LayoutRow,
  type LayoutSample,
  type RawPutSample,
  type StartMessage,
  type WorkerMessage,
} from './layout-types.ts';

type Task = 'raw' | (typeof LAYOUTS)[number];

const post = (message: WorkerMessage): void => self.postMessage(message);
const log = (text: string): void => post({ type: 'progress', text });

let started = false;
self.addEventListener('message', (event: MessageEvent<StartMessage>) => {
  if (event.data.type !== 'start' || started) return;
  started = true;
  run(event.data.config).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }),
  );
});

async function run(config: BenchConfig): Promise<LayoutBenchResult> {
  const startedAt = new Date();
  const runId = startedAt.getTime().toString(36);
  const tasks: Task[] = ['raw', ...LAYOUTS];
  const samples = new Map<number, LayoutSample[]>(LAYOUTS.map((bpe) => [bpe, []]));
  const rawRounds: RawPutSample[] = [];
  const order: string[][] = [];
  for (let round = 0; round < config.rounds; round++) {
    const rotated = tasks.map((_, i) => tasks[(i + round) % tasks.length]!);
    order.push(rotated.map(String));
    for (const task of rotated) {
      const name = `bench-${runId}-r${round}-${task === 'raw' ? 'raw' : `bpe${task}`}`;
      const begin = performance.now();
      if (task === 'raw') {
        log(`round ${round + 1}/${config.rounds}: plain idb baseline`);
        rawRounds.push(await measureRawPut(name, config.samples));
      } else {
        log(`round ${round + 1}/${config.rounds}: blocksPerExtent ${task} (${(task * BLOCK_SIZE) / 1024} KiB records)`);
        samples.get(task)!.push(await measureLayout(name, task, config, log));
      }
      log(`    done in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
    }
  }
  const layouts: LayoutRow[] = LAYOUTS.map((bpe) => {
    const rounds = samples.get(bpe)!;
    const m = (key: keyof LayoutSample): number => median(rounds.map((r) => r[key]));
    return {
      blocksPerExtent: bpe,
      recordKiB: (bpe * BLOCK_SIZE) / 1024,
      plainWriteP50Ms: m('plainWriteP50Ms'),
      plainWriteP95Ms: m('plainWriteP95Ms'),
      cowWriteP50Ms: m('cowWriteP50Ms'),
      cowWriteP95Ms: m('cowWriteP95Ms'),
      copyMiBps: m('copyMiBps'),
      bulkWriteMiBps: m('bulkWriteMiBps'),
      rounds,
    };
  });
  return {
    config,
    userAgent: navigator.userAgent,
    crossOriginIsolated: self.crossOriginIsolated,
    startedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    order,
    rawPutP50Ms: median(rawRounds.map((r) => r.rawPutP50Ms)),
    rawPutP95Ms: median(rawRounds.map((r) => r.rawPutP95Ms)),
    rawPutRounds: rawRounds,
    layouts,
  };
}
