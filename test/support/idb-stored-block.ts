/**
 * Reaching a stored block straight in the lab's IndexedDB database (schema 3, idb-segments.ts):
 * its extent record when it has one, else its segment record. For tests that damage a block at rest.
 */
import { openDB } from 'idb';
import type { StoredDisk } from '../../src/storage/idb-schema.ts';
import { EXTENTS_PER_SEGMENT } from '../../src/storage/idb-segments.ts';

/** Flips bits `mask` of byte `byte` of block `block` of disk `diskId` (or the disk named so) in database `name`. */
export async function flipStoredByte(name: string, disk: number | string, block: number, byte = 3, mask = 0x01): Promise<void> {
  const db = await openDB(name);
  try {
    const disks = (await db.getAll('disks')) as StoredDisk[];
    const stored = disks.find((d) => (typeof disk === 'number' ? d.id === disk : d.record.name === disk));
    if (stored === undefined) throw new Error(`no disk ${disk} in ${name}`);
    const { id, blocksPerExtent, record } = stored;
    const extent = Math.floor(block / blocksPerExtent);
    const inExtent = (block % blocksPerExtent) * record.blockSize + byte;
    const own = (await db.get('extents', [id, extent])) as ArrayBuffer | undefined;
    if (own !== undefined) {
      new Uint8Array(own)[inExtent] ^= mask;
      await db.put('extents', own, [id, extent]);
      return;
    }
    const segment = Math.floor(extent / EXTENTS_PER_SEGMENT);
    const base = (await db.get('segments', [id, segment])) as ArrayBuffer | undefined;
    if (base === undefined) throw new Error(`block ${block} of disk ${disk} was never written`);
    const offset = (extent - segment * EXTENTS_PER_SEGMENT) * blocksPerExtent * record.blockSize + inExtent;
    new Uint8Array(base)[offset] ^= mask;
    await db.put('segments', base, [id, segment]);
  } finally {
    db.close();
  }
}
