/**
 * Where a copy's time goes (diagnostics of the IndexedDB phase, not metrics): the 64 MiB copy again
 * on a rig whose kernel and store are timed (kernel-timer.ts, timing-store.ts), with `cpu-begin` /
 * `cpu-end` lines around it so that scripts/bench.ts reads every Chromium thread's CPU time from
 * /proc; the same on OPFS when that store exists; then raw IndexedDB copies of 64 MiB with the
 * engine's record layout and larger ones (idb-raw.ts), to show what the layout itself allows.
 */
import type { BlockStore, Kernel } from '../src/core/ports.ts';
import { IdbStore } from '../src/storage/idb-store.ts';
import { loadKernelInBrowser } from '../src/wasm/load-browser.ts';
import { LabRig, type CopyTiming } from './copy-rig.ts';
import { patternOnce, patternSetup, type Pattern } from './idb-raw.ts';
import { KernelTimer, type KernelTimes } from './kernel-timer.ts';
import { openOpfsStore } from './opfs.ts';

type Log = (text: string) => void;

const PATTERNS: readonly Pattern[] = [
  { recordBytes: 32768, perTx: 64, readDestination: true },
  { recordBytes: 32768, perTx: 64, readDestination: false },
  { recordBytes: 262144, perTx: 16, readDestination: false },
  { recordBytes: 1048576, perTx: 16, readDestination: false },
];

/** A profiled copy: its timing and breakdown, and the kernel's share. */
export interface ProfiledCopy extends CopyTiming {
  kernel: KernelTimes;
}

/**
 * Copies S64 (already filled in the store `open` opens) to a fresh target on a timed rig. The
 * phase's own rig on that store must be closed first: a store has one writer.
 */
async function profiledCopy(label: string, open: (kernel: Kernel) => Promise<BlockStore>, log: Log): Promise<ProfiledCopy> {
  const timer = new KernelTimer();
  const kernel = timer.wrap(await loadKernelInBrowser());
  const rig = await LabRig.open(kernel, await open(kernel));
  try {
    await rig.createDisk('T64-profile', 16384);
    log(`cpu-begin ${label}`);
    timer.record();
    const timing = await rig.copy('S64', 'T64-profile', { profile: true });
    const times = timer.stop();
    log(`cpu-end ${label}`);
    return { ...timing, kernel: times };
  } finally {
    await rig.close();
  }
}

/** The profiled copies (IndexedDB, and OPFS when `opfs`), and the raw copy patterns. */
export async function profileCopies(opfs: boolean, log: Log): Promise<Record<string, unknown>> {
  const copies: Record<string, ProfiledCopy> = {};
  copies['idb'] = await profiledCopy('idb copy 64 MiB', (kernel) => IdbStore.open('bench-copy', kernel), log);
  log(`profiled idb copy: ${summary(copies['idb'])}`);
  if (opfs) {
    copies['opfs'] = await profiledCopy('opfs copy 64 MiB', async (kernel) => {
      const store = await openOpfsStore('bench-opfs', kernel);
      if ('missing' in store) throw new Error(store.missing);
      return store;
    }, log);
    log(`profiled opfs copy: ${summary(copies['opfs'])}`);
  }
  const patterns: Record<string, number[]> = {};
  for (const pattern of PATTERNS) {
    const db = await patternSetup(pattern);
    const name = `${pattern.recordBytes / 1024} KiB records, ${pattern.perTx} per transaction${pattern.readDestination ? ', destination read first' : ''}`;
    const rates: number[] = [];
    for (let rep = 0; rep < 3; rep++) rates.push(await patternOnce(db, pattern, (rep + (pattern.readDestination ? 10 : 0)) * 1_000_000));
    patterns[name] = rates;
    db.close();
    log(`raw idb copy, ${name}: ${rates.map((v) => v.toFixed(0)).join(', ')} MiB/s`);
  }
  return { profiled: copies, rawCopyPatterns: patterns };
}

function summary(copy: ProfiledCopy): string {
  const b = copy.breakdown;
  const kernelMs = Object.values(copy.kernel).reduce((sum, t) => sum + t.ms, 0);
  return [
    `${copy.seconds.toFixed(2)} s: fingerprint ${copy.fingerprintMs.toFixed(0)} ms, copy ${copy.copyMs.toFixed(0)} ms, verify ${copy.verifyMs.toFixed(0)} ms`,
    b ? `${b.copierBatches} batches, commits ${b.commitMs.toFixed(0)} ms, driver idle ${b.driverIdleMs.toFixed(0)} ms` : '',
    `kernel ${kernelMs.toFixed(0)} ms in all`,
  ].join('; ');
}
