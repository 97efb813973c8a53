/** The figures of one comparison column, from the pair at the end and the record of every host write. */
import type { PairView } from '../core/views.ts';
import type { ErrorCode } from '../core/vocabulary.ts';
import type { MeasuredLatency, TypeResult } from './compare-types.ts';
import type { Verification } from './api.ts';

/** One scripted host write as the comparison saw it. */
export interface WriteRecord {
  block: number;
  /** The copier had already copied the block when the write came. */
  behind: boolean;
  /** Measured milliseconds of the engine's write (in memory). */
  ms: number;
  /** The refusal's code, or null when acknowledged. */
  code: ErrorCode | null;
  /** Repository slots the write took (0 without a repository). */
  repositoryTaken: number;
}

/** What resultOf needs. */
export interface RunEnd {
  pair: PairView;
  records: readonly WriteRecord[];
  latency: MeasuredLatency;
  verification: Verification | null;
  bitmaps: { copied: Uint8Array; written: Uint8Array };
}

/** Median and 95th percentile (nearest rank) of the acknowledged writes' measured milliseconds. */
export function latencyOf(records: readonly WriteRecord[]): MeasuredLatency {
  const ms = records.filter((r) => r.code === null).map((r) => r.ms).sort((a, b) => a - b);
  const rank = (p: number): number | null => (ms.length === 0 ? null : ms[Math.max(0, Math.ceil(p * ms.length) - 1)]!);
  return { count: ms.length, medianMs: rank(0.5), p95Ms: rank(0.95) };
}

/** The set bits of an exported bitmap (bit i of byte i >> 3), ascending, below `size`. */
export function setBits(bitmap: Uint8Array, size: number): number[] {
  const out: number[] = [];
  for (let block = 0; block < size; block++) if (((bitmap[block >> 3] ?? 0) >> (block & 7)) % 2 === 1) out.push(block);
  return out;
}

function refusedBy(records: readonly WriteRecord[]): Partial<Record<ErrorCode, number>> {
  const counts: Partial<Record<ErrorCode, number>> = {};
  for (const { code } of records) if (code !== null) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

/** The column of one copy type. */
export function resultOf({ pair, records, latency, verification, bitmaps }: RunEnd): TypeResult {
  const { counters, repository } = pair;
  const size = pair.progress.total;
  const refused = records.filter((r) => r.code !== null);
  const completed = pair.status === 'Completed' && pair.completionTimeMs !== null;
  return {
    type: pair.type,
    status: pair.status,
    writes: {
      acknowledged: records.length - refused.length,
      refused: refused.length,
      refusedBy: refusedBy(records),
      behindCopier: records.filter((r) => r.behind).length,
    },
    repository: repository && {
      used: repository.used,
      capacity: repository.capacity,
      usedBehindCopier: records.reduce((sum, r) => sum + (r.behind ? r.repositoryTaken : 0), 0),
    },
    ios: {
      hostWrites: counters.hostWrites,
      hostWriteIos: counters.hostWriteIos,
      extra: counters.hostWriteIos - counters.hostWrites,
      perWrite: counters.hostWrites === 0 ? null : counters.hostWriteIos / counters.hostWrites,
      copyOnWrites: counters.copyOnWrites,
      copyBeforeWrites: counters.copyBeforeWrites,
    },
    latency,
    secondsToComplete: completed ? (pair.completionTimeMs! - pair.startTimeMs) / 1000 : null,
    target: verification && { matches: verification.state === 'equal', tornBlocks: verification.differing.length, checked: verification.checked },
    blocks: {
      copied: setBits(bitmaps.copied, size),
      preserved: repository?.preserved ?? [],
      written: setBits(bitmaps.written, size),
      refused: [...new Set(refused.map((r) => r.block))].sort((a, b) => a - b),
      torn: verification?.differing ?? [],
    },
  };
}
