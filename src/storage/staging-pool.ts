/**
 * Reusable kernel buffers for staging extents: IndexedDB `put` clones its value at once, so the
 * same staging buffer can be refilled for the next commit instead of allocating per record.
 */
import type { BufferId, Kernel } from '../core/ports.ts';
import type { BufferSource } from './extent-stage.ts';

/** Keeps at most this many bytes of idle buffers per size (at least 64 buffers): a huge commit must not pin its memory forever. */
const MAX_IDLE_BYTES_PER_SIZE = 32 << 20;

/** A BufferSource that recycles released buffers of the same size. */
export class StagingPool implements BufferSource {
  private readonly idle = new Map<number, BufferId[]>();
  /** After clear(), buffers still on loan are freed when they come back. */
  private draining = false;

  constructor(private readonly kernel: Kernel) {}

  /** A buffer of `bytes` bytes with unspecified contents; the stage overwrites all of it. */
  acquire(bytes: number): BufferId {
    return this.idle.get(bytes)?.pop() ?? this.kernel.createBuffer(bytes);
  }

  /** Takes the buffer back for reuse, or frees it when enough of its size are idle. */
  release(id: BufferId): void {
    const bytes = this.kernel.bufferSize(id);
    const list = this.idle.get(bytes) ?? [];
    if (this.draining || list.length >= Math.max(64, MAX_IDLE_BYTES_PER_SIZE / bytes)) {
      this.kernel.freeBuffer(id);
      return;
    }
    list.push(id);
    this.idle.set(bytes, list);
  }

  /** Frees every idle buffer, and from now on every buffer given back. */
  clear(): void {
    this.draining = true;
    for (const list of this.idle.values()) for (const id of list) this.kernel.freeBuffer(id);
    this.idle.clear();
  }
}
