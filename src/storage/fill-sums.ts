/**
 * Checksums of never-written blocks: a block that was never written reads as its disk's fill, so
 * its checksum follows from the fill alone. Each distinct fill content is hashed once and cached.
 */
import type { Kernel } from '../core/ports.ts';
import type { Fill } from '../core/vocabulary.ts';
import { fillByte } from './extent-layout.ts';

/** A cache of fill checksums for one kernel. */
export class FillSums {
  private readonly byContent = new Map<string, number>();

  constructor(private readonly kernel: Kernel) {}

  /** The checksum of each of `count` never-written blocks from `first` of a disk with this fill. */
  of(fill: Fill, blockSize: number, first: number, count: number): Uint32Array {
    const sums = new Uint32Array(count);
    for (let i = 0; i < count; i++) sums[i] = this.blockSum(fillByte(fill, first + i), blockSize);
    return sums;
  }

  /** The checksum of one block whose every byte is `byte`. */
  private blockSum(byte: number, blockSize: number): number {
    const key = `${byte}/${blockSize}`;
    let sum = this.byContent.get(key);
    if (sum === undefined) {
      const buffer = this.kernel.createBuffer(blockSize);
      try {
        this.kernel.fillBytes(buffer, 0, blockSize, byte);
        sum = this.kernel.checksum(buffer, 0, blockSize);
      } finally {
        this.kernel.freeBuffer(buffer);
      }
      this.byContent.set(key, sum);
    }
    return sum;
  }
}
