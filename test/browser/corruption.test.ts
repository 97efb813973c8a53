/**
 * A flipped byte in the real IndexedDB database of the lab, in Chromium: the copy that reaches the
 * damaged block fails with MEDIA_ERROR instead of copying garbage, a read names the disk and the
 * block, the map shows it unreadable, and the learner's ways out (rewrite it after repairBlock, or
 * discard the disk) work.
 */
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEGMENT_BYTES } from '../../src/storage/idb-segments.ts';
import { chromiumMissing, launchChromium, type LabBrowser } from './support/chromium.ts';

const BLOCKS = 64;
const BLOCK_SIZE = 4096;
const DAMAGED = 20;
/** Flips one byte of a stored block of `disk` in the database `storage-lab`, from the page: in its extent record, or else its segment record (idb-segments.ts). */
async function flipByte(page: Page, disk: string, block: number): Promise<void> {
  await page.evaluate(
    async ({ disk, block, blockSize, segmentBytes }) => {
      const request = (r: IDBRequest): Promise<unknown> =>
        new Promise((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
      const open = indexedDB.open('storage-lab');
      const db = (await request(open)) as IDBDatabase;
      const tx = db.transaction(['disks', 'extents', 'segments'], 'readwrite');
      type Stored = { id: number; blocksPerExtent: number; extentsPerSegment?: number; record: { name: string } };
      const disks = (await request(tx.objectStore('disks').getAll())) as Stored[];
      const { id, blocksPerExtent, extentsPerSegment: stored } = disks.find((d) => d.record.name === disk)!;
      const extentsPerSegment = stored ?? Math.max(1, Math.floor(segmentBytes / (blocksPerExtent * blockSize)));
      const extent = Math.floor(block / blocksPerExtent);
      const inExtent = (block % blocksPerExtent) * blockSize + 5;
      const own = (await request(tx.objectStore('extents').get([id, extent]))) as { data: ArrayBuffer } | undefined;
      if (own !== undefined) {
        new Uint8Array(own.data)[inExtent] ^= 0x40;
        await request(tx.objectStore('extents').put(own, [id, extent]));
      } else {
        const segment = Math.floor(extent / extentsPerSegment);
        const base = (await request(tx.objectStore('segments').get([id, segment]))) as ArrayBuffer;
        new Uint8Array(base)[(extent - segment * extentsPerSegment) * blocksPerExtent * blockSize + inExtent] ^= 0x40;
        await request(tx.objectStore('segments').put(base, [id, segment]));
      }
      db.close();
    },
    { disk, block, blockSize: BLOCK_SIZE, segmentBytes: SEGMENT_BYTES },
  );
}

describe.skipIf(chromiumMissing !== undefined)(`a damaged block in the lab's database ${chromiumMissing ?? ''}`, () => {
  const url = inject('labUrl');
  let browser: LabBrowser;

  beforeEach(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('fails the copy with MEDIA_ERROR, names the block on a read, shows it unreadable, and lets the learner repair or discard', async () => {
    const { page } = browser;
    await page.goto(url);
    await page.waitForFunction(() => globalThis.storageLab !== undefined);
    const created = await page.evaluate(
      async ({ blocks, blockSize }) => {
        const lab = globalThis.storageLab!;
        const content = new Uint8Array(blocks * blockSize);
        for (let b = 0; b < blocks; b++) content.fill(b + 1, b * blockSize, (b + 1) * blockSize);
        return [
          await lab.setDriver({ running: false }),
          await lab.createDisk({ name: 'SRC', blocks, blockSize, fill: { kind: 'zero' } }),
          await lab.createDisk({ name: 'TGT', blocks, blockSize, fill: { kind: 'zero' } }),
          await lab.loadContent('SRC', content),
          await lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }),
        ].map((o) => o.ok);
      },
      { blocks: BLOCKS, blockSize: BLOCK_SIZE },
    );
    expect(created).toEqual([true, true, true, true, true]);
    await flipByte(page, 'SRC', DAMAGED);

    expect(await page.evaluate(async () => (await globalThis.storageLab!.setDriver({ running: true, fullSpeed: true })).ok)).toBe(true);
    const status = async (): Promise<string | undefined> => page.evaluate(async () => (await globalThis.storageLab!.frame(-1, -1))?.pairs[0]?.status);
    await expect.poll(status, { timeout: 30_000 }).toBe('Failed');
    const frame = await page.evaluate(async () => {
      const f = (await globalThis.storageLab!.frame(-1, -1))!;
      return {
        unreadable: f.disks.find((d) => d.name === 'SRC')!.unreadable,
        failed: f.events.filter((e) => e.type === 'COPY_FAILED').map((e) => e.reason),
      };
    });
    expect(frame).toEqual({ unreadable: [DAMAGED], failed: ['MEDIA_ERROR'] });

    // Nothing of the damaged block, nor any block after it, reached the target as copied.
    const target = await page.evaluate(async ({ blocks, blockSize }) => {
      const read = await globalThis.storageLab!.readRaw('TGT', 0, blocks);
      if (!read.ok) throw new Error(read.message);
      return Array.from({ length: blocks }, (_, b) => read.value[b * blockSize]!);
    }, { blocks: BLOCKS, blockSize: BLOCK_SIZE });
    expect(target.slice(0, DAMAGED)).toEqual(Array.from({ length: DAMAGED }, (_, b) => b + 1));
    expect(target.slice(DAMAGED).every((v) => v === 0)).toBe(true);

    // A block damaged after the copy stopped: the first read finds it and names it.
    await flipByte(page, 'SRC', 50);
    const fresh = await page.evaluate(async () => globalThis.storageLab!.read('SRC', 50));
    expect(fresh).toEqual({ ok: false, code: 'MEDIA_ERROR', message: 'block 50 of SRC is damaged: its stored checksum does not match' });
    const shown = await page.evaluate(async () => (await globalThis.storageLab!.frame(-1, -1))!.disks.find((d) => d.name === 'SRC')!.unreadable);
    expect(shown).toEqual([DAMAGED, 50]);

    const read = await page.evaluate(async (block) => globalThis.storageLab!.read('SRC', block), DAMAGED);
    expect(read).toMatchObject({ ok: false, code: 'MEDIA_ERROR' });
    // A read of a block already marked unreadable names it too.
    expect(read.ok ? '' : read.message).toMatch(new RegExp(`block ${DAMAGED} of (disk )?SRC`));

    const wayOut = await page.evaluate(async ({ block, blockSize }) => {
      const lab = globalThis.storageLab!;
      const steps = [
        await lab.removeCopy('TGT'),
        await lab.repairBlock('SRC', block),
        await lab.write('SRC', [block], new Uint8Array(blockSize).fill(7)),
      ].map((o) => o.ok);
      const again = await lab.read('SRC', block);
      const discarded = await lab.deleteDisk('SRC');
      return { steps, reread: again.ok ? again.value[0] : again.code, discarded: discarded.ok };
    }, { block: DAMAGED, blockSize: BLOCK_SIZE });
    expect(wayOut).toEqual({ steps: [true, true, true], reread: 7, discarded: true });
    browser.expectNoErrors();
  });
});
