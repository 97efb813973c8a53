/**
 * Crash consistency in Chromium (issue 5, point 1): the lab worker copies online on real IndexedDB
 * while Node writes through the page's API, and at a random moment the worker is terminated (its
 * handle recorded by an init script), or the page is closed, which ends its worker, or the whole
 * browser is killed with SIGKILL and relaunched on its profile. A new page reopens the lab, and
 * through the API (readRaw,
 * readCopySourceRange, frame) every acknowledged write must be on the source, the snapshot view
 * must be the point in time with every changed block preserved once, and every block the copier
 * claims must be on the target with its point-in-time contents. A write in flight at the kill may
 * or may not have happened, but wholly. Finally the copy runs to the end and equals the point in time.
 */
import { describe, expect, inject, it } from 'vitest';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { BLOCKS, killBrowser, killPage, labCall, observe, openLab, recordWorkers, terminateWorker, writeBlock, type Observation } from './support/crash-lab.ts';

/** Kills, in turn: terminate the worker, close the page; every HARD_EVERY-th kills the whole browser instead. */
const KILLS = 28;
const HARD_EVERY = 7;

interface Model {
  source: number[];
  pit: number[];
  preserved: Set<number>;
  hostWrites: number;
  /** Blocks the copier had durably copied in this point in time when last observed. */
  copied: number;
}

/** A small seeded generator, so that a failing run can be replayed from the seed it prints. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Browser test runs of this checkout all build into and serve .tmp/e2e-dist; a page loaded while
 * another run rebuilds it cannot fetch sw.js. That says nothing about crash consistency.
 */
const SHARED_BUILD_RACE = /ServiceWorker|unsupported MIME type/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sorted = (values: Iterable<number>): number[] => [...values].sort((a, b) => a - b);

/** The invariants after a reopen; adopts the write in flight at the kill if it turns out durable. */
function check(seen: Observation, model: Model, inFlight: { block: number; byte: number } | null): string[] {
  const problems: string[] = [];
  if (inFlight && seen.source[inFlight.block] === inFlight.byte) {
    // Durable but never acknowledged: it happened, so all of it must have (checked below).
    model.source[inFlight.block] = inFlight.byte;
    model.hostWrites++;
    if (seen.preserved.includes(inFlight.block)) model.preserved.add(inFlight.block);
  }
  seen.source.forEach((v, b) => {
    if (v !== model.source[b]) problems.push(`(a) source block ${b} holds ${v}, acknowledged ${model.source[b]}`);
  });
  if (seen.hostWrites !== model.hostWrites) problems.push(`${seen.hostWrites} host writes counted, ${model.hostWrites} happened`);
  if (seen.status !== 'InProgress' && seen.status !== 'Completed') problems.push(`the copy is ${seen.status}`);
  if (sorted(seen.preserved).join() !== sorted(model.preserved).join() || seen.used !== seen.preserved.length || seen.used > seen.capacity) {
    problems.push(`(d) repository holds [${seen.preserved}] in ${seen.used}/${seen.capacity} slots, expected [${sorted(model.preserved)}]`);
  }
  seen.view?.forEach((v, b) => {
    if (v !== model.pit[b]) problems.push(`(b) snapshot view of block ${b} is ${v}, the point in time ${model.pit[b]}`);
  });
  if (seen.snapshot === 'active') {
    seen.source.forEach((v, b) => {
      if (v !== model.pit[b] && !seen.preserved.includes(b)) problems.push(`(b) block ${b} changed but is not preserved`);
    });
  }
  for (const b of seen.copied) {
    if (seen.target[b] !== model.pit[b]) problems.push(`(c) block ${b} counts as copied but the target holds ${seen.target[b]}, not ${model.pit[b]}`);
  }
  if (seen.copied.length < model.copied) problems.push(`the copier lost progress: ${seen.copied.length} < ${model.copied}`);
  model.copied = seen.copied.length;
  return problems;
}

describe.skipIf(chromiumMissing !== undefined)(`the lab worker killed at random moments of an online copy with writes ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');

  it(`reopens ${KILLS} times with every acknowledged write, the point in time and the copier's progress intact`, async () => {
    const started = performance.now();
    const seed = Date.now();
    const next = random(seed);
    const browser = await launchChromium();
    const errors: string[] = [];
    const figures = { writes: 0, inFlightDurable: 0, inFlightLost: 0, completions: 0, browser: 0, worker: 0, page: 0 };
    let context = browser.context;
    await recordWorkers(context);
    try {
      // browser.page stays on about:blank: it keeps the browser open while no lab page is.
      let page = await openLab(context, url, errors);
      await labCall(page, 'setup');
      const model: Model = {
        source: Array.from({ length: BLOCKS }, (_, b) => b % 256),
        pit: Array.from({ length: BLOCKS }, (_, b) => b % 256),
        preserved: new Set(),
        hostWrites: 0,
        copied: 0,
      };
      for (let kill = 0; kill < KILLS; kill++) {
        await labCall(page, 'resume');
        const flight: { write: { block: number; byte: number } | null } = { write: null };
        const writing = page;
        // Writes until the kill makes one fail: a write is almost always in flight when it lands.
        const writer = (async () => {
          for (;;) {
            const block = Math.floor(next() * BLOCKS);
            let byte = 1 + Math.floor(next() * 255);
            while (byte === model.source[block] || byte === model.pit[block]) byte = 1 + (byte % 255);
            flight.write = { block, byte };
            const written = await writeBlock(writing, block, byte).catch(() => null);
            if (written === null) return; // the page was closed under it
            if (!written.ok) throw new Error(`write refused: ${written.code}`);
            model.source[block] = byte;
            model.hostWrites++;
            if (written.preserved > 0) model.preserved.add(block);
            figures.writes++;
            flight.write = null;
            if (next() < 0.1) await sleep(next() * 60);
          }
        })();
        await sleep(100 + next() * 900);
        if (kill % HARD_EVERY === HARD_EVERY - 1) {
          context = await killBrowser(context);
          figures.browser++;
        } else if (kill % 2 === 0) {
          await terminateWorker(page);
          figures.worker++;
        } else {
          await killPage(page);
          figures.page++;
        }
        await writer;
        const pending = flight.write;
        page = await openLab(context, url, errors);
        const seen = await observe(page);
        const problems = check(seen, model, pending);
        if (pending) figures[seen.source[pending.block] === pending.byte ? 'inFlightDurable' : 'inFlightLost']++;
        expect(problems, `kill ${kill} (seed ${seed})`).toEqual([]);
        if (seen.status === 'Completed') {
          expect(seen.target, `kill ${kill}: the completed target is the point in time`).toEqual(model.pit);
          await labCall(page, 'recopy');
          model.pit = [...model.source];
          model.preserved.clear();
          model.copied = 0;
          figures.completions++;
        }
      }
      await labCall(page, 'run');
      await expect
        .poll(() => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, 0))!.pairs[0]!.status), { timeout: 30_000 })
        .toBe('Completed');
      const done = await observe(page);
      expect(done.source).toEqual(model.source);
      expect(done.target).toEqual(model.pit);
      expect(JSON.parse(await labCall(page, 'verify'))).toMatchObject({ state: 'equal' });
      console.log(
        `browser crash figures (seed ${seed}): ${KILLS} kills (${figures.worker} worker terminations, ${figures.page} page closes, ${figures.browser} browser SIGKILLs), ${figures.writes} acknowledged writes, in flight at the kill: ` +
          `${figures.inFlightDurable} durable, ${figures.inFlightLost} lost; ${figures.completions} copies completed between kills; ` +
          `${Math.round(performance.now() - started)} ms`,
      );
      expect(errors.filter((e) => !SHARED_BUILD_RACE.test(e))).toEqual([]);
    } finally {
      if (context !== browser.context) await context.close();
      await browser.close();
    }
  }, 150_000);
});
