/** Entry point of the page: starts the lab worker, then the <storage-lab-app> element renders the lab. */
import type { Remote } from 'comlink';
import type { LabApi } from '../worker/api.ts';
import { connectLab } from './lab-client.ts';

declare global {
  // The lab's API, also reachable from the browser console for experiments (and used by tests).
  var storageLab: Remote<LabApi> | undefined;
}

globalThis.storageLab = connectLab();
await import('./lab-app.ts');
