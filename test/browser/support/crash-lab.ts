/**
 * The lab page driven from Node for the browser crash test: open it in a new page, observe the
 * whole durable state through the worker API in one call, write a block, and kill the page (its
 * worker ends with it) or the whole browser (SIGKILL to its process group, then a relaunch on the
 * same profile).
 */
import { readdir, readFile } from 'node:fs/promises';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

export const BLOCKS = 512;
export const BLOCK_SIZE = 4096;

/** Everything the invariants need, as first bytes of blocks (-1: a block that is not uniform). */
export interface Observation {
  status: string;
  snapshot: string | null;
  copied: number[];
  preserved: number[];
  used: number;
  capacity: number;
  hostWrites: number;
  source: number[];
  target: number[];
  /** The snapshot view while the snapshot is active, else null. */
  view: number[] | null;
}

/** Opens the lab in a new page of `context` and waits for its API; retries while the old tab still holds the lab. */
export async function openLab(context: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  for (let attempt = 0; ; attempt++) {
    await page.goto(url);
    try {
      await page.waitForFunction(() => globalThis.storageLab !== undefined, undefined, { timeout: 5_000 });
      await page.evaluate(() => globalThis.storageLab!.frame(-1, 0));
      return page;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Pauses the copier driver and reads the pair, the source, the target and the snapshot view. */
export async function observe(page: Page): Promise<Observation> {
  return page.evaluate(
    async ({ blocks, blockSize }) => {
      const lab = globalThis.storageLab!;
      const paused = await lab.setDriver({ running: false });
      if (!paused.ok) throw new Error(paused.message);
      const firsts = (bytes: Uint8Array): number[] =>
        Array.from({ length: blocks }, (_, b) => {
          const block = bytes.subarray(b * blockSize, (b + 1) * blockSize);
          return block.every((v) => v === block[0]) ? block[0]! : -1;
        });
      const read = async (outcome: Promise<{ ok: true; value: Uint8Array } | { ok: false; message: string }>): Promise<number[]> => {
        const result = await outcome;
        if (!result.ok) throw new Error(result.message);
        return firsts(result.value);
      };
      const indexes = (bits: Uint8Array | null): number[] =>
        bits ? Array.from({ length: blocks }, (_, b) => b).filter((b) => (bits[b >> 3]! >> (b & 7)) & 1) : [];
      const pair = (await lab.frame(-1, 0))!.pairs[0]!;
      const active = pair.snapshot?.state === 'active';
      return {
        status: pair.status,
        snapshot: pair.snapshot?.state ?? null,
        copied: indexes(pair.copied),
        preserved: indexes(pair.preserved),
        used: pair.repository?.used ?? 0,
        capacity: pair.repository?.capacity ?? 0,
        hostWrites: pair.counters.hostWrites,
        source: await read(lab.readRaw('SRC', 0, blocks)),
        target: await read(lab.readRaw('TGT', 0, blocks)),
        view: active ? await read(lab.readCopySourceRange('TGT', 0, blocks)) : null,
      };
    },
    { blocks: BLOCKS, blockSize: BLOCK_SIZE },
  );
}

/** A host write of `byte` to one block of SRC: acknowledged with the number of blocks it preserved, or refused. */
export async function writeBlock(page: Page, block: number, byte: number): Promise<{ ok: true; preserved: number } | { ok: false; code: string }> {
  return page.evaluate(
    async ({ block, byte, blockSize }) => {
      const result = await globalThis.storageLab!.write('SRC', [block], new Uint8Array(blockSize).fill(byte));
      return result.ok ? { ok: true as const, preserved: result.value.preserved } : { ok: false as const, code: result.code };
    },
    { block, byte, blockSize: BLOCK_SIZE },
  );
}

/** Calls the lab API in the page and fails unless the outcome is ok. */
export async function labCall(page: Page, call: 'setup' | 'recopy' | 'run' | 'resume' | 'verify'): Promise<string> {
  return page.evaluate(
    async ({ call, blocks, blockSize }) => {
      const lab = globalThis.storageLab!;
      const steps =
        call === 'setup'
          ? [
              () => lab.setDriver({ running: false }),
              () => lab.createDisk({ name: 'SRC', blocks, blockSize, fill: { kind: 'index' } }),
              // The same bytes loaded as contents: IndexedDB then holds SRC in whole segment records,
              // so its copy-on-writes are kept by reference (idb-refs.ts) while the browser is killed.
              async () => {
                const fill = await lab.readRaw('SRC', 0, blocks);
                return fill.ok ? lab.loadContent('SRC', fill.value) : fill;
              },
              () => lab.createDisk({ name: 'TGT', blocks, blockSize, fill: { kind: 'zero' } }),
              () => lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online', repositoryPercent: 120 }),
            ]
          : call === 'recopy' ? [() => lab.recopy('TGT')]
          : call === 'run' ? [() => lab.setDriver({ running: true, fullSpeed: true })]
          : call === 'resume' ? [() => lab.setDriver({ running: true, fullSpeed: false, speed: 2 })]
          : [() => lab.verify('TGT')];
      let last = '';
      for (const step of steps) {
        const outcome = await step();
        if (!outcome.ok) throw new Error(`${call}: ${outcome.code} ${outcome.message}`);
        last = JSON.stringify(outcome.value ?? null);
      }
      return last;
    },
    { call, blocks: BLOCKS, blockSize: BLOCK_SIZE },
  );
}

declare global {
  // Test instrumentation: every Worker a page creates (the page keeps no handle of its own).
  var createdWorkers: Worker[] | undefined;
}

/** Makes every page of `context` remember the Workers it creates, so that a test can terminate them. */
export async function recordWorkers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = globalThis.Worker;
    const created: Worker[] = [];
    globalThis.createdWorkers = created;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        created.push(this);
      }
    };
  });
}

/** Terminates the page's workers at once (whatever they are doing), then closes the page. */
export async function terminateWorker(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const worker of globalThis.createdWorkers ?? []) worker.terminate();
  });
  await killPage(page);
}

/** Closes the page, which ends its lab worker, and waits until the worker is gone. */
export async function killPage(page: Page): Promise<void> {
  const workers = page.workers();
  const gone = workers.map((worker) => new Promise<void>((resolve) => worker.once('close', () => resolve())));
  await page.close();
  await Promise.race([Promise.all(gone), new Promise((resolve) => setTimeout(resolve, 5_000))]);
}


/** The Chromium this process launched on a live profile: its pid (a process group leader) and its profile directory. */
async function launchedChromium(): Promise<{ pid: number; profile: string }> {
  for (const entry of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z') continue;
      const profile = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).split('\0').find((arg) => arg.startsWith('--user-data-dir='));
      if (profile) return { pid: Number(entry), profile: profile.slice('--user-data-dir='.length) };
    } catch {
      // The process ended while we looked.
    }
  }
  throw new Error('no Chromium launched by this process was found');
}

/**
 * Kills the browser of `context` at once (SIGKILL to its whole process group: no unload, no
 * flush) and launches a new one on the same profile; returns the new context.
 */
export async function killBrowser(context: BrowserContext): Promise<BrowserContext> {
  const { pid, profile } = await launchedChromium();
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  process.kill(-pid, 'SIGKILL');
  await closed;
  const relaunched = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  await recordWorkers(relaunched);
  return relaunched;
}
