/**
 * What the browser says about this site's storage: the estimate (used, quota) and whether it is
 * persistent, kept fresh for a Lit element by a reactive controller; and the lab's own check that
 * a new disk fits in what is left.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setupWords } from './i18n/setup.ts';

/** The browser's storage figures for this site; null where the browser does not tell. */
export interface StorageFacts {
  /** Bytes this site stores now. */
  usage: number | null;
  /** Bytes this site may store at most. */
  quota: number | null;
  /** True when the browser will not evict the site's data under storage pressure. */
  persisted: boolean | null;
}

const REFRESH_MS = 5000;

/** Reads the browser's storage figures (every field null when the Storage API is missing). */
export async function readStorageFacts(): Promise<StorageFacts> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(null)]);
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Bytes still free for this site, or null when the browser does not say. */
export function availableBytes(facts: StorageFacts | null): number | null {
  if (!facts || facts.usage === null || facts.quota === null) return null;
  return Math.max(0, facts.quota - facts.usage);
}

/** Why a disk of `bytes` bytes cannot be created with `available` bytes left, or null when it fits (or nobody knows). */
export function diskRoomProblem(bytes: number, available: number | null): string | null {
  if (available === null || bytes <= available) return null;
  return setupWords().noRoom(bytes, available);
}

/** Keeps a host's storage figures fresh: on connect, every few seconds, and on `refresh()`. */
export class StorageEstimate implements ReactiveController {
  facts: StorageFacts | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Bytes still free for this site, or null when not known. */
  get available(): number | null {
    return availableBytes(this.facts);
  }

  hostConnected(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }

  /** Reads the figures again; the host updates only when they changed. */
  async refresh(): Promise<void> {
    const facts = await readStorageFacts().catch((): StorageFacts => ({ usage: null, quota: null, persisted: null }));
    const old = this.facts;
    this.facts = facts;
    if (!old || old.usage !== facts.usage || old.quota !== facts.quota || old.persisted !== facts.persisted) this.host.requestUpdate();
  }
}
