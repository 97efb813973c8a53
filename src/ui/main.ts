/** Entry point of the page: defines the <storage-lab-app> shell element. */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';

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
      margin: 0;
    }
  `;

  /** Whether the page can use SharedArrayBuffer (needs the COOP/COEP headers). */
  @state() private isolated = globalThis.crossOriginIsolated === true;

  override render() {
    return html`
      <h1>Storage Lab</h1>
      <p>Copy a virtual disk while it stays online, and watch the snapshot, the repository and copy-on-write at work.</p>
      ${this.isolated ? null : html`<p role="note">Not cross-origin isolated: shared memory is unavailable.</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-lab-app': StorageLabApp;
  }
}
