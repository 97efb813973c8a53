/** What every core rule works on: the array's state, the kernel for bitmaps, the change collector. */
import type { Effects } from './effects.ts';
import type { Kernel } from './ports.ts';
import type { ArrayState } from './state.ts';

/** The context of one operation. */
export interface Ctx {
  readonly state: ArrayState;
  readonly kernel: Kernel;
  readonly fx: Effects;
}

/** Bits per stored chunk of a copied bitmap (4 KiB records). */
export const CHUNK_BITS = 32768;
