/**
 * The write-latency phase, in the bench worker on a fresh profile. Each round (round 0 is the
 * warm-up), with the copy of SRC (256 MiB, random bytes) to TGT In Progress:
 * 1. plain: host writes to disk P (in no pair) with the driver paused, each followed by one raw
 *    4 KiB put in its own transaction on a separate database, durable like the lab's commits
 *    ('strict': the baseline, interleaved), and one with the browser's default ('relaxed');
 * 2. cow, copier paused: first writes to SRC blocks since the point in time (each preserves one);
 * 3. cow, copy running: the same while the driver copies at full speed (priority highest), a random
 *    0 to 10 ms pause between writes so that they land anywhere in the copier's batches, each
 *    followed by a raw put (the baseline under the copy's load) and, after another pause, a plain
 *    write to P (what any write waits for behind the copier, without a copy-on-write of its own);
 * 4. the browser's floor: the raw put again, beside a copy of 1 MiB records one per transaction
 *    without the engine (idb-raw.ts rawCopyLoop), the driver paused.
 * Every latency is from the LabService.write call (the API as the page reaches it, without the
 * message hop) to its acknowledgement. The copy is recreated (a new point in time, untimed) whenever
 * it completes, so that every series has its samples.
 */
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { LabRig, must, sleep } from './copy-rig.ts';
import { LAB_DURABILITY, patternSetup, randomBuffer, rawCopyLoop, rawPut, rawPutDb } from './idb-raw.ts';
import { percentile, summarize, type PhaseConfig, type PhaseResult } from './suite-types.ts';

type Log = (text: string) => void;

const SRC_BLOCKS = 65536;
const P_BLOCKS = 16384;

interface Round {
  raw: number[];
  rawRelaxed: number[];
  plain: number[];
  cowPaused: number[];
  cowRunning: number[];
  rawDuringCopy: number[];
  plainDuringCopy: number[];
  rawDuringRawCopy: number[];
  /** Store time of each copier commit (copies only) and of each host write's commit, while the copy runs with host writes. */
  copierCommit: number[];
  hostCommit: number[];
  rawCopyMiBps: number;
}

export async function writesPhase(config: PhaseConfig, log: Log): Promise<PhaseResult> {
  const kernel = await loadKernelInBrowser();
  const rig = await LabRig.open(kernel, await IdbStore.open('bench-writes', kernel));
  const rawDb = await rawPutDb('bench-rawput');
  const copyDb = await patternSetup({ recordBytes: 1 << 20, perTx: 1, readDestination: false });
  for (const [name, blocks] of [['SRC', SRC_BLOCKS], ['P', P_BLOCKS], ['TGT', SRC_BLOCKS]] as const) {
    await rig.createDisk(name, blocks);
    if (name !== 'TGT') await rig.fillRandom(name);
  }
  let order: number[] = [];
  let next = 0;
  const newPointInTime = async (): Promise<void> => {
    await rig.removeCopy('TGT');
    must(await rig.service.createCopy({ source: 'SRC', target: 'TGT', type: 'online', priority: 'highest' }), 'create the copy');
    order = shuffled(SRC_BLOCKS);
    next = 0;
  };
  let rawKey = 0;
  const raw = async (): Promise<number> => rawPut(rawDb, rawKey++ % 4096, LAB_DURABILITY);
  const rawRelaxed = async (): Promise<number> => rawPut(rawDb, rawKey++ % 4096, 'relaxed');
  /** A host write of random bytes; its latency, and the blocks it preserved. */
  const write = async (disk: string, block: number): Promise<[number, number]> => {
    const data = new Uint8Array(randomBuffer(4096));
    const start = performance.now();
    const result = await rig.service.write(disk, [block], data);
    const ms = performance.now() - start;
    return [ms, must(result, `write ${disk} block ${block}`).preserved];
  };
  const status = (): string => rig.engine.pairs().find((p) => p.target === 'TGT')?.status ?? 'none';

  const rounds: Round[] = [];
  const n = config.samples;
  for (let round = 0; round <= config.runs; round++) {
    if (status() !== 'InProgress') await newPointInTime();
    const r: Round = { raw: [], rawRelaxed: [], plain: [], cowPaused: [], cowRunning: [], rawDuringCopy: [], plainDuringCopy: [], rawDuringRawCopy: [], copierCommit: [], hostCommit: [], rawCopyMiBps: 0 };
    for (let i = 0; i < n; i++) {
      r.plain.push((await write('P', Math.floor(Math.random() * P_BLOCKS)))[0]);
      r.raw.push(await raw());
      r.rawRelaxed.push(await rawRelaxed());
    }
    for (let i = 0; i < n / 2 && status() === 'InProgress'; i++) {
      const [ms, preserved] = await write('SRC', order[next++]!);
      if (preserved === 1) r.cowPaused.push(ms);
    }
    while (r.cowRunning.length < n) {
      if (status() !== 'InProgress') {
        must(await rig.service.setDriver({ running: false }), 'pause the driver');
        await newPointInTime();
      }
      must(await rig.service.setDriver({ running: true, fullSpeed: true }), 'start the driver');
      rig.store.record();
      while (r.cowRunning.length < n) {
        await sleep(Math.random() * 10);
        const [ms, preserved] = await write('SRC', order[next++]!);
        if (preserved !== 1 || status() !== 'InProgress') break; // the copy completed meanwhile: no longer a copy-on-write
        r.cowRunning.push(ms);
        r.rawDuringCopy.push(await raw());
        await sleep(Math.random() * 10);
        r.plainDuringCopy.push((await write('P', Math.floor(Math.random() * P_BLOCKS)))[0]);
      }
      for (const call of rig.store.stop()) {
        if (call.kind === 'commit' && call.blocks > 0) (call.writes === true ? r.hostCommit : r.copierCommit).push(call.end - call.start);
      }
    }
    must(await rig.service.setDriver({ running: false }), 'pause the driver');
    let stopped = false;
    const copying = rawCopyLoop(copyDb, () => stopped);
    for (let i = 0; i < n; i++) {
      await sleep(Math.random() * 10);
      r.rawDuringRawCopy.push(await raw());
    }
    stopped = true;
    r.rawCopyMiBps = await copying;
    const p95 = (v: number[]): string => (v.length ? percentile(v, 0.95).toFixed(2) : '-');
    log(`writes ${round === 0 ? 'warm-up' : `round ${round}/${config.runs}`}: p95 raw ${p95(r.raw)} (relaxed ${p95(r.rawRelaxed)}), plain ${p95(r.plain)}, cow paused ${p95(r.cowPaused)}, cow running ${p95(r.cowRunning)} (${r.cowRunning.length} writes), raw during copy ${p95(r.rawDuringCopy)}, plain during copy ${p95(r.plainDuringCopy)}, raw beside a raw copy (${r.rawCopyMiBps.toFixed(0)} MiB/s) ${p95(r.rawDuringRawCopy)} ms`);
    if (round > 0) rounds.push(r);
  }
  rawDb.close();
  copyDb.close();
  await rig.close();
  return { metrics: metricsOf(rounds), details: { writeRounds: rounds.map(summaryOf) } };
}

function summaryOf(r: Round): Record<string, { n: number; p50: number; p95: number; max: number }> {
  const s = (v: number[]): { n: number; p50: number; p95: number; max: number } =>
    v.length ? { n: v.length, p50: percentile(v, 0.5), p95: percentile(v, 0.95), max: Math.max(...v) } : { n: 0, p50: NaN, p95: NaN, max: NaN };
  return {
    raw: s(r.raw), rawRelaxed: s(r.rawRelaxed), plain: s(r.plain), cowPaused: s(r.cowPaused), cowRunning: s(r.cowRunning), rawDuringCopy: s(r.rawDuringCopy),
    plainDuringCopy: s(r.plainDuringCopy), rawDuringRawCopy: s(r.rawDuringRawCopy), copierCommit: s(r.copierCommit), hostCommit: s(r.hostCommit),
    rawCopyMiBps: { n: 1, p50: r.rawCopyMiBps, p95: r.rawCopyMiBps, max: r.rawCopyMiBps },
  };
}

/** The latency series of a round. */
type Series = Exclude<keyof Round, 'rawCopyMiBps'>;

function metricsOf(rounds: Round[]): PhaseResult['metrics'] {
  const p95 = (key: Series): number[] => rounds.filter((r) => r[key].length >= 20).map((r) => percentile(r[key], 0.95));
  const ratio = (key: Series): number[] =>
    rounds.filter((r) => r[key].length >= 20).map((r) => percentile(r[key], 0.95) / percentile(r.raw, 0.95));
  return [
    summarize('write.rawPutP95Ms', 'ms', p95('raw'), "one 4 KiB put in its own transaction, plain idb, durability strict like the lab's commits, interleaved with the plain writes"),
    summarize('write.rawPutRelaxedP95Ms', 'ms', p95('rawRelaxed'), "the same put with the browser's default durability (relaxed), interleaved"),
    summarize('write.cowP95Ms', 'ms', p95('cowRunning'), 'first write to a block during an online copy running at full speed (priority highest), call to acknowledgement'),
    summarize('write.plainP95Ms', 'ms', p95('plain'), 'write to a disk in no pair, no copy running'),
    summarize('write.cowVsRawPut', 'x', ratio('cowRunning'), 'per round: cow p95 / raw put p95 (target at most 3)'),
    summarize('write.plainVsRawPut', 'x', ratio('plain'), 'per round: plain p95 / raw put p95 (target at most 1.5)'),
    summarize('write.cowPausedP95Ms', 'ms', p95('cowPaused'), 'first write to a block of an online copy whose copier is paused: the cost of the copy-on-write alone'),
    summarize('write.rawPutDuringCopyP95Ms', 'ms', p95('rawDuringCopy'), 'the raw put interleaved with the cow writes, while the copy runs'),
    summarize('write.rawPutBesideRawCopyP95Ms', 'ms', p95('rawDuringRawCopy'), "the browser's floor: the raw put beside a copy of 1 MiB records, one per transaction, without the engine"),
    summarize('write.rawBesideRawCopyVsRawPut', 'x', ratio('rawDuringRawCopy'), 'per round: that p95 / raw put p95 (what the 3 x target asks of a write beside a copy, for IndexedDB alone)'),
    summarize('write.copierCommitP50Ms', 'ms', rounds.map((r) => percentile(r.copierCommit, 0.5)), "the copier's commits while hosts write (one segment each), store time from the call to durable, p50"),
    summarize('write.copierCommitP95Ms', 'ms', p95('copierCommit'), 'the same, p95 (a host write arriving during one waits for the rest of it)'),
    summarize('write.hostCommitDuringCopyP95Ms', 'ms', p95('hostCommit'), "the host writes' own commits while the copy runs, store time; the rest of their latency is the wait in the queue"),
    summarize('write.rawCopyMiBps', 'MiB/s', rounds.map((r) => r.rawCopyMiBps), 'the rate of that raw copy while the puts ran'),
    summarize('write.plainDuringCopyP95Ms', 'ms', p95('plainDuringCopy'), 'a write to disk P (in no pair) interleaved with the cow writes, while the copy runs'),
  ];
}

function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
