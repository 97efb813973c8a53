/** The metadata records of an in-memory or file-backed store: an array kept sorted by key. */
import { prefixEnd } from './commit-check.ts';

/** A record table sorted by key, as `StoredState.records` wants it. */
export type SortedRecords = Array<[key: string, value: unknown]>;

/** First index in [0, length) where `before` turns false; `before` must be monotone. */
export function lowerBound(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts a record, replacing the one with the same key, keeping the order. */
export function putRecord(records: SortedRecords, key: string, value: unknown): void {
  const i = lowerBound(records.length, (j) => records[j]![0] < key);
  if (records[i]?.[0] === key) records[i] = [key, value];
  else records.splice(i, 0, [key, value]);
}

/** Deletes every record whose key starts with `prefix` (one contiguous run of a sorted table). */
export function deletePrefix(records: SortedRecords, prefix: string): void {
  const end = prefixEnd(prefix);
  const from = lowerBound(records.length, (j) => records[j]![0] < prefix);
  const to = lowerBound(records.length, (j) => records[j]![0] <= end);
  records.splice(from, to - from);
}
