/** Creating a copy pair: the refusals in DOMAIN.md's order, the snapshot and repository of an online copy. */
import type { Ctx } from './context.ts';
import { addDisk } from './disks.ts';
import { startOrQueue } from './lifecycle.ts';
import { diskByName, pairOfTarget } from './lookup.ts';
import { ok, refuse, type Outcome } from './outcome.ts';
import type { Disk, Pair, Repository } from './state.ts';
import { zeroCounters } from './state.ts';
import {
  COPY_TYPES,
  FULL_POLICIES,
  PRIORITIES,
  REPOSITORY_PERCENTS,
  isOneOf,
  type CopyType,
  type FullPolicy,
  type Priority,
} from './vocabulary.ts';

/** What a learner chooses when creating a copy; unset options take DOMAIN.md's defaults. */
export interface NewCopy {
  source: string;
  target: string;
  type: string;
  priority?: string;
  repositoryPercent?: number;
  warningPercent?: number;
  fullPolicy?: string;
  targetReadOnly?: boolean;
}

/** Checked options with defaults applied. */
interface CopyOptions {
  type: CopyType;
  priority: Priority;
  repositoryPercent: number;
  warningPercent: number;
  fullPolicy: FullPolicy;
  targetReadOnly: boolean;
}

/** Creates a pair and starts it (or leaves it Pending); a refusal changes nothing. */
export function createCopy(ctx: Ctx, spec: NewCopy): Outcome<Pair> {
  const source = diskByName(ctx.state, spec.source);
  if (!source.ok) return source;
  const target = diskByName(ctx.state, spec.target);
  if (!target.ok) return target;
  const options = checkOptions(spec);
  if (!options.ok) return options;
  const refusal = pairRefusal(ctx, source.value, target.value);
  if (refusal) return refusal;
  return ok(buildPair(ctx, source.value, target.value, options.value));
}

/** INVALID_ARGUMENT for an option outside its allowed values. */
export function checkOptions(spec: NewCopy): Outcome<CopyOptions> {
  const { type, priority = 'medium', repositoryPercent = 20, warningPercent = 50, fullPolicy = 'failSnapshot' } = spec;
  if (!isOneOf<CopyType>(COPY_TYPES, type)) return bad(`"${type}" is not a copy type: use ${COPY_TYPES.join(', ')}`);
  if (!isOneOf<Priority>(PRIORITIES, priority)) return bad(`"${priority}" is not a priority: use ${PRIORITIES.join(', ')}`);
  if (!isOneOf(REPOSITORY_PERCENTS, repositoryPercent)) {
    return bad(`${repositoryPercent} is not a repository size: use ${REPOSITORY_PERCENTS.join(', ')} percent`);
  }
  if (!Number.isInteger(warningPercent) || warningPercent < 1 || warningPercent > 100) {
    return bad(`${warningPercent} is not a warning threshold: use an integer percent from 1 to 100`);
  }
  if (!isOneOf<FullPolicy>(FULL_POLICIES, fullPolicy)) return bad(`"${fullPolicy}" is not a full policy: use ${FULL_POLICIES.join(', ')}`);
  const targetReadOnly = spec.targetReadOnly ?? true;
  if (typeof targetReadOnly !== 'boolean') return bad(`${String(targetReadOnly)} is not true or false (target read-only)`);
  return ok({ type, priority, repositoryPercent, warningPercent, fullPolicy, targetReadOnly });
}

function bad(message: string): Outcome<never> {
  return refuse('INVALID_ARGUMENT', message);
}

/** The first refusal of DOMAIN.md's table that applies to this source and target, if any. */
function pairRefusal(ctx: Ctx, source: Disk, target: Disk): Outcome<never> | null {
  if (target.blockSize !== source.blockSize) {
    return bad(`source ${source.name} has ${source.blockSize}-byte blocks but target ${target.name} has ${target.blockSize}-byte blocks`);
  }
  if (target.blocks < source.blocks) {
    return refuse('TARGET_TOO_SMALL', `target ${target.name} has ${target.blocks} blocks, fewer than source ${source.name} (${source.blocks})`);
  }
  if (source.id === target.id) return refuse('SOURCE_EQUALS_TARGET', `${source.name} cannot be copied onto itself`);
  if (pairOfTarget(ctx.state, target.id)) return refuse('TARGET_IN_USE', `${target.name} is already the target of a copy pair`);
  const feeding = pairOfTarget(ctx.state, source.id);
  if (feeding && feeding.status !== 'Completed') {
    return refuse('SOURCE_IN_USE', `${source.name} is the target of a copy that has not completed`);
  }
  return diskStateRefusal(source, target) ?? roleRefusal(source, target);
}

/** DISK_FAILED or TARGET_DEGRADED when the disks' states forbid a copy (also checked by recopy). */
export function diskStateRefusal(source: Disk, target: Disk): Outcome<never> | null {
  for (const disk of [source, target]) {
    if (disk.state === 'failed') return refuse('DISK_FAILED', `disk ${disk.name} has failed`);
  }
  if (target.state === 'degraded') return refuse('TARGET_DEGRADED', `target ${target.name} is degraded`);
  return null;
}

function roleRefusal(source: Disk, target: Disk): Outcome<never> | null {
  for (const disk of [source, target]) {
    if (disk.role === 'repository') return refuse('INVALID_DISK', `${disk.name} is a snapshot repository, not a standard disk`);
  }
  return null;
}

function buildPair(ctx: Ctx, source: Disk, target: Disk, options: CopyOptions): Pair {
  const { state, kernel } = ctx;
  const pair: Pair = {
    id: state.nextPairId++,
    sourceId: source.id,
    targetId: target.id,
    type: options.type,
    status: 'Pending',
    priority: options.priority,
    targetReadOnly: options.targetReadOnly,
    queueSeq: 0,
    startTimeMs: state.timeMs,
    completionTimeMs: null,
    credit: 0n,
    total: source.blocks,
    copied: kernel.createBitmap(source.blocks),
    written: kernel.createBitmap(source.blocks),
    cursor: 0,
    snapshot: options.type === 'online' ? 'active' : null,
    repository: options.type === 'online' ? buildRepository(ctx, source, options) : null,
    counters: zeroCounters(),
  };
  state.pairs.set(pair.id, pair);
  if (pair.snapshot) ctx.fx.emit('SNAPSHOT_CREATED', { target: target.name, source: source.name });
  startOrQueue(ctx, pair);
  return pair;
}

/** Capacity: the percentage of the source's blocks, rounded down, at least 1 block. */
export function repositoryCapacity(sourceBlocks: number, percent: number): number {
  return Math.max(1, Math.floor((sourceBlocks * percent) / 100));
}

function buildRepository(ctx: Ctx, source: Disk, options: CopyOptions): Repository {
  const capacity = repositoryCapacity(source.blocks, options.repositoryPercent);
  const disk = addDisk(ctx, { name: repositoryName(ctx, source.name), blocks: capacity, blockSize: source.blockSize, fill: { kind: 'zero' } }, 'repository');
  return {
    diskId: disk.id,
    percent: options.repositoryPercent,
    capacity,
    warningPercent: options.warningPercent,
    fullPolicy: options.fullPolicy,
    blockOfSlot: [],
    slotOfBlock: new Map(),
    preserved: ctx.kernel.createBitmap(source.blocks),
    warned: false,
    fullReported: false,
  };
}

/** `<source>-R<n>`, the arrays' naming of snapshot repositories, with the smallest free n. */
function repositoryName(ctx: Ctx, sourceName: string): string {
  for (let n = 1; ; n++) {
    const name = `${sourceName}-R${n}`;
    if (!ctx.state.diskIdByName.has(name)) return name;
  }
}
