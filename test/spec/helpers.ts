/** Helpers for the specification tests: scenario building, running, report lookup and digests. */
import { createHash } from 'node:crypto';
import { runScenarioText } from '../../src/cli/run-text.ts';

export interface StepResult {
  index: number;
  do: string;
  ok: boolean;
  error?: string;
  message?: string;
  sha256?: string;
}

export interface DiskReport {
  blocks: number;
  blockSize: number;
  state: string;
  sha256: string[];
}

export interface CopyReport {
  source: string;
  target: string;
  type: string;
  status: string;
  priority: string;
  targetReadOnly: boolean;
  progress: { copied: number; total: number };
  snapshot: { state: string } | null;
  repository: { capacity: number; used: number; preserved: number[] } | null;
  counters: {
    hostWrites: number;
    hostWriteIos: number;
    copyOnWrites: number;
    copyBeforeWrites: number;
    rejectedWrites: number;
  };
}

export interface EventReport {
  seq: number;
  timeMs: number;
  type: string;
  target?: string;
  block?: number;
  reason?: string;
}

export interface Report {
  version: number;
  steps: StepResult[];
  disks: Record<string, DiskReport>;
  copies: CopyReport[];
  events: EventReport[];
}

export type Outcome =
  | { exitCode: 0; report: Report }
  | { exitCode: 2; message: string }
  | { exitCode: 1; message: string };

export type Step = { do: string } & Record<string, unknown>;
export type Fill = 'zero' | 'index' | { byte: number };
export interface DiskDecl {
  name: string;
  blocks: number;
  fill?: Fill;
}
export type Scenario = Record<string, unknown>;

/** A version-1 scenario with blockSize 512 and copyRate 100 unless `extra` overrides them. */
export function scenario(disks: DiskDecl[], steps: Step[], extra: Record<string, unknown> = {}): Scenario {
  return { version: 1, name: 'spec test', blockSize: 512, copyRate: 100, disks, steps, ...extra };
}

/** The usual pair of disks: SRC filled with its block index, TGT zero, both `blocks` long. */
export function srcTgt(blocks = 64): DiskDecl[] {
  return [
    { name: 'SRC', blocks, fill: 'index' },
    { name: 'TGT', blocks },
  ];
}

export async function runOutcome(s: Scenario | string): Promise<Outcome> {
  const text = typeof s === 'string' ? s : JSON.stringify(s);
  return (await runScenarioText(text)) as unknown as Outcome;
}

/** Runs a scenario that must be valid and returns its report. */
export async function runReport(s: Scenario): Promise<Report> {
  const out = await runOutcome(s);
  if (out.exitCode !== 0) {
    throw new Error(`expected exit 0, got ${out.exitCode}: ${out.message}`);
  }
  return out.report;
}

/** Runs a scenario that must be invalid (exit 2) and returns its message. */
export async function runInvalid(s: Scenario | string): Promise<string> {
  const out = await runOutcome(s);
  if (out.exitCode !== 2) {
    throw new Error(`expected exit 2, got ${out.exitCode}`);
  }
  return out.message;
}

export function stepAt(r: Report, index: number): StepResult {
  const found = r.steps.find((st) => st.index === index);
  if (found === undefined) throw new Error(`no step result with index ${index}`);
  return found;
}

/** The error code of step `index`, or 'ok' when it succeeded. */
export function outcomeOf(r: Report, index: number): string {
  const st = stepAt(r, index);
  return st.ok ? 'ok' : (st.error ?? 'error without code');
}

export function pair(r: Report, target = 'TGT'): CopyReport {
  const found = r.copies.find((c) => c.target === target);
  if (found === undefined) throw new Error(`no copy with target ${target}`);
  return found;
}

export function eventsOf(r: Report, type: string, target?: string): EventReport[] {
  return r.events.filter((e) => e.type === type && (target === undefined || e.target === target));
}

export function disk(r: Report, name: string): DiskReport {
  const found = r.disks[name];
  if (found === undefined) throw new Error(`no disk ${name} in report`);
  return found;
}

export function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Digest of a block whose every byte is `byte`. */
export function byteDigest(byte: number, blockSize = 512): string {
  return sha(new Uint8Array(blockSize).fill(byte));
}

/** Digest of block `i` of an index-filled disk (every byte is i mod 256). */
export function indexDigest(i: number, blockSize = 512): string {
  return byteDigest(i % 256, blockSize);
}

/** Digests of blocks 0..n-1 of an index-filled disk. */
export function indexDigests(n: number, blockSize = 512): string[] {
  return Array.from({ length: n }, (_, i) => indexDigest(i, blockSize));
}

/** Digest of a block holding `text` as UTF-8, zero-padded. */
export function textDigest(text: string, blockSize = 512): string {
  const block = new Uint8Array(blockSize);
  block.set(new TextEncoder().encode(text));
  return sha(block);
}

/** Digest of a block holding the bytes of `hex`, zero-padded. */
export function hexDigest(hex: string, blockSize = 512): string {
  const block = new Uint8Array(blockSize);
  block.set(Buffer.from(hex, 'hex'));
  return sha(block);
}

/** A write step of `{ byte }` data to one block or several. */
export function write(diskName: string, block: number | number[], byte: number): Step {
  return Array.isArray(block)
    ? { do: 'write', disk: diskName, blocks: block, data: { byte } }
    : { do: 'write', disk: diskName, block, data: { byte } };
}

export function read(diskName: string, block: number): Step {
  return { do: 'read', disk: diskName, block };
}

export function createCopy(type: string, more: Record<string, unknown> = {}): Step {
  return { do: 'createCopy', source: 'SRC', target: 'TGT', type, ...more };
}
