/**
 * Sessions for the crash tests: the operations, a small reference model of what an acknowledged
 * operation leaves durable (the source, each pair's point-in-time image and repository slots), and
 * a runner that plays a session until its process is killed. One byte stands for a block's contents.
 */
import type { Engine } from '../../src/core/engine.ts';
import type { PairView } from '../../src/core/views.ts';
import { ProcessKilled } from './faulty-store.ts';

export const BLOCK = 512;
/** The online pair's target and the copy-before-write pair's target; both copy SRC. */
export type Target = 'TGT' | 'CBW';
export const TARGET_FILL: Readonly<Record<Target, number>> = { TGT: 99, CBW: 98 };

export type Op =
  | { kind: 'createDisk'; name: 'SRC' | Target; blocks: number }
  /** SRC's own contents loaded onto it again: nothing changes, but IndexedDB then holds it in whole segments. */
  | { kind: 'loadSource' }
  | { kind: 'createCopy'; target: 'TGT'; repositoryPercent: 20 | 40 | 60 | 120; fullPolicy: 'failSnapshot' | 'failSourceWrites' }
  | { kind: 'createCopy'; target: 'CBW' }
  | { kind: 'write'; blocks: number[]; byte: number }
  | { kind: 'copy'; target: Target; blocks: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'stop'; target: Target }
  | { kind: 'recopy'; target: Target }
  | { kind: 'read'; target: Target; block: number }
  | { kind: 'run' };

/** What one pair must keep: its point-in-time image and the source block preserved in each repository slot. */
export interface PairModel {
  pit: number[];
  slots: number[];
}

/** What the acknowledged operations left durable. */
export interface Model {
  disks: string[];
  source: number[];
  pairs: Partial<Record<Target, PairModel>>;
}

export const emptyModel = (): Model => ({ disks: [], source: [], pairs: {} });

/** The model after `op` was acknowledged; `before` are the pairs as they were when it started. */
export function applyOp(model: Model, op: Op, before: readonly PairView[]): Model {
  const next = structuredClone(model);
  switch (op.kind) {
    case 'createDisk':
      next.disks.push(op.name);
      if (op.name === 'SRC') next.source = Array.from({ length: op.blocks }, (_, b) => b % 256);
      break;
    case 'createCopy':
    case 'recopy':
      next.pairs[op.target] = { pit: [...next.source], slots: [] };
      break;
    case 'write':
      for (const view of before) preserve(next, view, op.blocks);
      for (const block of op.blocks) next.source[block] = op.byte;
      break;
    default:
      break;
  }
  return next;
}

/** Copy-on-write of an online pair: first writes since the point in time take slots while they last. */
function preserve(model: Model, view: PairView, blocks: readonly number[]): void {
  const pair = model.pairs[view.target as Target];
  if (!pair || view.snapshot?.state !== 'active' || !view.repository) return;
  for (const block of blocks) {
    if (!pair.slots.includes(block) && pair.slots.length < view.repository.capacity) pair.slots.push(block);
  }
}

/** Plays one operation on the engine; true when it was acknowledged (ok). */
export async function perform(engine: Engine, op: Op): Promise<boolean> {
  switch (op.kind) {
    case 'createDisk': {
      const fill = op.name === 'SRC' ? { kind: 'index' as const } : { kind: 'byte' as const, value: TARGET_FILL[op.name] };
      return (await engine.createDisk({ name: op.name, blocks: op.blocks, blockSize: BLOCK, fill })).ok;
    }
    case 'loadSource': {
      const blocks = engine.disks().find((d) => d.name === 'SRC')?.blocks ?? 0;
      const contents = await engine.readRaw('SRC', 0, blocks);
      return contents.ok && (await engine.loadContent('SRC', contents.value)).ok;
    }
    case 'createCopy': {
      const options = op.target === 'TGT' ? { type: 'online', repositoryPercent: op.repositoryPercent, fullPolicy: op.fullPolicy } : { type: 'copyBeforeWrite' };
      return (await engine.createCopy({ source: 'SRC', target: op.target, ...options })).ok;
    }
    case 'write':
      return (await engine.write({ disk: 'SRC', blocks: op.blocks, data: new Uint8Array(BLOCK).fill(op.byte) })).ok;
    case 'copy':
      return (await engine.copy(op.target, op.blocks)).ok;
    case 'tick':
      return (await engine.tick(op.ms)).ok;
    case 'stop':
      return (await engine.stop(op.target)).ok;
    case 'recopy':
      return (await engine.recopy(op.target)).ok;
    case 'read': {
      const raw = await engine.readRaw('SRC', op.block, 1);
      const view = await engine.readCopySource(op.target, op.block);
      return raw.ok && view.ok;
    }
    case 'run':
      return (await engine.run()).ok;
  }
}

/** Where a session ended: its model of acknowledged operations and the operation in flight, if killed. */
export interface SessionEnd {
  model: Model;
  inFlight?: { op: Op; before: PairView[] };
}

/** Plays `ops` until the process is killed; an operation that returned ok was acknowledged, whatever happened after. */
export async function playSession(engine: Engine, ops: readonly Op[]): Promise<SessionEnd> {
  let model = emptyModel();
  for (const op of ops) {
    const before = engine.pairs();
    let acknowledged: boolean;
    try {
      acknowledged = await perform(engine, op);
    } catch (error) {
      if (error instanceof ProcessKilled) return { model, inFlight: { op, before } };
      throw error;
    }
    if (acknowledged) model = applyOp(model, op, before);
  }
  return { model };
}

/** The engine's whole observable state: what a reopened engine must reproduce exactly. */
export interface EngineImage {
  disks: ReturnType<Engine['disks']>;
  pairs: PairView[];
  bitmaps: Array<ReturnType<Engine['bitmaps']>>;
  timeMs: number;
  nextEventSeq: number;
}

export function imageOf(engine: Engine): EngineImage {
  const pairs = engine.pairs();
  return {
    disks: engine.disks(),
    pairs,
    bitmaps: pairs.map((pair) => engine.bitmaps(pair.target)),
    timeMs: engine.timeMs,
    nextEventSeq: engine.nextEventSeq,
  };
}
