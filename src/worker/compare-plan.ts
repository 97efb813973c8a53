/**
 * The script of a comparison as a scenario (SCENARIOS.md): the two disks, the copy of one type at
 * priority highest, and the writes spread evenly over the copy's nominal duration with `tick`
 * steps between them, so every time is simulated, then ticks to the copy's nominal end. The blocks are chosen once, from the seed and
 * the copier's planned position (copyRate × time), so every type gets the very same writes.
 */
import type { CopyType, Fill } from '../core/vocabulary.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import { COMPARISON_BLOCK_SIZE, type ComparisonSpec } from './compare-types.ts';

/** Names of the comparison's disks. */
export const COMPARE_SOURCE = 'SRC';
export const COMPARE_TARGET = 'TGT';

/** Ticks per nominal copy duration: the resolution of "time to complete". */
const TICKS_PER_COPY = 400;
const HOT_SHARE = 0.8;
const HOT_FRACTION = 0.1;

/** The writes and timing every type is given. */
export interface ComparisonPlan {
  /** Block of each write, in order. */
  blocks: number[];
  /** Simulated ms of each write after the point in time. */
  atMs: number[];
  /** Nominal duration of the copy in simulated ms. */
  durationMs: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same blocks everywhere. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A block in [from, to) not chosen before if there is one (probing upwards, wrapping), else the drawn one. */
function freshIn(from: number, to: number, draw: number, chosen: Set<number>): number {
  const span = Math.max(1, to - from);
  const first = from + Math.floor(draw * span);
  for (let k = 0; k < span; k++) {
    const block = from + ((first - from + k) % span);
    if (!chosen.has(block)) return block;
  }
  return first;
}

/** Chooses the blocks of the writes, given the copier's planned position (blocks copied) at each write. */
function chooseBlocks(spec: ComparisonSpec, copiedAt: number[]): number[] {
  const { blocks } = spec;
  const random = seeded(spec.workload.seed);
  const chosen = new Set<number>();
  const start = Math.floor(random() * blocks);
  const hot = Math.max(1, Math.floor(blocks * HOT_FRACTION));
  return copiedAt.map((copied, i) => {
    const behind = (): number => (copied > 0 ? freshIn(0, copied, random(), chosen) : 0);
    // Copy-before-write marks written blocks copied and its copier skips them, so it may run up to one
    // block ahead of plan per earlier write: starting `i` blocks past the plan keeps every type behind.
    const ahead = (): number => (copied + i < blocks ? freshIn(copied + i, blocks, random(), chosen) : blocks - 1);
    let block: number;
    switch (spec.workload.pattern) {
      case 'random': block = Math.floor(random() * blocks); break;
      case 'sequential': block = (start + i) % blocks; break;
      case 'hotspot': block = random() < HOT_SHARE ? Math.floor(random() * hot) : Math.floor(random() * blocks); break;
      case 'behindCopier': block = behind(); break;
      case 'aheadOfCopier': block = ahead(); break;
      case 'bothSides': block = i % 2 === 0 ? behind() : ahead(); break;
    }
    chosen.add(block);
    return block;
  });
}

/** The writes of a comparison: evenly spread while every type is still copying, blocks from the pattern. */
export function planComparison(spec: ComparisonSpec): ComparisonPlan {
  const durationMs = Math.ceil((spec.blocks * 1000) / spec.copyRate);
  const count = spec.workload.writes;
  // Copy-before-write finishes up to one block's time early per write it copied itself: spreading the
  // writes over the time of (blocks − writes) blocks keeps every type still copying at every write.
  const windowMs = Math.ceil(((spec.blocks - count) * 1000) / spec.copyRate);
  const atMs = Array.from({ length: count }, (_, i) => Math.floor(((i + 1) * windowMs) / (count + 1)));
  // At priority highest the copier moves copyRate × ms / 1000 blocks, fractions carried (SCENARIOS.md `tick`).
  const copiedAt = atMs.map((ms) => Math.min(spec.blocks, Math.floor((spec.copyRate * ms) / 1000)));
  return { blocks: chooseBlocks(spec, copiedAt), atMs, durationMs };
}

/** The byte a block holds at the point in time. */
function fillByte(fill: Fill, block: number): number {
  return fill.kind === 'zero' ? 0 : fill.kind === 'index' ? block & 255 : fill.value;
}

/** Simulated time from `from` to `to` ms in ticks no longer than `longest`. */
function ticks(from: number, to: number, longest: number): Step[] {
  const steps: Step[] = [];
  for (let at = from; at < to; at = Math.min(to, at + longest)) steps.push({ do: 'tick', ms: Math.min(to, at + longest) - at });
  return steps;
}

/** The scenario of one type: disks, the copy, then ticks and writes up to the nominal end of the copy. */
export function comparisonScenario(spec: ComparisonSpec, plan: ComparisonPlan, type: CopyType): Scenario {
  const longest = Math.max(1, Math.ceil(plan.durationMs / TICKS_PER_COPY));
  const steps: Step[] = [{
    do: 'createCopy', source: COMPARE_SOURCE, target: COMPARE_TARGET, type,
    priority: 'highest', repositoryPercent: spec.repositoryPercent, fullPolicy: spec.fullPolicy,
  }];
  let now = 0;
  plan.blocks.forEach((block, i) => {
    const at = plan.atMs[i] ?? now;
    steps.push(...ticks(now, at, longest));
    now = at;
    // Never the byte the block held at the point in time, so a torn block always shows.
    const byte = (fillByte(spec.fill, block) + 1 + (i % 255)) & 255;
    steps.push({ do: 'write', disk: COMPARE_SOURCE, block, data: { byte } });
  });
  steps.push(...ticks(now, plan.durationMs, longest));
  return {
    version: 1,
    name: `comparison: ${type}`,
    blockSize: COMPARISON_BLOCK_SIZE,
    copyRate: spec.copyRate,
    disks: [{ name: COMPARE_SOURCE, blocks: spec.blocks, fill: spec.fill }, { name: COMPARE_TARGET, blocks: spec.blocks }],
    steps,
  };
}
