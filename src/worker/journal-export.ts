/**
 * The journal as a version-1 scenario file (SCENARIOS.md) that `npx storage-lab run` accepts and
 * that reproduces the session's disks, pairs and counters. Internal kinds become v1 steps:
 * loaded contents become `write` steps with `hex` data (or are left out, and the name says so);
 * the copier rate, one number per file, is the rate all ticks ran at, else their greatest common
 * divisor R, and a tick at a rate r becomes a tick of ms × r / R at the file's rate R: the copier's
 * credit and progress stay exact (credit is copyRate × ms), only the clock after it runs
 * differently, which the name says. The journal's clock at its start (after a reset) is restored
 * by a first tick on the empty array; event seqs then start at 0 in the report instead of where
 * the lab's log was. (Loaded contents become host writes, which a failed disk or an unreadable
 * block would refuse; loading onto such a disk is the one case the file does not reproduce.)
 */
import { refuse, ok, type Outcome } from '../core/outcome.ts';
import type { Fill } from '../core/vocabulary.ts';
import { parseScenarioText } from '../scenario/validate.ts';
import { encodeBlockData, scenarioData } from './journal-data.ts';
import type { CreateDiskStep, JournalBase, JournalEntry, LoadStep } from './journal-types.ts';

type FileStep = Record<string, unknown>;

/** What export needs: the journal's start, its entries and loaded contents. */
export interface ExportSource {
  base: JournalBase;
  entries: readonly JournalEntry[];
  bytesOf(key: string): Uint8Array | undefined;
}

const fileFill = (fill: Fill): unknown => (fill.kind === 'byte' ? { byte: fill.value } : fill.kind);

/** The scenario text of the first `upTo` entries (all when left out). */
export function exportScenario(source: ExportSource, contents: boolean, upTo?: number): Outcome<string> {
  const entries = source.entries.slice(0, upTo ?? source.entries.length);
  const sizes = [...new Set(entries.flatMap((e) => (e.step.do === 'createDisk' ? [e.step.blockSize] : [])))];
  if (sizes.length > 1) return refuse('NOT_ALLOWED', `the session has disks of ${sizes.join(' and ')} bytes per block; a scenario file has one block size`);
  const blockSize = sizes[0] ?? 4096;
  const fileRate = tickRate(source.base, entries);
  const steps: FileStep[] = source.base.clock.timeMs > 0 ? [{ do: 'tick', ms: source.base.clock.timeMs }] : [];
  const untouched = new Set<string>();
  const created = new Map<string, CreateDiskStep>();
  let rate = source.base.copyRate;
  let scaled = false;
  let omitted = false;
  for (const { step } of entries) {
    switch (step.do) {
      case 'copyRate':
        rate = step.rate;
        break;
      case 'tick': {
        // R divides every tick's rate, so the scaled time is whole.
        steps.push({ do: 'tick', ms: (step.ms * rate) / fileRate });
        if (rate !== fileRate) scaled = true;
        break;
      }
      case 'createDisk':
        steps.push({ do: 'createDisk', name: step.name, blocks: step.blocks, fill: fileFill(step.fill) });
        untouched.add(step.name);
        created.set(step.name, step);
        break;
      case 'write':
        steps.push({ do: 'write', disk: step.disk, ...(step.blocks.length === 1 ? { block: step.blocks[0] } : { blocks: step.blocks }), data: scenarioData(step.data) });
        untouched.delete(step.disk);
        break;
      case 'loadContent':
        if (contents) {
          const writes = loadWrites(step, source, created.get(step.disk), untouched.has(step.disk));
          if (!writes) return refuse('NOT_ALLOWED', `the contents loaded onto ${step.disk} are missing`);
          steps.push(...writes);
        } else omitted = true;
        untouched.delete(step.disk);
        break;
      default:
        steps.push({ ...step });
    }
  }
  const notes = [omitted ? 'without the loaded contents' : '', scaled ? 'simulated times after a copy rate change are scaled' : ''].filter(Boolean);
  const name = `Storage Lab session, ${entries.length} steps${notes.length ? ` (${notes.join('; ')})` : ''}`;
  const text = JSON.stringify({ version: 1, name, blockSize, copyRate: fileRate, disks: [], steps }, null, 1);
  const checked = parseScenarioText(text);
  // A journal holds only committed actions of valid names and blocks, so this is a bug if it happens.
  if (!checked.ok) throw new Error(`internal: the exported scenario is not valid: ${checked.message}`);
  return ok(text);
}

/** The greatest common divisor of the rates ticks ran at (the one rate when there is one), so that every tick scales to whole ms. */
function tickRate(base: JournalBase, entries: readonly JournalEntry[]): number {
  let rate = base.copyRate;
  let common = 0;
  for (const { step } of entries) {
    if (step.do === 'copyRate') rate = step.rate;
    if (step.do === 'tick') common = gcd(common, rate);
  }
  return common || rate;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Write steps of loaded contents; on a disk nothing wrote since its creation, blocks equal to the fill are left out. */
function loadWrites(step: LoadStep, source: ExportSource, created: CreateDiskStep | undefined, untouched: boolean): FileStep[] | null {
  const bytes = source.bytesOf(step.key);
  if (!bytes || !created) return null;
  const size = created.blockSize;
  const writes: FileStep[] = [];
  for (let block = 0; block * size < bytes.length; block++) {
    const data = bytes.subarray(block * size, (block + 1) * size);
    const fill = created.fill.kind === 'zero' ? 0 : created.fill.kind === 'index' ? block & 255 : created.fill.value;
    if (untouched && data.every((b) => b === fill)) continue;
    writes.push({ do: 'write', disk: step.disk, block, data: encodeBlockData(data) });
  }
  return writes;
}
