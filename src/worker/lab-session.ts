/**
 * The worker's side of handing the lab to another tab: `suspend` finishes the operation under way,
 * pauses the driver and the workload and closes the database, so that the tab holding the Web Lock
 * next is the only writer; `storageLost` tells the page when storage went away, whoever closed it.
 */
import { done, refuse, type Outcome } from '../core/outcome.ts';
import type { LabSession, LabWorkerApi } from './api.ts';
import type { LabService } from './lab-service.ts';

/** The store as the session needs it: closing it, and hearing when it closes (IdbStore). */
export interface ClosableStore {
  close(): Promise<void>;
  onClose(listener: (reason: string) => void): void;
}

const MOVED = 'the lab moved to another tab';

/** The service's API with the session calls added; after `suspend`, every call refuses and changes nothing. */
export function sessionApi(service: LabService, store: ClosableStore): LabWorkerApi {
  let suspending: Promise<Outcome> | undefined;
  let lostBecause: string | undefined;
  let announce: (reason: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => (announce = resolve));
  store.onClose((reason) => {
    lostBecause ??= reason;
    // Another tab's newer schema closed the database: stop driving it at once, nothing else can be stored.
    void service.quiesce();
    announce(lostBecause);
  });

  const session: LabSession = {
    suspend: () => {
      suspending ??= (async () => {
        lostBecause ??= MOVED;
        await service.quiesce();
        await store.close();
        return done;
      })();
      return suspending;
    },
    storageLost: () => lost,
  };

  return new Proxy(service as unknown as LabWorkerApi, {
    get(target, key, receiver) {
      if (key === 'suspend' || key === 'storageLost') return session[key];
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (lostBecause === undefined) return (value as (...a: unknown[]) => unknown).apply(target, args);
        if (key === 'frame') return Promise.resolve(null);
        const refused = refuse('STORAGE_ERROR', `${lostBecause}: nothing was changed in this tab`);
        return Promise.resolve(key === 'write' ? { ...refused, latencyMs: 0 } : refused);
      };
    },
  });
}

