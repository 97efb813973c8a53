/**
 * The OPFS block store, if src/storage/opfs-store.ts exists when the benchmark is built (another
 * engineer is writing it): found with import.meta.glob, so a missing file is no build error. The
 * store is expected as `OpfsStore.open(name, kernel, options?)` resolving to a BlockStore, like
 * IdbStore; anything else is reported as the reason the metric is missing.
 */
import type { BlockStore, Kernel } from '../src/core/ports.ts';

const modules = import.meta.glob('../src/storage/opfs-store.ts');

type Opener = (name: string, kernel: Kernel) => Promise<unknown>;

function isBlockStore(value: unknown): value is BlockStore {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['load', 'commit', 'readBlocks', 'readEvents', 'close'].every((method) => typeof v[method] === 'function');
}

/** Opens the OPFS store `name`, or says why it cannot. */
export async function openOpfsStore(name: string, kernel: Kernel): Promise<BlockStore | { missing: string }> {
  const load = Object.values(modules)[0];
  if (!load) return { missing: 'src/storage/opfs-store.ts did not exist when the benchmark was built' };
  const module = (await load()) as Record<string, unknown>;
  const candidate = module['OpfsStore'];
  const open: unknown = typeof candidate === 'function' ? (candidate as unknown as Record<string, unknown>)['open'] : undefined;
  if (typeof open !== 'function') return { missing: `src/storage/opfs-store.ts exports no OpfsStore.open (exports: ${Object.keys(module).join(', ') || 'none'})` };
  try {
    const store = await (open as Opener).call(candidate, name, kernel);
    return isBlockStore(store) ? store : { missing: 'OpfsStore.open did not return a BlockStore' };
  } catch (error) {
    return { missing: `OpfsStore.open failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
