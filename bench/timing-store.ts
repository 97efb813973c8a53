/**
 * A BlockStore that passes every call to another one and, while recording, notes when each commit
 * and each read started and ended: the breakdown of a copy's time (BENCHMARKS.md) without touching
 * src/. When not recording it only adds one branch per call.
 */
import type { BlockStore, LabEvent, StoreCommit, StoredState } from '../src/core/ports.ts';

/** One recorded call: what, when it started and ended (performance.now ms), and its size. */
export interface StoreCall {
  kind: 'commit' | 'read';
  start: number;
  end: number;
  /** Block ops of a commit, or blocks read. */
  blocks: number;
  /** A commit with a host's write op in it (not only the copier's copies). */
  writes?: boolean;
}

/** Wraps a BlockStore; `record()` starts a fresh log, `stop()` ends it and returns it. */
export class TimingStore implements BlockStore {
  private log: StoreCall[] | undefined;

  constructor(readonly inner: BlockStore) {}

  record(): void {
    this.log = [];
  }

  stop(): StoreCall[] {
    const log = this.log ?? [];
    this.log = undefined;
    return log;
  }

  load(): Promise<StoredState> {
    return this.inner.load();
  }

  async commit(commit: StoreCommit): Promise<void> {
    if (!this.log) return this.inner.commit(commit);
    const start = performance.now();
    await this.inner.commit(commit);
    const writes = commit.ops?.some((op) => op.kind === 'write') ?? false;
    this.log?.push({ kind: 'commit', start, end: performance.now(), blocks: commit.ops?.length ?? 0, writes });
  }

  async readBlocks(disk: number, first: number, count: number): Promise<Uint8Array> {
    if (!this.log) return this.inner.readBlocks(disk, first, count);
    const start = performance.now();
    const bytes = await this.inner.readBlocks(disk, first, count);
    this.log?.push({ kind: 'read', start, end: performance.now(), blocks: count });
    return bytes;
  }

  /** Timed as a read (kind 'read'), so a fingerprint's or verification's store time still counts as reading. */
  async readChecksums(disk: number, first: number, count: number): Promise<Uint32Array> {
    if (!this.log) return this.inner.readChecksums(disk, first, count);
    const start = performance.now();
    const sums = await this.inner.readChecksums(disk, first, count);
    this.log?.push({ kind: 'read', start, end: performance.now(), blocks: count });
    return sums;
  }

  readAhead(disk: number, first: number, count: number): Promise<void> {
    return this.inner.readAhead?.(disk, first, count) ?? Promise.resolve();
  }

  readEvents(fromSeq: number, limit: number): Promise<LabEvent[]> {
    return this.inner.readEvents(fromSeq, limit);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Milliseconds covered by calls of `kind` between `from` and `to` (calls never overlap: the store is serial). */
export function busyMs(log: readonly StoreCall[], kind: StoreCall['kind'], from: number, to: number): { ms: number; calls: number } {
  let ms = 0;
  let calls = 0;
  for (const call of log) {
    if (call.kind !== kind || call.end < from || call.start > to) continue;
    ms += Math.min(call.end, to) - Math.max(call.start, from);
    calls++;
  }
  return { ms, calls };
}
