/**
 * A copy of a whole disk through OpfsStore, as the copier does it (one commit of one copy op per
 * batch of blocks), timed from the first commit to the last one resolved, then verified; and, for
 * scale, the raw rate of sync access handle calls on the same number of bytes.
 */
import { Engine } from '../../../src/core/engine.ts';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { Kernel } from '../../../src/core/ports.ts';
import { opfsDirectory } from '../../../src/storage/opfs-files.ts';
import { OpfsStore } from '../../../src/storage/opfs-store.ts';
import type { Throughput } from './harness-types.ts';
import { timingDirectory, timingKernel, type CallTimes } from './timing-files.ts';

const BLOCK = 4096;
const BATCH = 256;
const RUNS = 5;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** A block whose bytes depend on its index. */
function blockData(block: number): Uint8Array {
  const bytes = new Uint8Array(BLOCK);
  new Uint32Array(bytes.buffer).fill(block * 2654435761);
  return bytes;
}

/** True when both arrays hold the same bytes (compared as 32-bit words). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length || a.length % 4 !== 0) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length / 4);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Raw OPFS rates: `mib` MiB written in 1 MiB calls and flushed once, then read back. */
async function raw(name: string, mib: number): Promise<{ write: number; flushEach: number; read: number }> {
  const file = await (await opfsDirectory(name)).open('raw.bin');
  const chunk = new Uint8Array(1 << 20).fill(7);
  try {
    let began = performance.now();
    for (let i = 0; i < mib; i++) file.write(chunk, { at: i << 20 });
    file.flush();
    const write = mib / ((performance.now() - began) / 1000);
    began = performance.now();
    for (let i = 0; i < mib; i++) {
      file.write(chunk, { at: (mib + i) << 20 });
      file.flush();
    }
    const flushEach = mib / ((performance.now() - began) / 1000);
    began = performance.now();
    for (let i = 0; i < mib; i++) file.read(chunk, { at: i << 20 });
    return { write, flushEach, read: mib / ((performance.now() - began) / 1000) };
  } finally {
    file.close();
  }
}

/** The engine's online copy of a `mib` MiB disk (written first) on a fresh OpfsStore, 256 blocks per call; MiB/s. */
async function engineCopy(kernel: Kernel, name: string, mib: number): Promise<number> {
  const blocks = (mib << 20) / BLOCK;
  const store = await OpfsStore.open(name, kernel);
  try {
    const engine = await Engine.open(kernel, store);
    const must = (outcome: Outcome<unknown>): void => {
      if (!outcome.ok) throw new Error(`engine refused: ${outcome.message}`);
    };
    must(await engine.createDisk({ name: 'SRC', blocks, blockSize: BLOCK, fill: { kind: 'zero' } }));
    must(await engine.createDisk({ name: 'TGT', blocks, blockSize: BLOCK, fill: { kind: 'zero' } }));
    for (let b = 0; b < blocks; b += BATCH) {
      // A host write puts one block's data into every block it lists.
      must(await engine.write({ disk: 'SRC', blocks: Array.from({ length: BATCH }, (_, i) => b + i), data: blockData(b) }));
    }
    must(await engine.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }));
    const began = performance.now();
    for (let copied = 1; copied > 0; ) {
      const step = await engine.copy('TGT', BATCH);
      copied = step.ok ? step.value : 0;
    }
    await engine.idle();
    const rate = mib / ((performance.now() - began) / 1000);
    if (engine.pairs()[0]?.status !== 'Completed') throw new Error('the engine copy did not complete');
    return rate;
  } finally {
    await store.close();
  }
}

/** Copies a `mib` MiB disk of 4 KiB blocks RUNS times into fresh targets; the median rate and the runs. */
export async function measureThroughput(kernel: Kernel, freshName: () => string, mib: number): Promise<Throughput> {
  const blocks = (mib << 20) / BLOCK;
  const name = freshName();
  const times: CallTimes = {};
  const store = await OpfsStore.open(name, timingKernel(kernel, times), { directory: timingDirectory(await opfsDirectory(name), times) });
  const disk = (id: number) => ({ id, name: `d${id}`, role: 'standard' as const, blocks, blockSize: BLOCK, fill: { kind: 'zero' as const }, state: 'optimal' as const, unreadable: [] });
  try {
    await store.commit({ putDisks: [disk(1)] });
    for (let b = 0; b < blocks; b += BATCH) {
      const ops = Array.from({ length: Math.min(BATCH, blocks - b) }, (_, i) => ({ kind: 'write' as const, disk: 1, block: b + i, data: blockData(b + i) }));
      await store.commit({ ops });
    }
    const copyRuns: number[] = [];
    const callMs: CallTimes[] = [];
    let verify = 0;
    for (let run = 0; run < RUNS; run++) {
      const target = run + 2;
      await store.commit({ putDisks: [disk(target)], ...(run > 0 ? { deleteDisks: [target - 1] } : {}) });
      for (const key of Object.keys(times)) delete times[key];
      const began = performance.now();
      for (let b = 0; b < blocks; b += BATCH) {
        await store.commit({ ops: [{ kind: 'copy', from: 1, fromBlock: b, to: target, toBlock: b, count: Math.min(BATCH, blocks - b) }] });
      }
      const ms = performance.now() - began;
      copyRuns.push(mib / (ms / 1000));
      callMs.push({ total: ms, ...times });
      const checked = performance.now();
      for (let b = 0; b < blocks; b += 4096) {
        const [a, c] = [await store.readBlocks(1, b, 4096), await store.readBlocks(target, b, 4096)];
        if (!sameBytes(a, c)) throw new Error(`copy run ${run}: target differs near block ${b}`);
      }
      verify = mib / ((performance.now() - checked) / 1000);
    }
    const engineRuns: number[] = [];
    for (let run = 0; run < 3; run++) engineRuns.push(await engineCopy(kernel, freshName(), mib));
    const rates = await raw(freshName(), mib);
    return { mib, batchBlocks: BATCH, copyMiBps: median(copyRuns), copyRuns, callMs, engineCopyMiBps: median(engineRuns), engineRuns, verifyMiBps: verify, rawWriteMiBps: rates.write, rawFlushEachMiBps: rates.flushEach, rawReadMiBps: rates.read };
  } finally {
    await store.close();
  }
}
