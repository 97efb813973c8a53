import { describe, it, expect } from 'vitest';
import { createCopy, runInvalid, runOutcome, runReport, scenario, srcTgt, write, type Scenario } from './helpers.ts';

/** A valid base scenario with one field replaced or removed. */
function withTop(changes: Record<string, unknown>, remove: string[] = []): Scenario {
  const s: Scenario = { ...scenario(srcTgt(64), [createCopy('online'), { do: 'copy', blocks: 3 }]), ...changes };
  for (const k of remove) delete s[k];
  return s;
}

describe('invalid scenario files exit 2 with a message naming the field', () => {
  it('missing version', async () => {
    expect(await runInvalid(withTop({}, ['version']))).toContain('version');
  });

  it('version of the wrong type', async () => {
    expect(await runInvalid(withTop({ version: '1' }))).toContain('version');
  });

  it('missing disks or steps', async () => {
    expect(await runInvalid(withTop({}, ['disks']))).toContain('disks');
    expect(await runInvalid(withTop({}, ['steps']))).toContain('steps');
  });

  it('unknown top-level field', async () => {
    expect(await runInvalid(withTop({ colour: 'blue' }))).toContain('colour');
  });

  it('unknown step field (a typo)', async () => {
    const msg = await runInvalid(scenario(srcTgt(), [createCopy('online'), { do: 'copy', blocks: 1, targte: 'TGT' }]));
    expect(msg).toContain('steps[1]');
    expect(msg).toContain('targte');
  });

  it('unknown disk field', async () => {
    const msg = await runInvalid({
      version: 1,
      disks: [
        { name: 'A', blocks: 1 },
        { name: 'B', blocks: 1, fil: 'index' },
      ],
      steps: [],
    });
    expect(msg).toContain('disks[1]');
    expect(msg).toContain('fil');
  });

  it('unknown step kind', async () => {
    expect(await runInvalid(scenario(srcTgt(), [{ do: 'snapshot' }]))).toContain('steps[0].do');
  });

  it('blockSize not a power of two from 512 to 65536', async () => {
    for (const blockSize of [1000, 131072, 256, 0, 4096.5]) {
      expect(await runInvalid(withTop({ blockSize }))).toContain('blockSize');
    }
  });

  it('accepts blockSize 512 and 65536', async () => {
    await runReport(withTop({ blockSize: 512 }));
    const r = await runReport(scenario([{ name: 'A', blocks: 2 }], [], { blockSize: 65536 }));
    expect(r.disks['A']?.blockSize).toBe(65536);
  });

  it('copyRate 0 or not an integer', async () => {
    expect(await runInvalid(withTop({ copyRate: 0 }))).toContain('copyRate');
    expect(await runInvalid(withTop({ copyRate: 1.5 }))).toContain('copyRate');
  });

  it('block past the end of a disk names the step field and the disk', async () => {
    const msg = await runInvalid(scenario(srcTgt(), [createCopy('online'), write('SRC', 64, 1)]));
    expect(msg).toContain('steps[1].block');
    expect(msg).toContain('SRC');
    expect(await runInvalid(scenario(srcTgt(), [{ do: 'read', disk: 'TGT', block: 70 }]))).toContain('steps[0].block');
    expect(await runInvalid(scenario(srcTgt(), [write('SRC', [1, 64], 1)]))).toContain('steps[0].blocks');
    expect(await runInvalid(scenario(srcTgt(), [{ do: 'failBlock', disk: 'SRC', block: 64 }]))).toContain(
      'steps[0].block',
    );
  });

  it('block past the end of a disk created by a step', async () => {
    const msg = await runInvalid(
      scenario(srcTgt(), [{ do: 'createDisk', name: 'NEW', blocks: 4 }, write('NEW', 4, 1)]),
    );
    expect(msg).toContain('steps[1].block');
    expect(msg).toContain('NEW');
  });

  it('a step naming a disk never declared, or only created later', async () => {
    expect(await runInvalid(scenario(srcTgt(), [write('GHOST', 0, 1)]))).toContain('steps[0].disk');
    const later = scenario(srcTgt(), [write('NEW', 0, 1), { do: 'createDisk', name: 'NEW', blocks: 4 }]);
    expect(await runInvalid(later)).toContain('steps[0].disk');
    const copy = scenario(srcTgt(), [{ do: 'createCopy', source: 'SRC', target: 'NOPE', type: 'online' }]);
    expect(await runInvalid(copy)).toContain('steps[0].target');
  });

  it('duplicate disk name in disks', async () => {
    const dup = scenario([{ name: 'A', blocks: 1 }, { name: 'A', blocks: 2 }], []);
    expect(await runInvalid(dup)).toContain('disks[1]');
  });

  it('duplicate disk name: createDisk of a name already declared', async () => {
    const created = scenario([{ name: 'A', blocks: 1 }], [{ do: 'createDisk', name: 'A', blocks: 1 }]);
    expect(await runInvalid(created)).toContain('steps[0]');
  });

  it('write data longer than a block', async () => {
    const text = scenario(srcTgt(), [{ do: 'write', disk: 'SRC', block: 0, data: { text: 'x'.repeat(513) } }]);
    expect(await runInvalid(text)).toContain('steps[0].data');
    // 257 two-byte characters are 514 UTF-8 bytes
    const utf8 = scenario(srcTgt(), [{ do: 'write', disk: 'SRC', block: 0, data: { text: 'é'.repeat(257) } }]);
    expect(await runInvalid(utf8)).toContain('steps[0].data');
    const hex = scenario(srcTgt(), [{ do: 'write', disk: 'SRC', block: 0, data: { hex: 'ab'.repeat(513) } }]);
    expect(await runInvalid(hex)).toContain('steps[0].data');
  });

  it('write data byte outside 0..255 and fill byte outside 0..255', async () => {
    expect(await runInvalid(scenario(srcTgt(), [write('SRC', 0, 256)]))).toContain('steps[0].data');
    expect(await runInvalid(scenario([{ name: 'A', blocks: 1, fill: { byte: -1 } }], []))).toContain('disks[0].fill');
  });

  it('disk over 1 GiB or with 0 blocks', async () => {
    const big = scenario([{ name: 'A', blocks: 262145 }], [], { blockSize: 4096 });
    expect(await runInvalid(big)).toContain('disks[0].blocks');
    expect(await runInvalid(scenario([{ name: 'A', blocks: 0 }], []))).toContain('disks[0].blocks');
    const step = scenario([{ name: 'A', blocks: 1 }], [{ do: 'createDisk', name: 'B', blocks: 2 ** 21 + 1 }]);
    expect(await runInvalid(step)).toContain('steps[0].blocks');
  });

  it('bad disk names: characters, empty, longer than 30', async () => {
    for (const name of ['S R C', 'a/b', 'ü', '', 'x'.repeat(31)]) {
      expect(await runInvalid(scenario([{ name, blocks: 1 }], []))).toContain('disks[0].name');
    }
  });

  it('accepts a 30-character name of letters, digits, - and _', async () => {
    const name = 'Ab9-_'.repeat(6);
    const r = await runReport(scenario([{ name, blocks: 1 }], []));
    expect(Object.keys(r.disks)).toEqual([name]);
  });

  it('warningPercent 0 or 101, repositoryPercent 30', async () => {
    for (const more of [{ warningPercent: 0 }, { warningPercent: 101 }, { warningPercent: 50.5 }]) {
      expect(await runInvalid(scenario(srcTgt(), [createCopy('online', more)]))).toContain('steps[0].warningPercent');
    }
    const repo = scenario(srcTgt(), [createCopy('online', { repositoryPercent: 30 })]);
    expect(await runInvalid(repo)).toContain('steps[0].repositoryPercent');
  });

  it('accepts warningPercent 1 and 100', async () => {
    await runReport(scenario(srcTgt(), [createCopy('online', { warningPercent: 1 })]));
    await runReport(scenario(srcTgt(), [createCopy('online', { warningPercent: 100 })]));
  });

  it('values outside their sets: type, priority, fullPolicy, state', async () => {
    expect(await runInvalid(scenario(srcTgt(), [createCopy('snapshot')]))).toContain('steps[0].type');
    expect(await runInvalid(scenario(srcTgt(), [createCopy('online', { priority: 'urgent' })]))).toContain(
      'steps[0].priority',
    );
    expect(await runInvalid(scenario(srcTgt(), [createCopy('online', { fullPolicy: 'ignore' })]))).toContain(
      'steps[0].fullPolicy',
    );
    const st = scenario(srcTgt(), [{ do: 'setDiskState', disk: 'SRC', state: 'broken' }]);
    expect(await runInvalid(st)).toContain('steps[0].state');
  });

  it('tick ms -1 and copy blocks 0', async () => {
    expect(await runInvalid(scenario(srcTgt(), [{ do: 'tick', ms: -1 }]))).toContain('steps[0].ms');
    expect(await runInvalid(scenario(srcTgt(), [{ do: 'tick', ms: 2.5 }]))).toContain('steps[0].ms');
    const copy = scenario(srcTgt(), [createCopy('online'), { do: 'copy', blocks: 0 }]);
    expect(await runInvalid(copy)).toContain('steps[1].blocks');
  });

  it('missing required step field', async () => {
    const noType = scenario(srcTgt(), [{ do: 'createCopy', source: 'SRC', target: 'TGT' }]);
    expect(await runInvalid(noType)).toContain('steps[0].type');
  });

  it('text that is not JSON, or JSON that is not an object', async () => {
    const out = await runOutcome('{ "version": 1, ');
    expect(out.exitCode).toBe(2);
    expect((await runOutcome('[1, 2]')).exitCode).toBe(2);
    expect((await runOutcome('')).exitCode).toBe(2);
  });

  it('runs nothing of an invalid file: no report', async () => {
    const out = await runOutcome(scenario(srcTgt(), [createCopy('online'), write('SRC', 99, 1)]));
    expect(out.exitCode).toBe(2);
    expect('report' in out).toBe(false);
  });
});
