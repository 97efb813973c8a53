/**
 * Which extents a commit must read before its ops run (IndexedDB reads cost per record, and a
 * one-block extent that a host write replaces need not be read at all).
 */
import type { BlockOp } from '../core/ports.ts';
import { extentBlocks, layoutOf, locate, type ExtentLayout } from './extent-layout.ts';

/**
 * The (disk, extent) pairs whose committed bytes the ops need: every extent a copy reads, and
 * every extent the ops write only in part. An extent the ops overwrite whole (a host write of a
 * one-block extent, a copy onto whole extents) need not be read: staged as its fill, it is overwritten.
 */
export function extentsNeeded(ops: readonly BlockOp[], layouts: Map<number, ExtentLayout>): Array<[number, number]> {
  const needed = new Map<string, [number, number]>();
  const covered = new Map<string, { disk: number; extent: number; blocks: Uint8Array }>();
  const cover = (disk: number, block: number, count: number): void => {
    const layout = layoutOf(layouts, disk);
    for (let b = block; b < block + count; b++) {
      const { extent, blockInExtent } = locate(layout, b);
      const key = `${disk}:${extent}`;
      let entry = covered.get(key);
      if (entry === undefined) {
        entry = { disk, extent, blocks: new Uint8Array(extentBlocks(layout, extent)) };
        covered.set(key, entry);
      }
      entry.blocks[blockInExtent] = 1;
    }
  };
  for (const op of ops) {
    if (op.kind === 'write') {
      cover(op.disk, op.block, 1);
      continue;
    }
    const src = layoutOf(layouts, op.from);
    const first = locate(src, op.fromBlock).extent;
    const last = op.count > 0 ? locate(src, op.fromBlock + op.count - 1).extent : first - 1;
    for (let e = first; e <= last; e++) needed.set(`${op.from}:${e}`, [op.from, e]);
    cover(op.to, op.toBlock, op.count);
  }
  for (const [key, { disk, extent, blocks }] of covered) {
    if (blocks.includes(0)) needed.set(key, [disk, extent]);
  }
  return [...needed.values()];
}
