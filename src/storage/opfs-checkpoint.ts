/**
 * Checkpoints of the OPFS store's metadata in two slot files used in turn: a new checkpoint is
 * written (and flushed) into the slot the current one does not occupy, so a torn write never
 * destroys the last good one. Each slot: [magic][FNV-1a][generation][journal seq applied][length] + JSON.
 */
import { fnv1a, jsonBytes, parseJsonBytes, type Json } from './opfs-codec.ts';
import { readExactly, writeAll, type SyncFile } from './opfs-files.ts';
import { OpfsMeta } from './opfs-meta.ts';

const MAGIC = 0x314d504f; // 'OPM1'
const HEADER = 32;

/** The newest valid checkpoint. */
export interface Checkpoint {
  /** 0 when the store has none yet. */
  generation: number;
  /** Seq of the last journal entry whose effects the checkpoint (and the flushed files) contain. */
  appliedSeq: number;
  meta: OpfsMeta;
}

/** The two metadata slot files. */
export class MetaSlots {
  constructor(private readonly slots: readonly [SyncFile, SyncFile]) {}

  /** The valid slot with the higher generation, or an empty store when neither is valid. */
  read(): Checkpoint {
    let best: { generation: number; appliedSeq: number; json: Uint8Array } | undefined;
    for (const file of this.slots) {
      const found = readSlot(file);
      if (found !== undefined && (best === undefined || found.generation > best.generation)) best = found;
    }
    if (best === undefined) return { generation: 0, appliedSeq: 0, meta: new OpfsMeta() };
    return { generation: best.generation, appliedSeq: best.appliedSeq, meta: OpfsMeta.decode(parseJsonBytes(best.json)) };
  }

  /** Writes and flushes a checkpoint into slot `generation % 2`; `tear` writes half of it (crash tests). */
  write(generation: number, appliedSeq: number, meta: Json, tear = false): void {
    const json = jsonBytes(meta);
    const bytes = new Uint8Array(HEADER + json.length);
    const fields = new DataView(bytes.buffer);
    fields.setUint32(0, MAGIC, true);
    fields.setFloat64(8, generation, true);
    fields.setFloat64(16, appliedSeq, true);
    fields.setFloat64(24, json.length, true);
    bytes.set(json, HEADER);
    fields.setUint32(4, fnv1a(bytes.subarray(8)), true);
    const file = this.slots[generation % 2]!;
    writeAll(file, tear ? bytes.subarray(0, bytes.length >> 1) : bytes, 0);
    if (!tear) file.truncate(bytes.length);
    file.flush();
  }
}

function readSlot(file: SyncFile): { generation: number; appliedSeq: number; json: Uint8Array } | undefined {
  const size = file.getSize();
  if (size < HEADER) return undefined;
  const bytes = new Uint8Array(size);
  readExactly(file, bytes, 0);
  const fields = new DataView(bytes.buffer);
  const length = fields.getFloat64(24, true);
  if (fields.getUint32(0, true) !== MAGIC || !Number.isSafeInteger(length) || HEADER + length > size) return undefined;
  if (fnv1a(bytes.subarray(8, HEADER + length)) !== fields.getUint32(4, true)) return undefined;
  return { generation: fields.getFloat64(8, true), appliedSeq: fields.getFloat64(16, true), json: bytes.subarray(HEADER, HEADER + length) };
}
