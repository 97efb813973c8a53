/**
 * The OPFS store's per-block checksums in Chromium: builds the OPFS harness page with the
 * 'corruption' suite (test/browser/opfs/opfs-corruption.cases.ts and the engine cases) and fails
 * on any case that failed; then times a 16 MiB copy through the store, where the checksums cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from './support/chromium.ts';
import { failures, runHarness, type HarnessRun } from './opfs/harness-page.ts';

const TIMING_MIB = 16;

describe.skipIf(chromiumMissing !== undefined)(`OpfsStore checksums in a dedicated worker in Chromium ${chromiumMissing ?? ''}`, () => {
  let run: HarnessRun | undefined;

  beforeAll(async () => {
    run = await runHarness(`suite=corruption&throughput=${TIMING_MIB}`, 200_000);
  }, 240_000);

  afterAll(async () => {
    await run?.close();
  });

  it('runs every case to the end without a harness or page error', () => {
    const { state, browser } = run!;
    expect(state.error).toBeUndefined();
    expect(state.results.length).toBe(state.registered);
    expect(state.results.length).toBeGreaterThanOrEqual(12);
    browser.expectNoErrors();
  });

  it('detects a flipped byte on read and copy (readChecksums keeps the stored sum), keeps damage across rewrites of neighbours, and migrates a version 1 store', () => {
    const cases = run!.state.results.filter((r) => r.name.startsWith('OpfsStore checksums'));
    expect(cases.length).toBe(10);
    expect(failures(cases)).toEqual([]);
  });

  it('turns a damaged block into MEDIA_ERROR in the engine: host read, scrub, and an online copy that fails instead of copying garbage', () => {
    const cases = run!.state.results.filter((r) => r.name.startsWith('the engine on OpfsStore with a damaged block'));
    expect(cases.length).toBe(2);
    expect(failures(cases)).toEqual([]);
  });

  it(`times a ${TIMING_MIB} MiB copy through the store with its checksums`, () => {
    const t = run!.state.throughput;
    expect(t).toBeDefined();
    console.log(
      `OPFS ${t!.mib} MiB copy with checksums, ${t!.batchBlocks}-block commits: median ${t!.copyMiBps.toFixed(0)} MiB/s ` +
        `(runs ${t!.copyRuns.map((r) => r.toFixed(0)).join(', ')}); engine online copy median ${t!.engineCopyMiBps.toFixed(0)} ` +
        `(runs ${t!.engineRuns.map((r) => r.toFixed(0)).join(', ')}); verified read ${t!.verifyMiBps.toFixed(0)} MiB/s`,
    );
    for (const r of t!.callMs) console.log(`  copy run: ${Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
    expect(t!.copyMiBps).toBeGreaterThan(0);
  });
});
