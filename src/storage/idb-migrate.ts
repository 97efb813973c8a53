/**
 * Version 1 or 2 → 3, inside the upgrade transaction: every extent record becomes its bare bytes,
 * and the checksums of its blocks (kept inside it by version 2, computed for version 1) go to the
 * checksum record of its segment; blocks never written get the checksum of their fill.
 */
import { checksumBytes } from './block-sums.ts';
import { extentFirstBlock, type ExtentLayout } from './extent-layout.ts';
import { fillChecksums } from './fill-checksums.ts';
import { layoutOfStored, type Migration, type StoredExtentV2, type UpgradeTx } from './idb-schema.ts';
import { EXTENTS_PER_SEGMENT, segmentBlocks, segmentOf } from './idb-segments.ts';

/** Rewrites the extents and writes the checksum records; rejects (the caller aborts the upgrade) on anything unexpected. */
export async function moveChecksumsOut(tx: UpgradeTx, { kernel, buffers }: Migration): Promise<void> {
  const disks = tx.objectStore('disks');
  const layouts = new Map<number, ExtentLayout>();
  for (const disk of await disks.getAll()) {
    layouts.set(disk.id, layoutOfStored(disk));
    void disks.put({ ...disk, extentsPerSegment: EXTENTS_PER_SEGMENT });
  }
  const records = new Map<string, { disk: number; segment: number; sums: Uint32Array }>();
  const extents = tx.objectStore('extents');
  for (let cursor = await extents.openCursor(); cursor !== null; cursor = await cursor.continue()) {
    const [disk, extent] = cursor.key;
    const layout = layouts.get(disk);
    if (layout === undefined) throw new Error(`extent of unknown disk ${disk}`);
    const { data, sums } = splitOld(cursor.value as unknown, layout, { kernel, buffers });
    const segment = segmentOf(extent);
    const { first, count } = segmentBlocks(layout, segment);
    const key = `${disk}:${segment}`;
    let record = records.get(key);
    if (record === undefined) {
      record = { disk, segment, sums: new Uint32Array(count) };
      fillChecksums(kernel).fillInto(record.sums, 0, layout.fill, first, count, layout.blockSize);
      records.set(key, record);
    }
    record.sums.set(sums, extentFirstBlock(layout, extent) - first);
    void cursor.update(data);
  }
  const sumStore = tx.objectStore('sums');
  for (const { disk, segment, sums } of records.values()) void sumStore.put(sums, [disk, segment]);
}

/** The bytes and block checksums of a version-1 (bare bytes) or version-2 extent. */
function splitOld(old: unknown, layout: ExtentLayout, { kernel, buffers }: Migration): StoredExtentV2 {
  if (old instanceof ArrayBuffer) return { data: old, sums: checksumBytes(kernel, buffers, new Uint8Array(old), layout.blockSize) };
  if (typeof old === 'object' && old !== null && 'data' in old && 'sums' in old && old.data instanceof ArrayBuffer && old.sums instanceof Uint32Array) {
    return { data: old.data, sums: old.sums };
  }
  throw new Error('an extent record is neither version 1 nor version 2');
}
