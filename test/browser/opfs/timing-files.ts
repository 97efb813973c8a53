/** A FileDirectory (and a Kernel) over another one that adds up the time spent in each kind of call. */
import type { Kernel } from '../../../src/core/ports.ts';
import type { FileDirectory, SyncFile } from '../../../src/storage/opfs-files.ts';

/** Milliseconds spent per call kind ('write', 'flush', ...) and per file kind ('journal', 'disk', ...). */
export type CallTimes = Record<string, number>;

function kindOf(name: string): string {
  if (name.startsWith('disk-')) return name.endsWith('.sum') ? 'sums' : 'disk';
  return name.startsWith('meta-') ? 'meta' : name;
}

/** Wraps `kernel`; `times['kernel.checksum']` accumulates the ms spent in xxHash32 (block sums and journal sums). */
export function timingKernel(kernel: Kernel, times: CallTimes): Kernel {
  return new Proxy(kernel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'checksum') {
        return (...args: Parameters<Kernel['checksum']>): number => {
          const began = performance.now();
          const sum = target.checksum(...args);
          times['kernel.checksum'] = (times['kernel.checksum'] ?? 0) + performance.now() - began;
          return sum;
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Wraps `base`; `times` accumulates `${fileKind}.${call}` in ms until reset. */
export function timingDirectory(base: FileDirectory, times: CallTimes): FileDirectory {
  const timed = <T>(key: string, call: () => T): T => {
    const began = performance.now();
    try {
      return call();
    } finally {
      times[key] = (times[key] ?? 0) + performance.now() - began;
    }
  };
  return {
    remove: (name) => base.remove(name),
    open: async (name) => {
      const file = await base.open(name);
      const kind = kindOf(name);
      const wrapped: SyncFile = {
        read: (buffer, options) => timed(`${kind}.read`, () => file.read(buffer, options)),
        write: (buffer, options) => timed(`${kind}.write`, () => file.write(buffer, options)),
        truncate: (size) => timed(`${kind}.truncate`, () => file.truncate(size)),
        getSize: () => file.getSize(),
        flush: () => timed(`${kind}.flush`, () => file.flush()),
        close: () => file.close(),
      };
      return wrapped;
    },
  };
}
