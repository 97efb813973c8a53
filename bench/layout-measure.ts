/**
 * The measurements of one round: one layout on a fresh database (engine over IdbStore), and the
 * plain-idb baseline. Every latency is from the call to its acknowledgement (the awaited promise).
 */
import { openDB } from 'idb';
import { Engine } from '../src/core/engine.ts';
import type { Outcome } from '../src/core/outcome.ts';
import type { BlockOp } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { BLOCK_SIZE, percentile, type BenchConfig, type LayoutSample, type RawPutSample } from './layout-types.ts';

/** Untimed operations before each latency series (JIT, first transactions). */
const WARMUP = 10;
/** Blocks per copier batch and per commit of the source fill. */
const BATCH = 512;
const MiB = 1024 * 1024;

type Log = (text: string) => void;

/** Measures one layout on the fresh database `name`: bulk fill, plain writes, a full copy, copy-on-write writes. */
export async function measureLayout(name: string, blocksPerExtent: number, config: BenchConfig, log: Log): Promise<LayoutSample> {
  const kernel = await loadKernelInBrowser();
  const store = await IdbStore.open(name, kernel, { blocksPerExtent });
  try {
    const engine = await Engine.open(kernel, store);
    const disk = { blocks: config.diskBlocks, blockSize: BLOCK_SIZE, fill: { kind: 'zero' } as const };
    for (const diskName of ['src', 'dst', 'dst2']) must(await engine.createDisk({ name: diskName, ...disk }), `create ${diskName}`);
    const srcId = (await store.load()).disks.find((d) => d.name === 'src')?.id;
    if (srcId === undefined) throw new Error('the source disk is not in the store');

    // Fill the source with incompressible data, so the copy moves real extents (not never-written fill).
    const fillStart = performance.now();
    for (let first = 0; first < config.diskBlocks; first += BATCH) {
      const ops: BlockOp[] = [];
      for (let block = first; block < Math.min(first + BATCH, config.diskBlocks); block++) {
        ops.push({ kind: 'write', disk: srcId, block, data: randomBlock() });
      }
      await store.commit({ ops });
    }
    const bulkWriteMiBps = mib(config.diskBlocks) / ((performance.now() - fillStart) / 1000);

    // Plain host writes: one random block each, no copy running.
    const plain = await timeWrites(engine, config.samples, () => Math.floor(Math.random() * config.diskBlocks), 0);
    log(`    plain writes p50 ${percentile(plain, 0.5).toFixed(2)} ms, p95 ${percentile(plain, 0.95).toFixed(2)} ms`);

    // An online copy of the whole source with no host writes, 512-block copier batches.
    const copyStart = performance.now();
    must(await engine.createCopy({ source: 'src', target: 'dst', type: 'online' }), 'create the copy');
    while (statusOf(engine, 'dst') === 'InProgress') must(await engine.copy('dst', BATCH), 'copy a batch');
    const copySeconds = (performance.now() - copyStart) / 1000;
    if (statusOf(engine, 'dst') !== 'Completed') throw new Error(`the copy ended ${statusOf(engine, 'dst')}`);
    const copyMiBps = mib(config.diskBlocks) / copySeconds;
    log(`    copy ${copyMiBps.toFixed(1)} MiB/s (${copySeconds.toFixed(2)} s)`);
    must(await engine.removeCopy('dst'), 'remove the finished copy');

    // First writes to distinct blocks during an online copy: each preserves the old block (copy-on-write).
    must(await engine.createCopy({ source: 'src', target: 'dst2', type: 'online' }), 'create the second copy');
    must(await engine.copy('dst2', 1), 'copy one block');
    const order = shuffled(config.diskBlocks);
    const cow = await timeWrites(engine, config.samples, (i) => order[i]!, 1);
    log(`    cow writes p50 ${percentile(cow, 0.5).toFixed(2)} ms, p95 ${percentile(cow, 0.95).toFixed(2)} ms`);
    if (statusOf(engine, 'dst2') !== 'InProgress') throw new Error(`the second copy is ${statusOf(engine, 'dst2')}, not In Progress`);

    return {
      plainWriteP50Ms: percentile(plain, 0.5),
      plainWriteP95Ms: percentile(plain, 0.95),
      cowWriteP50Ms: percentile(cow, 0.5),
      cowWriteP95Ms: percentile(cow, 0.95),
      copyMiBps,
      bulkWriteMiBps,
    };
  } finally {
    // The database is kept: deleting large databases back to back makes LevelDB compact and slows what follows.
    await store.close();
  }
}

/** The baseline: one 4 KiB put per readwrite transaction with plain idb, on the fresh database `name`. */
export async function measureRawPut(name: string, samples: number): Promise<RawPutSample> {
  const db = await openDB(name, 1, { upgrade: (database) => void database.createObjectStore('blocks') });
  try {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + samples; i++) {
      const value = randomBlock().buffer; // an exact-size ArrayBuffer
      const start = performance.now();
      const tx = db.transaction('blocks', 'readwrite');
      void tx.store.put(value, i);
      await tx.done;
      if (i >= WARMUP) times.push(performance.now() - start);
    }
    return { rawPutP50Ms: percentile(times, 0.5), rawPutP95Ms: percentile(times, 0.95) };
  } finally {
    db.close();
  }
}

/**
 * Times WARMUP + samples single-block host writes of random data to `src`; block `blockAt(i)`.
 * Each write must be acknowledged and preserve exactly `preserved` blocks.
 */
async function timeWrites(engine: Engine, samples: number, blockAt: (i: number) => number, preserved: number): Promise<number[]> {
  const data = Array.from({ length: WARMUP + samples }, randomBlock);
  const times: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const start = performance.now();
    const outcome = await engine.write({ disk: 'src', blocks: [blockAt(i)], data: data[i]! });
    const elapsed = performance.now() - start;
    const cost = must(outcome, `write block ${blockAt(i)}`);
    if (cost.preserved !== preserved) throw new Error(`write ${i} preserved ${cost.preserved} blocks, expected ${preserved}`);
    if (i >= WARMUP) times.push(elapsed);
  }
  return times;
}

function statusOf(engine: Engine, target: string): string {
  return engine.pairs().find((pair) => pair.target === target)?.status ?? 'missing';
}

function must<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.code} ${outcome.message}`);
  return outcome.value;
}

/** 4 KiB of random bytes in an ArrayBuffer of its own (getRandomValues fills at most 64 KiB a call). */
function randomBlock(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(BLOCK_SIZE));
}

/** 0..n-1 in random order (Fisher-Yates). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function mib(blocks: number): number {
  return (blocks * BLOCK_SIZE) / MiB;
}
