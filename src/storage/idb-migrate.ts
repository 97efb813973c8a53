/** Version 1 → 2 of the lab's database, inside the upgrade transaction (idb-schema.ts). */
import { checksumBytes } from './block-sums.ts';
import type { Migration, UpgradeTx } from './idb-schema.ts';

/** Wraps each bare extent with the checksums of its blocks; rejects (the caller aborts the upgrade) on anything unexpected. */
export async function addChecksums(tx: UpgradeTx, { kernel, buffers }: Migration): Promise<void> {
  const disks = await tx.objectStore('disks').getAll();
  const blockSizes = new Map(disks.map((d) => [d.id, d.record.blockSize]));
  const extents = tx.objectStore('extents');
  for (let cursor = await extents.openCursor(); cursor !== null; cursor = await cursor.continue()) {
    const old: unknown = cursor.value;
    if (!(old instanceof ArrayBuffer)) continue;
    const blockSize = blockSizes.get(cursor.key[0]);
    if (blockSize === undefined) throw new Error(`extent of unknown disk ${cursor.key[0]}`);
    const sums = checksumBytes(kernel, buffers, new Uint8Array(old), blockSize);
    void cursor.update({ data: old, sums });
  }
}
