/** The scenario format's entry points: parse, validate, run, and the three exit codes of the command line. */
import { parseScenarioText } from './validate.ts';
import { runScenario, type EngineFactory } from './run.ts';
import type { Report } from './report.ts';

export { parseScenarioText, validateScenario, type ParseResult } from './validate.ts';
export { runScenario, type EngineFactory } from './run.ts';
export type { Report, StepReport, DiskReport, CopyReport } from './report.ts';

/** What a run of a scenario file ends with: a report (exit 0), an invalid file (2) or an internal error (1). */
export type RunOutcome = { exitCode: 0; report: Report } | { exitCode: 2; message: string } | { exitCode: 1; message: string };

/** Validates and runs scenario text on engines from `openEngine`. */
export async function runScenarioText(text: string, openEngine: EngineFactory): Promise<RunOutcome> {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return { exitCode: 2, message: parsed.message };
  try {
    return { exitCode: 0, report: await runScenario(parsed.scenario, openEngine) };
  } catch (error) {
    return { exitCode: 1, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
