/** <workload-panel>: choose the disk, pattern and rate of the workload generator, and start or stop it. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DiskView, WorkloadPattern, WorkloadState } from '../worker/api.ts';
import { workloadWords } from './i18n/controls.ts';
import { LanguageController } from './i18n/language.ts';

declare global {
  interface HTMLElementTagNameMap {
    'workload-panel': WorkloadPanel;
  }
  interface HTMLElementEventMap {
    'workload-change': CustomEvent<Partial<WorkloadState>>;
  }
}

const PATTERNS: readonly WorkloadPattern[] = ['random', 'sequential', 'hotspot'];

/** The slider's stops: writes per second on a log scale, 0.5 to 1,000, each a readable number. */
const RATES = [0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000] as const;

/** The slider position of the stop nearest (on the log scale) to a rate in writes per second. */
export function rateToSlider(rate: number): number {
  const distance = (stop: number): number => Math.abs(Math.log(stop / Math.max(rate, 0.01)));
  return RATES.reduce((best, stop, i) => (distance(stop) < distance(RATES[best]!) ? i : best), 0);
}

/** The rate at a slider position (clamped to the stops). */
export function sliderToRate(position: number): number {
  return RATES[Math.min(RATES.length - 1, Math.max(0, Math.round(position)))]!;
}

const IDLE: WorkloadState = { running: false, disk: '', pattern: 'random', ratePerSecond: 10 };

/** The workload controls; set `workload` and `disks`; emits `workload-change` with a Partial<WorkloadState>. */
@customElement('workload-panel')
export class WorkloadPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--lab-fg, #1f2933);
      font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem);
    }
    h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
    .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 1em; margin: 0 0 0.75em; }
    fieldset { margin: 0 0 0.75em; padding: 0.4em 0.8em; border: 1px solid var(--lab-border, #cbd2d9); border-radius: 0.4rem; min-width: 0; }
    .choice { display: grid; grid-template-columns: auto 1fr; gap: 0 0.5em; margin: 0.3em 0; }
    .help { grid-column: 2; font-size: 0.85em; color: var(--lab-muted, #52606d); }
    select, button, input { font: inherit; }
    select, button { min-height: 2.75rem; padding: 0.2em 0.8em; }
    input[type='range'] { flex: 1 1 12rem; min-width: 0; min-height: 2.75rem; accent-color: var(--lab-accent, #1f3a5f); }
    output { min-width: 7em; font-variant-numeric: tabular-nums; font-weight: 700; }
    button { border-radius: 0.4rem; border: 2px solid var(--lab-accent, #1f3a5f); cursor: pointer; }
    button.start { background: var(--lab-accent, #1f3a5f); color: var(--lab-on-accent, #fff); }
    button.stop { background: var(--lab-surface, #fff); color: var(--lab-accent, #1f3a5f); }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    :focus-visible { outline: 3px solid var(--lab-focus, #1a73e8); outline-offset: 2px; }
    .status { margin: 0; }
  `;

  /** The generator's state, from the latest frame. */
  @property({ attribute: false }) workload: WorkloadState | null = null;
  /** The array's disks; repositories are left out of the choice. */
  @property({ attribute: false }) disks: DiskView[] = [];

  /** The rate shown while the slider is being dragged, before it is committed. */
  @state() private draftRate: number | null = null;
  /** The generator's rate when a new one was committed; the draft is dropped once a workload differs from it. */
  private rateBeforeCommit: number | null = null;

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('workload') || this.rateBeforeCommit === null) return;
    if (this.workload?.ratePerSecond === this.rateBeforeCommit) return;
    this.draftRate = null;
    this.rateBeforeCommit = null;
  }

  override render() {
    const w = this.workload ?? IDLE;
    const disk = this.chosenDisk();
    const rate = this.draftRate ?? w.ratePerSecond;
    const words = workloadWords();
    return html`
      <h2>${words.heading}</h2>
      <div class="row">
        <label for="disk">${words.disk}</label>
        <select id="disk" @change=${this.onDisk}>
          ${disk ? null : html`<option value="" selected disabled>${words.noDisk}</option>`}
          ${this.writableDisks().map((d) => html`<option value=${d.name} ?selected=${d.name === disk}>${words.diskOption(d.name, d.blocks)}</option>`)}
        </select>
      </div>
      <fieldset>
        <legend>${words.pattern}</legend>
        ${PATTERNS.map((p) => this.patternChoice(p, w.pattern))}
      </fieldset>
      <div class="row">
        <label for="rate">${words.rate}</label>
        <input id="rate" type="range" min="0" max=${RATES.length - 1} step="1" .value=${String(rateToSlider(rate))}
          aria-valuetext=${words.rateText(rate)} @input=${this.onRateInput} @change=${this.onRateChange} />
        <output for="rate">${words.rateShort(rate)}</output>
      </div>
      <div class="row">
        <button class=${w.running ? 'stop' : 'start'} ?disabled=${!disk} @click=${this.onToggle}>
          ${w.running ? words.stopWrites : words.startWrites}
        </button>
        <p class="status">${this.statusText(w, disk)}</p>
      </div>
    `;
  }

  private patternChoice(p: WorkloadPattern, current: WorkloadPattern) {
    const words = workloadWords();
    return html`<div class="choice">
      <input type="radio" id=${`p-${p}`} name="pattern" value=${p} .checked=${p === current}
        aria-describedby=${`h-${p}`} @change=${() => this.emit({ pattern: p })} />
      <label for=${`p-${p}`}>${words.patternLabel(p)}</label>
      <span class="help" id=${`h-${p}`}>${words.patternHelp(p)}</span>
    </div>`;
  }

  private writableDisks(): DiskView[] {
    return this.disks.filter((d) => d.role === 'standard');
  }

  /** The workload's disk if it still exists, else the first writable disk, else ''. */
  private chosenDisk(): string {
    const names = this.writableDisks().map((d) => d.name);
    const current = this.workload?.disk ?? '';
    return names.includes(current) ? current : (names[0] ?? '');
  }

  private statusText(w: WorkloadState, disk: string): string {
    const words = workloadWords();
    if (!disk) return words.createFirst;
    if (!w.running) return words.stopped;
    return words.running(w.ratePerSecond, w.pattern, w.disk || disk);
  }

  private onDisk(event: Event): void {
    this.emit({ disk: (event.target as HTMLSelectElement).value });
  }

  private onRateInput(event: Event): void {
    this.draftRate = sliderToRate(Number((event.target as HTMLInputElement).value));
  }

  private onRateChange(event: Event): void {
    const ratePerSecond = sliderToRate(Number((event.target as HTMLInputElement).value));
    this.draftRate = ratePerSecond;
    this.rateBeforeCommit = this.workload?.ratePerSecond ?? null;
    this.emit({ ratePerSecond });
  }

  private onToggle(): void {
    const running = !(this.workload?.running ?? false);
    this.emit(running ? { running, disk: this.chosenDisk() } : { running });
  }

  private emit(detail: Partial<WorkloadState>): void {
    this.dispatchEvent(new CustomEvent<Partial<WorkloadState>>('workload-change', { detail, bubbles: true, composed: true }));
  }
}
