/**
 * <storage-panel>: how much the browser lets the lab store, how much it uses, whether the storage
 * is persistent, and a button that asks the browser to make it persistent.
 */
import { chosenStore } from './lab-client.ts';
import { LitElement, css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PANEL_CSS, bytesText } from './messages.ts';
import { StorageEstimate } from './storage-estimate.ts';

declare global {
  interface HTMLElementTagNameMap {
    'storage-panel': StoragePanel;
  }
}

/** The storage estimate and persistence of this site. */
@customElement('storage-panel')
export class StoragePanel extends LitElement {
  static override styles = [
    unsafeCSS(PANEL_CSS),
    css`
      meter { width: 100%; height: 1.2em; }
      p { margin: 0; }
    `,
  ];

  private readonly storage = new StorageEstimate(this);
  /** The answer to the last request for persistence, as a sentence. */
  @state() private answer = '';
  @state() private asking = false;

  override render(): TemplateResult {
    const facts = this.storage.facts;
    return html`<section class="stack" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage in this browser</h2>
      ${facts ? this.figures() : html`<p>Asking the browser…</p>`}
      ${this.storeChoice()}
      <p class="note status" role="status">${this.answer}</p>
    </section>`;
  }

  /** IndexedDB or OPFS: each keeps its own array of disks; switching reloads the page on the other. */
  private storeChoice(): TemplateResult {
    const current = chosenStore();
    const other = current === 'idb' ? 'opfs' : 'idb';
    const names = { idb: 'IndexedDB', opfs: 'the Origin Private File System (OPFS)' } as const;
    const href = other === 'opfs' ? '?store=opfs' : location.pathname;
    return html`<p data-testid="store-choice">Disks are kept in ${names[current]}.
      <a href=${href}>Use ${names[other]} instead</a> (a separate array of disks, to compare the two).</p>`;
  }

  private figures(): TemplateResult {
    const { usage, quota, persisted } = this.storage.facts!;
    const known = usage !== null && quota !== null;
    return html`
      <p data-testid="storage-estimate">${known
        ? `The lab uses ${bytesText(usage)} of about ${bytesText(quota)} this browser lets it store (${bytesText(Math.max(0, quota - usage))} left).`
        : 'This browser does not say how much the lab may store.'}</p>
      ${known ? html`<meter min="0" max=${quota} value=${usage} aria-label="Storage used"></meter>` : nothing}
      <p data-testid="storage-persistence">${persisted === null
        ? 'This browser does not say whether it may clear the lab’s data.'
        : persisted
          ? 'Persistent: the browser keeps your disks even when the device runs short of space.'
          : 'Not persistent: the browser may clear your disks when the device runs short of space.'}</p>
      ${persisted === false
        ? html`<div><button type="button" ?disabled=${this.asking} @click=${this.askPersistence}>Keep my disks (ask for persistent storage)</button></div>`
        : nothing}
    `;
  }

  private readonly askPersistence = async (): Promise<void> => {
    this.asking = true;
    try {
      const granted = await navigator.storage.persist();
      this.answer = granted
        ? 'The browser agreed: your disks are now kept even when space runs short.'
        : 'The browser said no for now (it decides from how you use the site, for example a bookmark or an installed app). The lab works the same; its data may just be cleared under storage pressure.';
    } catch {
      this.answer = 'The browser could not answer the request for persistent storage.';
    } finally {
      this.asking = false;
      await this.storage.refresh();
    }
  };
}
