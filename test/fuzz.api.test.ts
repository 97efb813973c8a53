/**
 * Fuzzing the worker's API (issue 5, "bad input everywhere"): sessions of type-correct calls,
 * near misses and calls with arbitrary values against the LabService over an in-memory engine.
 * No call throws or hangs, every answer is an outcome (a frame or null for `frame`), a refusal for
 * a bad value changes nothing (disks, pairs, bytes, driver, workload, events), and the lab still
 * works afterwards.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/core/engine.ts';
import { ERROR_CODES } from '../src/core/vocabulary.ts';
import { MemoryStore } from '../src/storage/memory-store.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { LabService } from '../src/worker/lab-service.ts';
import { nearMissCall, validCall, wildCall, type Call } from './support/api-fuzz.ts';

const HOST_REFUSALS = ['DISK_FAILED', 'TARGET_BUSY', 'WRITE_PROTECTED', 'REPOSITORY_FULL', 'MEDIA_ERROR'];
const counts = { calls: 0, valid: 0, nearMiss: 0, wild: 0, refused: 0 };

async function freshService(): Promise<LabService> {
  const kernel = await loadKernelFromFile();
  const service = new LabService(await Engine.open(kernel, new MemoryStore(kernel)));
  await service.createDisk({ name: 'SRC', blocks: 16, blockSize: 512, fill: { kind: 'index' } });
  await service.createDisk({ name: 'TGT', blocks: 16, blockSize: 512, fill: { kind: 'zero' } });
  await service.createDisk({ name: 'C', blocks: 8, blockSize: 1024, fill: { kind: 'byte', value: 7 } });
  await service.createDisk({ name: 'D', blocks: 16, blockSize: 512, fill: { kind: 'zero' } });
  await service.createDisk({ name: 'E', blocks: 20, blockSize: 512, fill: { kind: 'byte', value: 1 } });
  await service.createCopy({ source: 'SRC', target: 'TGT', type: 'online' });
  return service;
}

/**
 * What a call may not change when refused; `loose` leaves out what a refused host write counts
 * (its pairs' rejected writes and its events, and the pause a "write refused" breakpoint makes).
 * Write samples are measurements, refusals included.
 */
async function snapshot(service: LabService): Promise<{ strict: string; loose: string }> {
  const frame = (await service.frame(-1, -1, -1))!;
  const bytes: Record<string, string> = {};
  for (const disk of frame.disks) {
    const raw = await service.readRaw(disk.name, 0, disk.blocks);
    bytes[disk.name] = raw.ok ? createHash('sha256').update(raw.value).digest('hex') : raw.code;
  }
  const pairs = frame.pairs.map(({ verification: _verification, copied, preserved, written, ...pair }) => ({
    ...pair, copied: [...copied], preserved: preserved && [...preserved], written: [...written],
  }));
  const base = { timeMs: frame.timeMs, disks: frame.disks, bytes, driver: frame.driver, workload: frame.workload };
  // A "write refused" breakpoint pauses the copier and the workload on purpose when a write is refused.
  const pausesOnRefusal = frame.breakpoints.list.some((b) => b.kind === 'writeRefused');
  const hostSide = pausesOnRefusal
    ? { driver: { ...frame.driver, running: undefined }, workload: { ...frame.workload, running: undefined }, breakpoints: frame.breakpoints.list }
    : { breakpoints: frame.breakpoints };
  const loose = JSON.stringify({ ...base, ...hostSide, pairs: pairs.map(({ counters: { rejectedWrites: _r, ...counters }, ...pair }) => ({ ...pair, counters })) });
  return { strict: JSON.stringify({ ...base, breakpoints: frame.breakpoints, pairs, event: frame.events.at(-1)?.seq }), loose };
}

/** Calls the service by name as comlink would, failing on a throw or a call that does not settle in 5 s. */
async function invoke(service: LabService, call: Call): Promise<unknown> {
  counts.calls++;
  const method = (service as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call.method]!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${call.method} did not settle`)), 5000)));
  try {
    return await Promise.race([method.apply(service, call.args), hang]);
  } finally {
    clearTimeout(timer);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A problem with the answer's shape, or null: an outcome (a frame or null for `frame`) with a short message. */
function shapeProblem(method: string, answer: unknown): string | null {
  if (method === 'frame') return answer === null || (isObject(answer) && Array.isArray(answer['disks'])) ? null : 'not a frame';
  // A question that changes nothing: extra arguments are ignored, the timeline is the answer.
  if (method === 'timeline') return isObject(answer) && Array.isArray(answer['entries']) ? null : 'not a timeline';
  if (!isObject(answer)) return 'not an object';
  if (method === 'write' && typeof answer['latencyMs'] !== 'number') return 'a write result without latencyMs';
  if (answer['ok'] === true) return 'value' in answer ? null : 'a success without a value';
  if (answer['ok'] !== false || !(ERROR_CODES as readonly unknown[]).includes(answer['code'])) return 'neither a success nor a refusal';
  const message = answer['message'];
  return typeof message === 'string' && message.length > 0 && message.length <= 600 ? null : 'a refusal without a short message';
}

/** Runs one call and checks every property; returns a description of the first broken one, or null. */
async function check(service: LabService, call: Call & { kind: keyof typeof counts }): Promise<string | null> {
  counts[call.kind]++;
  const before = await snapshot(service);
  const answer = await invoke(service, call);
  const shape = shapeProblem(call.method, answer);
  if (shape) return `${call.method}: ${shape}`;
  const refusal = isObject(answer) && answer['ok'] === false ? (answer as { code: string; message: string }) : null;
  if (call.names !== undefined) {
    if (call.method === 'frame') return answer === null ? null : 'frame answered a bad question';
    if (call.method === 'timeline') return null;
    if (refusal?.code !== 'INVALID_ARGUMENT') return `${call.method}: a bad ${call.names} was not refused as INVALID_ARGUMENT`;
    const next = refusal.message.slice(call.names.length, call.names.length + 1);
    if (!refusal.message.startsWith(call.names) || !':.['.includes(next) || !next) return `${call.method}: "${refusal.message}" does not name ${call.names} first`;
  }
  if (!refusal) return null;
  counts.refused++;
  const after = await snapshot(service);
  const loose = call.method === 'write' && HOST_REFUSALS.includes(refusal.code);
  const changed = loose ? after.loose !== before.loose : after.strict !== before.strict;
  return changed ? `${call.method} was refused (${refusal.code}: ${refusal.message}) but changed the lab` : null;
}

const step = fc.oneof(
  { weight: 3, arbitrary: validCall.map((c) => ({ ...c, kind: 'valid' as const })) },
  { weight: 4, arbitrary: nearMissCall.map((c) => ({ ...c, kind: 'nearMiss' as const })) },
  { weight: 2, arbitrary: wildCall.map((c) => ({ ...c, kind: 'wild' as const })) },
);

/** After any session: a fresh pair of disks takes a write and an online copy that verifies equal. */
async function stillWorks(service: LabService): Promise<void> {
  expect((await service.travel(null)).ok).toBe(true);
  expect((await service.resetLab()).ok).toBe(true);
  expect((await service.createDisk({ name: 'X', blocks: 8, blockSize: 512, fill: { kind: 'index' } })).ok).toBe(true);
  expect((await service.createDisk({ name: 'Y', blocks: 8, blockSize: 512, fill: { kind: 'zero' } })).ok).toBe(true);
  expect((await service.write('X', [2, 5], new Uint8Array(512).fill(9))).ok).toBe(true);
  expect((await service.createCopy({ source: 'X', target: 'Y', type: 'online' })).ok).toBe(true);
  expect((await service.write('X', [5], new Uint8Array(512).fill(10))).ok).toBe(true);
  expect((await service.run()).ok).toBe(true);
  const target = await service.readRaw('Y', 5, 1);
  expect(target.ok && target.value[0]).toBe(9);
  const verified = await service.verify('Y');
  expect(verified.ok && verified.value.state).toBe('equal');
}

describe('the worker API under fuzzing', () => {
  it('answers every call with an outcome, refuses bad values naming the argument, changes nothing when refusing, and keeps working', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 50, maxLength: 80 }), async (calls) => {
        const service = await freshService();
        for (const call of calls) {
          const problem = await check(service, call);
          if (problem) throw new Error(problem);
        }
        service.workload.halt();
        await stillWorks(service);
      }),
      { numRuns: 170 },
    );
  }, 40_000);

  it('refuses, naming the argument and changing nothing, the values that once got through or crashed the worker', async () => {
    const service = await freshService();
    const zero = { kind: 'zero' };
    const once: Call[] = [
      { method: 'createDisk', args: [{ name: 'X', blocks: 4, blockSize: 512, fill: zero, id: 1, role: 'repository' }], names: 'spec' },
      { method: 'createDisk', args: [{ name: ['X'], blocks: 4, blockSize: 512, fill: zero }], names: 'spec.name' },
      { method: 'createDisk', args: [{ name: 'X', blocks: 4, blockSize: 512, fill: { kind: 'weird' } }], names: 'spec.fill' },
      { method: 'createDisk', args: [null], names: 'spec' },
      { method: 'createCopy', args: [{ source: 'SRC', target: 'D', type: 'offline', targetReadOnly: 'no' }], names: 'spec.targetReadOnly' },
      { method: 'setTargetReadOnly', args: ['TGT', 1], names: 'value' },
      { method: 'recopy', args: ['TGT', null], names: 'options' },
      { method: 'setDriver', args: [{ running: 'yes', copyRate: 1e300 }], names: 'change' },
      { method: 'setDriver', args: [{ speed: undefined }], names: 'change.speed' },
      { method: 'setWorkload', args: [{ disk: 5 }], names: 'change.disk' },
      { method: 'tick', args: [1e300], names: 'ms' },
      { method: 'write', args: ['SRC', new Array(100_000).fill(1), new Uint8Array(512)], names: 'blocks' },
      { method: 'write', args: ['SRC', { length: 1 }, new Uint8Array(512)], names: 'blocks' },
      { method: 'loadContent', args: ['D', new Array(512).fill(0)], names: 'bytes' },
      { method: 'read', args: [Object.create(null), 0], names: 'disk' },
      { method: 'deleteDisk', args: ['<script>alert(1)</script>'.repeat(100_000)], names: 'name' },
      { method: 'frame', args: [0, -2], names: 'sinceEventSeq' },
    ];
    for (const call of once) expect(await check(service, { ...call, kind: 'nearMiss' })).toBeNull();
  });

  it('has made at least 10,000 calls, most of them invalid', () => {
    console.log(`API fuzz: ${JSON.stringify(counts)}`);
    expect(counts.calls).toBeGreaterThanOrEqual(10_000);
    expect(counts.nearMiss + counts.wild).toBeGreaterThan(counts.valid);
  });
});
