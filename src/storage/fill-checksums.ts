/**
 * Checksums of never-written blocks: such a block reads as its disk's fill, one byte repeated,
 * so its checksum follows from the fill byte and the block size alone. Each distinct fill content
 * is hashed once per kernel and kept ('zero' and 'byte' fills: one value per block size, 'index'
 * fills: at most 256).
 */
import type { Kernel } from '../core/ports.ts';
import type { Fill } from '../core/vocabulary.ts';
import { fillByte } from './extent-layout.ts';

/** The checksums of fill contents, computed by one kernel and cached. */
export class FillChecksums {
  /** Checksum by `${byte}/${blockSize}`. */
  private readonly byContent = new Map<string, number>();

  constructor(private readonly kernel: Kernel) {}

  /** Writes the checksums of never-written blocks [firstBlock, firstBlock + count) into `out` from `at`. */
  fillInto(out: Uint32Array, at: number, fill: Fill, firstBlock: number, count: number, blockSize: number): void {
    for (let i = 0; i < count; i++) out[at + i] = this.blockSum(fillByte(fill, firstBlock + i), blockSize);
  }

  /** The checksum of one block whose every byte is `byte`. */
  private blockSum(byte: number, blockSize: number): number {
    const key = `${byte}/${blockSize}`;
    let sum = this.byContent.get(key);
    if (sum === undefined) {
      sum = this.hash(byte, blockSize);
      this.byContent.set(key, sum);
    }
    return sum;
  }

  private hash(byte: number, blockSize: number): number {
    const buffer = this.kernel.createBuffer(blockSize);
    try {
      this.kernel.fillBytes(buffer, 0, blockSize, byte);
      return this.kernel.checksum(buffer, 0, blockSize);
    } finally {
      this.kernel.freeBuffer(buffer);
    }
  }
}

const perKernel = new WeakMap<Kernel, FillChecksums>();

/** The fill checksum cache of `kernel`, shared by every store that uses it. */
export function fillChecksums(kernel: Kernel): FillChecksums {
  let cache = perKernel.get(kernel);
  if (cache === undefined) {
    cache = new FillChecksums(kernel);
    perKernel.set(kernel, cache);
  }
  return cache;
}
