/** The in-memory state of one storage array: disks, copy pairs and the clock. */
import type { BitmapId, DiskRecord } from './ports.ts';
import type {
  CopyStatus,
  CopyType,
  FullPolicy,
  Priority,
  SnapshotState,
} from './vocabulary.ts';

/** A disk as the core holds it: the durable record with its unreadable blocks as a set. */
export interface Disk extends Omit<DiskRecord, 'unreadable'> {
  unreadable: Set<number>;
}

/** Per-pair counters of host writes to the pair's source (SCENARIOS.md). */
export interface Counters {
  hostWrites: number;
  hostWriteIos: number;
  copyOnWrites: number;
  copyBeforeWrites: number;
  rejectedWrites: number;
}

/** The snapshot repository of an online pair: capacity, the slot map, the warning state. */
export interface Repository {
  diskId: number;
  percent: number;
  capacity: number;
  warningPercent: number;
  fullPolicy: FullPolicy;
  /** Block preserved in each used slot, in slot order. */
  blockOfSlot: number[];
  /** Slot of each preserved block. */
  slotOfBlock: Map<number, number>;
  /** Bit per source block: preserved in this point in time. */
  preserved: BitmapId;
  /** The threshold warning was raised in this point in time. */
  warned: boolean;
  /** REPOSITORY_FULL was reported in this point in time. */
  fullReported: boolean;
}

/** A copy pair: the relationship, its status, its copier progress and its counters. */
export interface Pair {
  id: number;
  sourceId: number;
  targetId: number;
  type: CopyType;
  status: CopyStatus;
  priority: Priority;
  targetReadOnly: boolean;
  /** Order in the Pending queue (first come, first served). */
  queueSeq: number;
  startTimeMs: number;
  completionTimeMs: number | null;
  /** Copier credit in 1/168,000 of a block. */
  credit: bigint;
  /** Number of blocks to copy: the source's size at the point in time. */
  total: number;
  /** Bit per block: on the target in this point in time. */
  copied: BitmapId;
  /** Bit per block: written by a host since the point in time while the copy was Pending or In Progress. */
  written: BitmapId;
  /** Lowest block that may still be uncopied (a search hint, never past an uncopied block). */
  cursor: number;
  snapshot: SnapshotState | null;
  repository: Repository | null;
  counters: Counters;
}

/** Everything the core knows about one array. */
export interface ArrayState {
  disks: Map<number, Disk>;
  diskIdByName: Map<string, number>;
  /** Pairs in creation order (ascending id). */
  pairs: Map<number, Pair>;
  nextDiskId: number;
  nextPairId: number;
  nextQueueSeq: number;
  nextEventSeq: number;
  timeMs: number;
}

/** An empty array at time 0. */
export function emptyArrayState(): ArrayState {
  return {
    disks: new Map(),
    diskIdByName: new Map(),
    pairs: new Map(),
    nextDiskId: 1,
    nextPairId: 1,
    nextQueueSeq: 1,
    nextEventSeq: 0,
    timeMs: 0,
  };
}

/** Zeroed counters. */
export function zeroCounters(): Counters {
  return { hostWrites: 0, hostWriteIos: 0, copyOnWrites: 0, copyBeforeWrites: 0, rejectedWrites: 0 };
}

/** The durable record of a disk. */
export function diskToRecord(disk: Disk): DiskRecord {
  return { ...disk, fill: { ...disk.fill }, unreadable: [...disk.unreadable].sort((a, b) => a - b) };
}

/** The in-memory disk of a durable record. */
export function diskFromRecord(record: DiskRecord): Disk {
  return { ...record, unreadable: new Set(record.unreadable) };
}
