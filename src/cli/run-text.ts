/** Runs scenario text the way the command line does: in-memory store, wasm kernel. */
import { runScenarioText as runWith, type RunOutcome } from '../scenario/index.ts';
import { openMemoryEngine } from './node-engine.ts';

export type { RunOutcome } from '../scenario/index.ts';

/** Validates and runs scenario text; exit code 0 with a report, 2 for an invalid file, 1 for a bug. */
export function runScenarioText(text: string): Promise<RunOutcome> {
  return runWith(text, openMemoryEngine);
}
