/**
 * The answer to "follow one block": the tracker's record of the block combined with what the
 * array holds now (the repository map, the copied and written bitmaps, the point-in-time
 * fingerprint, the bytes on the disks), so that the facts are exact even for what happened
 * before the worker started (then only their times are unknown).
 */
import type { Engine } from '../core/engine.ts';
import { ok, refuse, type Outcome } from '../core/outcome.ts';
import type { PairView } from '../core/views.ts';
import type { BlockContents, BlockHistory } from './block-history-types.ts';
import type { BlockTracker, PairLog } from './block-history.ts';

/** The attachment key of a pair's point-in-time fingerprint (kept by verifier.ts). */
const fingerprintKey = (target: string): string => `pit/${target}`;
const TEXT_CHARS = 24;
const FIRST_BYTES = 8;

/** A short description of a block's bytes. */
export function describeBlock(bytes: Uint8Array, checksum: number): BlockContents {
  const firstBytes = Array.from(bytes.subarray(0, FIRST_BYTES));
  const head = bytes[0] ?? 0;
  if (bytes.every((b) => b === head)) return head === 0 ? { checksum, firstBytes, kind: 'zero' } : { checksum, firstBytes, kind: 'byte', value: head };
  let printable = 0;
  while (printable < bytes.length && bytes[printable]! >= 0x20 && bytes[printable]! < 0x7f) printable++;
  if (printable >= 3 && bytes.subarray(printable).every((b) => b === 0)) {
    return { checksum, firstBytes, kind: 'text', text: new TextDecoder().decode(bytes.subarray(0, Math.min(printable, TEXT_CHARS))) };
  }
  return { checksum, firstBytes, kind: 'mixed' };
}

/** The pair `disk` belongs to: the one it is the target of, else the newest one it is the source of. */
function pairOf(pairs: readonly PairView[], disk: string): PairView | undefined {
  return pairs.find((p) => p.target === disk) ?? pairs.filter((p) => p.source === disk).at(-1);
}

const bit = (bitmap: Uint8Array | null | undefined, index: number): boolean => !!bitmap && (bitmap[index >> 3]! & (1 << (index & 7))) !== 0;

/** A block's bytes and checksum, or the refusal of reading it. */
async function contentsOf(engine: Engine, disk: string, block: number): Promise<Outcome<BlockContents>> {
  const [bytes, sums] = [await engine.readRaw(disk, block, 1), await engine.checksums(disk, block, 1)];
  if (!bytes.ok) return bytes;
  if (!sums.ok) return sums;
  return ok(describeBlock(bytes.value, sums.value[0]!));
}

/** The history of `block` of the pair that `disk` belongs to. */
export async function readHistory(engine: Engine, tracker: BlockTracker, disk: string, block: number): Promise<Outcome<BlockHistory>> {
  const pair = pairOf(engine.pairs(), disk);
  if (!pair) return refuse('NO_SUCH_COPY', `${disk} is neither the source nor the target of a copy pair`);
  if (block >= pair.progress.total) return refuse('BLOCK_OUT_OF_RANGE', `block ${block} is past the end of ${pair.source} (${pair.progress.total} blocks)`);
  const log = tracker.log(pair.target);
  const bitmaps = engine.bitmaps(pair.target);
  const fingerprint = engine.attachment(fingerprintKey(pair.target));
  const pitSum = fingerprint instanceof Uint32Array && block < fingerprint.length ? fingerprint[block]! : null;
  const slot = engine.slotOf(pair.target, block);
  const onTarget = bit(bitmaps?.copied, block);
  const beforeWrite = log?.copiedBeforeWrite.get(block) ?? null;
  const target = await contentsOf(engine, pair.target, block);
  if (!target.ok) return target;
  const original = await originalOf(engine, pair, block, slot, pitSum, onTarget);
  const copy = log?.copyOf(block);
  return ok({
    source: pair.source, target: pair.target, block, type: pair.type, status: pair.status, pointInTimeMs: pair.startTimeMs,
    original: original?.contents ?? null, originalFrom: original?.from ?? null,
    preserved: slot === null || !pair.repository ? null : { repository: pair.repository.name, slot, ...moment(log?.preserved.get(block)) },
    copiedBeforeWrite: beforeWrite,
    writes: writesOf(log, block, bit(bitmaps?.written, block)),
    copied: !onTarget || beforeWrite ? null : copy ? { ...copy, eventSeq: null } : { timeMs: null, eventSeq: null, from: null, slot: null },
    targetNow: { contents: target.value, equalsPointInTime: pitSum === null ? null : target.value.checksum === pitSum },
  });
}

const moment = (seen: { timeMs: number; eventSeq: number | null } | undefined): { timeMs: number | null; eventSeq: number | null } =>
  seen ? { timeMs: seen.timeMs, eventSeq: seen.eventSeq } : { timeMs: null, eventSeq: null };

function writesOf(log: PairLog | undefined, block: number, written: boolean): BlockHistory['writes'] {
  const seen = log?.writes.get(block);
  const missed = !(log?.complete ?? false) && written;
  return { count: seen?.count ?? 0, firstMs: seen ? [...seen.firstMs] : [], lastMs: seen?.lastMs ?? null, before: missed };
}

/**
 * The point-in-time contents: the first of the repository slot, the source block and the target
 * block whose checksum equals the fingerprint; without a fingerprint, the snapshot view while the
 * copy is active (it is the point in time by construction).
 */
async function originalOf(
  engine: Engine, pair: PairView, block: number, slot: number | null, pitSum: number | null, onTarget: boolean,
): Promise<{ contents: BlockContents; from: NonNullable<BlockHistory['originalFrom']> } | null> {
  const places: Array<[NonNullable<BlockHistory['originalFrom']>, string, number]> = [];
  if (slot !== null && pair.repository) places.push(['repository', pair.repository.name, slot]);
  places.push(['source', pair.source, block]);
  if (onTarget) places.push(['target', pair.target, block]);
  if (pitSum === null) {
    const active = pair.status === 'InProgress' || pair.status === 'Pending';
    if (!active || pair.type === 'unprotected') return null;
    const from = slot !== null ? places[0]! : (['source', pair.source, block] as const);
    const read = await contentsOf(engine, from[1], from[2]);
    return read.ok ? { contents: read.value, from: from[0] } : null;
  }
  for (const [from, disk, index] of places) {
    const read = await contentsOf(engine, disk, index);
    if (read.ok && read.value.checksum === pitSum) return { contents: read.value, from };
  }
  return null;
}
