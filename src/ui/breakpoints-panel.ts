/** <breakpoints-panel>: add, list and remove breakpoints (fields checked with messages); emits `set-breakpoints` only. */
import { LitElement, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Breakpoint, BreakpointsState, FramePair } from '../worker/api.ts';
import { PANEL_CSS, noteFor, type ActionOutcome } from './messages.ts';
import { breakpointWords } from './i18n/breakpoints.ts';
import { LanguageController } from './i18n/language.ts';

/** Detail of `set-breakpoints`: the whole new list. */
export interface BreakpointsDetail {
  list: Breakpoint[];
}

declare global {
  interface HTMLElementTagNameMap { 'breakpoints-panel': BreakpointsPanel }
  interface HTMLElementEventMap { 'set-breakpoints': CustomEvent<BreakpointsDetail> }
}

type Kind = Breakpoint['kind'];
/** The kinds in the order a copy meets them. */
const KINDS: readonly Kind[] = ['copierReaches', 'firstCopyOnWrite', 'repositoryFill', 'writeRefused', 'copyCompleted', 'copyFailed'];
const needsTarget = (kind: Kind): boolean => kind === 'copierReaches' || kind === 'firstCopyOnWrite' || kind === 'repositoryFill';
const needsBlock = (kind: Kind): boolean => kind === 'copierReaches' || kind === 'firstCopyOnWrite';
const valueOf = (event: Event): string => (event.target as HTMLInputElement | HTMLSelectElement).value;
/** A whole number from `min` to `max` typed in a field, or null. */
function wholeIn(text: string, min: number, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** The breakpoints card. Properties: `breakpoints`, `pairs`, `preferred` (the target shown), `lastOutcome`. */
@customElement('breakpoints-panel')
export class BreakpointsPanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS + `
    ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.4rem; }
    li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; padding: 0.3rem 0.5rem; border: 1px solid var(--lab-border, #cbd2d9); border-radius: 0.375rem; }
    li span { flex: 1 1 12rem; overflow-wrap: anywhere; }
    .field-error { margin: 0; color: var(--lab-danger, #b42318); font-size: 0.9em; }
  `);

  @property({ attribute: false }) breakpoints: BreakpointsState | null = null;
  @property({ attribute: false }) pairs: FramePair[] = [];
  @property() preferred = '';
  @property({ attribute: false }) lastOutcome: ActionOutcome | null = null;

  @state() private kind: Kind = 'copierReaches';
  @state() private target = '';
  @state() private block = '';
  @state() private percent = '50';
  @state() private problem: 'block' | 'percent' | null = null;

  constructor() {
    super();
    new LanguageController(this); // re-renders the card when the language switches
  }

  override render(): TemplateResult {
    const words = breakpointWords();
    const list = this.breakpoints?.list ?? [];
    return html`<h2>${words.heading}</h2>
      <form class="stack" @submit=${(e: Event) => this.add(e)} novalidate>
        <p class="hint">${words.intro}</p>
        <div class="field"><label for="bp-kind">${words.kind}</label>
          <select id="bp-kind" @change=${(e: Event) => ((this.kind = valueOf(e) as Kind), (this.problem = null))}>
            ${KINDS.map((k) => html`<option value=${k} .selected=${k === this.kind}>${words.kindLabel(k)}</option>`)}
          </select></div>
        <div class="row">${this.targetField()}${this.numberField()}</div>
        <div><button class="primary" type="submit" ?disabled=${needsTarget(this.kind) && this.pairs.length === 0}>${words.add}</button></div>
        ${needsTarget(this.kind) && this.pairs.length === 0 ? html`<p class="hint">${words.noCopy}</p>` : nothing}
        ${this.note()}
      </form>
      <h3 class="hint" id="bp-list">${words.listLabel}</h3>
      ${list.length === 0 ? html`<p class="hint">${words.none}</p>` : html`<ul aria-labelledby="bp-list" data-testid="breakpoint-list">
        ${list.map((bp, index) => html`<li><span>${words.describe(bp)}</span>
          <button type="button" class="danger" aria-label="${words.remove}: ${words.describe(bp)}" @click=${() => this.emit(list.filter((_, i) => i !== index))}>${words.remove}</button></li>`)}
      </ul>`}`;
  }

  /** The chosen target if it is still a pair's, else the preferred one, else the first. */
  private chosenPair(): FramePair | undefined {
    return this.pairs.find((p) => p.target === this.target) ?? this.pairs.find((p) => p.target === this.preferred) ?? this.pairs[0];
  }

  private targetField(): TemplateResult | typeof nothing {
    if (this.kind === 'writeRefused') return nothing;
    const words = breakpointWords();
    const any = !needsTarget(this.kind);
    const chosen = any && this.target === '' ? undefined : this.chosenPair();
    return html`<div class="field"><label for="bp-target">${words.target}</label>
      <select id="bp-target" @change=${(e: Event) => (this.target = valueOf(e))}>
        ${any ? html`<option value="" .selected=${chosen === undefined}>${words.anyCopy}</option>` : nothing}
        ${this.pairs.map((p) => html`<option value=${p.target} .selected=${p === chosen}>${p.source} → ${p.target}</option>`)}
      </select></div>`;
  }

  private numberField(): TemplateResult | typeof nothing {
    const words = breakpointWords();
    if (needsBlock(this.kind)) {
      const last = (this.chosenPair()?.progress.total ?? 1) - 1;
      return this.input('bp-block', words.block, this.block, 0, last, (v) => (this.block = v), this.problem === 'block' ? words.blockRange(last) : null);
    }
    if (this.kind !== 'repositoryFill') return nothing;
    return this.input('bp-percent', words.percent, this.percent, 1, 100, (v) => (this.percent = v), this.problem === 'percent' ? words.percentRange : null);
  }

  private input(id: string, label: string, value: string, min: number, max: number, set: (v: string) => void, error: string | null): TemplateResult {
    return html`<div class="field"><label for=${id}>${label}</label>
      <input id=${id} type="number" inputmode="numeric" min=${min} max=${max} step="1" .value=${value} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing} @input=${(e: Event) => ((this.problem = null), set(valueOf(e)))} />
      ${error ? html`<p class="field-error" id="${id}-error" role="alert">${error}</p>` : nothing}</div>`;
  }

  /** The breakpoint the fields describe, or null (and the field's message) when a number is out of range. */
  private entered(): Breakpoint | null {
    const pair = this.chosenPair();
    const target = pair?.target ?? '';
    switch (this.kind) {
      case 'copierReaches':
      case 'firstCopyOnWrite': {
        const block = wholeIn(this.block, 0, (pair?.progress.total ?? 1) - 1);
        if (block === null) this.problem = 'block';
        return block === null ? null : { kind: this.kind, target, block };
      }
      case 'repositoryFill': {
        const percent = wholeIn(this.percent, 1, 100);
        if (percent === null) this.problem = 'percent';
        return percent === null ? null : { kind: 'repositoryFill', target, percent };
      }
      case 'writeRefused':
        return { kind: 'writeRefused' };
      case 'copyCompleted':
      case 'copyFailed':
        return this.target === '' ? { kind: this.kind } : { kind: this.kind, target };
    }
  }

  private add(event: Event): void {
    event.preventDefault();
    const bp = this.entered();
    if (bp) this.emit([...(this.breakpoints?.list ?? []), bp]);
  }

  private emit(list: Breakpoint[]): void {
    this.dispatchEvent(new CustomEvent<BreakpointsDetail>('set-breakpoints', { detail: { list }, bubbles: true, composed: true }));
  }

  private note(): TemplateResult {
    const note = noteFor(this.lastOutcome, ['set-breakpoints']);
    return html`${keyed(this.lastOutcome, html`<p class="note alert" role="alert">${note?.kind === 'alert' ? note.text : nothing}</p>`)}`;
  }
}
