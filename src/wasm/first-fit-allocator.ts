/** A free range [offset, offset + size) of the managed region. */
interface FreeBlock {
  offset: number;
  size: number;
}

/** Every block is a multiple of this, and so starts on it: u64 words and v128 loads stay aligned. */
export const ALIGN = 8;

/** Rounds `n` up to a multiple of ALIGN. */
export function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/**
 * First-fit allocator over the region [start, end) of a linear memory, keeping its bookkeeping in
 * JavaScript (not in headers inside the memory, so a stray kernel write cannot corrupt it).
 * Free blocks stay sorted by offset and are merged with free neighbours on release.
 */
export class FirstFitAllocator {
  private readonly freeList: FreeBlock[] = [];
  private readonly used = new Map<number, number>();
  private regionEnd: number;

  /** Manages [alignUp(start), end); an empty region (end <= start) is fine and grows with `extend`. */
  constructor(start: number, end: number) {
    const first = alignUp(start);
    this.regionEnd = Math.max(first, end);
    if (this.regionEnd > first) this.freeList.push({ offset: first, size: this.regionEnd - first });
  }

  /** End of the managed region. */
  get end(): number {
    return this.regionEnd;
  }

  /** Offset of a new block of at least `size` bytes (min ALIGN), or undefined when none fits. */
  allocate(size: number): number | undefined {
    const need = blockBytes(size);
    const index = this.freeList.findIndex((block) => block.size >= need);
    if (index < 0) return undefined;
    const block = this.freeList[index];
    const offset = block.offset;
    if (block.size === need) this.freeList.splice(index, 1);
    else this.freeList[index] = { offset: offset + need, size: block.size - need };
    this.used.set(offset, need);
    return offset;
  }

  /** Bytes reserved for the block at `offset` (its requested size rounded up). */
  blockSize(offset: number): number {
    const size = this.used.get(offset);
    if (size === undefined) throw new RangeError(`no allocated block at offset ${offset}`);
    return size;
  }

  /** Returns the block at `offset` to the free list, merging it with adjacent free blocks. */
  release(offset: number): void {
    const size = this.blockSize(offset);
    this.used.delete(offset);
    this.insertFree(offset, size);
  }

  /** The smallest region end at which a block of `size` bytes would fit at the tail. */
  requiredEnd(size: number): number {
    const tail = this.freeList[this.freeList.length - 1];
    const tailStart = tail !== undefined && tail.offset + tail.size === this.regionEnd ? tail.offset : this.regionEnd;
    return tailStart + blockBytes(size);
  }

  /** Adds [end, newEnd) to the free space (after the memory under it has grown). */
  extend(newEnd: number): void {
    if (newEnd <= this.regionEnd) return;
    const added = this.regionEnd;
    this.regionEnd = newEnd;
    this.insertFree(added, newEnd - added);
  }

  /** Free blocks in address order (copies), for tests and diagnostics. */
  freeBlocks(): FreeBlock[] {
    return this.freeList.map((block) => ({ ...block }));
  }

  /** Number of live blocks. */
  get liveBlocks(): number {
    return this.used.size;
  }

  private insertFree(offset: number, size: number): void {
    let index = this.freeList.findIndex((block) => block.offset > offset);
    if (index < 0) index = this.freeList.length;
    const before = this.freeList[index - 1];
    const after = this.freeList[index];
    let merged: FreeBlock = { offset, size };
    let from = index;
    let count = 0;
    if (before !== undefined && before.offset + before.size === offset) {
      merged = { offset: before.offset, size: before.size + size };
      from = index - 1;
      count = 1;
    }
    if (after !== undefined && merged.offset + merged.size === after.offset) {
      merged = { offset: merged.offset, size: merged.size + after.size };
      count += 1;
    }
    this.freeList.splice(from, count, merged);
  }
}

// Zero-size requests still get a block so that every handle has its own address.
function blockBytes(size: number): number {
  return Math.max(ALIGN, alignUp(size));
}
