/**
 * What one operation changed, collected while the core applies it, so that the engine can make it
 * durable in one store commit: block operations, events and the records that became dirty.
 */
import type { BlockOp, LabEvent } from './ports.ts';
import type { ArrayState } from './state.ts';
import type { EventType } from './vocabulary.ts';

/** The per-block bitmaps of a pair that are stored in chunks. */
export type PairBitmap = 'copied' | 'written';

/** The fields an event may carry besides seq, time and type. */
export type EventFields = Omit<LabEvent, 'seq' | 'timeMs' | 'type'>;

/** Collector of one operation's changes. */
export class Effects {
  readonly ops: BlockOp[] = [];
  readonly events: LabEvent[] = [];
  readonly dirtyDisks = new Set<number>();
  readonly deletedDisks = new Set<number>();
  readonly dirtyPairs = new Set<number>();
  readonly deletedPairs = new Set<number>();
  /** `<pair id>/<bitmap>` → indexes of that bitmap's stored chunks that changed. */
  readonly dirtyChunks = new Map<string, Set<number>>();
  /** Pairs whose copied and written bitmaps were cleared as a whole (recopy). */
  readonly resetCopied = new Set<number>();
  /** Pairs whose repository map was emptied (recopy). */
  readonly resetSlots = new Set<number>();
  /** New repository map entries: [pair id, slot, block]. */
  readonly newSlots: Array<[number, number, number]> = [];
  arrayDirty = false;

  constructor(private readonly state: ArrayState) {}

  /** Appends an event stamped with the next sequence number and the simulated time. */
  emit(type: EventType, fields: EventFields = {}): void {
    const seq = this.state.nextEventSeq++;
    this.events.push({ seq, timeMs: this.state.timeMs, type, ...fields });
    this.arrayDirty = true;
  }

  /** Appends a block operation, merging a copy that continues the previous one. */
  op(op: BlockOp): void {
    const last = this.ops[this.ops.length - 1];
    if (op.kind === 'copy' && last?.kind === 'copy' && continues(last, op)) {
      last.count += op.count;
      return;
    }
    this.ops.push(op);
  }

  /** Marks the stored chunk holding `block` of a pair's copied or written bitmap as changed. */
  touchChunk(pairId: number, bitmap: PairBitmap, block: number, chunkBits: number): void {
    const key = `${pairId}/${bitmap}`;
    let set = this.dirtyChunks.get(key);
    if (!set) this.dirtyChunks.set(key, (set = new Set()));
    set.add(Math.floor(block / chunkBits));
  }
}

function continues(a: Extract<BlockOp, { kind: 'copy' }>, b: Extract<BlockOp, { kind: 'copy' }>): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.fromBlock + a.count === b.fromBlock &&
    a.toBlock + a.count === b.toBlock &&
    a.from !== a.to
  );
}
