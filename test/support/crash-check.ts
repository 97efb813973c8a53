/**
 * The crash-consistency invariants, checked on a reopened engine against the reference model, as
 * lists of violations (empty when the promise holds):
 * (a) the source holds exactly the acknowledged writes;
 * (b) online, snapshot active: the snapshot view is the point-in-time image, and every source block
 *     changed since the point in time is preserved (copy-before-write: already on the target);
 * (c) every block the copier's progress claims is on the target with its point-in-time contents;
 * (d) the repository holds at most its capacity, exactly one copy per block first written since the
 *     point in time, each in the slot it was given, with its point-in-time contents.
 */
import type { Engine } from '../../src/core/engine.ts';
import type { Outcome } from '../../src/core/outcome.ts';
import type { PairView } from '../../src/core/views.ts';
import { BLOCK, type Model, type PairModel, type Target } from './crash-model.ts';

/** First byte of each block, or -1 for a block that is not uniform. */
async function values(read: Promise<Outcome<Uint8Array>>, count: number): Promise<number[]> {
  const outcome = await read;
  if (!outcome.ok) throw new Error(outcome.message);
  return Array.from({ length: count }, (_, b) => {
    const block = outcome.value.subarray(b * BLOCK, (b + 1) * BLOCK);
    return block.every((v) => v === block[0]) ? block[0]! : -1;
  });
}

const bit = (bits: Uint8Array, b: number): boolean => ((bits[b >> 3]! >> (b & 7)) & 1) === 1;
const protecting = (view: PairView): boolean => view.status === 'Pending' || view.status === 'InProgress';

/** Every violation of (a) to (d) on `engine` for the state `model` describes. */
export async function violations(engine: Engine, model: Model): Promise<string[]> {
  const found: string[] = [];
  const names = engine.disks().filter((d) => d.role === 'standard').map((d) => d.name).sort();
  if (names.join() !== [...model.disks].sort().join()) found.push(`disks are [${names}], expected [${[...model.disks].sort()}]`);
  if (!names.includes('SRC')) return found;
  const source = await values(engine.readRaw('SRC', 0, model.source.length), model.source.length);
  source.forEach((v, b) => {
    if (v !== model.source[b]) found.push(`(a) source block ${b} holds ${v}, the acknowledged writes left ${model.source[b]}`);
  });
  const views = engine.pairs();
  const targets = views.map((v) => v.target).sort();
  if (targets.join() !== Object.keys(model.pairs).sort().join()) found.push(`pairs are [${targets}], expected [${Object.keys(model.pairs)}]`);
  for (const view of views) {
    const pair = model.pairs[view.target as Target];
    if (pair) found.push(...(await pairViolations(engine, view, pair, model.source)));
  }
  return found;
}

async function pairViolations(engine: Engine, view: PairView, pair: PairModel, source: readonly number[]): Promise<string[]> {
  const found: string[] = [];
  const n = view.progress.total;
  const at = `${view.target} (${view.status})`;
  const target = await values(engine.readRaw(view.target, 0, n), n);
  const copied = engine.bitmaps(view.target)!.copied;
  for (let b = 0; b < n; b++) {
    if (bit(copied, b) && target[b] !== pair.pit[b]) found.push(`(c) ${at}: block ${b} counts as copied but the target holds ${target[b]}, not ${pair.pit[b]}`);
  }
  if (view.status === 'Completed' && target.join() !== pair.pit.join()) found.push(`${at}: completed but the target is not the point-in-time image`);
  const changed = source.flatMap((v, b) => (v !== pair.pit[b] ? [b] : []));
  if (view.type === 'copyBeforeWrite' && protecting(view)) {
    for (const b of changed) if (!bit(copied, b)) found.push(`(b) ${at}: block ${b} changed on the source but its original is not on the target`);
  }
  const repo = view.repository;
  if (!repo) return found;
  if (repo.used > repo.capacity) found.push(`(d) ${at}: repository uses ${repo.used} of ${repo.capacity} blocks`);
  const expected = [...pair.slots].sort((a, b) => a - b);
  if (repo.preserved.join() !== expected.join() || repo.used !== pair.slots.length) {
    found.push(`(d) ${at}: repository preserves [${repo.preserved}] in ${repo.used} slots, expected [${expected}]`);
  }
  if (repo.used > 0) {
    const slots = await values(engine.readRaw(repo.name, 0, repo.used), repo.used);
    slots.forEach((v, slot) => {
      const block = pair.slots[slot];
      if (block !== undefined && v !== pair.pit[block]) found.push(`(d) ${at}: slot ${slot} holds ${v}, not block ${block}'s original ${pair.pit[block]}`);
    });
  }
  if (view.snapshot?.state === 'active') {
    const snapshot = await values(engine.readCopySourceRange(view.target, 0, n), n);
    snapshot.forEach((v, b) => {
      if (v !== pair.pit[b]) found.push(`(b) ${at}: the snapshot view of block ${b} is ${v}, not the point in time's ${pair.pit[b]}`);
    });
    for (const b of changed) if (!repo.preserved.includes(b)) found.push(`(b) ${at}: block ${b} changed since the point in time but is not preserved`);
  }
  return found;
}

/**
 * Lets every copy finish (a stopped or failed one is recopied first: a new point in time) and
 * returns the violations: the source must still hold the acknowledged writes and every target its
 * point-in-time image.
 */
export async function finishViolations(engine: Engine, model: Model): Promise<string[]> {
  const pairs = structuredClone(model.pairs);
  for (const view of engine.pairs()) {
    if (view.status === 'Stopped' || view.status === 'Failed') {
      const recopied = await engine.recopy(view.target);
      if (!recopied.ok) return [`${view.target}: recopy after the crash refused: ${recopied.message}`];
      pairs[view.target as Target] = { pit: [...model.source], slots: [] };
    }
  }
  const ran = await engine.run();
  if (!ran.ok) return [`run after the crash refused: ${ran.message}`];
  const found = await violations(engine, { ...model, pairs });
  for (const view of engine.pairs()) if (view.status !== 'Completed') found.push(`${view.target} is ${view.status} after run`);
  return found;
}
