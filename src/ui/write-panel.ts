/**
 * <write-panel>: host writes by hand — the brush colour a click or a drag on a map writes, and a
 * text typed into a chosen block. Emits `write-text` and `brush-change`; the refusal of the last
 * write is shown here in the learner's words.
 */
import { LitElement, html, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DiskView } from '../worker/api.ts';
import { PANEL_CSS, noteFor, type ActionOutcome } from './messages.ts';
import { writeWords } from './i18n/controls.ts';
import { LanguageController } from './i18n/language.ts';

/** Detail of `write-text`. */
export interface WriteTextDetail {
  disk: string;
  block: number;
  text: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'write-panel': WritePanel;
  }
  interface HTMLElementEventMap {
    'write-text': CustomEvent<WriteTextDetail>;
    'brush-change': CustomEvent<{ rgb: [number, number, number] }>;
  }
}

/** The manual write controls. */
@customElement('write-panel')
export class WritePanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS);

  @property({ attribute: false }) disks: DiskView[] = [];
  @property({ attribute: false }) lastOutcome: ActionOutcome | null = null;
  /** The disk offered first (the copy's source). */
  @property() preferred = '';
  @state() private disk = '';
  @state() private block = 0;
  /** The text typed; null until the learner types, so the offered text follows the language. */
  @state() private text: string | null = null;
  @state() private brush = '#d55e00';

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  override render(): TemplateResult {
    const disks = this.disks.filter((d) => d.role === 'standard');
    const chosen = disks.find((d) => d.name === (this.disk || this.preferred)) ?? disks[0];
    const note = noteFor(this.lastOutcome, ['write']);
    const words = writeWords();
    return html`
      <section aria-labelledby="write-heading">
        <h2 id="write-heading">${words.heading}</h2>
        <p class="hint">${words.hint}</p>
        <label>${words.brush} <input type="color" .value=${this.brush} @input=${this.onBrush} /></label>
        <form @submit=${(e: Event) => this.submit(e, chosen)}>
          <label>${words.disk}
            <select @change=${(e: Event) => (this.disk = (e.target as HTMLSelectElement).value)}>
              ${disks.map((d) => html`<option .value=${d.name} ?selected=${d === chosen}>${d.name}</option>`)}
            </select>
          </label>
          <label>${words.block}
            <input type="number" min="0" max=${Math.max(0, (chosen?.blocks ?? 1) - 1)} required .value=${String(this.block)}
              @input=${(e: Event) => (this.block = Number((e.target as HTMLInputElement).value))} />
          </label>
          <label>${words.text}
            <input type="text" maxlength=${chosen?.blockSize ?? 4096} .value=${this.text ?? words.defaultText}
              @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" ?disabled=${!chosen}>${words.write}</button>
        </form>
        ${note ? html`<p class="note ${note.kind}" role=${note.kind}>${note.text}</p>` : null}
      </section>
    `;
  }

  private onBrush(event: Event): void {
    this.brush = (event.target as HTMLInputElement).value;
    const hex = this.brush.slice(1);
    const rgb: [number, number, number] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    this.dispatchEvent(new CustomEvent('brush-change', { detail: { rgb }, bubbles: true, composed: true }));
  }

  private submit(event: Event, disk: DiskView | undefined): void {
    event.preventDefault();
    if (!disk) return;
    const detail: WriteTextDetail = { disk: disk.name, block: this.block, text: this.text ?? writeWords().defaultText };
    this.dispatchEvent(new CustomEvent('write-text', { detail, bubbles: true, composed: true }));
  }
}
