/** Plain-data views of the array for reports, the worker's frames and the UI. */
import type { Kernel } from './ports.ts';
import type { ArrayState, Counters, Disk, Pair } from './state.ts';
import type { CopyStatus, CopyType, DiskState, Priority, SnapshotState, FullPolicy } from './vocabulary.ts';
import type { DiskRole } from './ports.ts';

/** A disk as a learner sees it. */
export interface DiskView {
  name: string;
  role: DiskRole;
  blocks: number;
  blockSize: number;
  state: DiskState;
  unreadable: number[];
}

/** A copy pair as a learner sees it. */
export interface PairView {
  source: string;
  target: string;
  type: CopyType;
  status: CopyStatus;
  priority: Priority;
  targetReadOnly: boolean;
  progress: { copied: number; total: number };
  /** Lowest block not yet copied, or null when all are (the copier's position). */
  nextBlock: number | null;
  startTimeMs: number;
  completionTimeMs: number | null;
  snapshot: { state: SnapshotState } | null;
  repository: RepositoryView | null;
  counters: Counters;
}

/** A snapshot repository as a learner sees it. */
export interface RepositoryView {
  name: string;
  capacity: number;
  used: number;
  percent: number;
  warningPercent: number;
  fullPolicy: FullPolicy;
  /** Preserved source blocks, ascending. */
  preserved: number[];
}

/** The view of one disk. */
export function diskView(disk: Disk): DiskView {
  const { name, role, blocks, blockSize, state } = disk;
  return { name, role, blocks, blockSize, state, unreadable: [...disk.unreadable].sort((a, b) => a - b) };
}

/** The view of one pair. */
export function pairView(state: ArrayState, kernel: Kernel, pair: Pair): PairView {
  const name = (id: number): string => state.disks.get(id)?.name ?? `#${id}`;
  const next = kernel.findNextClear(pair.copied, 0);
  return {
    source: name(pair.sourceId),
    target: name(pair.targetId),
    type: pair.type,
    status: pair.status,
    priority: pair.priority,
    targetReadOnly: pair.targetReadOnly,
    progress: { copied: kernel.countSet(pair.copied), total: pair.total },
    nextBlock: next < 0 ? null : next,
    startTimeMs: pair.startTimeMs,
    completionTimeMs: pair.completionTimeMs,
    snapshot: pair.snapshot === null ? null : { state: pair.snapshot },
    repository: pair.repository && {
      name: name(pair.repository.diskId),
      capacity: pair.repository.capacity,
      used: pair.repository.blockOfSlot.length,
      percent: pair.repository.percent,
      warningPercent: pair.repository.warningPercent,
      fullPolicy: pair.repository.fullPolicy,
      preserved: setBits(kernel, pair.repository.preserved),
    },
    counters: { ...pair.counters },
  };
}

/** Indexes of the set bits of a bitmap, ascending, found with the kernel's scan. */
export function setBits(kernel: Kernel, bitmap: number): number[] {
  const bits: number[] = [];
  for (let bit = kernel.findNextSet(bitmap, 0); bit >= 0; bit = kernel.findNextSet(bitmap, bit + 1)) bits.push(bit);
  return bits;
}
