import { describe, it, expect } from 'vitest';
import {
  byteDigest,
  createCopy,
  disk,
  eventsOf,
  indexDigest,
  indexDigests,
  outcomeOf,
  pair,
  runReport,
  scenario,
  srcTgt,
  write,
} from './helpers.ts';

describe('cost of host writes during an online copy', () => {
  it('charges 3 I/Os for the first write to a block and 1 for the next write to it', async () => {
    const first = pair(await runReport(scenario(srcTgt(), [createCopy('online'), write('SRC', 9, 1)])));
    expect(first.counters).toMatchObject({ hostWrites: 1, hostWriteIos: 3, copyOnWrites: 1 });
    const both = pair(
      await runReport(scenario(srcTgt(), [createCopy('online'), write('SRC', 9, 1), write('SRC', 9, 2)])),
    );
    expect(both.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 4, copyOnWrites: 1 });
    expect(both.repository).toMatchObject({ used: 1, preserved: [9] });
    expect(both.snapshot).toEqual({ state: 'active' });
    expect(both.status).toBe('InProgress');
  });

  it('charges 1 I/O and no copy-on-write once the copy has completed', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('online'), { do: 'run' }, write('SRC', 5, 1), write('SRC', 6, 1)]),
    );
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.counters).toEqual({
      hostWrites: 2,
      hostWriteIos: 2,
      copyOnWrites: 0,
      copyBeforeWrites: 0,
      rejectedWrites: 0,
    });
    expect(c.repository).toMatchObject({ used: 0, preserved: [] });
    expect(eventsOf(r, 'COPY_ON_WRITE')).toHaveLength(0);
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(64));
    expect(disk(r, 'SRC').sha256[5]).toBe(byteDigest(1));
  });

  it('still preserves a block the copier has already copied (the snapshot is independent of the copier)', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('online'), { do: 'copy', blocks: 10 }, write('SRC', 2, 1)]),
    );
    const c = pair(r);
    expect(c.progress.copied).toBe(10);
    expect(c.counters).toMatchObject({ hostWrites: 1, hostWriteIos: 3, copyOnWrites: 1 });
    expect(c.repository).toMatchObject({ used: 1, preserved: [2] });
  });

  it('keeps the preserved set sorted ascending and the target at the point in time under many writes', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('online', { repositoryPercent: 40 }),
        write('SRC', 40, 1),
        write('SRC', [3, 20], 2),
        { do: 'copy', blocks: 30 },
        write('SRC', 40, 3),
        write('SRC', 0, 4),
        { do: 'run' },
      ]),
    );
    const c = pair(r);
    expect(c.repository).toEqual({ capacity: 25, used: 4, preserved: [0, 3, 20, 40] });
    expect(c.counters).toMatchObject({ hostWrites: 5, hostWriteIos: 13, copyOnWrites: 4 });
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(64));
    const src = disk(r, 'SRC').sha256;
    expect([src[0], src[3], src[20], src[40]]).toEqual([byteDigest(4), byteDigest(2), byteDigest(2), byteDigest(3)]);
  });

  it('gives each pair on one source its own repository and counters', async () => {
    const r = await runReport(
      scenario(
        [...srcTgt(16), { name: 'TGT2', blocks: 16 }],
        [
          createCopy('online'),
          { do: 'createCopy', source: 'SRC', target: 'TGT2', type: 'online' },
          write('SRC', 5, 1),
          { do: 'stop', target: 'TGT' },
          write('SRC', 6, 1),
        ],
      ),
    );
    expect(outcomeOf(r, 3)).toBe('ok');
    const a = pair(r, 'TGT');
    const b = pair(r, 'TGT2');
    expect(a.repository?.preserved).toEqual([5]);
    expect(a.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 4, copyOnWrites: 1 });
    expect(b.repository?.preserved).toEqual([5, 6]);
    expect(b.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 6, copyOnWrites: 2 });
  });
});

describe('copy-before-write', () => {
  it('has no snapshot or repository and charges 3 I/Os for a write to a block not yet copied', async () => {
    const r = await runReport(
      scenario(srcTgt(), [createCopy('copyBeforeWrite'), { do: 'copy', blocks: 3 }, write('SRC', 10, 7)]),
    );
    const c = pair(r);
    expect(c.type).toBe('copyBeforeWrite');
    expect(c.snapshot).toBeNull();
    expect(c.repository).toBeNull();
    expect(c.counters).toEqual({
      hostWrites: 1,
      hostWriteIos: 3,
      copyOnWrites: 0,
      copyBeforeWrites: 1,
      rejectedWrites: 0,
    });
    expect(eventsOf(r, 'COPY_BEFORE_WRITE')).toHaveLength(1);
    expect(disk(r, 'SRC').sha256[10]).toBe(byteDigest(7));
  });

  it('charges 1 I/O for a write to a block already copied, and for a second write to a block', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('copyBeforeWrite'),
        { do: 'copy', blocks: 10 },
        write('SRC', 2, 7),
        write('SRC', 30, 7),
        write('SRC', 30, 8),
      ]),
    );
    expect(pair(r).counters).toMatchObject({ hostWrites: 3, hostWriteIos: 5, copyBeforeWrites: 1 });
  });

  it('ends with the target equal to the source at the point in time', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('copyBeforeWrite'),
        { do: 'copy', blocks: 3 },
        write('SRC', 10, 7),
        write('SRC', 1, 7),
        write('SRC', 63, 7),
        { do: 'run' },
      ]),
    );
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.progress).toEqual({ copied: 64, total: 64 });
    expect(disk(r, 'TGT').sha256).toEqual(indexDigests(64));
    expect(disk(r, 'SRC').sha256[63]).toBe(byteDigest(7));
  });
});

describe('unprotected live copy', () => {
  it('charges 1 I/O per write and leaves a target that matches no point in time', async () => {
    const r = await runReport(
      scenario(srcTgt(), [
        createCopy('unprotected'),
        { do: 'copy', blocks: 3 },
        write('SRC', 1, 0xaa),
        write('SRC', 10, 0xbb),
        { do: 'run' },
      ]),
    );
    const c = pair(r);
    expect(c.status).toBe('Completed');
    expect(c.snapshot).toBeNull();
    expect(c.repository).toBeNull();
    expect(c.counters).toMatchObject({ hostWrites: 2, hostWriteIos: 2, copyOnWrites: 0, copyBeforeWrites: 0 });
    const tgt = disk(r, 'TGT').sha256;
    // behind the cursor: the target keeps the old block, so it is not the source after the writes
    expect(tgt[1]).toBe(indexDigest(1));
    // ahead of the cursor: the target gets the new block, so it is not the source at the start
    expect(tgt[10]).toBe(byteDigest(0xbb));
    expect(tgt).not.toEqual(indexDigests(64));
    expect(tgt).not.toEqual(disk(r, 'SRC').sha256);
  });
});
