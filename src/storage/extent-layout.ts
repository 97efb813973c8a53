/**
 * How blocks are grouped into extents (the unit a store keeps as one record) and what a block
 * that was never written contains. IndexedDB pays per record, so blocks travel in ~32 KiB extents
 * (TOOLCHAIN.md BENCHMARKS: 32 KiB records are the fast size; 64 KiB and above are slow).
 */
import type { Kernel, BufferId } from '../core/ports.ts';
import type { Fill } from '../core/vocabulary.ts';

/** Target byte size of one extent record. */
export const EXTENT_TARGET_BYTES = 32768;

/** Blocks per extent for a block size: max(1, floor(32768 / blockSize)). */
export function defaultBlocksPerExtent(blockSize: number): number {
  return Math.max(1, Math.floor(EXTENT_TARGET_BYTES / blockSize));
}

/** Geometry of one disk's extents; fixed when the disk is created. */
export interface ExtentLayout {
  blocks: number;
  blockSize: number;
  blocksPerExtent: number;
  fill: Fill;
  /** IndexedDB only: extents per segment record (idb-segments.ts); other stores leave it out. */
  extentsPerSegment?: number;
}

/** Where a block lives: its extent and its position (in blocks and bytes) inside that extent. */
export interface BlockPlace {
  extent: number;
  blockInExtent: number;
  byteOffset: number;
}

/** The layout of `disk` among a commit's layouts; a missing one is a bug (the commit was not checked). */
export function layoutOf(layouts: ReadonlyMap<number, ExtentLayout>, disk: number): ExtentLayout {
  const layout = layouts.get(disk);
  if (layout === undefined) throw new Error(`no layout for disk ${disk} (commit not checked?)`);
  return layout;
}

/** Number of extents of the disk; the last one may be partial. */
export function extentCount(layout: ExtentLayout): number {
  return Math.ceil(layout.blocks / layout.blocksPerExtent);
}

/** Blocks held by extent `extent` (fewer than blocksPerExtent only for the last extent). */
export function extentBlocks(layout: ExtentLayout, extent: number): number {
  const first = extent * layout.blocksPerExtent;
  return Math.max(0, Math.min(layout.blocksPerExtent, layout.blocks - first));
}

/** Byte length of extent `extent` as stored (only the disk's blocks, never padding). */
export function extentByteLength(layout: ExtentLayout, extent: number): number {
  return extentBlocks(layout, extent) * layout.blockSize;
}

/** First block index of extent `extent`. */
export function extentFirstBlock(layout: ExtentLayout, extent: number): number {
  return extent * layout.blocksPerExtent;
}

/** The extent and offset of block `block`. */
export function locate(layout: ExtentLayout, block: number): BlockPlace {
  const extent = Math.floor(block / layout.blocksPerExtent);
  const blockInExtent = block - extent * layout.blocksPerExtent;
  return { extent, blockInExtent, byteOffset: blockInExtent * layout.blockSize };
}

/** A run of consecutive blocks that stays inside one extent. */
export interface ExtentRun {
  extent: number;
  /** Byte offset of the run inside its extent. */
  byteOffset: number;
  /** Offset of the run from the first block of the request, in blocks. */
  index: number;
  count: number;
}

/** Splits blocks [first, first + count) into runs that each stay inside one extent, ascending. */
export function extentRuns(layout: ExtentLayout, first: number, count: number): ExtentRun[] {
  const runs: ExtentRun[] = [];
  for (let index = 0; index < count; ) {
    const place = locate(layout, first + index);
    const n = Math.min(count - index, layout.blocksPerExtent - place.blockInExtent);
    runs.push({ extent: place.extent, byteOffset: place.byteOffset, index, count: n });
    index += n;
  }
  return runs;
}

/** One piece of a copy where both the source and the destination stay inside one extent each. */
export interface CopySegment {
  index: number;
  count: number;
  from: BlockPlace;
  to: BlockPlace;
}

/** Splits a copy of `count` blocks into segments, ascending; reverse them for memmove order. */
export function copySegments(
  src: ExtentLayout,
  fromBlock: number,
  dst: ExtentLayout,
  toBlock: number,
  count: number,
): CopySegment[] {
  const segments: CopySegment[] = [];
  for (let index = 0; index < count; ) {
    const from = locate(src, fromBlock + index);
    const to = locate(dst, toBlock + index);
    const n = Math.min(
      count - index,
      src.blocksPerExtent - from.blockInExtent,
      dst.blocksPerExtent - to.blockInExtent,
    );
    segments.push({ index, count: n, from, to });
    index += n;
  }
  return segments;
}

/** The byte every byte of block `block` holds before it is first written. */
export function fillByte(fill: Fill, block: number): number {
  switch (fill.kind) {
    case 'zero':
      return 0;
    case 'index':
      return block % 256;
    case 'byte':
      return fill.value & 0xff;
  }
}

/** Writes the fill of blocks [firstBlock, firstBlock + count) into `target` at `offset`. */
export function fillInto(
  target: Uint8Array,
  offset: number,
  fill: Fill,
  firstBlock: number,
  count: number,
  blockSize: number,
): void {
  if (fill.kind !== 'index') {
    target.fill(fillByte(fill, 0), offset, offset + count * blockSize);
    return;
  }
  for (let i = 0; i < count; i++) {
    const start = offset + i * blockSize;
    target.fill(fillByte(fill, firstBlock + i), start, start + blockSize);
  }
}

/** The fill content of one block, in a new array. */
export function fillBlock(fill: Fill, block: number, blockSize: number): Uint8Array {
  const bytes = new Uint8Array(blockSize);
  fillInto(bytes, 0, fill, block, 1, blockSize);
  return bytes;
}

/** The fill content of a whole extent (exact stored size), in a new array. */
export function fillExtent(layout: ExtentLayout, extent: number): Uint8Array {
  const bytes = new Uint8Array(extentByteLength(layout, extent));
  const first = extentFirstBlock(layout, extent);
  fillInto(bytes, 0, layout.fill, first, extentBlocks(layout, extent), layout.blockSize);
  return bytes;
}

/** Writes the fill of blocks [firstBlock, firstBlock + count) into a kernel buffer at `offset`. */
export function fillKernelBuffer(
  kernel: Kernel,
  buffer: BufferId,
  offset: number,
  fill: Fill,
  firstBlock: number,
  count: number,
  blockSize: number,
): void {
  if (fill.kind !== 'index') {
    kernel.fillBytes(buffer, offset, count * blockSize, fillByte(fill, 0));
    return;
  }
  for (let i = 0; i < count; i++) {
    kernel.fillBytes(buffer, offset + i * blockSize, blockSize, fillByte(fill, firstBlock + i));
  }
}
