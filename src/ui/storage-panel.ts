/**
 * <storage-panel>: how much the browser lets the lab store, how much it uses, whether the storage
 * is persistent, and a button that asks the browser to make it persistent.
 */
import { chosenStore } from './lab-client.ts';
import { LitElement, css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PANEL_CSS } from './messages.ts';
import { LanguageController } from './i18n/language.ts';
import { storageWords } from './i18n/storage.ts';
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

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  override render(): TemplateResult {
    const facts = this.storage.facts;
    return html`<section class="stack" aria-labelledby="storage-heading">
      <h2 id="storage-heading">${storageWords().heading}</h2>
      ${facts ? this.figures() : html`<p>${storageWords().asking}</p>`}
      ${this.storeChoice()}
      <p class="note status" role="status">${this.answer}</p>
    </section>`;
  }

  /** IndexedDB or OPFS: each keeps its own array of disks; switching reloads the page on the other. */
  private storeChoice(): TemplateResult {
    const current = chosenStore();
    const other = current === 'idb' ? 'opfs' : 'idb';
    const words = storageWords();
    const href = other === 'opfs' ? '?store=opfs' : location.pathname;
    return html`<p data-testid="store-choice">${words.keptIn(current)}
      <a href=${href}>${words.useOther(other)}</a>${words.separate}</p>`;
  }

  private figures(): TemplateResult {
    const { usage, quota, persisted } = this.storage.facts!;
    const known = usage !== null && quota !== null;
    const words = storageWords();
    return html`
      <p data-testid="storage-estimate">${known
        ? words.uses(usage, quota)
        : words.unknownQuota}</p>
      ${known ? html`<meter min="0" max=${quota} value=${usage} aria-label=${words.used}></meter>` : nothing}
      <p data-testid="storage-persistence">${persisted === null
        ? words.unknownPersistence
        : persisted
          ? words.persistent
          : words.notPersistent}</p>
      ${persisted === false
        ? html`<div><button type="button" ?disabled=${this.asking} @click=${this.askPersistence}>${words.keep}</button></div>`
        : nothing}
    `;
  }

  private readonly askPersistence = async (): Promise<void> => {
    this.asking = true;
    try {
      const granted = await navigator.storage.persist();
      this.answer = granted
        ? storageWords().granted
        : storageWords().refused;
    } catch {
      this.answer = storageWords().noAnswer;
    } finally {
      this.asking = false;
      await this.storage.refresh();
    }
  };
}
