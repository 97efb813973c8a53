/**
 * The IndexedDB layout since schema 3. IndexedDB pays per record and per transaction, and a 4 KiB
 * host write must not rewrite more than its block: so a disk's blocks live in segment records of
 * about 1 MiB (what a copy writes: 1 MiB records copy 2 to 3 x faster than 32 KiB ones) with
 * extent records laid over them (one block each for new disks: a host write puts its block
 * without reading anything). An extent record, when present, holds the current bytes and
 * checksums of its blocks; otherwise the segment record does, with its checksums in a record of
 * their own (readable without the data); otherwise the blocks were never written and read as the
 * fill. A commit that rewrites every extent of a segment writes the segment and drops its extents.
 */
import { extentBlocks, extentCount, extentFirstBlock, type ExtentLayout } from './extent-layout.ts';

/** Target byte size of a segment record. */
export const SEGMENT_BYTES = 1 << 20;

/** Blocks per extent record for new disks: one, so that a host write reads nothing. */
export const IDB_BLOCKS_PER_EXTENT = 1;

/** Extents per segment record of about `segmentBytes` for a new disk. */
export function segmentExtentsFor(blockSize: number, blocksPerExtent: number, segmentBytes = SEGMENT_BYTES): number {
  return Math.max(1, Math.floor(segmentBytes / (blocksPerExtent * blockSize)));
}

/** Extents per segment of a disk: as stored with it, or the default for disks created before version 3. */
export function extentsPerSegment(layout: ExtentLayout): number {
  return layout.extentsPerSegment ?? segmentExtentsFor(layout.blockSize, layout.blocksPerExtent);
}

/** The segment holding extent `extent`. */
export function segmentOf(layout: ExtentLayout, extent: number): number {
  return Math.floor(extent / extentsPerSegment(layout));
}

/** Extents [first, end) of segment `segment` (the disk's last segment may be partial). */
export function segmentExtents(layout: ExtentLayout, segment: number): { first: number; end: number } {
  const first = segment * extentsPerSegment(layout);
  return { first, end: Math.min(extentCount(layout), first + extentsPerSegment(layout)) };
}

/** Block index of the segment's first block, and its number of blocks. */
export function segmentBlocks(layout: ExtentLayout, segment: number): { first: number; count: number } {
  const { first, end } = segmentExtents(layout, segment);
  const firstBlock = extentFirstBlock(layout, first);
  const count = end > first ? extentFirstBlock(layout, end - 1) + extentBlocks(layout, end - 1) - firstBlock : 0;
  return { first: firstBlock, count };
}

/** Where extent `extent` sits inside its segment: byte offset and offset in blocks. */
export function placeInSegment(layout: ExtentLayout, extent: number): { byteOffset: number; blockOffset: number } {
  const blockOffset = extentFirstBlock(layout, extent) - extentFirstBlock(layout, segmentOf(layout, extent) * extentsPerSegment(layout));
  return { byteOffset: blockOffset * layout.blockSize, blockOffset };
}

/** Byte length of a whole segment record. */
export function segmentByteLength(layout: ExtentLayout, segment: number): number {
  return segmentBlocks(layout, segment).count * layout.blockSize;
}

/** Key range of extent records [first, last] of a disk. */
export function extentKeyRange(disk: number, first: number, last: number): IDBKeyRange {
  return IDBKeyRange.bound([disk, first], [disk, last]);
}
