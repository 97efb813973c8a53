/**
 * The durable form of the array: which records one operation's effects put and delete, and how a
 * stored state becomes an in-memory one again. Keys: `array`, `pair/<id>`, `pair/<id>/copied/<chunk>`
 * and `pair/<id>/written/<chunk>` (4 KiB of a bitmap), `pair/<id>/slot/<slot>` (the preserved block of a repository slot).
 */
import { CHUNK_BITS, type Ctx } from './context.ts';
import type { Effects, PairBitmap } from './effects.ts';
import type { Kernel, StoreCommit, StoredState } from './ports.ts';
import { decodeArray, decodePair, encodePair, type ArrayRecord } from './records.ts';
import { diskFromRecord, diskToRecord, emptyArrayState, type ArrayState, type Pair } from './state.ts';

const pad = (n: number): string => String(n).padStart(10, '0');
/** Key of a pair's own record; also the prefix of its chunks and slots. */
export const pairKey = (id: number): string => `pair/${pad(id)}`;
const bitmapPrefix = (id: number, bitmap: PairBitmap): string => `${pairKey(id)}/${bitmap}/`;
const slotPrefix = (id: number): string => `${pairKey(id)}/slot/`;

/** The store commit that makes an operation's effects durable. */
export function toCommit(ctx: Pick<Ctx, 'state' | 'kernel'>, fx: Effects): StoreCommit {
  const { state, kernel } = ctx;
  const putRecords: Array<[string, unknown]> = [];
  const deletePrefixes = [...fx.deletedPairs].map(pairKey);
  for (const id of fx.resetCopied) deletePrefixes.push(bitmapPrefix(id, 'copied'), bitmapPrefix(id, 'written'));
  for (const id of fx.resetSlots) deletePrefixes.push(slotPrefix(id));
  if (fx.arrayDirty || fx.dirtyDisks.size || fx.dirtyPairs.size) putRecords.push(['array', arrayRecord(state)]);
  for (const id of fx.dirtyPairs) {
    const pair = state.pairs.get(id);
    if (pair) putRecords.push([pairKey(id), encodePair(pair)]);
  }
  for (const [key, chunks] of fx.dirtyChunks) {
    const [id, bitmap] = key.split('/') as [string, PairBitmap];
    const pair = state.pairs.get(Number(id));
    if (pair) putRecords.push(...chunkRecords(kernel, pair, bitmap, chunks));
  }
  for (const [id, slot, block] of fx.newSlots) {
    if (state.pairs.has(id)) putRecords.push([`${slotPrefix(id)}${pad(slot)}`, block]);
  }
  return {
    putDisks: [...fx.dirtyDisks].flatMap((id) => {
      const disk = state.disks.get(id);
      return disk ? [diskToRecord(disk)] : [];
    }),
    deleteDisks: [...fx.deletedDisks],
    deletePrefixes,
    putRecords,
    ops: fx.ops,
    events: fx.events,
  };
}

function arrayRecord(state: ArrayState): ArrayRecord {
  const { nextDiskId, nextPairId, nextQueueSeq, nextEventSeq, timeMs } = state;
  return { schema: 1, nextDiskId, nextPairId, nextQueueSeq, nextEventSeq, timeMs };
}

function chunkRecords(kernel: Kernel, pair: Pair, bitmap: PairBitmap, chunks: Set<number>): Array<[string, unknown]> {
  const bytes = kernel.exportBitmap(pair[bitmap]);
  const chunkBytes = CHUNK_BITS / 8;
  return [...chunks].map((chunk) => [
    `${bitmapPrefix(pair.id, bitmap)}${pad(chunk)}`,
    bytes.slice(chunk * chunkBytes, (chunk + 1) * chunkBytes),
  ]);
}

/** The in-memory state of a stored one; bitmaps are rebuilt in `kernel`. */
export function fromStored(kernel: Kernel, stored: StoredState): ArrayState {
  const state = emptyArrayState();
  for (const record of stored.disks) {
    const disk = diskFromRecord(record);
    state.disks.set(disk.id, disk);
    state.diskIdByName.set(disk.name, disk.id);
  }
  const records = new Map(stored.records);
  const meta = records.get('array');
  if (meta !== undefined) Object.assign(state, decodeArray(meta));
  for (const [key, value] of stored.records) {
    if (/^pair\/\d+$/.test(key)) {
      const pair = decodePair(kernel, value);
      state.pairs.set(pair.id, pair);
    }
  }
  const bitmapBytes = new Map<string, Uint8Array>();
  for (const [key, value] of stored.records) restorePart(kernel, state, bitmapBytes, key, value);
  for (const [key, bytes] of bitmapBytes) {
    const [id, bitmap] = key.split('/') as [string, PairBitmap];
    kernel.importBitmap(state.pairs.get(Number(id))![bitmap], bytes);
  }
  return state;
}

function restorePart(kernel: Kernel, state: ArrayState, bitmaps: Map<string, Uint8Array>, key: string, value: unknown): void {
  const match = /^pair\/(\d+)\/(copied|written|slot)\/(\d+)$/.exec(key);
  if (!match) return;
  const pair = state.pairs.get(Number(match[1]));
  if (!pair) return;
  const index = Number(match[3]);
  if ((match[2] === 'copied' || match[2] === 'written') && value instanceof Uint8Array) {
    const key = `${pair.id}/${match[2]}`;
    const whole = bitmaps.get(key) ?? new Uint8Array(Math.ceil(pair.total / 8));
    bitmaps.set(key, whole);
    whole.set(value.subarray(0, Math.max(0, whole.length - index * (CHUNK_BITS / 8))), index * (CHUNK_BITS / 8));
  }
  if (match[2] === 'slot' && typeof value === 'number' && pair.repository) {
    const repo = pair.repository;
    repo.blockOfSlot[index] = value;
    repo.slotOfBlock.set(value, index);
    kernel.setRange(repo.preserved, value, value + 1);
  }
}
