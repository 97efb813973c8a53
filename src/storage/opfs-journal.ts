/**
 * The write-ahead journal: one entry per commit, appended and flushed before the commit changes
 * anything visible. An entry is a 32-byte header (magic, FNV-1a of header and delta, seq, sizes),
 * the Delta as JSON, then the new bytes of every extent the commit rewrites (extents written for
 * the first time went to their files before; each write's xxh32 is in the delta). An entry is
 * complete only when its checksums match; a torn last entry is ignored.
 */
import { fnv1a, jsonBytes, parseJsonBytes } from './opfs-codec.ts';
import { readExactly, writeAll, type SyncFile } from './opfs-files.ts';
import type { Delta } from './opfs-meta.ts';

const MAGIC = 0x314a504f; // 'OPJ1'
const HEADER = 32;

/** One complete-looking entry (its data checksums are verified when it is replayed). */
export interface JournalEntry {
  seq: number;
  delta: Delta;
  /** File offset and length of the extent bytes. */
  dataAt: number;
  dataBytes: number;
}

/** Where a simulated crash tears an append: inside the header and delta, or inside the data. */
export type Tear = 'header' | 'data';

/** The journal file: entries since the last checkpoint. */
export class Journal {
  /** End of the last complete entry; the next one is written here. */
  end = 0;
  /** Entries since the last reset. */
  entries = 0;

  constructor(readonly file: SyncFile) {}

  /** Appends an entry and flushes it: from then on the commit survives a crash. */
  append(seq: number, delta: Delta, pieces: readonly Uint8Array[], tear?: Tear): void {
    const json = jsonBytes(delta);
    const dataBytes = pieces.reduce((n, p) => n + p.length, 0);
    const head = new Uint8Array(HEADER + json.length);
    const fields = new DataView(head.buffer);
    fields.setUint32(0, MAGIC, true);
    fields.setFloat64(8, seq, true);
    fields.setFloat64(16, json.length, true);
    fields.setFloat64(24, dataBytes, true);
    head.set(json, HEADER);
    fields.setUint32(4, fnv1a(head.subarray(8)), true);
    // With no data to tear, a torn entry is torn in its header.
    if (tear === 'header' || (tear === 'data' && dataBytes === 0)) {
      writeAll(this.file, head.subarray(0, head.length >> 1), this.end);
      this.file.flush();
      return;
    }
    writeAll(this.file, head, this.end);
    let at = this.end + head.length;
    for (const piece of pieces) {
      if (tear === 'data' && at + piece.length >= this.end + head.length + (dataBytes >> 1)) {
        writeAll(this.file, piece.subarray(0, piece.length >> 1), at);
        this.file.flush();
        return;
      }
      writeAll(this.file, piece, at);
      at += piece.length;
    }
    this.file.flush();
    this.end = at;
    this.entries++;
  }

  /** The entries from the start up to the first incomplete one; sets `end` after the last. */
  scan(): JournalEntry[] {
    const size = this.file.getSize();
    const found: JournalEntry[] = [];
    let at = 0;
    while (at + HEADER <= size) {
      const header = new Uint8Array(HEADER);
      readExactly(this.file, header, at);
      const fields = new DataView(header.buffer);
      const jsonLength = fields.getFloat64(16, true);
      const dataBytes = fields.getFloat64(24, true);
      const total = HEADER + jsonLength + dataBytes;
      if (fields.getUint32(0, true) !== MAGIC || !Number.isSafeInteger(total) || jsonLength < 0 || dataBytes < 0 || at + total > size) break;
      const json = new Uint8Array(jsonLength);
      readExactly(this.file, json, at + HEADER);
      if (fnv1a(json, fnv1a(header.subarray(8))) !== fields.getUint32(4, true)) break;
      const seq = fields.getFloat64(8, true);
      if (found.length > 0 && seq !== found.at(-1)!.seq + 1) break;
      found.push({ seq, delta: parseJsonBytes(json) as Delta, dataAt: at + HEADER + jsonLength, dataBytes });
      at += total;
    }
    this.end = at;
    this.entries = found.length;
    return found;
  }

  /** Forgets a failed append: the next entry overwrites it, and the file ends at the last complete entry. */
  rollback(): void {
    this.file.truncate(this.end);
  }

  /** Empties the journal (after a checkpoint made every entry redundant). */
  reset(): void {
    this.file.truncate(0);
    this.file.flush();
    this.end = 0;
    this.entries = 0;
  }
}
