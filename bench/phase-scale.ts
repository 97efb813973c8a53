/**
 * The scale phase, in the bench worker on a fresh profile: an online copy of a 1 GiB source
 * (262,144 blocks of random bytes) at priority highest and full speed while the lab's workload
 * generator writes random blocks of the source, from createCopy to verified completion. A 16 MiB
 * copy with writes warms up first. While the big copy runs, the page samples the worker's memory
 * (it tells the page when, see bench/suite.ts); the worker reports its wasm memory at the end.
 */
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { LabRig, must } from './copy-rig.ts';
import { MiB, summarize, type FromWorker, type PhaseConfig, type PhaseResult } from './suite-types.ts';

type Log = (text: string) => void;

const WARMUP_BLOCKS = 4096;

export async function scalePhase(config: PhaseConfig, log: Log, post: (message: FromWorker) => void): Promise<PhaseResult> {
  const kernel = await loadKernelInBrowser();
  const rig = await LabRig.open(kernel, await IdbStore.open('bench-scale', kernel));
  const fills: Record<string, number> = {};
  for (const [name, blocks] of [['W', WARMUP_BLOCKS], ['SRC', config.scaleBlocks]] as const) {
    await rig.createDisk(name, blocks);
    fills[name] = await rig.fillRandom(name);
    log(`scale: filled ${name} (${(blocks * 4096) / MiB} MiB) at ${fills[name]!.toFixed(0)} MiB/s`);
  }

  /** One copy of `source` with the workload writing to it; its seconds and the pair's counters. */
  const copyWithWrites = async (source: string, target: string, blocks: number): Promise<Record<string, number>> => {
    await rig.createDisk(target, blocks);
    const timing = await rig.copy(source, target, {
      onStarted: () => must(rig.service.workload.update({ running: true, disk: source, pattern: 'random', ratePerSecond: config.scaleWritesPerSecond }), 'start the workload'),
    });
    rig.service.workload.halt();
    const pair = rig.engine.pairs().find((p) => p.target === target);
    const counters = { hostWrites: pair?.counters.hostWrites ?? 0, copyOnWrites: pair?.counters.copyOnWrites ?? 0 };
    await rig.removeCopy(target);
    return { seconds: timing.seconds, fingerprintS: timing.fingerprintMs / 1000, copyS: timing.copyMs / 1000, verifyS: timing.verifyMs / 1000, ...counters };
  };

  const warmup = await copyWithWrites('W', 'W-T', WARMUP_BLOCKS);
  log(`scale warm-up (16 MiB): ${warmup['seconds']!.toFixed(2)} s`);
  const runs: Array<Record<string, number>> = [];
  for (let run = 1; run <= config.runs; run++) {
    post({ type: 'sampling-start' });
    log(`cpu-begin scale copy ${run}`);
    try {
      runs.push(await copyWithWrites('SRC', `T-r${run}`, config.scaleBlocks));
    } finally {
      log(`cpu-end scale copy ${run}`);
      post({ type: 'sampling-stop' });
    }
    log(`scale run ${run}/${config.runs}: ${JSON.stringify(runs.at(-1))}`);
  }
  const wasmMemoryBytes = kernel.memoryBytes;
  await rig.close();
  const mib = (config.scaleBlocks * 4096) / MiB;
  return {
    metrics: [
      summarize(`scale.copy${mib >= 1024 ? `${mib / 1024}GiB` : `${mib}MiB`}Seconds`, 's', runs.map((r) => r['seconds']!),
        `online copy of ${mib} MiB (random bytes) at priority highest, full speed, with the workload generator writing ${config.scaleWritesPerSecond} random blocks/s; createCopy to verified completion`),
    ],
    details: { fills, warmup, scaleRuns: runs, wasmMemoryBytes },
  };
}
