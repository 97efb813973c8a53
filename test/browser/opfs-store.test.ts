/**
 * OpfsStore in its real home: a dedicated worker in Chromium with the wasm kernel. Builds the
 * harness page (test/browser/opfs/), which runs the unchanged BlockStore contract cases and the
 * journal crash cases there (a crash at every stage, the checksum file's included; reads check
 * every block's checksum, so data and sums that disagree fail a case), and fails on any case that
 * failed; also measures a 64 MiB copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, type LabBrowser } from './support/chromium.ts';
import { failures, runHarness, type HarnessRun } from './opfs/harness-page.ts';
import type { HarnessState } from './opfs/harness-types.ts';

const THROUGHPUT_MIB = 64;

describe.skipIf(chromiumMissing !== undefined)(`OpfsStore in a dedicated worker in Chromium ${chromiumMissing ?? ''}`, () => {
  let run: HarnessRun | undefined;
  let browser: LabBrowser | undefined;
  let state: HarnessState;

  beforeAll(async () => {
    run = await runHarness(`suite=store&throughput=${THROUGHPUT_MIB}`, 280_000);
    ({ state, browser } = run);
  }, 300_000);

  afterAll(async () => {
    await run?.close();
  });

  it('runs every case to the end with a working expect, without a harness or page error', () => {
    expect(state.error).toBeUndefined();
    expect(state.results.length).toBe(state.registered);
    expect(failures(state.results.filter((r) => r.name.startsWith('the harness')))).toEqual([]);
    browser!.expectNoErrors();
  });

  it('passes the BlockStore contract cases (the same suite as MemoryStore and IdbStore)', () => {
    const contract = state.results.filter((r) => r.name.startsWith('OpfsStore (OPFS, wasm kernel): BlockStore contract'));
    expect(contract.length).toBeGreaterThanOrEqual(35);
    expect(failures(contract)).toEqual([]);
    // The readChecksums cases (storage.contract-sums.ts) run there too: the sum file's sums, the fill's for never-written extents.
    expect(contract.filter((r) => r.name.includes('readChecksums gives the stored checksums')).length).toBe(10);
  });

  it('runs the engine end to end on OpfsStore: an online copy with host writes, then reopened', () => {
    const engine = state.results.filter((r) => r.name.startsWith('the engine on OpfsStore'));
    expect(engine.length).toBe(1);
    expect(failures(engine)).toEqual([]);
  });

  it('passes the crash cases: a commit stopped after any stage is all there or not at all', () => {
    const crash = state.results.filter((r) => r.name.startsWith('OpfsStore: a crash') || r.name.includes('second opener'));
    expect(crash.length).toBeGreaterThanOrEqual(40);
    // The checksum file has its own stages (torn, written) in each of the three loss modes.
    expect(crash.filter((r) => /after sums-(torn|written)/.test(r.name)).length).toBe(6);
    expect(failures(crash)).toEqual([]);
    const counts = { passed: state.results.filter((r) => r.status === 'passed').length, total: state.results.length };
    console.log(`OPFS harness: ${counts.passed}/${counts.total} cases passed in Chromium`);
  });

  it(`copies ${THROUGHPUT_MIB} MiB through OpfsStore and verifies it`, () => {
    const t = state.throughput;
    expect(t).toBeDefined();
    console.log(
      `OPFS ${t!.mib} MiB copy, ${t!.batchBlocks}-block commits: median ${t!.copyMiBps.toFixed(0)} MiB/s ` +
        `(runs ${t!.copyRuns.map((r) => r.toFixed(0)).join(', ')}); engine online copy median ${t!.engineCopyMiBps.toFixed(0)} ` +
        `(runs ${t!.engineRuns.map((r) => r.toFixed(0)).join(', ')}); verify ${t!.verifyMiBps.toFixed(0)} MiB/s; ` +
        `raw OPFS write+flush ${t!.rawWriteMiBps.toFixed(0)}, 1 MiB write+flush each ${t!.rawFlushEachMiBps.toFixed(0)}, read ${t!.rawReadMiBps.toFixed(0)} MiB/s`,
    );
    for (const run of t!.callMs) console.log(`  copy run: ${Object.entries(run).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
    expect(t!.copyMiBps).toBeGreaterThan(0);
  });
});
