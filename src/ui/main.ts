/** Entry point of the page: starts the lab worker and defines the <storage-lab-app> shell element. */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Remote } from 'comlink';
import type { Frame, LabApi } from '../worker/api.ts';
import { connectLab } from './lab-client.ts';

declare global {
  interface HTMLElementTagNameMap {
    'storage-lab-app': StorageLabApp;
  }
  // The lab's API, also reachable from the browser console for experiments (and used by tests).
  var storageLab: Remote<LabApi> | undefined;
}

const lab = connectLab();
globalThis.storageLab = lab;

/** The application shell; the lab's panels will be composed in here. */
@customElement('storage-lab-app')
export class StorageLabApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 60rem;
      margin: 0 auto;
      padding: 1rem;
      font-family: system-ui, sans-serif;
      color: #1f2933;
    }
    h1 {
      margin: 0 0 0.25rem;
      color: #1f3a5f;
    }
    p {
      margin: 0 0 0.5rem;
    }
  `;

  /** Whether the page can use SharedArrayBuffer (needs the COOP/COEP headers). */
  @state() private isolated = globalThis.crossOriginIsolated === true;
  @state() private frame: Frame | null = null;
  private version = -1;
  private polling = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const poll = async (): Promise<void> => {
      const next = await lab.frame(this.version, Number.MAX_SAFE_INTEGER);
      if (next) {
        this.version = next.version;
        this.frame = next;
      }
      this.polling = requestAnimationFrame(() => void poll());
    };
    void poll();
  }

  override disconnectedCallback(): void {
    cancelAnimationFrame(this.polling);
    super.disconnectedCallback();
  }

  override render() {
    return html`
      <h1>Storage Lab</h1>
      <p>Copy a virtual disk while it stays online, and watch the snapshot, the repository and copy-on-write at work.</p>
      <p role="status" data-testid="engine-status">${this.status()}</p>
      ${this.isolated ? null : html`<p role="note">Not cross-origin isolated: shared memory is unavailable.</p>`}
    `;
  }

  private status(): string {
    if (!this.frame) return 'Starting the copy engine…';
    const disks = this.frame.disks.filter((d) => d.role === 'standard').length;
    const copies = this.frame.pairs.map((p) => `${p.source} → ${p.target} ${p.status} ${p.progress.copied}/${p.progress.total}`);
    return `Engine ready: ${disks} disk${disks === 1 ? '' : 's'}${copies.length ? `; ${copies.join('; ')}` : ', no copies yet'}.`;
  }
}
