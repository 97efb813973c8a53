/** Parse and validate a scenario file (SCENARIOS.md): every problem names its field path. */
import { blockSizeProblem, DEFAULT_BLOCK_SIZE } from '../core/limits.ts';
import { array, integer, Invalid, object, onlyKnown, show, string } from './checks.ts';
import { checkStep, type KnownDisks } from './validate-step.ts';
import { checkDiskBlocks, checkFill, checkNewName } from './validate-values.ts';
import { SCENARIO_VERSION, type DiskSpec, type Scenario, type Step } from './types.ts';

/** A valid scenario, or the message that names the offending field. */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

const TOP_FIELDS = ['version', 'name', 'blockSize', 'copyRate', 'disks', 'steps'];

/** Parses JSON text and validates it as a scenario. */
export function parseScenarioText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return validateScenario(value);
}

/** Validates a parsed value as a scenario, applying defaults. */
export function validateScenario(value: unknown): ParseResult {
  try {
    return { ok: true, scenario: checkScenario(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, message: error.message };
    throw error;
  }
}

function checkScenario(value: unknown): Scenario {
  const top = object(value, '');
  onlyKnown(top, TOP_FIELDS, '');
  for (const key of ['version', 'disks', 'steps']) if (!(key in top)) throw new Invalid(key, 'required field is missing');
  const version = integer(top['version'], 'version', 1);
  if (version > SCENARIO_VERSION) throw new Invalid('version', `version ${version} is newer than this runner (it reads up to ${SCENARIO_VERSION})`);
  const blockSize = top['blockSize'] === undefined ? DEFAULT_BLOCK_SIZE : checkBlockSize(top['blockSize']);
  const copyRate = top['copyRate'] === undefined ? 100 : integer(top['copyRate'], 'copyRate', 1);
  const name = top['name'] === undefined ? undefined : string(top['name'], 'name');
  const known: KnownDisks = new Map();
  const disks = array(top['disks'], 'disks').map((entry, i) => checkDisk(entry, `disks[${i}]`, blockSize, known));
  const live = new Set(known.keys());
  const steps: Step[] = array(top['steps'], 'steps').map((entry, i) => checkStep(entry, `steps[${i}]`, { blockSize, known, live }));
  return { version, ...(name === undefined ? {} : { name }), blockSize, copyRate, disks, steps };
}

function checkBlockSize(value: unknown): number {
  const size = integer(value, 'blockSize', 1);
  const problem = blockSizeProblem(size);
  if (problem) throw new Invalid('blockSize', problem);
  return size;
}

function checkDisk(value: unknown, path: string, blockSize: number, known: KnownDisks): DiskSpec {
  const fields = object(value, path);
  onlyKnown(fields, ['name', 'blocks', 'fill'], path);
  if (!('name' in fields)) throw new Invalid(`${path}.name`, 'required field is missing');
  if (!('blocks' in fields)) throw new Invalid(`${path}.blocks`, 'required field is missing');
  const name = checkNewName(fields['name'], `${path}.name`);
  if (known.has(name)) throw new Invalid(`${path}.name`, `duplicate disk name ${show(name)}`);
  const blocks = checkDiskBlocks(fields['blocks'], `${path}.blocks`, blockSize);
  known.set(name, blocks);
  const fill = fields['fill'] === undefined ? undefined : checkFill(fields['fill'], `${path}.fill`);
  return { name, blocks, ...(fill ? { fill } : {}) };
}
