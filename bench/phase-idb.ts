/**
 * The IndexedDB phase, in the bench worker on a fresh profile. Sources of 16, 64 and 256 MiB (4 KiB
 * blocks) are filled with random bytes once; then every round runs, in rotated order, the ceiling
 * (each layout of idb-raw.ts, strict and relaxed), an online copy of each source onto a fresh
 * target, the same 64 MiB copy on a store with relaxed commits, and on OPFS when that store exists. Round 0 is the warm-up (without the 256 MiB copy). Per
 * round: idb.copyVsCeiling from that round's copy and ceiling, scale.growth from that round's three
 * copies. Then the diagnostics of phase-idb-profile.ts.
 */
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { LabRig, type CopyTiming } from './copy-rig.ts';
import { CEILING_LAYOUTS, ceilingOnce, ceilingSetup, LAB_DURABILITY, type Layout } from './idb-raw.ts';
import { openOpfsStore } from './opfs.ts';
import { profileCopies } from './phase-idb-profile.ts';
import { logLogSlope, missingMetric, rotated, summarize, type Metric, type PhaseConfig, type PhaseResult } from './suite-types.ts';

type Log = (text: string) => void;

const SIZES_MIB = [16, 64, 256] as const;
/** The ceiling is measured with the lab's durability and with the browser's default, interleaved. */
const DURABILITIES = [LAB_DURABILITY, 'relaxed'] as const;
const ceilingKey = (layout: Layout, durability: IDBTransactionDurability): string => `${layout.recordBytes / 1048576} MiB ${durability}`;
const blocksOf = (mib: number): number => (mib * 1024 * 1024) / 4096;

export async function idbPhase(config: PhaseConfig, log: Log): Promise<PhaseResult> {
  const kernel = await loadKernelInBrowser();
  const rig = await LabRig.open(kernel, await IdbStore.open('bench-copy', kernel));
  const fills: Record<string, number> = {};
  for (const mib of SIZES_MIB) {
    await rig.createDisk(`S${mib}`, blocksOf(mib));
    fills[`S${mib}`] = await rig.fillRandom(`S${mib}`);
    log(`filled S${mib} at ${fills[`S${mib}`]!.toFixed(0)} MiB/s`);
  }
  const ceilingDbs = await Promise.all(CEILING_LAYOUTS.map((layout) => ceilingSetup(layout)));

  const opfsKernel = await loadKernelInBrowser();
  const opfsStore = await openOpfsStore('bench-opfs', opfsKernel);
  const opfs = 'missing' in opfsStore ? undefined : await LabRig.open(opfsKernel, opfsStore);
  if (opfs) {
    await opfs.createDisk('S64', blocksOf(64));
    fills['opfs S64'] = await opfs.fillRandom('S64');
  } else log(`opfs: ${'missing' in opfsStore ? opfsStore.missing : ''}`);

  // The same 64 MiB copy on a store whose commits are relaxed: what the strict durability costs.
  const relaxedKernel = await loadKernelInBrowser();
  const relaxed = await LabRig.open(relaxedKernel, await IdbStore.open('bench-copy-relaxed', relaxedKernel, { durability: 'relaxed' }));
  await relaxed.createDisk('S64', blocksOf(64));
  fills['relaxed S64'] = await relaxed.fillRandom('S64');

  const tasks = ['ceiling', ...SIZES_MIB.map((mib) => `copy${mib}`), 'relaxed64', ...(opfs ? ['opfs64'] : [])];
  const ceilings: Array<Record<string, number>> = [];
  const copies: Array<Record<string, CopyTiming>> = [];
  for (let round = 0; round <= config.runs; round++) {
    const ceiling: Record<string, number> = {};
    const copy: Record<string, CopyTiming> = {};
    for (const task of rotated(tasks, round)) {
      if (round === 0 && task === 'copy256') continue; // the warm-up's copies are for the JIT; skip the longest
      if (task === 'ceiling') {
        for (const [i, layout] of CEILING_LAYOUTS.entries()) {
          for (const durability of DURABILITIES) ceiling[ceilingKey(layout, durability)] = (await ceilingOnce(ceilingDbs[i]!, layout, durability)).mibps;
        }
        continue;
      }
      const mib = Number(task.replace(/\D+/g, ''));
      const target = `T${mib}-r${round}`;
      const on = task.startsWith('opfs') ? opfs! : task.startsWith('relaxed') ? relaxed : rig;
      await on.createDisk(target, blocksOf(mib));
      copy[task] = await on.copy(`S${mib}`, target);
      await on.removeCopy(target);
    }
    const text = Object.entries(copy).map(([k, t]) => `${k} ${t.seconds.toFixed(2)} s`).join(', ');
    const ceilingText = Object.entries(ceiling).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    log(`idb ${round === 0 ? 'warm-up' : `round ${round}/${config.runs}`}: ceiling ${ceilingText} MiB/s; ${text}`);
    if (round === 0) continue;
    ceilings.push(ceiling);
    copies.push(copy);
  }

  ceilingDbs.forEach((db) => db.close());
  await rig.close();
  await relaxed.close();
  await opfs?.close();
  const profile = await profileCopies(opfs !== undefined, log);
  const opfsMissing = opfs ? undefined : 'missing' in opfsStore ? opfsStore.missing : 'unknown';
  return { metrics: metricsOf(ceilings, copies, opfsMissing), details: { fills, ceilings, copies, ...profile } };
}

function metricsOf(ceilings: Array<Record<string, number>>, copies: Array<Record<string, CopyTiming>>, opfsMissing: string | undefined): Metric[] {
  const bestOf = (durability: IDBTransactionDurability): number[] =>
    ceilings.map((c) => Math.max(...CEILING_LAYOUTS.map((layout) => c[ceilingKey(layout, durability)]!)));
  const best = bestOf(LAB_DURABILITY);
  const relaxed = bestOf('relaxed');
  const copyRate = (mib: number, c: Record<string, CopyTiming>, key = `copy${mib}`): number => mib / c[key]!.seconds;
  const growth = copies.map((c) => logLogSlope([...SIZES_MIB], SIZES_MIB.map((mib) => c[`copy${mib}`]!.seconds)));
  const layouts = CEILING_LAYOUTS.map((l) => `${l.recordBytes / 1048576} MiB`);
  const median = (key: string): number => ceilings.map((c) => c[key]!).sort((a, b) => a - b)[ceilings.length >> 1]!;
  const winner = CEILING_LAYOUTS.map((l) => [ceilingKey(l, LAB_DURABILITY), median(ceilingKey(l, LAB_DURABILITY))] as const).sort((a, b) => b[1] - a[1])[0]?.[0];
  return [
    summarize('idb.ceilingMiBps', 'MiB/s', best, `64 MiB read, then written back durably like the lab's commits (${LAB_DURABILITY}), ${layouts.join(' or ')} records, one transaction each way; best layout per round (most often ${winner})`),
    summarize('idb.ceilingRelaxedMiBps', 'MiB/s', relaxed, "the same with the browser's default durability (relaxed: complete once handed to the OS), interleaved"),
    summarize('idb.copyMiBps', 'MiB/s', copies.map((c) => copyRate(64, c)), 'online copy of 64 MiB at priority highest, full speed, from createCopy to verified completion'),
    summarize('idb.copyVsCeiling', 'x', copies.map((c, i) => copyRate(64, c) / best[i]!), "per round: that round's copy / that round's ceiling"),
    summarize('idb.copyVsRelaxedCeiling', 'x', copies.map((c, i) => copyRate(64, c) / relaxed[i]!), "per round: that round's copy / that round's relaxed ceiling"),
    summarize('idb.copyRelaxedMiBps', 'MiB/s', copies.map((c) => copyRate(64, c, 'relaxed64')), 'the same copy on a store whose commits are relaxed (complete once handed to the OS), interleaved'),
    summarize('idb.strictVsRelaxedCopy', 'x', copies.map((c) => copyRate(64, c) / copyRate(64, c, 'relaxed64')), 'per round: the copy (strict commits) / the relaxed copy'),
    summarize('idb.copyPhaseMiBps', 'MiB/s', copies.map((c) => 64 / (c['copy64']!.copyMs / 1000)), 'the same copy, copier phase only (no fingerprint, no verification)'),
    summarize('scale.growth', 'exponent', growth, 'least squares on log(copy seconds) vs log(size) over 16, 64, 256 MiB, per round'),
    summarize('scale.copy256MiBSeconds', 's', copies.map((c) => c['copy256']!.seconds), 'online copy of 256 MiB, no host writes'),
    opfsMissing === undefined
      ? summarize('opfs.copyMiBps', 'MiB/s', copies.map((c) => copyRate(64, c, 'opfs64')), 'the 64 MiB copy on the OPFS store, same rig')
      : missingMetric('opfs.copyMiBps', 'MiB/s', opfsMissing),
  ];
}
