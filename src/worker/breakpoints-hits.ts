/** Whether one breakpoint became true in one commit, and the facts that explain it. */
import type { LabEvent } from '../core/ports.ts';
import type { PairView } from '../core/views.ts';
import type { Breakpoint, BreakpointFacts } from './breakpoints-types.ts';

/** A hit: the facts for the explanation and the event that caused it (none for the copier's position). */
export interface Hit {
  facts: BreakpointFacts;
  event?: LabEvent;
}

/** True when the copier of the breakpoint's pair has copied every block up to and including its block. */
export function isReached(bp: Extract<Breakpoint, { kind: 'copierReaches' }>, pairs: readonly PairView[]): boolean {
  const pair = pairs.find((p) => p.target === bp.target);
  if (!pair || pair.progress.total <= bp.block) return false;
  return pair.nextBlock === null || pair.nextBlock > bp.block;
}

const named = (target: string | undefined, event: LabEvent): boolean => target === undefined || event.target === target;

/**
 * The hit of `bp` by a commit with `events`, or null. `wasReached` is the copier breakpoint's state
 * before the commit: it fires only when the copier gets there, not while it stays past the block.
 */
export function hitBy(bp: Breakpoint, events: readonly LabEvent[], pairs: () => PairView[], wasReached: boolean): Hit | null {
  switch (bp.kind) {
    case 'repositoryFill':
      return fillHit(bp, events, pairs);
    case 'firstCopyOnWrite': {
      const event = events.find((e) => (e.type === 'COPY_ON_WRITE' || e.type === 'COPY_BEFORE_WRITE') && e.target === bp.target && e.block === bp.block);
      if (!event) return null;
      const via = event.type === 'COPY_ON_WRITE' ? 'copyOnWrite' : 'copyBeforeWrite';
      return { event, facts: { target: bp.target, disk: event.disk, block: bp.block, slot: event.slot, via } };
    }
    case 'copierReaches': {
      if (wasReached || !isReached(bp, pairs())) return null;
      const pair = pairs().find((p) => p.target === bp.target)!;
      return { facts: { target: bp.target, disk: pair.source, block: bp.block, copied: pair.progress.copied } };
    }
    case 'writeRefused': {
      const event = events.find((e) => e.type === 'WRITE_REJECTED');
      return event ? { event, facts: { disk: event.disk, block: event.block, code: event.reason } } : null;
    }
    case 'copyCompleted': {
      const event = events.find((e) => e.type === 'COPY_COMPLETED' && named(bp.target, e));
      return event ? { event, facts: { target: event.target } } : null;
    }
    case 'copyFailed': {
      const event = events.find((e) => e.type === 'COPY_FAILED' && named(bp.target, e));
      return event ? { event, facts: { target: event.target, code: event.reason, block: event.block } } : null;
    }
  }
}

/** The repository crossed the level in this commit: at or above it now, below it before this commit's copy-on-writes. */
function fillHit(bp: Extract<Breakpoint, { kind: 'repositoryFill' }>, events: readonly LabEvent[], pairs: () => PairView[]): Hit | null {
  const preserved = events.filter((e) => e.type === 'COPY_ON_WRITE' && e.target === bp.target);
  if (preserved.length === 0) return null;
  const repository = pairs().find((p) => p.target === bp.target)?.repository;
  if (!repository) return null;
  const { used, capacity } = repository;
  const reaches = (blocks: number): boolean => blocks * 100 >= bp.percent * capacity;
  if (!reaches(used) || reaches(used - preserved.length)) return null;
  const last = preserved.at(-1)!;
  return { event: last, facts: { target: bp.target, disk: last.disk, block: last.block, slot: last.slot, used, capacity } };
}
