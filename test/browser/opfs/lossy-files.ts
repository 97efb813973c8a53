/**
 * A FileDirectory over another one that behaves like an operating system's write-back cache:
 * writes and truncations reach the real file only at flush(). After a simulated crash, `crash`
 * decides what of the unflushed operations survives: all ('kept': the worker died, the OS wrote
 * its cache), none ('lost': power failure), or a random subset in order ('some').
 */
import type { FileDirectory, SyncFile } from '../../../src/storage/opfs-files.ts';

/** What survives of the writes not flushed when the crash comes. */
export type LossMode = 'kept' | 'lost' | 'some';

type PendingOp = { kind: 'write'; at: number; bytes: Uint8Array } | { kind: 'truncate'; size: number };

class LossyFile implements SyncFile {
  pending: PendingOp[] = [];
  private size: number;

  constructor(readonly name: string, private readonly real: SyncFile, private readonly dying: () => boolean) {
    this.size = real.getSize();
  }

  read(buffer: Uint8Array, { at }: { at: number }): number {
    const n = Math.max(0, Math.min(buffer.length, this.size - at));
    const window = buffer.subarray(0, n);
    window.fill(0);
    this.real.read(window.subarray(0, Math.max(0, Math.min(n, this.real.getSize() - at))), { at });
    for (const op of this.pending) {
      if (op.kind === 'truncate') {
        if (op.size < at + n) window.fill(0, Math.max(0, op.size - at));
        continue;
      }
      const from = Math.max(at, op.at);
      const to = Math.min(at + n, op.at + op.bytes.length);
      if (from < to) window.set(op.bytes.subarray(from - op.at, to - op.at), from - at);
    }
    return n;
  }

  write(buffer: Uint8Array, { at }: { at: number }): number {
    this.pending.push({ kind: 'write', at, bytes: buffer.slice() });
    this.size = Math.max(this.size, at + buffer.length);
    return buffer.length;
  }

  truncate(size: number): void {
    this.pending.push({ kind: 'truncate', size });
    this.size = size;
  }

  getSize(): number {
    return this.size;
  }

  flush(): void {
    applyOps(this.real, this.pending);
    this.real.flush();
    this.pending = [];
  }

  /** A clean close keeps what was written (the OS writes it back); a dying store's close keeps it for `crash`. */
  close(): void {
    if (!this.dying()) {
      applyOps(this.real, this.pending);
      this.pending = [];
    }
    this.real.close();
  }
}

function applyOps(file: SyncFile, ops: readonly PendingOp[]): void {
  for (const op of ops) {
    if (op.kind === 'truncate') file.truncate(op.size);
    else file.write(op.bytes, { at: op.at });
  }
}

/** A directory whose files lose unflushed writes when `crash` says so. */
export class LossyDirectory implements FileDirectory {
  private readonly files: LossyFile[] = [];
  /** Set (by the test's crash hook) when the store is about to die: its files' closes then keep nothing. */
  dying = false;

  constructor(private readonly base: FileDirectory) {}

  async open(name: string): Promise<SyncFile> {
    const file = new LossyFile(name, await this.base.open(name), () => this.dying);
    this.files.push(file);
    return file;
  }

  async remove(name: string): Promise<void> {
    for (const file of this.files) if (file.name === name) file.pending = [];
    await this.base.remove(name);
  }

  /** After the store released its files: lets the OS write back all, none or some of what was not flushed. */
  async crash(mode: LossMode, seed = 1): Promise<void> {
    let state = seed;
    const keep = (): boolean => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return mode === 'kept' || (mode === 'some' && (state >>> 16) % 2 === 0);
    };
    this.dying = false;
    for (const file of this.files.splice(0)) {
      const survivors = file.pending.filter(keep);
      file.pending = [];
      if (survivors.length === 0) continue;
      const real = await this.base.open(file.name);
      applyOps(real, survivors);
      real.flush();
      real.close();
    }
  }
}
