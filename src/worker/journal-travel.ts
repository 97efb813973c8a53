/**
 * Time travel: the journal's prefix replayed into a separate engine over a MemoryStore with the
 * live engine's kernel. Replays restart from the nearest checkpoint (a copy of the replay store
 * taken every CHECKPOINT_EVERY entries, kept in memory), never from a copy per step; stepping
 * forward continues the replay under way.
 */
import { Engine } from '../core/engine.ts';
import type { BlockOp, DiskRecord, Kernel, LabEvent, StoreCommit } from '../core/ports.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { fromBase64 } from './journal-data.ts';
import { engineTarget, performStep, type StepTarget } from './journal-replay.ts';
import { Verifier } from './verifier.ts';
import type { JournalBase, JournalEntry } from './journal-types.ts';

/** Entries between two checkpoints of the replay at first; doubled whenever more than MAX_CHECKPOINTS would be kept. */
export const CHECKPOINT_EVERY = 32;
/** Checkpoints kept at most: each holds the disks' written blocks, so a long session must not keep one per 32 steps. */
const MAX_CHECKPOINTS = 16;
const KEEP_EVENTS = 500;

/** A copy of the replay store after `position` entries. */
interface Checkpoint {
  position: number;
  rate: number;
  commit: StoreCommit;
  events: LabEvent[];
}

/** The past of one journal. */
export interface Past {
  base: JournalBase;
  entries: readonly JournalEntry[];
  /** The stored value of an attachment of the live array (loaded contents). */
  attachment(key: string): unknown;
}

/** A replay engine positioned somewhere in the journal. */
export interface Replay {
  engine: Engine;
  store: MemoryStore;
  position: number;
  events: LabEvent[];
  /** Point-in-time fingerprints of the replay, so that the past shows its copies' verifications. */
  verifier: Verifier;
}

/** Replays a journal's prefixes. */
export class TimeMachine {
  private readonly checkpoints = new Map<number, Checkpoint>();
  private current: Replay | null = null;
  private every = CHECKPOINT_EVERY;

  constructor(private readonly kernel: Kernel) {}

  /** Forgets checkpoints and the replay past entry `index` (the entry changed, e.g. merged). */
  changedFrom(index: number): void {
    for (const position of [...this.checkpoints.keys()]) if (position > index) this.checkpoints.delete(position);
    if (this.current && this.current.position > index) this.drop();
  }

  /** Forgets everything (a new journal). */
  clear(): void {
    this.checkpoints.clear();
    this.every = CHECKPOINT_EVERY;
    this.drop();
  }

  /** The state after `position` entries of `past`. */
  async at(past: Past, position: number): Promise<Replay> {
    const from = this.nearest(position);
    if (!this.current || this.current.position > position || this.current.position < (from?.position ?? 0)) {
      this.drop();
      this.current = await this.open(past, from);
    }
    const replay = this.current;
    const lab = replayTarget(replay);
    const bytesOf = (key: string): Uint8Array | undefined => {
      const stored = past.attachment(key);
      return typeof stored === 'string' ? fromBase64(stored) : undefined;
    };
    while (replay.position < position) {
      await performStep(lab, past.entries[replay.position]!.step, bytesOf);
      replay.position++;
      // The last entry may still merge with the next one, so no checkpoint covers it.
      if (replay.position % this.every === 0 && replay.position < past.entries.length && !this.checkpoints.has(replay.position)) {
        this.checkpoints.set(replay.position, await this.checkpoint(replay));
        this.thin();
      }
    }
    return replay;
  }

  /** Keeps every other checkpoint (at twice the interval) once there are too many. */
  private thin(): void {
    while (this.checkpoints.size > MAX_CHECKPOINTS) {
      this.every *= 2;
      for (const position of [...this.checkpoints.keys()]) if (position % this.every !== 0) this.checkpoints.delete(position);
    }
  }

  private nearest(position: number): Checkpoint | undefined {
    let best: Checkpoint | undefined;
    for (const checkpoint of this.checkpoints.values()) {
      if (checkpoint.position <= position && (!best || checkpoint.position > best.position)) best = checkpoint;
    }
    return best;
  }

  private async open(past: Past, from: Checkpoint | undefined): Promise<Replay> {
    const store = new MemoryStore(this.kernel);
    const seed: StoreCommit = from ? structuredClone(from.commit) : { putRecords: [['array', { schema: 1, ...past.base.clock }]] };
    await store.commit(seed);
    const engine = await Engine.open(this.kernel, store, { copyRate: from ? from.rate : past.base.copyRate });
    const replay: Replay = { engine, store, position: from?.position ?? 0, events: [...(from?.events ?? [])], verifier: new Verifier(engine) };
    engine.onEvents((events) => {
      replay.events.push(...events);
      if (replay.events.length > 2 * KEEP_EVENTS) replay.events.splice(0, replay.events.length - KEEP_EVENTS);
    });
    return replay;
  }

  private async checkpoint(replay: Replay): Promise<Checkpoint> {
    const stored = await replay.store.load();
    const ops: BlockOp[] = [];
    for (const disk of stored.disks) ops.push(...(await blockWrites(replay.store, disk)));
    return {
      position: replay.position,
      rate: replay.engine.copyRate,
      commit: { putDisks: stored.disks, putRecords: stored.records, ops, events: replay.events.slice(-KEEP_EVENTS) },
      events: replay.events.slice(-KEEP_EVENTS),
    };
  }

  /** Drops the replay; its bitmaps live in the live lab's kernel, so they are freed, not left behind. */
  private drop(): void {
    const dropped = this.current;
    this.current = null;
    if (dropped) void dropped.engine.release().then(() => dropped.store.close());
  }
}

/** The replay engine as a step target that keeps point-in-time fingerprints as the live lab does (lab-service.ts). */
function replayTarget({ engine, verifier }: Replay): StepTarget {
  const named = (target: string | undefined): string | undefined => target ?? (engine.pairs().length === 1 ? engine.pairs()[0]!.target : undefined);
  return {
    ...engineTarget(engine),
    createCopy: async (spec) => engine.createCopy(spec, await verifier.fingerprint(spec.source, spec.target)),
    recopy: async (target, options) => {
      const name = named(target);
      const source = engine.pairs().find((p) => p.target === name)?.source;
      return engine.recopy(target, options, await verifier.fingerprint(source, name));
    },
    removeCopy: (target) => engine.removeCopy(target, verifier.dropping(named(target))),
  };
}

/** Writes of every block of a disk that differs from its fill (the rest reads as the fill anyway). */
async function blockWrites(store: MemoryStore, disk: DiskRecord): Promise<BlockOp[]> {
  const bytes = await store.readBlocks(disk.id, 0, disk.blocks);
  const size = disk.blockSize;
  const ops: BlockOp[] = [];
  for (let block = 0; block < disk.blocks; block++) {
    const data = bytes.slice(block * size, (block + 1) * size);
    if (!isFill(data, disk, block)) ops.push({ kind: 'write', disk: disk.id, block, data });
  }
  return ops;
}

function isFill(data: Uint8Array, disk: DiskRecord, block: number): boolean {
  const value = disk.fill.kind === 'zero' ? 0 : disk.fill.kind === 'index' ? block & 255 : disk.fill.value;
  return data.every((b) => b === value);
}
