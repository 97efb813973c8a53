/**
 * Copy by reference on IndexedDB. A copy-on-write commit copies a block's old bytes away (to the
 * repository) and then overwrites the block. On this layout the overwrite puts a one-block extent
 * record and leaves the segment record under it as it was, so the old bytes stay there: the copy
 * can refer to them instead of reading the 1 MiB segment (3 to 5 ms) to take 4 KiB out of it. The
 * commit then reads nothing and puts two small records. A ref lives until its segment is rewritten
 * or its disk deleted: the commit that does either first copies the referring blocks out
 * (`freeReferrers`); a commit that overwrites a referring extent drops its ref.
 */
import type { BlockOp } from '../core/ports.ts';
import type { CheckedCommit } from './commit-check.ts';
import { layoutOf, locate, type ExtentLayout } from './extent-layout.ts';
import type { ExtentIndex, ExtentIndexChange } from './idb-extent-index.ts';
import type { RefIndex } from './idb-ref-index.ts';
import type { ReadAhead } from './idb-read-ahead.ts';
import type { StoredRef } from './idb-schema.ts';
import { placeInSegment, segmentExtents, segmentOf } from './idb-segments.ts';
import type { WriteTx } from './idb-commit-blocks.ts';
import type { BlockTx } from './idb-fetch.ts';

/** A one-block copy kept by reference: extent `extent` of disk `disk` gets `ref`. */
export interface RefCopy {
  disk: number;
  extent: number;
  ref: StoredRef;
}

/** The commit's ops without the copies kept by reference, and those copies. */
export interface RefPlan {
  ops: BlockOp[];
  refs: RefCopy[];
}

type Copy = Extract<BlockOp, { kind: 'copy' }>;

/**
 * Picks the copies to keep by reference: one block between two disks of one-block extents, whose
 * source block is overwritten later in the commit and still lies in its segment record (no extent
 * record or ref of its own, the segment stored and not rewritten by this commit), onto a block no
 * other op touches and that holds no ref. Everything else stays an op.
 */
export function planRefs(checked: CheckedCommit, index: ExtentIndex, refs: RefIndex): RefPlan {
  const ops = checked.ops;
  const layouts = (disk: number): ExtentLayout => layoutOf(checked.layouts, disk);
  const deleted = new Set(checked.deleteDisks);
  // Computed only when a one-block copy asks (a copier commit of 16 MiB has none).
  let rewritten: Set<string> | undefined;
  const isRewritten = (disk: number, segment: number): boolean => {
    rewritten ??= new Set(segmentsRewritten(ops, layouts).map(([d, s]) => `${d}:${s}`));
    return rewritten.has(`${disk}:${segment}`);
  };
  const plan: RefPlan = { ops: [], refs: [] };
  ops.forEach((op, i) => {
    const ref = op.kind === 'copy' ? refFor(op, i) : undefined;
    if (ref === undefined) plan.ops.push(op);
    else plan.refs.push(ref);
  });
  return plan;

  function refFor(op: Copy, at: number): RefCopy | undefined {
    if (op.count !== 1 || op.from === op.to || deleted.has(op.from) || deleted.has(op.to)) return undefined;
    const src = layouts(op.from);
    const dst = layouts(op.to);
    if (src.blocksPerExtent !== 1 || dst.blocksPerExtent !== 1 || src.blockSize !== dst.blockSize) return undefined;
    const extent = op.fromBlock;
    const segment = segmentOf(src, extent);
    if (index.has(op.from, extent) || refs.get(op.from, extent) !== undefined || !index.hasSegment(op.from, segment)) return undefined;
    if (refs.get(op.to, op.toBlock) !== undefined || isRewritten(op.from, segment)) return undefined;
    if (!ops.some((o, j) => j > at && o.kind === 'write' && o.disk === op.from && o.block === op.fromBlock)) return undefined;
    if (ops.some((o, j) => j < at && writes(o, op.from, op.fromBlock))) return undefined;
    if (ops.some((o, j) => j !== at && (writes(o, op.to, op.toBlock) || reads(o, op.to, op.toBlock)))) return undefined;
    return { disk: op.to, extent: op.toBlock, ref: { disk: op.from, segment, blockOffset: placeInSegment(src, extent).blockOffset } };
  }
}

function writes(op: BlockOp, disk: number, block: number): boolean {
  if (op.kind === 'write') return op.disk === disk && op.block === block;
  return op.to === disk && block >= op.toBlock && block < op.toBlock + op.count;
}

function reads(op: BlockOp, disk: number, block: number): boolean {
  return op.kind === 'copy' && op.from === disk && block >= op.fromBlock && block < op.fromBlock + op.count;
}

/** The segments ([disk, segment]) whose every extent the ops write: the commit puts each as one segment record. */
export function segmentsRewritten(ops: readonly BlockOp[], layouts: (disk: number) => ExtentLayout): Array<[number, number]> {
  const written = new Map<string, { disk: number; segment: number; extents: Set<number> }>();
  const mark = (disk: number, block: number, count: number): void => {
    const layout = layouts(disk);
    for (let b = block; b < block + count; b++) {
      const { extent } = locate(layout, b);
      const segment = segmentOf(layout, extent);
      const key = `${disk}:${segment}`;
      const entry = written.get(key) ?? { disk, segment, extents: new Set<number>() };
      entry.extents.add(extent);
      written.set(key, entry);
    }
  };
  for (const op of ops) {
    if (op.kind === 'write') mark(op.disk, op.block, 1);
    else mark(op.to, op.toBlock, op.count);
  }
  const found: Array<[number, number]> = [];
  for (const { disk, segment, extents } of written.values()) {
    const { first, end } = segmentExtents(layouts(disk), segment);
    if (extents.size === end - first) found.push([disk, segment]);
  }
  return found;
}

/** The segments the commit rewrites or deletes that some extent refers into. */
export function segmentsToFree(checked: CheckedCommit, refs: RefIndex): Array<[number, number]> {
  if (refs.size === 0) return [];
  const found = segmentsRewritten(checked.ops, (disk) => layoutOf(checked.layouts, disk)).filter(([d, s]) => refs.referrers(d, s).length > 0);
  for (const disk of checked.deleteDisks) for (const segment of refs.referredSegments(disk)) found.push([disk, segment]);
  return found;
}

/** Where freeReferrers puts and what it records. */
export interface RefWrites {
  tx: WriteTx;
  refs: RefIndex;
  readAhead: ReadAhead;
  change: ExtentIndexChange;
  track: (request: Promise<unknown>) => void;
}

/**
 * Before the commit rewrites or deletes `segments`, gives every extent referring into them an
 * extent record of its own with the bytes and checksums it refers to (from the segments as stored
 * now), and drops its ref. Extents of disks the commit deletes just lose their refs with their disk.
 */
export async function freeReferrers(w: RefWrites, segments: ReadonlyArray<[number, number]>, deleted: ReadonlySet<number>): Promise<void> {
  const bases = await Promise.all(segments.map(([disk, segment]) => segmentAndSums(w, disk, segment)));
  segments.forEach(([disk, segment], i) => {
    const { data, sums } = bases[i]!;
    // Refs join disks of the same block size, one block each.
    const size = data.byteLength / sums.length;
    for (const [referrer, extent] of w.refs.referrers(disk, segment)) {
      if (deleted.has(referrer)) continue;
      const { blockOffset } = w.refs.get(referrer, extent)!;
      const bytes = data.slice(blockOffset * size, (blockOffset + 1) * size);
      w.track(w.tx.objectStore('extents').put({ data: bytes, sums: sums.slice(blockOffset, blockOffset + 1) }, [referrer, extent]));
      w.change.added.push([referrer, extent]);
      dropRef(w, referrer, extent);
    }
  });
}

/** Deletes the ref of an extent. */
export function dropRef(w: Pick<RefWrites, 'tx' | 'change' | 'track'>, disk: number, extent: number): void {
  w.track(w.tx.objectStore('refs').delete([disk, extent]));
  w.change.refsDropped.push([disk, extent]);
}

/** Deletes the refs of extents [first, end) of a disk, when it has any (they are being overwritten). */
export function dropRefsIn(w: Pick<RefWrites, 'tx' | 'change' | 'track' | 'refs'>, disk: number, first: number, end: number): void {
  for (const extent of w.refs.extentsIn(disk, first, end)) dropRef(w, disk, extent);
}

/** A segment record and its checksums, as read ahead or as stored; a ref into a missing segment is a broken store. */
export async function segmentAndSums(w: { tx: BlockTx; readAhead: Pick<ReadAhead, 'get'> }, disk: number, segment: number): Promise<{ data: ArrayBuffer; sums: Uint32Array }> {
  const kept = w.readAhead.get(disk, segment);
  const [data, sums] = kept !== undefined ? [kept.data, kept.sums] : await Promise.all([w.tx.objectStore('segments').get([disk, segment]), w.tx.objectStore('sums').get([disk, segment])]);
  if (data === undefined || sums === undefined) throw new Error(`segment ${segment} of disk ${disk} is referred to but not stored`);
  return { data, sums };
}

/** The refs of a plan, put: each replaces the extent record its extent may have had. */
export function putRefs(w: Pick<RefWrites, 'tx' | 'change' | 'track'>, index: ExtentIndex, copies: readonly RefCopy[]): void {
  for (const { disk, extent, ref } of copies) {
    if (index.has(disk, extent)) {
      w.track(w.tx.objectStore('extents').delete([disk, extent]));
      w.change.cleared.push([disk, extent, extent + 1]);
    }
    w.track(w.tx.objectStore('refs').put(ref, [disk, extent]));
    w.change.refsPut.push([disk, extent, ref]);
  }
}

