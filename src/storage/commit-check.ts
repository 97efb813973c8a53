/**
 * Validation of a StoreCommit before anything is applied, shared by every store so that they all
 * refuse the same commits with the same messages. Values are cloned here, once: a value that
 * cannot be cloned is refused before any change, and later changes by the caller cannot leak in.
 */
import type { BlockOp, DiskRecord, LabEvent, StoreCommit } from '../core/ports.ts';
import type { ExtentLayout } from './extent-layout.ts';

/** A commit that passed validation, with deep copies of its values and the layouts its ops use. */
export interface CheckedCommit {
  putDisks: Array<{ record: DiskRecord; layout: ExtentLayout }>;
  deleteDisks: number[];
  deletePrefixes: string[];
  putRecords: Array<[key: string, value: unknown]>;
  ops: BlockOp[];
  events: LabEvent[];
  /** Layout of every disk that exists while the ops run (stored disks overlaid with putDisks). */
  layouts: Map<number, ExtentLayout>;
}

/** What a store tells the check about its current state. */
export interface StoreView {
  layoutOf(disk: number): ExtentLayout | undefined;
  lastEventSeq: number;
  /** Blocks per extent a store gives a new disk of this block size. */
  blocksPerExtent(blockSize: number): number;
  /** Extents per segment a store with segments gives a new disk (IndexedDB); absent for the others. */
  extentsPerSegment?(blockSize: number, blocksPerExtent: number): number;
}

/** Options of the stores: extent size, and a failure hook for atomicity tests. */
export interface StoreOptions {
  /** Blocks per extent for new disks; default max(1, floor(32768 / blockSize)). */
  blocksPerExtent?: number;
  /** IndexedDB only: target byte size of a segment record for new disks; default 1 MiB. */
  segmentBytes?: number;
  /**
   * IndexedDB only: the durability of commit transactions; default 'strict', so that a commit
   * resolves only once the browser has flushed it to disk ('relaxed': once handed to the OS).
   */
  durability?: 'strict' | 'relaxed';
  /** When it returns true the commit rejects with Error('simulated storage failure'), changing nothing. */
  failCommitWhen?: (commit: StoreCommit) => boolean;
}

/** Throws when the options cannot give a valid layout. */
export function checkOptions(options: StoreOptions): void {
  const bpe = options.blocksPerExtent;
  if (bpe !== undefined && !(Number.isSafeInteger(bpe) && bpe >= 1)) {
    throw new Error(`blocksPerExtent must be a positive integer, got ${bpe}`);
  }
  const segmentBytes = options.segmentBytes;
  if (segmentBytes !== undefined && !(Number.isSafeInteger(segmentBytes) && segmentBytes >= 1)) {
    throw new Error(`segmentBytes must be a positive integer, got ${segmentBytes}`);
  }
  const durability: unknown = options.durability;
  if (durability !== undefined && durability !== 'strict' && durability !== 'relaxed') {
    throw new Error(`durability must be 'strict' or 'relaxed', got ${String(durability)}`);
  }
}

/** Validates `commit` against `view`; throws an Error naming the offending entry, changes nothing. */
export function checkCommit(commit: StoreCommit, view: StoreView): CheckedCommit {
  const layouts = new Map<number, ExtentLayout>();
  const putDisks = (commit.putDisks ?? []).map((disk, i) => checkDisk(disk, i, view, layouts));
  const deleteDisks = (commit.deleteDisks ?? []).map((id, i) => {
    if (layoutIn(layouts, view, id) === undefined) fail(`deleteDisks[${i}]: unknown disk ${id}`);
    return id;
  });
  const deletePrefixes = (commit.deletePrefixes ?? []).map((prefix, i) => {
    if (typeof prefix !== 'string') fail(`deletePrefixes[${i}]: prefix must be a string`);
    return prefix;
  });
  const putRecords = (commit.putRecords ?? []).map(([key, value], i): [string, unknown] => {
    if (typeof key !== 'string') fail(`putRecords[${i}]: key must be a string`);
    return [key, cloneOrFail(value, `putRecords[${i}] (${key})`)];
  });
  const ops = (commit.ops ?? []).map((op, i) => checkOp(op, i, (id) => layoutIn(layouts, view, id)));
  return { putDisks, deleteDisks, deletePrefixes, putRecords, ops, events: checkEvents(commit, view), layouts };
}

function layoutIn(layouts: Map<number, ExtentLayout>, view: StoreView, id: number): ExtentLayout | undefined {
  let layout = layouts.get(id);
  if (layout === undefined) {
    layout = view.layoutOf(id);
    if (layout !== undefined) layouts.set(id, layout);
  }
  return layout;
}

function checkDisk(
  disk: DiskRecord,
  i: number,
  view: StoreView,
  layouts: Map<number, ExtentLayout>,
): { record: DiskRecord; layout: ExtentLayout } {
  const at = `putDisks[${i}] (disk ${disk.id})`;
  if (!isCount(disk.id)) fail(`${at}: id must be a non-negative integer`);
  if (!isCount(disk.blocks)) fail(`${at}: blocks must be a non-negative integer`);
  if (!isCount(disk.blockSize) || disk.blockSize < 1) fail(`${at}: blockSize must be a positive integer`);
  if (!isFill(disk.fill)) fail(`${at}: invalid fill ${JSON.stringify(disk.fill)}`);
  const old = layoutIn(layouts, view, disk.id);
  // Stored extents are laid out by this geometry: changing it would reinterpret the bytes.
  if (old !== undefined && (old.blocks !== disk.blocks || old.blockSize !== disk.blockSize ||
      JSON.stringify(old.fill) !== JSON.stringify(disk.fill))) {
    fail(`${at}: blocks, blockSize and fill of an existing disk cannot change`);
  }
  const layout = old ?? newLayout(disk, view);
  layouts.set(disk.id, layout);
  return { record: cloneOrFail(disk, at), layout };
}

function newLayout(disk: DiskRecord, view: StoreView): ExtentLayout {
  const blocksPerExtent = view.blocksPerExtent(disk.blockSize);
  const layout: ExtentLayout = { blocks: disk.blocks, blockSize: disk.blockSize, fill: { ...disk.fill }, blocksPerExtent };
  const extentsPerSegment = view.extentsPerSegment?.(disk.blockSize, blocksPerExtent);
  if (extentsPerSegment !== undefined) layout.extentsPerSegment = extentsPerSegment;
  return layout;
}

function checkOp(op: BlockOp, i: number, layoutOf: (id: number) => ExtentLayout | undefined): BlockOp {
  const at = `ops[${i}] (${op.kind})`;
  if (op.kind === 'write') {
    const layout = layoutOf(op.disk) ?? fail(`${at}: unknown disk ${op.disk}`);
    checkRange(at, op.disk, layout, op.block, 1);
    if (!(op.data instanceof Uint8Array) || op.data.length !== layout.blockSize) {
      fail(`${at}: data must be ${layout.blockSize} bytes, got ${op.data?.length}`);
    }
    return { kind: 'write', disk: op.disk, block: op.block, data: op.data.slice() };
  }
  if (op.kind !== 'copy') fail(`${at}: unknown op kind`);
  const src = layoutOf(op.from) ?? fail(`${at}: unknown source disk ${op.from}`);
  const dst = layoutOf(op.to) ?? fail(`${at}: unknown target disk ${op.to}`);
  if (!isCount(op.count)) fail(`${at}: count must be a non-negative integer, got ${op.count}`);
  if (src.blockSize !== dst.blockSize) fail(`${at}: block sizes differ (${src.blockSize} vs ${dst.blockSize})`);
  checkRange(at, op.from, src, op.fromBlock, op.count);
  checkRange(at, op.to, dst, op.toBlock, op.count);
  return { ...op };
}

function checkRange(at: string, disk: number, layout: ExtentLayout, first: number, count: number): void {
  if (!isCount(first) || first + count > layout.blocks) {
    fail(`${at}: blocks [${first}, ${first + count}) out of range for disk ${disk} of ${layout.blocks} blocks`);
  }
}

function checkEvents(commit: StoreCommit, view: StoreView): LabEvent[] {
  let last = view.lastEventSeq;
  return (commit.events ?? []).map((event, i) => {
    // Events form an append-only log: seqs only grow, so readers can page by seq.
    if (!Number.isSafeInteger(event.seq) || event.seq <= last) {
      fail(`events[${i}]: seq ${event.seq} must be an integer greater than ${last}`);
    }
    last = event.seq;
    return cloneOrFail(event, `events[${i}]`);
  });
}

/** The highest key that `deletePrefixes` removes for `prefix` (IndexedDB key-range semantics). */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}

/** Throws unless blocks [first, first + count) of a known disk can be read. */
export function checkRead(disk: number, layout: ExtentLayout | undefined, first: number, count: number): ExtentLayout {
  const at = `readBlocks(${disk}, ${first}, ${count})`;
  if (layout === undefined) throw new Error(`${at}: unknown disk ${disk}`);
  if (!isCount(count) || !isCount(first) || first + count > layout.blocks) {
    throw new Error(`${at}: out of range for a disk of ${layout.blocks} blocks`);
  }
  return layout;
}

/** The number of events readEvents may return for `limit` (0 for none); throws on a NaN seq. */
export function eventLimit(fromSeq: number, limit: number): number {
  if (Number.isNaN(fromSeq)) throw new Error('readEvents: fromSeq is not a number');
  return limit > 0 ? Math.min(Math.floor(limit), 0xffffffff) : 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isFill(fill: unknown): boolean {
  if (typeof fill !== 'object' || fill === null || !('kind' in fill)) return false;
  if (fill.kind === 'zero' || fill.kind === 'index') return true;
  return fill.kind === 'byte' && 'value' in fill && isCount(fill.value) && fill.value <= 255;
}

function cloneOrFail<T>(value: T, at: string): T {
  try {
    return structuredClone(value);
  } catch (error) {
    return fail(`${at}: value cannot be stored (${error instanceof Error ? error.message : String(error)})`);
  }
}

function fail(message: string): never {
  throw new Error(`commit refused: ${message}`);
}
