/**
 * The OPFS store's per-disk files (one per disk, block b at b * blockSize, opened lazily and kept
 * open; the checksum files, opfs-sums.ts, are kept the same way) and its arena: one reusable kernel buffer that stages a commit or a replayed entry, so
 * the files are read and written straight from wasm memory without a copy per block.
 */
import type { BufferId, Kernel } from '../core/ports.ts';
import type { FileDirectory, SyncFile } from './opfs-files.ts';

/** File name of a disk's blocks. */
export function diskFileName(disk: number): string {
  return `disk-${disk}.bin`;
}

/** Open per-disk files (the blocks, or their checksums), and which of them hold writes not flushed yet. */
export class DataFiles {
  private readonly files = new Map<number, SyncFile>();
  private readonly dirty = new Set<number>();

  constructor(
    private readonly dir: FileDirectory,
    private readonly fileName: (disk: number) => string = diskFileName,
  ) {}

  /** Opens the disk's file (creating it) unless it is open already. */
  async ensure(disk: number): Promise<SyncFile> {
    const open = this.files.get(disk);
    if (open !== undefined) return open;
    const file = await this.dir.open(this.fileName(disk));
    this.files.set(disk, file);
    return file;
  }

  /** The disk's file when it is open. */
  get(disk: number): SyncFile | undefined {
    return this.files.get(disk);
  }

  /** The disk's open file, for a write that must be flushed at the next checkpoint. */
  forWrite(disk: number): SyncFile {
    const file = this.files.get(disk);
    if (file === undefined) throw new Error(`OPFS store: the file of disk ${disk} is not open`);
    this.dirty.add(disk);
    return file;
  }

  /** Flushes every file written since the last call. */
  flushDirty(): void {
    for (const disk of this.dirty) this.files.get(disk)?.flush();
    this.dirty.clear();
  }

  /** Closes and deletes a disk's file. */
  async drop(disk: number): Promise<void> {
    this.files.get(disk)?.close();
    this.files.delete(disk);
    this.dirty.delete(disk);
    await this.dir.remove(this.fileName(disk));
  }

  /** Closes every file (without flushing: the caller decides). */
  closeAll(): void {
    for (const file of this.files.values()) file.close();
    this.files.clear();
    this.dirty.clear();
  }
}

/** One kernel buffer that grows to the largest commit staged so far. */
export class Arena {
  private id: BufferId | undefined;
  private size = 0;

  constructor(private readonly kernel: Kernel) {}

  /** A buffer of at least `bytes` bytes (contents unspecified); views of it must be taken after this call. */
  ensure(bytes: number): BufferId {
    if (this.id !== undefined && this.size >= bytes) return this.id;
    this.free();
    this.size = Math.max(bytes, 1 << 20);
    this.id = this.kernel.createBuffer(this.size);
    return this.id;
  }

  /** Frees the buffer when a large commit grew it past `bytes`, so that its memory is not kept for good. */
  trim(bytes: number): void {
    if (this.size > bytes) this.free();
  }

  /** Gives the buffer back to the kernel. */
  free(): void {
    if (this.id !== undefined) this.kernel.freeBuffer(this.id);
    this.id = undefined;
    this.size = 0;
  }
}
