import { describe, it, expect } from 'vitest';
import {
  byteDigest,
  createCopy,
  disk,
  eventsOf,
  hexDigest,
  indexDigest,
  indexDigests,
  outcomeOf,
  pair,
  read,
  runReport,
  scenario,
  srcTgt,
  stepAt,
  textDigest,
  write,
  type Scenario,
} from './helpers.ts';

/** The scenario of SCENARIOS.md, verbatim. */
const example: Scenario = {
  version: 1,
  name: 'write the same block twice during an online copy',
  blockSize: 512,
  copyRate: 100,
  disks: [
    { name: 'SRC', blocks: 64, fill: 'index' },
    { name: 'TGT', blocks: 64 },
  ],
  steps: [
    { do: 'createCopy', source: 'SRC', target: 'TGT', type: 'online' },
    { do: 'copy', blocks: 3 },
    { do: 'write', disk: 'SRC', block: 5, data: { byte: 1 } },
    { do: 'write', disk: 'SRC', block: 5, data: { byte: 2 } },
    { do: 'run' },
  ],
};

describe('the SCENARIOS.md example (two writes to one block during an online copy)', () => {
  it('reports version 1 and one successful result per step, indexed from 0', async () => {
    const r = await runReport(example);
    expect(r.version).toBe(1);
    expect(r.steps.map((s) => [s.index, s.do, s.ok])).toEqual([
      [0, 'createCopy', true],
      [1, 'copy', true],
      [2, 'write', true],
      [3, 'write', true],
      [4, 'run', true],
    ]);
  });

  it('completes with one preserved block, one copy-on-write and 4 I/Os for 2 writes', async () => {
    const c = pair(await runReport(example));
    expect(c.source).toBe('SRC');
    expect(c.type).toBe('online');
    expect(c.status).toBe('Completed');
    expect(c.priority).toBe('medium');
    expect(c.targetReadOnly).toBe(true);
    expect(c.progress).toEqual({ copied: 64, total: 64 });
    expect(c.snapshot).toEqual({ state: 'disabled' });
    expect(c.repository).toEqual({ capacity: 12, used: 1, preserved: [5] });
    expect(c.counters).toEqual({
      hostWrites: 2,
      hostWriteIos: 4,
      copyOnWrites: 1,
      copyBeforeWrites: 0,
      rejectedWrites: 0,
    });
  });

  it('leaves the target equal to the source at the point in time and the source with the last write', async () => {
    const r = await runReport(example);
    const tgt = disk(r, 'TGT');
    expect(tgt).toMatchObject({ blocks: 64, blockSize: 512, state: 'optimal' });
    expect(tgt.sha256).toEqual(indexDigests(64));
    const src = disk(r, 'SRC');
    expect(src.sha256).toHaveLength(64);
    expect(src.sha256[5]).toBe(byteDigest(2));
    expect(src.sha256[5]).not.toBe(indexDigest(5));
    expect(src.sha256.filter((_, i) => i !== 5)).toEqual(indexDigests(64).filter((_, i) => i !== 5));
  });

  it('records start, snapshot, one copy-on-write of block 5, completion and the disabled snapshot', async () => {
    const r = await runReport(example);
    expect(eventsOf(r, 'COPY_STARTED', 'TGT')).toHaveLength(1);
    expect(eventsOf(r, 'SNAPSHOT_CREATED')).toHaveLength(1);
    const cows = eventsOf(r, 'COPY_ON_WRITE');
    expect(cows).toHaveLength(1);
    expect(cows[0]?.block).toBe(5);
    expect(eventsOf(r, 'COPY_COMPLETED', 'TGT')).toHaveLength(1);
    expect(eventsOf(r, 'SNAPSHOT_DISABLED')).toHaveLength(1);
    expect(eventsOf(r, 'COPY_FAILED')).toHaveLength(0);
    expect(r.events[0]).toMatchObject({ seq: 0, timeMs: 0 });
  });
});

describe('disk fills, write data and block size', () => {
  it('uses blockSize 4096 by default and zero fill by default', async () => {
    const r = await runReport({ version: 1, disks: [{ name: 'Z', blocks: 2 }], steps: [] });
    expect(disk(r, 'Z')).toEqual({
      blocks: 2,
      blockSize: 4096,
      state: 'optimal',
      sha256: [byteDigest(0, 4096), byteDigest(0, 4096)],
    });
    expect(r.copies).toEqual([]);
    expect(r.steps).toEqual([]);
  });

  it('fills a disk with a constant byte or with the block index mod 256', async () => {
    const r = await runReport(
      scenario(
        [
          { name: 'B', blocks: 2, fill: { byte: 7 } },
          { name: 'I', blocks: 258, fill: 'index' },
          { name: 'Z', blocks: 1, fill: 'zero' },
        ],
        [],
      ),
    );
    expect(disk(r, 'B').sha256).toEqual([byteDigest(7), byteDigest(7)]);
    expect(disk(r, 'I').sha256[256]).toBe(byteDigest(0));
    expect(disk(r, 'I').sha256[257]).toBe(byteDigest(1));
    expect(disk(r, 'I').sha256[255]).toBe(byteDigest(255));
    expect(disk(r, 'Z').sha256).toEqual([byteDigest(0)]);
  });

  it('writes text as zero-padded UTF-8, hex as bytes, and a block list block by block', async () => {
    const full = 'x'.repeat(512);
    const r = await runReport(
      scenario(
        [{ name: 'D', blocks: 8 }],
        [
          { do: 'write', disk: 'D', block: 0, data: { text: 'hello, Welt ä' } },
          { do: 'write', disk: 'D', block: 1, data: { hex: 'deadbeef' } },
          { do: 'write', disk: 'D', blocks: [2, 4], data: { byte: 9 } },
          { do: 'write', disk: 'D', block: 5, data: { text: full } },
          read('D', 0),
        ],
      ),
    );
    expect([0, 1, 2, 3].map((i) => outcomeOf(r, i))).toEqual(['ok', 'ok', 'ok', 'ok']);
    const d = disk(r, 'D').sha256;
    expect(d[0]).toBe(textDigest('hello, Welt ä'));
    expect(d[1]).toBe(hexDigest('deadbeef'));
    expect([d[2], d[3], d[4]]).toEqual([byteDigest(9), byteDigest(0), byteDigest(9)]);
    expect(d[5]).toBe(textDigest(full));
    expect(stepAt(r, 4)).toMatchObject({ ok: true, sha256: textDigest('hello, Welt ä') });
  });

  it('creates a disk with a createDisk step and deletes an unpaired one', async () => {
    const r = await runReport(
      scenario(
        [{ name: 'A', blocks: 1 }],
        [
          { do: 'createDisk', name: 'NEW', blocks: 3, fill: { byte: 4 } },
          write('NEW', 2, 5),
          { do: 'deleteDisk', name: 'A' },
        ],
      ),
    );
    expect([0, 1, 2].map((i) => outcomeOf(r, i))).toEqual(['ok', 'ok', 'ok']);
    expect(disk(r, 'NEW').sha256).toEqual([byteDigest(4), byteDigest(4), byteDigest(5)]);
    expect(r.disks['A']).toBeUndefined();
  });

  it('refuses deleteDisk with NOT_ALLOWED while the disk is in a pair, even a completed one', async () => {
    const r = await runReport(
      scenario(srcTgt(4), [
        createCopy('online'),
        { do: 'run' },
        { do: 'deleteDisk', name: 'SRC' },
        { do: 'deleteDisk', name: 'TGT' },
        { do: 'removeCopy' },
        { do: 'deleteDisk', name: 'TGT' },
        read('TGT', 0),
      ]),
    );
    expect([2, 3, 4, 5].map((i) => outcomeOf(r, i))).toEqual(['NOT_ALLOWED', 'NOT_ALLOWED', 'ok', 'ok']);
    expect(outcomeOf(r, 6)).toBe('NO_SUCH_DISK');
    expect(r.disks['TGT']).toBeUndefined();
    expect(disk(r, 'SRC').sha256).toEqual(indexDigests(4));
  });
});
