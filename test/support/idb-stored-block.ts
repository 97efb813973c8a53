/**
 * Reaching a stored block straight in the lab's IndexedDB database (schema 3, idb-segments.ts):
 * its extent record when it has one, else its segment record. For tests that damage a block at rest.
 */
import { openDB } from 'idb';
import { layoutOfStored, type StoredDisk, type StoredExtent } from '../../src/storage/idb-schema.ts';
import { placeInSegment, segmentOf } from '../../src/storage/idb-segments.ts';

/** Flips bits `mask` of byte `byte` of block `block` of disk `disk` (an id, or a name) in database `name`. */
export async function flipStoredByte(name: string, disk: number | string, block: number, byte = 3, mask = 0x01): Promise<void> {
  const db = await openDB(name);
  try {
    const disks = (await db.getAll('disks')) as StoredDisk[];
    const stored = disks.find((d) => (typeof disk === 'number' ? d.id === disk : d.record.name === disk));
    if (stored === undefined) throw new Error(`no disk ${disk} in ${name}`);
    const layout = layoutOfStored(stored);
    const extent = Math.floor(block / layout.blocksPerExtent);
    const inExtent = (block % layout.blocksPerExtent) * layout.blockSize + byte;
    const own = (await db.get('extents', [stored.id, extent])) as StoredExtent | undefined;
    if (own !== undefined) {
      new Uint8Array(own.data)[inExtent] ^= mask;
      await db.put('extents', own, [stored.id, extent]);
      return;
    }
    const segment = segmentOf(layout, extent);
    const base = (await db.get('segments', [stored.id, segment])) as ArrayBuffer | undefined;
    if (base === undefined) throw new Error(`block ${block} of disk ${disk} was never written`);
    new Uint8Array(base)[placeInSegment(layout, extent).byteOffset + inExtent] ^= mask;
    await db.put('segments', base, [stored.id, segment]);
  } finally {
    db.close();
  }
}
