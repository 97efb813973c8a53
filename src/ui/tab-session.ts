/**
 * One tab at a time drives the disks. The tab holding the Web Lock `storage-lab-engine` runs the
 * lab worker; another tab shows that the lab is elsewhere and may ask for it over a
 * BroadcastChannel: the holder finishes the operation under way, pauses, closes its database,
 * ends its worker and releases the lock, and the asking tab starts once the lock is its own.
 */
import type { Remote } from 'comlink';
import type { LabWorkerApi } from '../worker/api.ts';
import { startLabWorker, type LabWorker } from './lab-client.ts';
import { tabWords } from './i18n/storage.ts';

/** The Web Lock whose holder drives the disks. */
export const ENGINE_LOCK = 'storage-lab-engine';
/** The BroadcastChannel the lab's tabs talk on. */
export const TAB_CHANNEL = 'storage-lab-tabs';
/** Longest wait for the worker to let go before it is ended anyway (every commit is atomic, so that is safe too). */
const SUSPEND_LIMIT_MS = 10_000;
const START_ATTEMPTS = 3;
const START_RETRY_MS = 150;

/** Where the lab is, as this tab sees it. */
export type TabState =
  | { kind: 'starting' }
  | { kind: 'here' }
  | { kind: 'elsewhere' }
  | { kind: 'waiting' }
  | { kind: 'leaving' }
  | { kind: 'moved' }
  | { kind: 'lost'; reason: string };

/** What the page does when the lab arrives in or leaves this tab. */
export interface TabHooks {
  /** The lab runs in this tab now: show it over `api`. */
  mount(api: Remote<LabWorkerApi>): Promise<void> | void;
  /** The lab is leaving this tab: take its controls away. */
  unmount(): void;
  /** Show where the lab is. */
  show(state: TabState): void;
}

interface TakeOver {
  type: 'take-over';
}

function isTakeOver(data: unknown): data is TakeOver {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'take-over';
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Why the lab stopped, in the learner's words, from the worker's reason or its failure to start. */
export function lostReason(reason: unknown): string {
  const name = typeof reason === 'object' && reason !== null && 'name' in reason ? String(reason.name) : '';
  if (name === 'VersionError') return tabWords().newerVersion;
  if (reason instanceof Error) return reason.message;
  return String(reason);
}

/** The error of a call made while the lab does not run in this tab. */
function notHere(state: TabState): Error {
  const where = state.kind === 'lost' ? `it stopped in this tab: ${state.reason}` : 'it runs in another tab';
  return new Error(`The lab is not running in this tab: ${where}.`);
}

/** This tab's share of the lab: holds the lock while the lab runs here, and hands it over when asked. */
export class TabSession {
  state: TabState = { kind: 'starting' };
  private lab: LabWorker | null = null;
  private releaseLock: (() => void) | null = null;
  private readonly channel = new BroadcastChannel(TAB_CHANNEL);
  private waiters: Array<{ resolve: (api: Remote<LabWorkerApi>) => void; reject: (error: Error) => void }> = [];

  constructor(private readonly hooks: TabHooks) {
    this.channel.onmessage = (event: MessageEvent<unknown>) => {
      if (isTakeOver(event.data) && this.state.kind === 'here') void this.handOver();
    };
  }

  /** Starts the lab here if no other tab has it; otherwise shows where it is. */
  async start(): Promise<void> {
    if (!('locks' in navigator)) return this.run(); // no Web Locks (an old browser): one tab is assumed
    // A few tries: a tab that was just closed or reloaded may still be letting go of the lock.
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      if (attempt > 0) await delay(START_RETRY_MS);
      if (await this.acquire(true)) return this.run();
    }
    this.enter({ kind: 'elsewhere' });
  }

  /** The lab's API once it runs in this tab (waiting while it starts or arrives); rejects while it runs elsewhere or stopped here. */
  api(): Promise<Remote<LabWorkerApi>> {
    if (this.state.kind === 'here' && this.lab) return Promise.resolve(this.lab.api);
    if (this.state.kind !== 'starting' && this.state.kind !== 'waiting') return Promise.reject(notHere(this.state));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Asks the tab holding the lab to let go, and starts here once it has. */
  async takeOver(): Promise<void> {
    if (this.state.kind !== 'elsewhere' && this.state.kind !== 'moved') return;
    this.enter({ kind: 'waiting' });
    const message: TakeOver = { type: 'take-over' };
    this.channel.postMessage(message);
    await this.acquire(false);
    await this.run();
  }

  /** Resolves true once this tab holds the lock (false: `ifAvailable` and another tab holds it); it keeps it until released. */
  private acquire(ifAvailable: boolean): Promise<boolean> {
    return new Promise((acquired) => {
      void navigator.locks.request(ENGINE_LOCK, { mode: 'exclusive', ifAvailable }, (lock) => {
        acquired(lock !== null);
        return lock ? new Promise<void>((release) => (this.releaseLock = release)) : undefined;
      });
    });
  }

  private async run(): Promise<void> {
    const lab = startLabWorker();
    this.lab = lab;
    lab.api.storageLost().then(
      (reason) => this.lose(lab, reason),
      (error: unknown) => this.lose(lab, lostReason(error)),
    );
    this.enter({ kind: 'here' });
    await this.hooks.mount(lab.api);
  }

  /** Another tab asked for the lab: finish, pause, close, end the worker, release the lock. */
  private async handOver(): Promise<void> {
    const lab = this.lab;
    if (!lab) return;
    this.enter({ kind: 'leaving' });
    this.hooks.unmount();
    await Promise.race([lab.api.suspend().catch(() => undefined), delay(SUSPEND_LIMIT_MS)]);
    this.end(lab);
    this.enter({ kind: 'moved' });
  }

  /** The worker stopped using storage by itself (another tab's newer schema, or it could not start). */
  private lose(lab: LabWorker, reason: string): void {
    if (this.lab !== lab || this.state.kind !== 'here') return; // a handover of our own
    this.hooks.unmount();
    this.end(lab);
    this.enter({ kind: 'lost', reason });
  }

  private end(lab: LabWorker): void {
    lab.worker.terminate();
    this.lab = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }

  private enter(state: TabState): void {
    this.state = state;
    const lab = this.lab;
    if (state.kind === 'here' && lab) for (const waiter of this.waiters.splice(0)) waiter.resolve(lab.api);
    else if (state.kind !== 'starting' && state.kind !== 'waiting') for (const waiter of this.waiters.splice(0)) waiter.reject(notHere(state));
    this.hooks.show(state);
  }
}
