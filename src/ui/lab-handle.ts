/** One handle on the lab for the whole life of the page, whichever worker runs it now (tab-session.ts). */
import type { Remote } from 'comlink';
import type { LabWorkerApi } from '../worker/api.ts';

/** Where the handle finds the lab's current API (it rejects while the lab runs in another tab). */
export interface LabSource {
  api(): Promise<Remote<LabWorkerApi>>;
}

/**
 * The lab's API as a stable object: each call waits until the lab runs in this tab, then goes to
 * its current worker; while the lab runs in another tab, calls reject and say so.
 */
export function labHandle(source: LabSource): Remote<LabWorkerApi> {
  const handle = new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key !== 'string' || key === 'then') return undefined;
        return async (...args: unknown[]): Promise<unknown> => {
          const api = await source.api();
          const method: unknown = Reflect.get(api, key);
          if (typeof method !== 'function') throw new Error(`the lab has no call named ${key}`);
          return (method as (...a: unknown[]) => unknown)(...args);
        };
      },
    },
  );
  return handle as Remote<LabWorkerApi>;
}
