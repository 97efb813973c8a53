/**
 * Segment records read ahead of the copier, outside the store's call order. A copier commit that
 * finds its source segment here reads nothing, so its transaction needs no segment store and does
 * not wait for, or hold up, the other transactions reading 1 MiB segments. Kept entries are
 * bounded (a few segments) and dropped as soon as a committed transaction rewrites or deletes their
 * segment. That suffices because IndexedDB runs a readonly and a readwrite transaction over the
 * same store in the order they were created: a read ahead either sees a commit's result or ends
 * before that commit starts. The bytes are checked against their checksums where they are used,
 * like any fetched segment; damage at rest that comes after the read ahead shows on the next read.
 */
import type { LabDatabase } from './idb-schema.ts';

/** A segment record and its checksum record as read. */
export interface SegmentRecord {
  data: ArrayBuffer;
  sums: Uint32Array | undefined;
}

/** Segments a committed transaction rewrote or deleted: [disk, segment], and whole disks. */
export interface SegmentChange {
  rewritten: Array<[number, number]>;
  droppedDisks: number[];
}

/** Segments kept at most (8 MiB of 1 MiB segments): the copier reads one or a few ahead, so older ones are no longer needed. */
const KEEP = 8;

const keyOf = (disk: number, segment: number): string => `${disk}:${segment}`;

/** The segments read ahead, newest last. */
export class ReadAhead {
  private readonly kept = new Map<string, SegmentRecord & { disk: number }>();
  /** The reads under way, by segment. */
  private readonly pending = new Map<string, Promise<void>>();

  /** The kept record of a segment, if any. */
  get(disk: number, segment: number): SegmentRecord | undefined {
    return this.kept.get(keyOf(disk, segment));
  }

  /** True when the segment is kept. */
  has(disk: number, segment: number): boolean {
    return this.kept.has(keyOf(disk, segment));
  }

  /** Settles when no read of these segments ([disk, segment]) is under way: a commit that needs one waits rather than reading it again. */
  async settled(segments: ReadonlyArray<readonly [number, number]>): Promise<void> {
    const reads = segments.map(([disk, segment]) => this.pending.get(keyOf(disk, segment))).filter((p) => p !== undefined);
    await Promise.all(reads);
  }

  /** Reads the segments (and their checksums) of `disk` neither kept nor being read, in one readonly transaction; never rejects. */
  async read(db: LabDatabase, disk: number, segments: readonly number[]): Promise<void> {
    const wanted = segments.filter((s) => !this.has(disk, s) && !this.pending.has(keyOf(disk, s)));
    if (wanted.length === 0) return;
    const keys = wanted.map((s) => keyOf(disk, s));
    const load = this.load(db, disk, wanted).catch(() => undefined);
    for (const key of keys) this.pending.set(key, load);
    try {
      await load;
    } finally {
      for (const key of keys) if (this.pending.get(key) === load) this.pending.delete(key);
    }
  }

  private async load(db: LabDatabase, disk: number, wanted: readonly number[]): Promise<void> {
    const tx = db.transaction(['segments', 'sums']);
    const records = await Promise.all(
      wanted.map((s) => Promise.all([tx.objectStore('segments').get([disk, s]), tx.objectStore('sums').get([disk, s])])),
    );
    wanted.forEach((segment, i) => {
      const [data, sums] = records[i]!;
      // A never-written segment reads as the fill: nothing to keep.
      if (data !== undefined) this.kept.set(keyOf(disk, segment), { disk, data, sums });
    });
    while (this.kept.size > KEEP) this.kept.delete(this.kept.keys().next().value!);
  }

  /** A transaction committed: forgets the segments it rewrote or deleted. */
  apply(change: SegmentChange): void {
    for (const [disk, segment] of change.rewritten) this.kept.delete(keyOf(disk, segment));
    const dropped = new Set(change.droppedDisks);
    for (const [key, { disk }] of [...this.kept]) if (dropped.has(disk)) this.kept.delete(key);
  }

  /** Forgets everything (the store reloaded its state). */
  clear(): void {
    this.kept.clear();
  }
}
