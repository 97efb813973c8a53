/**
 * Entry point of the page. The tab that holds the lab's Web Lock starts the lab worker and shows
 * <storage-lab-app>; another tab shows <lab-tab-notice> and may take the lab over (tab-session.ts).
 */
import type { Remote } from 'comlink';
import type { LabApi } from '../worker/api.ts';
import { labHandle } from './lab-handle.ts';
import './tab-notice.ts';
import { TabSession, type TabState } from './tab-session.ts';

declare global {
  // The lab's API, also reachable from the browser console for experiments (and used by tests);
  // its calls wait while the lab starts here, and reject while it runs in another tab.
  var storageLab: Remote<LabApi> | undefined;
}

let notice: HTMLElementTagNameMap['lab-tab-notice'] | null = null;

/** Shows the lab: the page's own <storage-lab-app> the first time, a new one after a handover. */
async function mount(): Promise<void> {
  await import('./lab-app.ts');
  notice?.remove();
  notice = null;
  if (!document.querySelector('storage-lab-app')) document.body.append(document.createElement('storage-lab-app'));
}

function unmount(): void {
  document.querySelector('storage-lab-app')?.remove();
}

function show(state: TabState): void {
  if (state.kind === 'here' || state.kind === 'starting') return;
  document.querySelector('storage-lab-app')?.remove();
  notice ??= document.body.appendChild(document.createElement('lab-tab-notice'));
  notice.state = state;
}

const session = new TabSession({ mount, unmount, show });
globalThis.storageLab = labHandle(session);
document.addEventListener('take-over', () => void session.takeOver());
document.addEventListener('reload-page', () => location.reload());
await session.start();
