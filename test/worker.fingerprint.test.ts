/**
 * A point in time and its fingerprint are one commit: a crash can never leave a recopied (or new)
 * pair with the fingerprint of an older point in time, which would mark a correct copy as torn.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { crashableMemoryStore } from './support/faulty-store.ts';

const block = (byte: number): Uint8Array => new Uint8Array(512).fill(byte);

/** Runs a session that recopies after a write, crashing at store operation `at`; returns the verification after reopening. */
async function verifyAfterCrashAt(at: number): Promise<string> {
  const kernel = await loadKernelFromFile();
  const { store, reopen } = crashableMemoryStore(kernel, { at, mode: 'before' });
  const lab = new LabService(await Engine.open(kernel, store), [], { running: false });
  const steps = [
    () => lab.createDisk({ name: 'SRC', blocks: 8, blockSize: 512, fill: { kind: 'index' } }),
    () => lab.createDisk({ name: 'TGT', blocks: 8, blockSize: 512, fill: { kind: 'zero' } }),
    () => lab.createCopy({ source: 'SRC', target: 'TGT', type: 'online' }),
    () => lab.run(),
    () => lab.write('SRC', [3], block(200)),
    () => lab.recopy('TGT'),
  ];
  for (const step of steps) await step().catch(() => undefined);
  const again = new LabService(await Engine.open(kernel, await reopen()), [], { running: false });
  const pair = (await again.frame(-1, -1, -1))?.pairs[0];
  if (!pair) return 'no pair';
  if (pair.status !== 'Completed') await again.run();
  const verified = await again.verify('TGT');
  return verified.ok ? verified.value.state : verified.code;
}

describe('a point in time and its fingerprint', () => {
  it('are stored together: after a crash at any store operation a correct copy never verifies as torn', async () => {
    for (let at = 0; at < 30; at++) {
      const result = await verifyAfterCrashAt(at);
      expect([`equal`, 'no pair'], `crash at operation ${at}`).toContain(result);
    }
  });
});
