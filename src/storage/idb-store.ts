/**
 * The default BlockStore: IndexedDB through idb. Blocks live in segment records of about 1 MiB
 * with one-block extent records over them (idb-segments.ts); each commit is one transaction
 * (idb-commit.ts). The store assumes it is
 * the only writer of its database (one engine worker), so it validates against a cached copy of
 * the disk geometry and runs its calls one after another, in the order they were made.
 */
import { openDB } from 'idb';
import type { BlockStore, Kernel, LabEvent, StoreCommit, StoredState } from '../core/ports.ts';
import {
  checkCommit,
  checkOptions,
  checkRead,
  eventLimit,
  type CheckedCommit,
  type StoreOptions,
  type StoreView,
} from './commit-check.ts';
import { verifyBytes } from './block-sums.ts';
import { extentFirstBlock, extentRuns, fillInto, locate, type ExtentLayout } from './extent-layout.ts';
import { readStoredChecksums } from './idb-checksums.ts';
import { writeCommit, type CommitTools } from './idb-commit.ts';
import { segmentsRead } from './idb-commit-scope.ts';
import { fetchExtents } from './idb-fetch.ts';
import { ExtentIndex } from './idb-extent-index.ts';
import { ReadAhead } from './idb-read-ahead.ts';
import { RefIndex } from './idb-ref-index.ts';
import { planRefs } from './idb-refs.ts';
import { IDB_BLOCKS_PER_EXTENT, segmentExtentsFor, segmentOf } from './idb-segments.ts';
import { layoutOfStored, SCHEMA_VERSION, upgradeSchema, type LabDatabase, type LabDB } from './idb-schema.ts';
import { StagingPool } from './staging-pool.ts';

/** A BlockStore over one IndexedDB database; open it with `IdbStore.open`. */
export class IdbStore implements BlockStore {
  private readonly layouts = new Map<number, ExtentLayout>();
  private lastEventSeq = -1;
  private readonly pool: StagingPool;
  private readonly index = new ExtentIndex();
  private readonly refs = new RefIndex();
  private readonly ahead = new ReadAhead();
  /** Settles when the previous call has finished; every call waits for it. */
  private tail: Promise<unknown> = Promise.resolve();
  private closedBecause: string | undefined;
  private readonly closeListeners: Array<(reason: string) => void> = [];

  private constructor(
    private readonly db: LabDatabase,
    private readonly kernel: Kernel,
    private readonly options: StoreOptions,
  ) {
    this.pool = new StagingPool(kernel);
  }

  /** Opens (creating or upgrading) the database `name` and loads its disk geometry. */
  static async open(name: string, kernel: Kernel, options: StoreOptions = {}): Promise<IdbStore> {
    checkOptions(options);
    let store: IdbStore | undefined;
    const buffers = new StagingPool(kernel);
    const db: LabDatabase = await openDB<LabDB>(name, SCHEMA_VERSION, {
      upgrade: (database, oldVersion, _newVersion, tx) => upgradeSchema(database, oldVersion, tx, { kernel, buffers }),
      // Another tab wants a newer schema: step aside, or it stays blocked forever.
      blocking: () => {
        db.close();
        store?.lose('another tab opened a newer version of the database');
      },
      terminated: () => store?.lose('the browser closed the database'),
    });
    buffers.clear();
    store = new IdbStore(db, kernel, options);
    await store.load();
    return store;
  }

  /** The stored disks (by id), records (by key) and newest event seq; refreshes the cached geometry. */
  load(): Promise<StoredState> {
    return this.serial(async () => {
      const tx = this.db.transaction(['disks', 'records', 'events', 'extents', 'segments', 'refs']);
      const records = tx.objectStore('records');
      const [disks, keys, values, newest, extentKeys, segmentKeys, refKeys, refs] = await Promise.all([
        tx.objectStore('disks').getAll(),
        records.getAllKeys(),
        records.getAll(),
        tx.objectStore('events').openCursor(null, 'prev'),
        tx.objectStore('extents').getAllKeys(),
        tx.objectStore('segments').getAllKeys(),
        tx.objectStore('refs').getAllKeys(),
        tx.objectStore('refs').getAll(),
      ]);
      this.index.reset(extentKeys, segmentKeys);
      this.refs.reset(refKeys, refs);
      this.ahead.clear();
      this.layouts.clear();
      for (const disk of disks) this.layouts.set(disk.id, layoutOfStored(disk));
      this.lastEventSeq = newest?.key ?? -1;
      return {
        disks: disks.map((d) => d.record),
        records: keys.map((key, i): [string, unknown] => [key, values[i]]),
        lastEventSeq: this.lastEventSeq,
      };
    });
  }

  /** Validates, then applies everything in one transaction; rejects changing nothing. */
  commit(commit: StoreCommit): Promise<void> {
    return this.serial(async () => {
      const checked = checkCommit(commit, this.view());
      const fail = (): boolean => this.options.failCommitWhen?.(commit) ?? false;
      const plan = planRefs(checked, this.index, this.refs);
      const planned: CheckedCommit = { ...checked, ops: plan.ops };
      await this.ahead.settled(segmentsRead(planned, this.index, this.refs));
      await writeCommit(this.db, this.tools(), planned, plan.refs, fail);
      this.remember(checked);
    });
  }

  /**
   * `count` blocks from `first`, read in one transaction; never-written extents read as the fill.
   * Every block read is checked against its stored checksum (CorruptBlockError on a mismatch).
   */
  readBlocks(disk: number, first: number, count: number): Promise<Uint8Array> {
    return this.serial(async () => {
      const layout = checkRead(disk, this.layouts.get(disk), first, count);
      const runs = extentRuns(layout, first, count);
      const tx = this.db.transaction(['extents', 'refs', 'segments', 'sums']);
      const fetched = await fetchExtents(tx, runs.map((run) => [disk, run.extent] as const), () => layout, this.index, this.refs);
      const size = layout.blockSize;
      const out = new Uint8Array(count * size);
      for (const run of runs) {
        const bytes = fetched.bytes(disk, run.extent);
        const at = run.index * size;
        if (bytes === undefined) {
          fillInto(out, at, layout.fill, first + run.index, run.count, size);
          continue;
        }
        const sums = fetched.sums(disk, run.extent) ?? new Uint32Array(0);
        const stored = { disk, firstBlock: extentFirstBlock(layout, run.extent), blockSize: size, sums };
        verifyBytes(this.kernel, this.pool, bytes, stored, run.byteOffset / size, run.count);
        out.set(bytes.subarray(run.byteOffset, run.byteOffset + run.count * size), at);
      }
      return out;
    });
  }

  /** The stored checksums of `count` blocks from `first`, without hashing them (idb-checksums.ts). */
  readChecksums(disk: number, first: number, count: number): Promise<Uint32Array> {
    return this.serial(() => {
      const layout = checkRead(disk, this.layouts.get(disk), first, count);
      return readStoredChecksums(this.db, this.kernel, this.refs, { layout, disk, first, count });
    });
  }

  /**
   * Reads ahead, outside the order of the other calls, the segments holding blocks [first, first +
   * count) of a disk that a coming commit will copy (idb-read-ahead.ts). Only a hint: it changes
   * nothing stored, and any failure just leaves them unread.
   */
  async readAhead(disk: number, first: number, count: number): Promise<void> {
    const layout = this.layouts.get(disk);
    if (layout === undefined || this.closedBecause !== undefined || count < 1) return;
    const last = Math.min(first + count, layout.blocks) - 1;
    if (last < first) return;
    const from = segmentOf(layout, locate(layout, first).extent);
    const to = segmentOf(layout, locate(layout, last).extent);
    const segments = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    await this.ahead.read(this.db, disk, segments);
  }

  /** Up to `limit` events with seq >= fromSeq, ascending. */
  readEvents(fromSeq: number, limit: number): Promise<LabEvent[]> {
    return this.serial(async () => {
      const count = eventLimit(fromSeq, limit);
      // getAll treats a count of 0 as "no limit".
      if (count === 0) return [];
      return this.db.getAll('events', IDBKeyRange.lowerBound(fromSeq), count);
    });
  }

  /** Closes the database after the calls already made; frees the staging buffers. */
  close(): Promise<void> {
    const run = this.tail.then(() => {
      if (this.closedBecause === undefined) this.lose('the store was closed');
    });
    this.tail = run;
    return run;
  }

  /** Calls `listener` once, with the reason, when the store closes (or closes itself: another tab's newer schema, the browser). */
  onClose(listener: (reason: string) => void): void {
    if (this.closedBecause === undefined) this.closeListeners.push(listener);
    else listener(this.closedBecause);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.closedBecause !== undefined) throw new Error(`IndexedDB store unavailable: ${this.closedBecause}`);
      return work();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private tools(): CommitTools {
    return { kernel: this.kernel, buffers: this.pool, index: this.index, refs: this.refs, readAhead: this.ahead, durability: this.options.durability ?? 'strict' };
  }

  private view(): StoreView {
    return {
      layoutOf: (id) => this.layouts.get(id),
      lastEventSeq: this.lastEventSeq,
      blocksPerExtent: () => this.options.blocksPerExtent ?? IDB_BLOCKS_PER_EXTENT,
      extentsPerSegment: (blockSize, blocksPerExtent) => segmentExtentsFor(blockSize, blocksPerExtent, this.options.segmentBytes),
    };
  }

  private remember(checked: CheckedCommit): void {
    for (const { record, layout } of checked.putDisks) this.layouts.set(record.id, layout);
    for (const id of checked.deleteDisks) this.layouts.delete(id);
    this.lastEventSeq = checked.events.at(-1)?.seq ?? this.lastEventSeq;
  }

  private lose(reason: string): void {
    this.closedBecause = reason;
    this.db.close();
    this.pool.clear();
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}
