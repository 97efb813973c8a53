/**
 * <timeline-bar>: time travel through the session under the status line: back and forward one
 * step, a slider to scrub (labelled, with the step's label as its value text), jump to a step,
 * back to live, a banner while the past is shown, continue from there, and the kept branches.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Remote } from 'comlink';
import type { LabApi, Outcome, TimelineView, TravelState } from '../worker/api.ts';
import { LanguageController } from './i18n/language.ts';
import { timelineWords } from './i18n/timeline.ts';

/** How often, at most, the timeline is fetched again while the live lab changes. */
const REFRESH_MS = 1000;

/** The timeline bar. Properties: `lab`, `travel` (from the frame), `version` (the frame's). */
@customElement('timeline-bar')
export class TimelineBar extends LitElement {
  static override styles = css`
    :host { display: block; }
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    input[type='range'] { flex: 1 1 12rem; min-width: 8rem; }
    select { max-width: 100%; min-width: 0; flex: 0 1 18rem; }
    button, select { font: inherit; min-height: 2.25rem; }
    .past { margin: 0.5rem 0 0; padding: 0.6rem 0.75rem; border: 2px solid var(--lab-warning, #b54708); border-left-width: 0.5rem;
      border-radius: 0.5rem; background: var(--lab-warning-bg, #fffaeb); color: var(--lab-fg, #1f2933); display: grid; gap: 0.4rem; }
    .past p, .note, .branches { margin: 0; overflow-wrap: anywhere; }
    .past strong { font-size: 1.05em; }
    .hint, .note { font-size: 0.9em; color: var(--lab-muted, #52606d); }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .refused { color: var(--lab-danger, #b42318); margin: 0.25rem 0 0; }
    ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
    li { margin: 0.2rem 0; }
    h2 { font-size: 1rem; margin: 0 0 0.4rem; }
    button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--lab-focus, #1a73e8); outline-offset: 2px; }
  `;

  /** Holds the worker's API (a comlink proxy cannot be a Lit property value itself: Lit would take it for a directive). */
  @property({ attribute: false }) lab: { readonly api: Remote<LabApi> } | null = null;
  @property({ attribute: false }) travel: TravelState = null;
  @property({ type: Number }) version = 0;
  @state() private view: TimelineView | null = null;
  @state() private refusal = '';
  private fetched = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The position asked for last; a slider drag asks again only once the answer came. */
  private wanted: number | null | undefined;
  private busy = false;

  constructor() {
    super();
    new LanguageController(this); // re-renders the words when the language switches
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('version') || changed.has('lab') || changed.has('travel')) this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.fetched + REFRESH_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fetched = Date.now();
      void this.lab?.api.timeline(this.travel?.position).then((view) => (this.view = view));
    }, wait);
  }

  override render(): TemplateResult | typeof nothing {
    const view = this.view;
    if (!view) return nothing;
    const words = timelineWords();
    if (!view.recorded) return html`<p class="note">${words.notRecorded}</p>`;
    const of = view.of;
    const position = this.travel?.position ?? of;
    const entry = view.entries.find((e) => e.step === position);
    const label = entry ? words.step(entry) : '';
    return html`
      <h2 id="timeline-heading">${words.heading}</h2>
      <div class="bar" role="group" aria-labelledby="timeline-heading">
        <button type="button" data-testid="timeline-back" ?disabled=${position === 0} @click=${() => this.go(position - 1)}>◀ ${words.back}</button>
        <input type="range" data-testid="timeline-slider" min="0" max=${of} .value=${String(position)} aria-label=${words.slider}
          aria-valuetext=${words.sliderValue(position, of, label)} @input=${this.scrub} @change=${this.scrub} />
        <button type="button" data-testid="timeline-forward" ?disabled=${this.travel === null} @click=${() => this.go(position + 1)}>${words.forward} ▶</button>
        <select aria-label=${words.jump} data-testid="timeline-jump" @change=${(e: Event) => this.go(Number((e.target as HTMLSelectElement).value))}>
          <option value="0" ?selected=${position === 0}>${words.start}</option>
          ${view.entries.map((e) => html`<option value=${e.step} ?selected=${e.step === position}>${words.entry(e.step, words.step(e), e.timeMs)}</option>`)}
        </select>
        <button type="button" data-testid="timeline-live" ?disabled=${this.travel === null} @click=${() => this.go(null)}>${words.live}</button>
      </div>
      ${this.travel ? this.renderPast(this.travel.position, of) : html`<p class="note" data-testid="timeline-live-note">${words.liveNow(of)}</p>`}
      ${this.refusal ? html`<p class="refused" role="alert">${this.refusal}</p>` : nothing}
      ${view.branches.length ? this.renderBranches(view) : nothing}
    `;
  }

  private renderPast(position: number, of: number): TemplateResult {
    const words = timelineWords();
    return html`<div class="past" data-testid="timeline-past">
      <p><strong>${words.past(position, of)}</strong></p>
      <p class="hint">${words.pastHint}</p>
      <div class="actions">
        <button type="button" data-testid="timeline-continue" @click=${() => this.act(() => this.lab!.api.continueFromHere())}>${words.continueHere}</button>
        <button type="button" @click=${() => this.go(null)}>${words.live}</button>
      </div>
      <p class="hint">${words.continueHint}</p>
    </div>`;
  }

  private renderBranches(view: TimelineView): TemplateResult {
    const words = timelineWords();
    return html`<div class="branches" data-testid="timeline-branches"><h2>${words.branches}</h2><ul>
      ${view.branches.map((b) => html`<li>${words.branch(b.name, b.steps, b.fromStep)}
        <button type="button" data-testid="timeline-switch" @click=${() => this.act(() => this.lab!.api.switchBranch(b.id))}>${words.switchTo}</button></li>`)}
    </ul></div>`;
  }

  private readonly scrub = (e: Event): void => {
    const value = Number((e.target as HTMLInputElement).value);
    void this.go(value >= (this.view?.of ?? 0) ? null : value);
  };

  /** Travels to `position` (null: live); while a travel is under way only the newest wish waits. */
  private async go(position: number | null): Promise<void> {
    const api = this.lab?.api;
    if (!api) return;
    const of = this.view?.of ?? 0;
    const target = position !== null && position >= of ? null : position;
    this.wanted = target;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.wanted !== undefined) {
        const next = this.wanted;
        this.wanted = undefined;
        this.note(await api.travel(next));
      }
    } finally {
      this.busy = false;
    }
    this.scheduleRefresh();
  }

  private async act(call: () => Promise<Outcome<unknown>>): Promise<void> {
    this.note(await call());
    this.fetched = 0;
    this.scheduleRefresh();
  }

  private note(outcome: Outcome<unknown>): void {
    this.refusal = outcome.ok ? '' : outcome.message;
  }
}

declare global {
  interface HTMLElementTagNameMap { 'timeline-bar': TimelineBar }
}
