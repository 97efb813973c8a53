/**
 * A Kernel that passes every call to another one and, while recording, sums the time spent in each
 * method: how much of a profiled copy is the wasm kernel's work (moves, staging, checksums, scans).
 * Only for profiled copies: the wrapper itself costs a closure and two clock reads per call.
 */
import type { Kernel } from '../src/core/ports.ts';

/** Time and calls per kernel method. */
export type KernelTimes = Record<string, { ms: number; calls: number }>;

export class KernelTimer {
  private times: KernelTimes = {};
  private recording = false;

  /** The kernel, timed. */
  wrap(kernel: Kernel): Kernel {
    return new Proxy(kernel, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        const name = String(key);
        return (...args: unknown[]): unknown => {
          if (!this.recording) return Reflect.apply(value, target, args);
          const start = performance.now();
          try {
            return Reflect.apply(value, target, args);
          } finally {
            const entry = (this.times[name] ??= { ms: 0, calls: 0 });
            entry.ms += performance.now() - start;
            entry.calls++;
          }
        };
      },
    });
  }

  record(): void {
    this.times = {};
    this.recording = true;
  }

  stop(): KernelTimes {
    this.recording = false;
    return this.times;
  }
}
