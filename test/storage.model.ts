/**
 * Test helpers for the block stores: disk and event factories, the expected fill written out
 * independently of extent-layout.ts, a snapshot of everything a store shows, and a trivial model
 * (a Map of block -> bytes) that the property test compares the stores with.
 */
import type { BlockOp, BlockStore, DiskRecord, LabEvent, StoreCommit } from '../src/core/ports.ts';
import type { Fill } from '../src/core/vocabulary.ts';

/** A standard, optimal disk record. */
export function disk(id: number, blocks: number, blockSize: number, fill: Fill = { kind: 'zero' }): DiskRecord {
  return { id, name: `disk${id}`, role: 'standard', blocks, blockSize, fill, state: 'optimal', unreadable: [] };
}

/** An event with the given seq. */
export function event(seq: number): LabEvent {
  return { seq, timeMs: seq * 10, type: 'COPY_ON_WRITE', disk: 'a', block: seq };
}

/** A block of `size` bytes whose content depends on `seed` (never equal to a fill for seed > 0). */
export function pattern(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (seed * 31 + i * 7 + 1) & 0xff;
  return bytes;
}

/** What block `block` reads as before it is written, from the Fill definition alone. */
export function expectedFill(fill: Fill, block: number, blockSize: number): Uint8Array {
  const value = fill.kind === 'zero' ? 0 : fill.kind === 'index' ? block % 256 : fill.value;
  return new Uint8Array(blockSize).fill(value);
}

/** Concatenation of byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Compares bytes quickly (deep equality on large typed arrays is slow) and names the first difference. */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): string {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  const at = Buffer.compare(actual, expected) === 0 ? -1 : actual.findIndex((b, i) => b !== expected[i]);
  return at < 0 ? 'same' : `byte ${at} is ${actual[at]}, expected ${expected[at]}`;
}

/** Everything a store shows: load(), every block of every disk, and all events. */
export async function snapshot(store: BlockStore): Promise<unknown> {
  const state = await store.load();
  const blocks: Record<number, number[]> = {};
  for (const d of state.disks) blocks[d.id] = Array.from(await store.readBlocks(d.id, 0, d.blocks));
  return { state, blocks, events: await store.readEvents(-1, 1_000_000) };
}

interface ModelDisk {
  record: DiskRecord;
  blocks: Uint8Array[];
}

/** The stores' contract in the plainest form; `apply` throws where a store must reject. */
export class StoreModel {
  readonly disks = new Map<number, ModelDisk>();
  readonly records = new Map<string, unknown>();
  readonly events: LabEvent[] = [];

  /** Applies a commit to a copy and swaps it in only when every part succeeded. */
  apply(commit: StoreCommit): void {
    const next = this.copy();
    next.applyInPlace(commit);
    this.disks.clear();
    for (const [id, d] of next.disks) this.disks.set(id, d);
    this.records.clear();
    for (const [k, v] of next.records) this.records.set(k, v);
    this.events.splice(0, this.events.length, ...next.events);
  }

  /** Every block of a disk, concatenated. */
  read(id: number): Uint8Array {
    return concat(this.disks.get(id)?.blocks ?? []);
  }

  /** The StoredState a store must load. */
  state(): unknown {
    const disks = [...this.disks.values()].map((d) => d.record).sort((a, b) => a.id - b.id);
    const records = [...this.records.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { disks, records, lastEventSeq: this.events.at(-1)?.seq ?? -1 };
  }

  private copy(): StoreModel {
    const next = new StoreModel();
    for (const [id, d] of this.disks) next.disks.set(id, { record: d.record, blocks: d.blocks.map((b) => b.slice()) });
    for (const [k, v] of this.records) next.records.set(k, v);
    next.events.push(...this.events);
    return next;
  }

  private applyInPlace(commit: StoreCommit): void {
    for (const record of commit.putDisks ?? []) {
      const old = this.disks.get(record.id);
      const blocks = old?.blocks ?? Array.from({ length: record.blocks }, (_, i) => expectedFill(record.fill, i, record.blockSize));
      this.disks.set(record.id, { record: structuredClone(record), blocks });
    }
    for (const prefix of commit.deletePrefixes ?? []) {
      for (const key of [...this.records.keys()]) if (key.startsWith(prefix)) this.records.delete(key);
    }
    for (const [key, value] of commit.putRecords ?? []) this.records.set(key, structuredClone(value));
    for (const op of commit.ops ?? []) this.applyOp(op);
    for (const id of commit.deleteDisks ?? []) if (!this.disks.delete(id)) throw new Error(`unknown disk ${id}`);
    for (const e of commit.events ?? []) {
      if (e.seq <= (this.events.at(-1)?.seq ?? -1)) throw new Error('seq must grow');
      this.events.push(structuredClone(e));
    }
  }

  private applyOp(op: BlockOp): void {
    if (op.kind === 'write') {
      const blocks = this.blocksOf(op.disk);
      if (op.block < 0 || op.block >= blocks.length || op.data.length !== blocks[0]!.length) throw new Error('bad write');
      blocks[op.block] = op.data.slice();
      return;
    }
    const src = this.blocksOf(op.from);
    const dst = this.blocksOf(op.to);
    if (op.fromBlock + op.count > src.length || op.toBlock + op.count > dst.length) throw new Error('bad copy');
    // Read every source block first: an overlapping copy behaves like memmove.
    const moved = src.slice(op.fromBlock, op.fromBlock + op.count).map((b) => b.slice());
    moved.forEach((b, i) => (dst[op.toBlock + i] = b));
  }

  private blocksOf(id: number): Uint8Array[] {
    const d = this.disks.get(id);
    if (d === undefined) throw new Error(`unknown disk ${id}`);
    return d.blocks;
  }
}
