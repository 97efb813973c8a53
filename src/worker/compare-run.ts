/**
 * One column of a comparison: the scenario runner (src/scenario/run.ts) drives a fresh engine over
 * an in-memory store; the engine it is handed watches each host write (the copier's position and
 * the repository before it, the measured milliseconds, the outcome) and takes the point-in-time
 * fingerprint at createCopy, as the lab does, so the target can be checked at the end.
 */
import { Engine } from '../core/engine.ts';
import type { Kernel } from '../core/ports.ts';
import type { CopyType } from '../core/vocabulary.ts';
import { runScenario } from '../scenario/run.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { COMPARE_TARGET, comparisonScenario, type ComparisonPlan } from './compare-plan.ts';
import { latencyOf, resultOf, type WriteRecord } from './compare-metrics.ts';
import type { ComparisonSpec, TypeResult } from './compare-types.ts';
import { Verifier } from './verifier.ts';

type WriteCall = Engine['write'];

/** Writes between two pauses that let the live lab's calls in. */
const YIELD_EVERY = 20;
type CreateCopyCall = Engine['createCopy'];

/** True when bit `block` of an exported bitmap (bit i of byte i >> 3) is set. */
function hasBit(bitmap: Uint8Array | undefined, block: number): boolean {
  return bitmap !== undefined && ((bitmap[block >> 3] ?? 0) >> (block & 7)) % 2 === 1;
}

/** The engine as the runner sees it, with host writes recorded into `records` and createCopy fingerprinting the source. */
function watched(engine: Engine, verifier: Verifier, records: WriteRecord[]): Engine {
  const write: WriteCall = async (request) => {
    const block = request.blocks[0] ?? 0;
    const copied = engine.bitmaps(COMPARE_TARGET)?.copied;
    const usedBefore = engine.pairs()[0]?.repository?.used ?? 0;
    const started = performance.now();
    const outcome = await engine.write(request);
    const ms = performance.now() - started;
    const usedAfter = engine.pairs()[0]?.repository?.used ?? 0;
    records.push({ block, behind: hasBit(copied, block), ms, code: outcome.ok ? null : outcome.code, repositoryTaken: usedAfter - usedBefore });
    // The comparison shares the worker with the live lab, and its steps alone never leave the event
    // loop: let the lab's frames and host writes in now and then (a large comparison runs for seconds).
    if (records.length % YIELD_EVERY === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    return outcome;
  };
  const createCopy: CreateCopyCall = async (spec) => engine.createCopy(spec, await verifier.fingerprint(spec.source, spec.target));
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'write') return write;
      if (key === 'createCopy') return createCopy;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Runs the comparison's script for one copy type on its own engine and store over `kernel`, and measures it. */
export async function runType(spec: ComparisonSpec, plan: ComparisonPlan, type: CopyType, kernel: Kernel): Promise<TypeResult> {
  const store = new MemoryStore(kernel);
  const records: WriteRecord[] = [];
  let opened: Engine | undefined;
  let verifier: Verifier | undefined;
  try {
    const report = await runScenario(comparisonScenario(spec, plan, type), async ({ copyRate }) => {
      opened = await Engine.open(kernel, store, { copyRate });
      verifier = new Verifier(opened);
      return watched(opened, verifier, records);
    });
    const created = report.steps[0];
    // The spec was checked and the disks are fresh: a refused copy here is a bug, not an outcome.
    if (!created?.ok || !opened || !verifier) throw new Error(`internal: the ${type} copy of a comparison was refused: ${created?.message ?? ''}`);
    const pair = opened.pairs()[0]!;
    const verified = pair.status === 'Completed' ? await verifier.verify(COMPARE_TARGET) : null;
    const bitmaps = opened.bitmaps(COMPARE_TARGET)!;
    return resultOf({ pair, records, latency: latencyOf(records), verification: verified?.ok ? verified.value : null, bitmaps });
  } finally {
    await store.close();
  }
}
