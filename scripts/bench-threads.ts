/**
 * CPU time per thread of one Chromium (the one started on `profileDir`), from /proc/<pid>/task/<tid>/
 * schedstat: which threads of which processes (the page's renderer with its workers, the storage
 * service, the GPU process) burn the CPU while a profiled copy runs, and how long they waited for a
 * CPU (runnable but not running: the machine's other load). Linux only; elsewhere the snapshots are empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** [CPU ns, run-queue wait ns] per "process type: thread name". */
export type ThreadTicks = Map<string, [number, number]>;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The ppid from a /proc stat line (the name in parentheses may hold spaces). */
function parentOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function processType(cmdline: string): string {
  // Zygote children rewrite their title: their cmdline is one space-separated string.
  const args = cmdline.split(/[\0 ]/);
  const type = args.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
  const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
  return sub ? `${type}(${sub.split('.').at(-1)})` : type;
}

/** Ticks of every thread of the Chromium whose browser process was started with `profileDir`. */
export function snapshotThreads(profileDir: string): ThreadTicks {
  const out: ThreadTicks = new Map();
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return out;
  }
  const parent = new Map<number, number>();
  const cmdlines = new Map<number, string>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (stat === undefined || cmdline === undefined) continue;
    parent.set(pid, parentOf(stat));
    cmdlines.set(pid, cmdline);
  }
  const root = [...cmdlines].find(([, c]) => c.includes(`--user-data-dir=${profileDir}`) && !c.includes('--type='))?.[0];
  if (root === undefined) return out;
  const ours = (pid: number): boolean => {
    for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 10; p = parent.get(p), depth++) if (p === root) return true;
    return false;
  };
  for (const pid of pids.filter(ours)) {
    const type = processType(cmdlines.get(pid) ?? '');
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const sched = read(`/proc/${pid}/task/${tid}/schedstat`)?.split(' ').map(Number);
      const comm = read(`/proc/${pid}/task/${tid}/comm`)?.trim();
      if (sched === undefined || comm === undefined) continue;
      const key = `${type}: ${comm}`;
      const [cpu, wait] = out.get(key) ?? [0, 0];
      out.set(key, [cpu + (sched[0] ?? 0), wait + (sched[1] ?? 0)]);
    }
  }
  return out;
}

/** CPU and run-queue wait seconds per thread between two snapshots, busiest first, those under 0.02 s dropped. */
export function cpuBetween(before: ThreadTicks, after: ThreadTicks): Array<{ thread: string; cpuSeconds: number; waitSeconds: number }> {
  const round = (ns: number): number => Math.round(ns / 1e7) / 100;
  return [...after]
    .map(([thread, [cpu, wait]]) => {
      const [cpu0, wait0] = before.get(thread) ?? [0, 0];
      return { thread, cpuSeconds: round(cpu - cpu0), waitSeconds: round(wait - wait0) };
    })
    .filter((t) => t.cpuSeconds >= 0.02 || t.waitSeconds >= 0.02)
    .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
}
