/** <setup-panel>: create and delete disks, and one click for a first experiment; emits events only. */
import { LitElement, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { DiskView, NewCopy, NewDisk } from '../worker/api.ts';
import type { Fill } from '../core/vocabulary.ts';
import { PANEL_CSS, bytesText, freeName, noteFor, suggestName, type ActionOutcome } from './messages.ts';
import { MAX_PICTURE_BYTES, SAMPLE_PICTURES, loadPicture, pictureBytes } from './picture-fill.ts';
import { StorageEstimate, diskRoomProblem } from './storage-estimate.ts';
import { LanguageController } from './i18n/language.ts';
import { setupWords, type ContentKind } from './i18n/setup.ts';

/** Content the shell writes onto a new disk after creating it: a text from block 0 on, or every block's bytes. */
export type DiskContent = { kind: 'text'; text: string } | { kind: 'picture'; bytes: Uint8Array };
/** Detail of `create-disk`. */
export type CreateDiskDetail = NewDisk & { content?: DiskContent };
/** Detail of `first-experiment`: create `source`, then `target`, then start `copy`. */
export interface FirstExperimentDetail {
  source: CreateDiskDetail;
  target: CreateDiskDetail;
  copy: NewCopy;
}

declare global {
  interface HTMLElementTagNameMap { 'setup-panel': SetupPanel }
  interface HTMLElementEventMap {
    'create-disk': CustomEvent<CreateDiskDetail>;
    'delete-disk': CustomEvent<{ name: string }>;
    'first-experiment': CustomEvent<FirstExperimentDetail>;
  }
}

const CONTENT_KINDS: readonly ContentKind[] = ['zero', 'index', 'byte', 'text', 'sample', 'file'];
const BLOCK_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const MAX_BLOCKS = 262_144;
const MAX_DISK_BYTES = 2 ** 30;
/** 256 blocks of 4 KiB: a 16 × 16 grid, the same in every layout rule, and a copy of about 9 s at medium priority. */
const FIRST_BLOCKS = 256;

const valueOf = (event: Event): string => (event.target as HTMLInputElement | HTMLSelectElement).value;

/** Creates and deletes disks. Properties: `disks`, `lastOutcome`. Events: create-disk, delete-disk, first-experiment. */
@customElement('setup-panel')
export class SetupPanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS + '.start { font-size: 1.15em; padding: 0.6rem 1.4rem; }');

  /** Every disk of the array (repositories are left out of the lists). */
  @property({ attribute: false }) disks: DiskView[] = [];
  /** The outcome of the last action, shown next to the control that caused it. */
  @property({ attribute: false }) lastOutcome: ActionOutcome | null = null;

  @state() private name: string | null = null;
  @state() private blocks = '64';
  @state() private blockSize = 4096;
  @state() private kind: ContentKind = 'zero';
  @state() private byteValue = '170';
  /** The text typed for a text disk; null until the learner types, so the offered text follows the language. */
  @state() private text: string | null = null;
  @state() private sample = SAMPLE_PICTURES[0]?.id ?? '';
  @state() private file: File | null = null;
  @state() private busy = '';
  @state() private pictureError = '';
  @state() private deleteName = '';
  /** What the browser says is left, so that a disk that could not fit is refused up front. */
  private readonly storage = new StorageEstimate(this);

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  override render(): TemplateResult {
    const words = setupWords();
    return html`<h2>${words.heading}</h2>
      <div>
        <button class="primary start" type="button" @click=${this.startFirst}>${words.startFirst}</button>
        <p class="hint">${words.startFirstHint(FIRST_BLOCKS)}</p>
        ${this.note(['first-experiment'])}
      </div>
      ${this.createForm()} ${this.deleteForm()}`;
  }

  private createForm(): TemplateResult {
    const problem = this.problem();
    const words = setupWords();
    return html`<form @submit=${this.create}><fieldset><legend>${words.newDisk}</legend>
      <div class="row">
        <div class="field"><label for="name">${words.name}</label><input id="name" name="name" required pattern="[A-Za-z0-9_\\-]{1,30}" autocomplete="off"
          .value=${this.name ?? suggestName(this.disks)} @input=${(e: Event) => (this.name = valueOf(e))} /></div>
        <div class="field"><label for="blocks">${words.blocks}</label><input id="blocks" name="blocks" type="number" min="1" max=${MAX_BLOCKS} step="1" required
          .value=${this.blocks} @input=${(e: Event) => (this.blocks = valueOf(e))} /></div>
        <div class="field"><label for="block-size">${words.blockSize}</label><select id="block-size" name="blockSize" @change=${(e: Event) => (this.blockSize = Number(valueOf(e)))}>
          ${BLOCK_SIZES.map((s) => html`<option value=${s} .selected=${s === this.blockSize}>${bytesText(s)}</option>`)}</select></div>
      </div>
      <div class="row">
        <div class="field"><label for="content">${words.content}</label><select id="content" name="content" @change=${(e: Event) => ([this.kind, this.pictureError] = [valueOf(e) as ContentKind, ''])}>
          ${CONTENT_KINDS.map((k) => html`<option value=${k} .selected=${k === this.kind}>${words.contentLabel(k)}</option>`)}</select></div>
        ${this.contentField()}
      </div>
      <p class="hint">${this.sizeText()}${problem ? html` <strong>${problem}</strong>` : nothing}</p>
      <div><button class="primary" type="submit" ?disabled=${problem !== null || this.busy !== ''}>${words.createDisk}</button></div>
      <p class="note status" role="status">${this.busy}</p>
      <p class="note alert" role="alert">${this.pictureError}</p>
      ${this.note(['create-disk'])}
    </fieldset></form>`;
  }

  private contentField(): TemplateResult | typeof nothing {
    const words = setupWords();
    if (this.kind === 'byte') {
      return html`<div class="field"><label for="byte">${words.byteValue}</label><input id="byte" type="number" min="0" max="255" step="1" required
        .value=${this.byteValue} @input=${(e: Event) => (this.byteValue = valueOf(e))} /></div>`;
    }
    if (this.kind === 'text') {
      return html`<div class="field"><label for="text">${words.text}</label><textarea id="text" rows="2" maxlength="4000"
        .value=${this.text ?? words.defaultText} @input=${(e: Event) => (this.text = valueOf(e))}></textarea></div>`;
    }
    if (this.kind === 'sample') {
      return html`<div class="field"><label for="picture">${words.picture}</label><select id="picture" @change=${(e: Event) => (this.sample = valueOf(e))}>
        ${SAMPLE_PICTURES.map((p) => html`<option value=${p.id} .selected=${p.id === this.sample}>${words.sample(p.id, p.label)}</option>`)}</select></div>`;
    }
    if (this.kind === 'file') {
      return html`<div class="field"><label for="image-file">${words.imageFile}</label><input id="image-file" type="file" accept="image/*" required
        @change=${(e: Event) => (this.file = (e.target as HTMLInputElement).files?.[0] ?? null)} /></div>`;
    }
    return nothing;
  }

  private deleteForm(): TemplateResult {
    const names = this.disks.filter((d) => d.role === 'standard').map((d) => d.name);
    const chosen = names.includes(this.deleteName) ? this.deleteName : (names[0] ?? '');
    const words = setupWords();
    return html`<form @submit=${(e: Event) => this.deleteDisk(e, chosen)}><fieldset><legend>${words.deleteHeading}</legend>
      <div class="row">
        <div class="field"><label for="disk">${words.disk}</label><select id="disk" ?disabled=${!names.length} @change=${(e: Event) => (this.deleteName = valueOf(e))}>
          ${names.map((n) => html`<option value=${n} .selected=${n === chosen}>${n}</option>`)}</select></div>
        <div><button class="danger" type="submit" ?disabled=${!names.length}>${words.deleteDisk}</button></div>
      </div>
      ${names.length ? nothing : html`<p class="hint">${words.noDisks}</p>`}
      ${this.note(['delete-disk'])}
    </fieldset></form>`;
  }

  /** The last outcome if one of `actions` caused it: a fresh alert element per refusal, or a polite status. */
  private note(actions: readonly string[]): TemplateResult {
    const note = noteFor(this.lastOutcome, actions);
    return html`${keyed(this.lastOutcome, html`<p class="note alert" role="alert">${note?.kind === 'alert' ? note.text : nothing}</p>`)}
      <p class="note status" role="status">${note?.kind === 'status' ? note.text : nothing}</p>`;
  }

  private sizeText(): string {
    const blocks = Number(this.blocks);
    return Number.isInteger(blocks) && blocks > 0 ? setupWords().size(blocks, this.blockSize) : '';
  }

  /** Why the new disk cannot be created as entered, or null (the form's own constraints check the rest). */
  private problem(): string | null {
    const bytes = Number(this.blocks) * this.blockSize;
    if (bytes > MAX_DISK_BYTES) return setupWords().tooLarge;
    const picture = this.kind === 'sample' || this.kind === 'file';
    if (picture && bytes > MAX_PICTURE_BYTES) return setupWords().pictureTooLarge(MAX_PICTURE_BYTES);
    return diskRoomProblem(bytes, this.storage.available);
  }

  private readonly create = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.problem()) return;
    const spec: NewDisk = { name: this.name ?? suggestName(this.disks), blocks: Number(this.blocks), blockSize: this.blockSize, fill: this.fill() };
    this.busy = this.kind === 'sample' || this.kind === 'file' ? setupWords().preparing : '';
    this.pictureError = '';
    try {
      const content = await this.content(spec);
      this.emit('create-disk', content ? { ...spec, content } : spec);
      this.name = null;
    } catch {
      this.pictureError = setupWords().unreadableImage;
    } finally {
      this.busy = '';
    }
  };

  private fill(): Fill {
    if (this.kind === 'index') return { kind: 'index' };
    if (this.kind === 'byte') return { kind: 'byte', value: Number(this.byteValue) };
    return { kind: 'zero' };
  }

  /** The content to write after creation, if any; rejects when a picture cannot be decoded. */
  private async content(spec: NewDisk): Promise<DiskContent | undefined> {
    if (this.kind === 'text') return { kind: 'text', text: this.text ?? setupWords().defaultText };
    if (this.kind !== 'sample' && this.kind !== 'file') return undefined;
    const source = this.kind === 'file' ? this.file : (SAMPLE_PICTURES.find((p) => p.id === this.sample)?.url ?? null);
    if (!source) throw new Error('no picture chosen');
    return { kind: 'picture', bytes: pictureBytes(await loadPicture(source), spec.blocks, spec.blockSize) };
  }

  private readonly deleteDisk = (event: Event, name: string): void => {
    event.preventDefault();
    if (name) this.emit('delete-disk', { name });
  };

  private readonly startFirst = async (): Promise<void> => {
    const taken = new Set(this.disks.map((d) => d.name));
    const base = { blocks: FIRST_BLOCKS, blockSize: 4096, fill: { kind: 'zero' } as Fill };
    const source: CreateDiskDetail = { name: freeName('SRC', taken), ...base };
    const target: CreateDiskDetail = { name: freeName('TGT', taken), ...base };
    try {
      source.content = { kind: 'picture', bytes: pictureBytes(await loadPicture(SAMPLE_PICTURES[0]?.url ?? ''), FIRST_BLOCKS, 4096) };
    } catch {
      source.fill = { kind: 'index' }; // without a picture, the index pattern still shows each block
    }
    const copy: NewCopy = { source: source.name, target: target.name, type: 'online', priority: 'medium', targetReadOnly: true };
    this.emit('first-experiment', { source, target, copy });
  };

  private emit<K extends 'create-disk' | 'delete-disk' | 'first-experiment'>(type: K, detail: HTMLElementEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
