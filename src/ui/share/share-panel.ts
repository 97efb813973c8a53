/**
 * <share-panel>: "Copy link", scenario download (optionally with disk contents) and upload, the
 * event log as CSV and a PNG of the maps; and, at start-up, the opening of a shared `#lab=` link
 * (asking first when the lab has disks). Set `lab`, `frame`, `events` and `pair`; emits no events.
 */
import { LitElement, css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Frame, FramePair, LabEvent } from '../../worker/api.ts';
import { LanguageController } from '../i18n/language.ts';
import { PANEL_CSS } from '../messages.ts';
import { buildLink, downloadCsv, downloadPng, downloadScenario, openScenarioFile, type ShareApi, type ShareNote } from './share-actions.ts';
import { forgetSharedLink, openSharedLab, sharedLabOfLocation } from './link-open.ts';
import type { SharedLab } from './share-link.ts';
import { shareWords } from './share-text.ts';

declare global {
  interface HTMLElementTagNameMap {
    'share-panel': SharePanel;
  }
}

/** The share and export card. */
@customElement('share-panel')
export class SharePanel extends LitElement {
  static override styles = [
    unsafeCSS(PANEL_CSS),
    css`
      .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .intro { margin: 0; color: var(--lab-muted, #52606d); font-size: 0.9em; }
      input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; }
      dialog { max-width: min(36rem, 92vw); border: 2px solid var(--lab-accent, #1f3a5f); border-radius: 0.5rem; padding: 1rem 1.25rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.35); }
      dialog p { margin: 0 0 1rem; overflow-wrap: anywhere; }
    `,
  ];

  /** Holder of the lab's API (the page's LabController); a comlink proxy itself cannot pass through a lit binding. */
  @property({ attribute: false }) lab: { readonly api: ShareApi } | null = null;
  @property({ attribute: false }) frame: Frame | null = null;
  /** The events the page has received, oldest first. */
  @property({ attribute: false }) events: readonly LabEvent[] = [];
  /** The copy pair the maps show, for the picture's counters. */
  @property({ attribute: false }) pair: FramePair | null = null;
  @state() private link = '';
  @state() private note: ShareNote | null = null;
  @state() private contents = false;
  @state() private busy = false;
  /** A shared lab waiting for the learner's answer, or a start-up refusal to show. */
  @state() private pending: SharedLab | null = null;
  @state() private dialogText = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input[type=file]') private fileInput!: HTMLInputElement;
  private linkChecked = false;

  constructor() {
    super();
    new LanguageController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    const words = shareWords();
    const idle = !this.lab || this.busy;
    return html`<div class="stack">
      <h2>${words.heading}</h2>
      <p class="intro">${words.intro}</p>
      <div class="buttons">
        <button type="button" class="primary" ?disabled=${idle} @click=${() => void this.copyLink()}>${words.copyLink}</button>
      </div>
      ${this.link ? html`<div class="field"><label for="share-link">${words.linkLabel}</label>
        <input id="share-link" data-testid="share-link" readonly .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></div>` : nothing}
      <div class="buttons">
        <button type="button" ?disabled=${idle} @click=${() => void this.run(() => downloadScenario(this.lab!.api, this.contents))}>${words.downloadScenario}</button>
        <label class="check"><input type="checkbox" .checked=${this.contents} @change=${(e: Event) => (this.contents = (e.target as HTMLInputElement).checked)} />${words.withContents}</label>
      </div>
      <div class="buttons">
        <button type="button" ?disabled=${idle} @click=${() => this.fileInput.click()}>${words.openFile}</button>
        <input type="file" accept=".json,application/json" tabindex="-1" aria-hidden="true" @change=${this.onFile} />
      </div>
      <div class="buttons">
        <button type="button" ?disabled=${this.events.length === 0} @click=${() => (this.note = downloadCsv(this.events))}>${words.downloadCsv}</button>
        <button type="button" ?disabled=${!this.frame} @click=${() => void this.run(() => downloadPng(this.mapsElement(), this.pair))}>${words.downloadPng}</button>
      </div>
      <p class="note ${this.note?.ok === false ? 'alert' : 'status'}" role=${this.note?.ok === false ? 'alert' : 'status'} data-testid="share-note">${this.note?.text ?? ''}</p>
      ${this.renderDialog()}
    </div>`;
  }

  protected override updated(): void {
    if (!this.linkChecked && this.frame && this.lab) {
      this.linkChecked = true;
      void this.checkLocation();
    }
  }

  private renderDialog(): TemplateResult {
    const words = shareWords();
    return html`<dialog aria-labelledby="share-dialog-text" @cancel=${() => this.answer(false)}>
      <p id="share-dialog-text" data-testid="share-dialog-text">${this.dialogText}</p>
      <div class="buttons">
        ${this.pending
          ? html`<button type="button" class="primary" @click=${() => this.answer(true)}>${words.openShared}</button>
              <button type="button" @click=${() => this.answer(false)}>${words.keepMine}</button>`
          : html`<button type="button" class="primary" @click=${() => this.dialog.close()}>OK</button>`}
      </div>
    </dialog>`;
  }

  /** Looks for a shared lab in the address: opens it, asks first when the lab has disks, or says what is wrong. */
  private async checkLocation(): Promise<void> {
    const shared = await sharedLabOfLocation();
    if (!shared) return;
    forgetSharedLink();
    if (!shared.ok) return this.showDialog(null, shareWords().linkRefused(shared.message));
    // Say what is wrong with the shared scenario before asking to replace anything with it.
    const checked = await this.lab?.api.checkScenario(shared.value.scenario);
    if (checked && !checked.ok) return this.showDialog(null, shareWords().linkRefused(checked.message));
    const hasDisks = (this.frame?.disks ?? []).some((disk) => disk.role === 'standard');
    if (hasDisks) return this.showDialog(shared.value, shareWords().askOpen);
    await this.openShared(shared.value);
  }

  private async answer(open: boolean): Promise<void> {
    const lab = this.pending;
    this.pending = null;
    this.dialog.close();
    if (!lab) return;
    if (open) await this.openShared(lab);
    else this.note = { ok: true, text: shareWords().linkKept };
  }

  private async openShared(lab: SharedLab): Promise<void> {
    const note = await this.run(() => openSharedLab(this.lab!.api, lab));
    if (!note.ok) this.showDialog(null, note.text);
  }

  private async showDialog(lab: SharedLab | null, text: string): Promise<void> {
    this.pending = lab;
    this.dialogText = text;
    if (!lab) this.note = { ok: false, text };
    await this.updateComplete;
    // In projector mode the card sits in a folded <details>, whose hidden content would hide the dialog too.
    const fold = this.closest('details');
    if (fold) fold.open = true;
    if (!this.dialog.open) this.dialog.showModal();
  }

  private async copyLink(): Promise<void> {
    const built = await this.run(async () => {
      const result = await buildLink(this.lab!.api, this.frame?.travel?.position ?? null);
      if (!('url' in result)) return result;
      this.link = result.url;
      const copied = await navigator.clipboard?.writeText(result.url).then(() => true, () => false);
      return { ok: true, text: copied ? shareWords().linkCopied : shareWords().linkReady };
    });
    this.note = built;
  }

  /** Runs one action with the buttons disabled, keeps its note. */
  private async run(action: () => Promise<ShareNote>): Promise<ShareNote> {
    this.busy = true;
    try {
      this.note = await action();
    } catch (error) {
      // The lab's calls reject when it moved to another tab: say so instead of failing silently.
      this.note = { ok: false, text: error instanceof Error ? error.message : String(error) };
    } finally {
      this.busy = false;
    }
    return this.note;
  }

  private readonly onFile = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file && this.lab) void this.run(() => openScenarioFile(this.lab!.api, file));
  };

  private readonly onHashChange = (): void => {
    if (this.lab && this.frame) void this.checkLocation();
  };

  /** The page's <disk-maps>, a sibling in the same shadow root. */
  private mapsElement(): Element | null {
    const root = this.getRootNode() as Document | ShadowRoot;
    return root.querySelector('disk-maps');
  }
}
