/** <copy-panel>: choose source, target, copy type and its options, and start a copy; emits `create-copy` only. */
import { LitElement, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { DiskView, NewCopy } from '../worker/api.ts';
import {
  COPY_TYPES,
  FULL_POLICIES,
  PRIORITIES,
  PRIORITY_RATE_168,
  REPOSITORY_PERCENTS,
  type CopyType,
  type FullPolicy,
  type Priority,
  type RepositoryPercent,
} from '../core/vocabulary.ts';
import { PANEL_CSS, noteFor, priorityLabel, type ActionOutcome } from './messages.ts';
import { copyWords } from './i18n/copy.ts';
import { LanguageController } from './i18n/language.ts';

declare global {
  interface HTMLElementTagNameMap { 'copy-panel': CopyPanel }
  interface HTMLElementEventMap { 'create-copy': CustomEvent<NewCopy> }
}

/** The copy types, online (the default and the seed's subject) first. */
const ONLINE_FIRST = [...COPY_TYPES].sort((a, b) => Number(b === 'online') - Number(a === 'online'));

const valueOf = (event: Event): string => (event.target as HTMLInputElement | HTMLSelectElement).value;

/** Starts a copy. Properties: `disks`, `lastOutcome`. Event: create-copy (detail NewCopy). */
@customElement('copy-panel')
export class CopyPanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS + '.choices { display: grid; gap: 0.25rem; }');

  /** Every disk of the array; only standard disks are offered. */
  @property({ attribute: false }) disks: DiskView[] = [];
  /** The outcome of the last action, shown under the start button when it is `create-copy`. */
  @property({ attribute: false }) lastOutcome: ActionOutcome | null = null;

  @state() private source = '';
  @state() private target = '';
  @state() private type: CopyType = 'online';
  @state() private priority: Priority = 'medium';
  @state() private repositoryPercent: RepositoryPercent = 20;
  @state() private warning = '50';
  @state() private fullPolicy: FullPolicy = 'failSnapshot';
  @state() private targetReadOnly = true;

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  override render(): TemplateResult {
    const disks = this.disks.filter((d) => d.role === 'standard');
    const source = this.pick(disks, this.source, 'SRC', '');
    const target = this.pick(disks, this.target, 'TGT', source?.name ?? '');
    const words = copyWords();
    return html`<h2>${words.heading}</h2>
      <form @submit=${(e: Event) => this.start(e, source, target)}>
        <div class="row">
          ${this.diskSelect('source', words.source, disks, source, (v) => (this.source = v))}
          ${this.diskSelect('target', words.target, disks.filter((d) => d !== source), target, (v) => (this.target = v))}
        </div>
        ${this.typeChoice()}
        <div class="row">
          <div class="field"><label for="priority">${words.priority}</label><select id="priority" @change=${(e: Event) => (this.priority = valueOf(e) as Priority)}>
            ${PRIORITIES.map((p) => html`<option value=${p} .selected=${p === this.priority}>${priorityLabel(p, PRIORITY_RATE_168[p])}</option>`)}</select></div>
        </div>
        ${this.repositoryOptions(source)}
        <label class="check"><input type="checkbox" .checked=${this.targetReadOnly}
          @change=${(e: Event) => (this.targetReadOnly = (e.target as HTMLInputElement).checked)} />
          <span>${words.readOnly}<small>${words.readOnlyHint}</small></span></label>
        <div><button class="primary" type="submit" ?disabled=${!source || !target}>${words.start}</button></div>
        ${source && target ? nothing : html`<p class="hint">${words.needsTwo}</p>`}
        ${this.note()}
      </form>`;
  }

  /** The chosen disk if it still exists, else the preferred name, else the first disk that is not `not`. */
  private pick(disks: DiskView[], chosen: string, preferred: string, not: string): DiskView | undefined {
    const usable = disks.filter((d) => d.name !== not);
    return usable.find((d) => d.name === chosen) ?? usable.find((d) => d.name === preferred) ?? usable[0];
  }

  private diskSelect(side: 'source' | 'target', label: string, disks: DiskView[], chosen: DiskView | undefined, set: (name: string) => void): TemplateResult {
    return html`<div class="field"><label for="disk-${side}">${label}</label><select id="disk-${side}" ?disabled=${!disks.length} @change=${(e: Event) => set(valueOf(e))}>
      ${disks.map((d) => html`<option value=${d.name} .selected=${d === chosen}>${copyWords().disk(d.name, d.blocks, d.blockSize)}</option>`)}
    </select></div>`;
  }

  private typeChoice(): TemplateResult {
    const words = copyWords();
    return html`<fieldset><legend>${words.copyType}</legend><div class="choices">
      ${ONLINE_FIRST.map((t) => html`<label class="check"><input type="radio" name="type" value=${t} .checked=${t === this.type}
        @change=${() => (this.type = t)} /><span>${words.typeLabel(t)}<small>${words.typeExplain(t)}</small></span></label>`)}
    </div></fieldset>`;
  }

  private repositoryOptions(source: DiskView | undefined): TemplateResult {
    const online = this.type === 'online';
    const words = copyWords();
    const size = (p: number): number | null => (source ? Math.max(1, Math.floor((source.blocks * p) / 100)) : null);
    return html`<fieldset ?disabled=${!online}><legend>${words.repository}</legend>
      ${online ? nothing : html`<p class="hint">${words.onlyOnline}</p>`}
      <div class="row">
        <div class="field"><label for="repository-size">${words.size}</label><select id="repository-size"
          @change=${(e: Event) => (this.repositoryPercent = Number(valueOf(e)) as RepositoryPercent)}>
          ${REPOSITORY_PERCENTS.map((p) => html`<option value=${p} .selected=${p === this.repositoryPercent}>${words.sizeOption(p, size(p))}</option>`)}</select></div>
        <div class="field"><label for="warning">${words.warn}</label><input id="warning" type="number" min="1" max="100" step="1" required
          .value=${this.warning} @input=${(e: Event) => (this.warning = valueOf(e))} /></div>
      </div>
      <fieldset class="choices"><legend>${words.whenFull}</legend>
        ${FULL_POLICIES.map((p) => html`<label class="check"><input type="radio" name="fullPolicy" value=${p} .checked=${p === this.fullPolicy}
          @change=${() => (this.fullPolicy = p)} /><span>${words.policyLabel(p)}<small>${words.policyExplain(p)}</small></span></label>`)}
      </fieldset>
    </fieldset>`;
  }

  /** The last outcome when it is about starting a copy: a fresh alert per refusal, or a polite status. */
  private note(): TemplateResult {
    const note = noteFor(this.lastOutcome, ['create-copy']);
    return html`${keyed(this.lastOutcome, html`<p class="note alert" role="alert">${note?.kind === 'alert' ? note.text : nothing}</p>`)}
      <p class="note status" role="status">${note?.kind === 'status' ? note.text : nothing}</p>`;
  }

  private start(event: Event, source: DiskView | undefined, target: DiskView | undefined): void {
    event.preventDefault();
    if (!source || !target) return;
    const spec: NewCopy = { source: source.name, target: target.name, type: this.type, priority: this.priority, targetReadOnly: this.targetReadOnly };
    if (this.type === 'online') {
      Object.assign(spec, { repositoryPercent: this.repositoryPercent, warningPercent: Number(this.warning), fullPolicy: this.fullPolicy });
    }
    this.dispatchEvent(new CustomEvent('create-copy', { detail: spec, bubbles: true, composed: true }));
  }
}
