/** Encoding of pairs and array counters as plain records, and their checked decoding on open. */
import type { Kernel } from './ports.ts';
import type { Counters, Pair } from './state.ts';
import {
  COPY_TYPES,
  FULL_POLICIES,
  PRIORITIES,
  SNAPSHOT_STATES,
  STATUSES,
  isOneOf,
  type CopyStatus,
  type CopyType,
  type FullPolicy,
  type Priority,
  type SnapshotState,
} from './vocabulary.ts';

/** The array's own counters. */
export interface ArrayRecord {
  schema: 1;
  nextDiskId: number;
  nextPairId: number;
  nextQueueSeq: number;
  nextEventSeq: number;
  timeMs: number;
}

/** A pair without its bitmaps and slot map (those are stored as separate records). */
export interface PairRecord extends Omit<Pair, 'copied' | 'written' | 'repository' | 'credit'> {
  credit: string;
  repository: RepositoryRecord | null;
}

interface RepositoryRecord {
  diskId: number;
  percent: number;
  capacity: number;
  warningPercent: number;
  fullPolicy: FullPolicy;
  warned: boolean;
  fullReported: boolean;
}

/** The stored record of a pair. */
export function encodePair(pair: Pair): PairRecord {
  const { copied: _copied, written: _written, repository, credit, counters, ...rest } = pair;
  void _copied;
  void _written;
  return {
    ...rest,
    counters: { ...counters },
    credit: credit.toString(),
    repository: repository && {
      diskId: repository.diskId,
      percent: repository.percent,
      capacity: repository.capacity,
      warningPercent: repository.warningPercent,
      fullPolicy: repository.fullPolicy,
      warned: repository.warned,
      fullReported: repository.fullReported,
    },
  };
}

type Fields = Record<string, unknown>;

function fields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null) throw new Error(`stored ${what} is not a record`);
  return value as Fields;
}
function int(record: Fields, key: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`stored field ${key} is not an integer`);
  return value;
}
function bool(record: Fields, key: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') throw new Error(`stored field ${key} is not a boolean`);
  return value;
}
function oneOf<T extends string>(list: readonly T[], record: Fields, key: string): T {
  const value = record[key];
  if (!isOneOf(list, value)) throw new Error(`stored field ${key} has an unknown value`);
  return value;
}

/** The array counters of a stored record; throws on a malformed one. */
export function decodeArray(value: unknown): Omit<ArrayRecord, 'schema'> {
  const r = fields(value, 'array');
  return {
    nextDiskId: int(r, 'nextDiskId'),
    nextPairId: int(r, 'nextPairId'),
    nextQueueSeq: int(r, 'nextQueueSeq'),
    nextEventSeq: int(r, 'nextEventSeq'),
    timeMs: int(r, 'timeMs'),
  };
}

/** The pair of a stored record, with fresh empty bitmaps in `kernel`; throws on a malformed one. */
export function decodePair(kernel: Kernel, value: unknown): Pair {
  const r = fields(value, 'pair');
  const total = int(r, 'total');
  const counters = fields(r['counters'], 'counters');
  const completion = r['completionTimeMs'];
  return {
    id: int(r, 'id'),
    sourceId: int(r, 'sourceId'),
    targetId: int(r, 'targetId'),
    type: oneOf<CopyType>(COPY_TYPES, r, 'type'),
    status: oneOf<CopyStatus>(STATUSES, r, 'status'),
    priority: oneOf<Priority>(PRIORITIES, r, 'priority'),
    targetReadOnly: bool(r, 'targetReadOnly'),
    queueSeq: int(r, 'queueSeq'),
    startTimeMs: int(r, 'startTimeMs'),
    completionTimeMs: typeof completion === 'number' ? completion : null,
    credit: BigInt(String(r['credit'])),
    total,
    copied: kernel.createBitmap(total),
    written: kernel.createBitmap(total),
    cursor: int(r, 'cursor'),
    snapshot: r['snapshot'] === null ? null : oneOf<SnapshotState>(SNAPSHOT_STATES, r, 'snapshot'),
    repository: r['repository'] === null ? null : decodeRepository(kernel, r['repository'], total),
    counters: decodeCounters(counters),
  };
}

function decodeRepository(kernel: Kernel, value: unknown, total: number): Pair['repository'] {
  const r = fields(value, 'repository');
  return {
    diskId: int(r, 'diskId'),
    percent: int(r, 'percent'),
    capacity: int(r, 'capacity'),
    warningPercent: int(r, 'warningPercent'),
    fullPolicy: oneOf<FullPolicy>(FULL_POLICIES, r, 'fullPolicy'),
    warned: bool(r, 'warned'),
    fullReported: bool(r, 'fullReported'),
    blockOfSlot: [],
    slotOfBlock: new Map(),
    preserved: kernel.createBitmap(total),
  };
}

function decodeCounters(r: Fields): Counters {
  return {
    hostWrites: int(r, 'hostWrites'),
    hostWriteIos: int(r, 'hostWriteIos'),
    copyOnWrites: int(r, 'copyOnWrites'),
    copyBeforeWrites: int(r, 'copyBeforeWrites'),
    rejectedWrites: int(r, 'rejectedWrites'),
  };
}
