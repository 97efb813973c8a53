/**
 * The event log file: records appended in seq order, each [length u32][FNV-1a u32][seq f64][JSON].
 * Only seqs and file offsets stay in memory; readEvents reads one contiguous range. Appends are
 * flushed at checkpoints: until then the journal holds the same events, and replay appends
 * those whose seq is past the last complete record, so a torn tail is cut off and rewritten.
 */
import type { LabEvent } from '../core/ports.ts';
import { decodeValue, fnv1a, jsonBytes, parseJsonBytes, type Json } from './opfs-codec.ts';
import { readExactly, writeAll, type SyncFile } from './opfs-files.ts';
import { lowerBound } from './sorted-records.ts';

const RECORD_HEADER = 16;

/** The events of a store, by seq. */
export class EventLog {
  private readonly seqs: number[] = [];
  /** File offset of each record, plus the end of the last one. */
  private readonly offsets: number[] = [0];

  private constructor(private readonly file: SyncFile) {}

  /** Indexes the file's complete records and cuts off anything after them. */
  static open(file: SyncFile): EventLog {
    const log = new EventLog(file);
    const bytes = new Uint8Array(file.getSize());
    readExactly(file, bytes, 0);
    const fields = new DataView(bytes.buffer);
    let at = 0;
    while (at + RECORD_HEADER <= bytes.length) {
      const length = fields.getUint32(at, true);
      const end = at + RECORD_HEADER + length;
      if (end > bytes.length || fnv1a(bytes.subarray(at + 8, end)) !== fields.getUint32(at + 4, true)) break;
      const seq = fields.getFloat64(at + 8, true);
      if (log.seqs.length > 0 && !(seq > log.seqs.at(-1)!)) break;
      log.seqs.push(seq);
      log.offsets.push(end);
      at = end;
    }
    if (at < bytes.length) file.truncate(at);
    return log;
  }

  /** Seq of the newest event, or -1. */
  get lastSeq(): number {
    return this.seqs.at(-1) ?? -1;
  }

  /** Appends the encoded events whose seq is past the newest one (replay appends nothing twice). */
  append(events: readonly Json[]): void {
    const records: Uint8Array[] = [];
    let last = this.lastSeq;
    for (const json of events) {
      const seq = seqOf(json);
      if (!(seq > last)) continue;
      last = seq;
      const body = jsonBytes(json);
      const record = new Uint8Array(RECORD_HEADER + body.length);
      const fields = new DataView(record.buffer);
      fields.setUint32(0, body.length, true);
      fields.setFloat64(8, seq, true);
      record.set(body, RECORD_HEADER);
      fields.setUint32(4, fnv1a(record.subarray(8)), true);
      records.push(record);
    }
    if (records.length === 0) return;
    const all = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
    let at = 0;
    for (const record of records) {
      all.set(record, at);
      at += record.length;
    }
    const start = this.offsets.at(-1)!;
    writeAll(this.file, all, start);
    at = start;
    for (const record of records) {
      this.seqs.push(new DataView(record.buffer).getFloat64(8, true));
      at += record.length;
      this.offsets.push(at);
    }
  }

  /** Up to `count` events with seq >= fromSeq, ascending, read in one call. */
  read(fromSeq: number, count: number): LabEvent[] {
    const first = lowerBound(this.seqs.length, (i) => this.seqs[i]! < fromSeq);
    const last = Math.min(this.seqs.length, first + count);
    if (last <= first) return [];
    const base = this.offsets[first]!;
    const bytes = new Uint8Array(this.offsets[last]! - base);
    readExactly(this.file, bytes, base);
    const events: LabEvent[] = [];
    for (let i = first; i < last; i++) {
      const at = this.offsets[i]! - base + RECORD_HEADER;
      events.push(decodeValue(parseJsonBytes(bytes.subarray(at, this.offsets[i + 1]! - base))) as LabEvent);
    }
    return events;
  }

  /** Makes the appended records durable. */
  flush(): void {
    this.file.flush();
  }
}

/** The seq of an encoded event (opfs-codec encodes an event as ['o', { seq, ... }]). */
function seqOf(json: Json): number {
  const fields = Array.isArray(json) && json[0] === 'o' ? json[1] : undefined;
  const seq = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields['seq'] : undefined;
  if (typeof seq !== 'number') throw new Error('corrupt event in the OPFS journal: no seq');
  return seq;
}
