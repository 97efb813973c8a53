/**
 * Strategies side by side: the same script (compare-plan.ts) for each chosen copy type, each on
 * its own engine over its own in-memory store, all on one fresh wasm kernel that is dropped
 * afterwards, so a comparison never touches the lab's array or its memory.
 */
import { ok, refuse, type Outcome, type Refusal } from '../core/outcome.ts';
import type { Kernel } from '../core/ports.ts';
import { planComparison } from './compare-plan.ts';
import { runType } from './compare-run.ts';
import type { Comparison, ComparisonSpec, TypeResult } from './compare-types.ts';

/** Opens a fresh kernel (its own wasm memory) for one comparison. */
export type KernelOpener = () => Promise<Kernel>;

/**
 * The rules across fields that the argument check of api-guard.ts cannot see, as INVALID_ARGUMENT
 * naming the field; null when the spec can run.
 */
export function comparisonProblem(spec: ComparisonSpec): Refusal | null {
  const repeated = spec.types.find((type, i) => spec.types.indexOf(type) !== i);
  if (repeated !== undefined) return refuse('INVALID_ARGUMENT', `spec.types: ${repeated} is listed twice; compare 2 to 4 different copy types`);
  if (spec.workload.writes > spec.blocks) {
    return refuse('INVALID_ARGUMENT', `spec.workload.writes: ${spec.workload.writes} writes is more than the ${spec.blocks} blocks of the disk`);
  }
  return null;
}

/** Runs comparisons one after another (each holds up to four engines' blocks in memory). */
export class StrategyComparer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly openKernel: KernelOpener | undefined) {}

  /** Runs the spec's script on every type in order; the spec must have passed the argument check. */
  compare(spec: ComparisonSpec): Promise<Outcome<Comparison>> {
    const problem = comparisonProblem(spec);
    if (problem) return Promise.resolve(problem);
    const open = this.openKernel;
    if (!open) return Promise.resolve(refuse('NOT_ALLOWED', 'comparisons need the wasm kernel, and this lab was started without a way to load one'));
    const run = this.queue.then(() => compareOn(spec, open));
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function compareOn(spec: ComparisonSpec, open: KernelOpener): Promise<Outcome<Comparison>> {
  const kernel = await open();
  const plan = planComparison(spec);
  const results: TypeResult[] = [];
  for (const type of spec.types) {
    results.push(await runType(spec, plan, type, kernel));
    // The in-memory runs never wait for I/O: let the worker answer the page (frames, the driver) between types.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return ok({ spec: structuredClone(spec), plannedBlocks: plan.blocks, scriptSeconds: plan.durationMs / 1000, results });
}
