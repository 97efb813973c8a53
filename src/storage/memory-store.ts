/**
 * A BlockStore in memory: extents are kernel buffers created on first write, metadata records a
 * sorted array, events an array. Used by the command line and as the model the IndexedDB store
 * is tested against. Commits stage their extents first, so a failure leaves nothing half done.
 */
import type { BlockStore, BufferId, DiskRecord, Kernel, LabEvent, StoreCommit, StoredState } from '../core/ports.ts';
import {
  checkCommit,
  checkOptions,
  checkRead,
  eventLimit,
  type CheckedCommit,
  type StoreOptions,
  type StoreView,
} from './commit-check.ts';
import { defaultBlocksPerExtent, extentRuns, fillInto, type ExtentLayout } from './extent-layout.ts';
import { ExtentStage, type BufferSource } from './extent-stage.ts';
import { fillChecksums } from './fill-checksums.ts';
import { deletePrefix, lowerBound, putRecord } from './sorted-records.ts';

interface MemoryDisk {
  record: DiskRecord;
  layout: ExtentLayout;
  /** Materialized extents by index; an absent one reads as the fill. */
  extents: Map<number, BufferId>;
}

/** A BlockStore held in kernel memory; everything is lost on close. */
export class MemoryStore implements BlockStore {
  private readonly disks = new Map<number, MemoryDisk>();
  /** Ascending by key, as load() must return them. */
  private readonly records: Array<[string, unknown]> = [];
  private readonly events: LabEvent[] = [];
  private readonly buffers: BufferSource;
  private closed = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly options: StoreOptions = {},
  ) {
    checkOptions(options);
    this.buffers = { acquire: (bytes) => kernel.createBuffer(bytes), release: (id) => kernel.freeBuffer(id) };
  }

  /** A copy of the stored disks (by id), records (by key) and the newest event seq. */
  async load(): Promise<StoredState> {
    this.ensureOpen();
    const disks = [...this.disks.values()].map((d) => structuredClone(d.record)).sort((a, b) => a.id - b.id);
    return { disks, records: structuredClone(this.records), lastEventSeq: this.lastEventSeq() };
  }

  /** Validates, stages the block ops, then applies everything at once; rejects changing nothing. */
  async commit(commit: StoreCommit): Promise<void> {
    this.ensureOpen();
    const checked = checkCommit(commit, this.view());
    const stage = new ExtentStage(this.kernel, checked.layouts, (d, e) => this.disks.get(d)?.extents.get(e), this.buffers);
    try {
      stage.apply(checked.ops);
      if (this.options.failCommitWhen?.(commit)) throw new Error('simulated storage failure');
    } catch (error) {
      stage.release();
      throw error;
    }
    // Nothing below can fail: the commit becomes visible as a whole, in the documented order.
    this.applyMetadata(checked);
    for (const { disk, extent, buffer } of stage.dirtyExtents()) this.replaceExtent(disk, extent, buffer);
    stage.release((staged) => staged.dirty);
    for (const id of checked.deleteDisks) this.dropDisk(id);
    this.events.push(...checked.events);
  }

  /** `count` blocks from `first`, reading never-written extents as the disk's fill. */
  async readBlocks(disk: number, first: number, count: number): Promise<Uint8Array> {
    this.ensureOpen();
    const stored = this.disks.get(disk);
    const layout = checkRead(disk, stored?.layout, first, count);
    const size = layout.blockSize;
    const out = new Uint8Array(count * size);
    for (const run of extentRuns(layout, first, count)) {
      const buffer = stored?.extents.get(run.extent);
      if (buffer === undefined) fillInto(out, run.index * size, layout.fill, first + run.index, run.count, size);
      else out.set(this.kernel.readBytes(buffer, run.byteOffset, run.count * size), run.index * size);
    }
    return out;
  }

  /**
   * The checksum of each of `count` blocks from `first`, hashed from the extents' kernel buffers
   * (this store keeps no sums: its blocks cannot rot); never-written extents give their fill's.
   */
  async readChecksums(disk: number, first: number, count: number): Promise<Uint32Array> {
    this.ensureOpen();
    const stored = this.disks.get(disk);
    const layout = checkRead(disk, stored?.layout, first, count);
    const size = layout.blockSize;
    const out = new Uint32Array(count);
    for (const run of extentRuns(layout, first, count)) {
      const buffer = stored?.extents.get(run.extent);
      if (buffer === undefined) fillChecksums(this.kernel).fillInto(out, run.index, layout.fill, first + run.index, run.count, size);
      else for (let i = 0; i < run.count; i++) out[run.index + i] = this.kernel.checksum(buffer, run.byteOffset + i * size, size);
    }
    return out;
  }

  /** Up to `limit` events with seq >= fromSeq, ascending. */
  async readEvents(fromSeq: number, limit: number): Promise<LabEvent[]> {
    this.ensureOpen();
    const count = eventLimit(fromSeq, limit);
    const start = lowerBound(this.events.length, (i) => this.events[i]!.seq < fromSeq);
    return structuredClone(this.events.slice(start, start + count));
  }

  /** Frees every kernel buffer the store holds; later calls reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const id of [...this.disks.keys()]) this.dropDisk(id);
    this.closed = true;
  }

  private view(): StoreView {
    return {
      layoutOf: (id) => this.disks.get(id)?.layout,
      lastEventSeq: this.lastEventSeq(),
      blocksPerExtent: (blockSize) => this.options.blocksPerExtent ?? defaultBlocksPerExtent(blockSize),
    };
  }

  private applyMetadata(checked: CheckedCommit): void {
    for (const { record, layout } of checked.putDisks) {
      const old = this.disks.get(record.id);
      this.disks.set(record.id, { record, layout, extents: old?.extents ?? new Map() });
    }
    for (const prefix of checked.deletePrefixes) deletePrefix(this.records, prefix);
    for (const [key, value] of checked.putRecords) putRecord(this.records, key, value);
  }

  private replaceExtent(disk: number, extent: number, buffer: BufferId): void {
    const extents = this.disks.get(disk)?.extents;
    if (extents === undefined) throw new Error(`extent staged for unknown disk ${disk}`);
    const old = extents.get(extent);
    if (old !== undefined) this.kernel.freeBuffer(old);
    extents.set(extent, buffer);
  }

  private dropDisk(id: number): void {
    const disk = this.disks.get(id);
    if (disk === undefined) return;
    for (const buffer of disk.extents.values()) this.kernel.freeBuffer(buffer);
    this.disks.delete(id);
  }





  private lastEventSeq(): number {
    return this.events.at(-1)?.seq ?? -1;
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('the memory store is closed');
  }
}

