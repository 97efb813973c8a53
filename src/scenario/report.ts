/** The report of a run (SCENARIOS.md): step outcomes, final disks, copies and the event log. */
import type { Engine } from '../core/engine.ts';
import type { Outcome } from '../core/outcome.ts';
import type { LabEvent } from '../core/ports.ts';
import type { PairView } from '../core/views.ts';
import type { DiskState } from '../core/vocabulary.ts';

/** The outcome of one step. */
export interface StepReport {
  index: number;
  do: string;
  ok: boolean;
  error?: string;
  message?: string;
  sha256?: string;
}

/** A disk at the end of the run, with one digest per block. */
export interface DiskReport {
  blocks: number;
  blockSize: number;
  state: DiskState;
  sha256: string[];
}

/** A copy pair at the end of the run. */
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
  counters: PairView['counters'];
}

/** The whole report. */
export interface Report {
  version: 1;
  steps: StepReport[];
  disks: Record<string, DiskReport>;
  copies: CopyReport[];
  events: LabEvent[];
}

/** The report line of a step's outcome. */
export function stepReport(index: number, kind: string, outcome: Outcome<unknown>, sha256?: string): StepReport {
  if (!outcome.ok) return { index, do: kind, ok: false, error: outcome.code, message: outcome.message };
  return sha256 === undefined ? { index, do: kind, ok: true } : { index, do: kind, ok: true, sha256 };
}

/** Lowercase hex SHA-256 of some bytes (WebCrypto: the same in Node and the browser). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Digests of every block of every standard disk, in creation order. */
export async function diskReports(engine: Engine): Promise<Record<string, DiskReport>> {
  const disks: Record<string, DiskReport> = {};
  for (const disk of engine.disks().filter((d) => d.role === 'standard')) {
    disks[disk.name] = { blocks: disk.blocks, blockSize: disk.blockSize, state: disk.state, sha256: await blockDigests(engine, disk.name, disk.blocks, disk.blockSize) };
  }
  return disks;
}

const DIGEST_BATCH_BYTES = 4 * 1024 * 1024;

async function blockDigests(engine: Engine, name: string, blocks: number, blockSize: number): Promise<string[]> {
  const digests: string[] = [];
  const batch = Math.max(1, Math.floor(DIGEST_BATCH_BYTES / blockSize));
  for (let first = 0; first < blocks; first += batch) {
    const count = Math.min(batch, blocks - first);
    const read = await engine.readRaw(name, first, count);
    if (!read.ok) throw new Error(`internal: cannot read ${name}: ${read.message}`);
    for (let i = 0; i < count; i++) digests.push(await sha256Hex(read.value.slice(i * blockSize, (i + 1) * blockSize)));
  }
  return digests;
}

/** The report entry of a pair. */
export function copyReport(pair: PairView): CopyReport {
  return {
    source: pair.source,
    target: pair.target,
    type: pair.type,
    status: pair.status,
    priority: pair.priority,
    targetReadOnly: pair.targetReadOnly,
    progress: pair.progress,
    snapshot: pair.snapshot,
    repository: pair.repository && { capacity: pair.repository.capacity, used: pair.repository.used, preserved: pair.repository.preserved },
    counters: pair.counters,
  };
}
