/** A FileDirectory over another one that adds up the time spent in each kind of sync access handle call. */
import type { FileDirectory, SyncFile } from '../../../src/storage/opfs-files.ts';

/** Milliseconds spent per call kind ('write', 'flush', ...) and per file kind ('journal', 'disk', ...). */
export type CallTimes = Record<string, number>;

function kindOf(name: string): string {
  return name.startsWith('disk-') ? 'disk' : name.startsWith('meta-') ? 'meta' : name;
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
