/**
 * <block-history-panel>: follow one source block of the current copy: a "Follow block" field,
 * or the block selected on a map; its history as a short timeline of sentences, reloaded with
 * every new frame. Emits `follow-block` {block | null} so that the page can mark it.
 */
import { LitElement, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BlockHistory, FramePair, Outcome } from '../worker/api.ts';
import { PANEL_CSS, refusalSentence, isErrorCode } from './messages.ts';
import { historyTimeline, historyWords } from './i18n/block-history.ts';
import { LanguageController } from './i18n/language.ts';

/** Shortest time between two reloads of the history while frames stream in. */
const MIN_RELOAD_MS = 200;

/** Detail of `follow-block`: the followed block, or null when following stopped. */
export interface FollowDetail {
  block: number | null;
}

declare global {
  interface HTMLElementTagNameMap { 'block-history-panel': BlockHistoryPanel }
  interface HTMLElementEventMap { 'follow-block': CustomEvent<FollowDetail> }
}

/** The block of a `block-select` from a map of source blocks (not the repository map, whose cells are slots), or null. */
export function selectedSourceBlock(event: CustomEvent<{ block: number }>): number | null {
  const map = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.dataset['map'] !== undefined);
  return map?.dataset['map'] === 'repository' ? null : event.detail.block;
}

/** A new request to follow the block of a `block-follow` from a map of source blocks, or null. */
export function followRequestOf(event: CustomEvent<{ block: number }>): { block: number } | null {
  const block = selectedSourceBlock(event);
  return block === null ? null : { block };
}

/** Reads the history of a block of the pair that `disk` belongs to. */
export type HistoryLoader = (disk: string, block: number) => Promise<Outcome<BlockHistory>>;

/** The block follower. Properties: `pair`, `version` (reload when it moves), `selected` (a map's selected block), `loader`. */
@customElement('block-history-panel')
export class BlockHistoryPanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS + `
    ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.35rem; }
    li { padding-left: 0.75rem; border-left: 3px solid var(--lab-border, #cbd2d9); overflow-wrap: anywhere; }
    h3 { margin: 0.5rem 0 0.25rem; font-size: 1em; }
    .field-error { margin: 0; color: var(--lab-danger, #b42318); font-size: 0.9em; }
  `);

  @property({ attribute: false }) pair: FramePair | null = null;
  @property({ type: Number }) version = 0;
  @property({ attribute: false }) selected: number | null = null;
  @property({ attribute: false }) loader: HistoryLoader | null = null;
  /** A map's request to follow a block (Shift+click or F); each new object is one request. */
  @property({ attribute: false }) request: { block: number } | null = null;

  @state() private text = '';
  @state() private followed: number | null = null;
  @state() private invalid = false;
  @state() private history: BlockHistory | null = null;
  @state() private refusal: string | null = null;
  private loading = false;
  private again = false;
  private lastLoad = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LanguageController(this); // re-renders the timeline when the language switches
  }

  override render(): TemplateResult {
    const words = historyWords();
    const pair = this.pair;
    if (!pair) return html`<h2>${words.heading}</h2><p class="hint">${words.noCopy}</p>`;
    const last = pair.progress.total - 1;
    return html`<h2>${words.heading}</h2>
      <form class="stack" novalidate @submit=${(e: Event) => (e.preventDefault(), this.follow(this.text))}>
        <p class="hint">${words.intro}</p>
        <div class="row">
          <div class="field"><label for="follow-block">${words.field}</label>
            <input id="follow-block" type="number" inputmode="numeric" min="0" max=${last} step="1" .value=${this.text}
              aria-invalid=${this.invalid ? 'true' : 'false'} aria-describedby=${this.invalid ? 'follow-error' : nothing}
              @input=${(e: Event) => ((this.text = (e.target as HTMLInputElement).value), (this.invalid = false))} /></div>
          <button type="submit">${words.follow}</button>
        </div>
        ${this.invalid ? html`<p class="field-error" id="follow-error" role="alert">${words.range(last)}</p>` : nothing}
        <div class="row">
          ${this.selected !== null && this.selected <= last ? html`<button type="button" @click=${() => this.follow(String(this.selected))}>${words.followSelected(this.selected)}</button>` : nothing}
          ${this.followed !== null ? html`<button type="button" @click=${() => this.unfollow()}>${words.stop}</button>` : nothing}
        </div>
      </form>
      ${this.renderHistory()}`;
  }

  private renderHistory(): TemplateResult | typeof nothing {
    if (this.refusal) return html`<p class="note alert" role="alert">${this.refusal}</p>`;
    const h = this.history;
    if (this.followed === null || !h) return nothing;
    return html`<h3>${historyWords().title(h.block, h.source, h.target)}</h3>
      <ol data-testid="block-history">
        ${historyTimeline(h).map((line) => html`<li>${line.text}</li>`)}
      </ol>`;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('request') && this.request) this.follow(String(this.request.block));
  }

  override updated(changed: PropertyValues<this>): void {
    const pairChanged = changed.has('pair') && changed.get('pair')?.target !== this.pair?.target;
    if (pairChanged && this.followed !== null && (!this.pair || this.followed >= this.pair.progress.total)) this.unfollow();
    else if (this.followed !== null && (changed.has('version') || pairChanged)) void this.load();
  }

  private follow(text: string): void {
    const last = (this.pair?.progress.total ?? 0) - 1;
    const block = Number(text);
    if (text.trim() === '' || !Number.isInteger(block) || block < 0 || block > last) {
      this.invalid = true;
      return;
    }
    this.text = String(block);
    this.followed = block;
    this.history = null;
    this.dispatchEvent(new CustomEvent<FollowDetail>('follow-block', { detail: { block }, bubbles: true, composed: true }));
    void this.load();
  }

  private unfollow(): void {
    this.followed = null;
    this.history = null;
    this.refusal = null;
    this.dispatchEvent(new CustomEvent<FollowDetail>('follow-block', { detail: { block: null }, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    super.disconnectedCallback();
  }

  /**
   * One load at a time, at most every MIN_RELOAD_MS (each load reads a few blocks in the engine's
   * queue, between the copier's commits); a frame that arrives meanwhile asks for one more.
   */
  private async load(): Promise<void> {
    if (this.loading) return void (this.again = true);
    const wait = MIN_RELOAD_MS - (performance.now() - this.lastLoad);
    if (wait > 0) {
      this.timer ??= setTimeout(() => ((this.timer = undefined), void this.load()), wait);
      return;
    }
    this.lastLoad = performance.now();
    const [pair, block, loader] = [this.pair, this.followed, this.loader];
    if (!pair || block === null || !loader) return;
    this.loading = true;
    try {
      const outcome = await loader(pair.target, block);
      if (this.followed !== block) return;
      this.history = outcome.ok ? outcome.value : null;
      this.refusal = outcome.ok ? null : isErrorCode(outcome.code) ? refusalSentence(outcome.code, { message: outcome.message }) : outcome.message;
    } finally {
      this.loading = false;
      if (this.again) {
        this.again = false;
        void this.load();
      }
    }
  }
}
