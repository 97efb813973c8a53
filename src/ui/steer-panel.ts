/** <steer-panel>: play, pause, step, speed, priority, stop, recopy, remove and read-only of the current pair; emits events only. */
import { LitElement, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { live } from 'lit/directives/live.js';
import type { DriverState, FramePair } from '../worker/api.ts';
import { PRIORITIES, PRIORITY_RATE_168, type CopyStatus, type Priority } from '../core/vocabulary.ts';
import { PANEL_CSS, noteFor, priorityLabel, type ActionOutcome } from './messages.ts';
import { steerWords } from './i18n/controls.ts';
import { LanguageController } from './i18n/language.ts';

/** Detail of the pair actions `stop`, `recopy` and `remove-copy`. */
export interface PairDetail {
  target: string;
}

declare global {
  interface HTMLElementTagNameMap { 'steer-panel': SteerPanel }
  interface HTMLElementEventMap {
    'driver-change': CustomEvent<Partial<DriverState>>;
    step: CustomEvent<PairDetail & { blocks: number }>;
    'set-priority': CustomEvent<PairDetail & { priority: Priority }>;
    stop: CustomEvent<PairDetail>;
    recopy: CustomEvent<PairDetail>;
    'remove-copy': CustomEvent<PairDetail>;
    'set-target-read-only': CustomEvent<PairDetail & { value: boolean }>;
  }
}
type SteerEvent = 'driver-change' | 'step' | 'set-priority' | 'stop' | 'recopy' | 'remove-copy' | 'set-target-read-only';

/** Slider positions 0..MAX_POSITION are 10^(position/10) blocks per second (1 to 10,000); one more is full speed. */
const MAX_POSITION = 40;
const FULL_POSITION = MAX_POSITION + 1;

/** Blocks per real second that a pair at `priority` copies under the driver (speed factor × its simulated rate). */
export function blocksPerSecond(driver: DriverState, priority: Priority): number {
  return (driver.speed * driver.copyRate * PRIORITY_RATE_168[priority]) / 168;
}

/** The speed factor at which a pair at `priority` copies `blocks` blocks per real second. */
export function speedFor(blocks: number, copyRate: number, priority: Priority): number {
  return (blocks * 168) / (copyRate * PRIORITY_RATE_168[priority]);
}

/** The slider position showing the driver's current speed for `priority`. */
export function sliderPosition(driver: DriverState, priority: Priority): number {
  if (driver.fullSpeed) return FULL_POSITION;
  const position = Math.round(10 * Math.log10(blocksPerSecond(driver, priority)));
  return Math.min(MAX_POSITION, Math.max(0, Number.isFinite(position) ? position : 0));
}

/** A rate in words at a priority: "1 block per second at priority medium", "3.2 blocks …", "1,000 blocks …". */
function rateText(blocks: number, priority: Priority): string {
  return steerWords().rate(blocks < 10 ? Number(blocks.toFixed(1)) : Math.round(blocks), priority);
}

const is = (status: CopyStatus | undefined, ...allowed: CopyStatus[]): boolean => status !== undefined && allowed.includes(status);

/** Steers the current pair. Properties: `pair`, `driver`, `lastOutcome`. Events: see HTMLElementEventMap above. */
@customElement('steer-panel')
export class SteerPanel extends LitElement {
  static override styles = unsafeCSS(PANEL_CSS + '.pair { margin: 0 0 0.5rem; font-weight: 600; overflow-wrap: anywhere; }');

  /** The pair being steered, or null when there is none. */
  @property({ attribute: false }) pair: FramePair | null = null;
  /** The real-time copier driver (one for all pairs), or null before the first frame. */
  @property({ attribute: false }) driver: DriverState | null = null;
  /** The outcome of the last action, shown next to the control that caused it. */
  @property({ attribute: false }) lastOutcome: ActionOutcome | null = null;

  @state() private confirming = false;

  constructor() {
    super();
    new LanguageController(this); // re-renders the panel when the language switches
  }

  override render(): TemplateResult {
    const pair = this.pair;
    const words = steerWords();
    return html`<h2>${words.heading}</h2>
      ${pair
        ? html`<p class="pair">${words.pair(pair.source, pair.target, pair.type, pair.status, pair.progress.copied, pair.progress.total)}</p>`
        : html`<p class="hint">${words.noCopy}</p>`}
      <div class="stack">${this.transport(pair)} ${pair ? this.pairControls(pair) : nothing}</div>`;
  }

  private transport(pair: FramePair | null): TemplateResult {
    const driver = this.driver;
    const priority = pair?.priority ?? 'medium';
    const position = driver ? sliderPosition(driver, priority) : 0;
    const words = steerWords();
    const speedText = !driver ? words.waiting : driver.fullSpeed ? words.fullSpeed : rateText(blocksPerSecond(driver, priority), priority);
    const canStep = is(pair?.status, 'InProgress');
    return html`<div class="row">
        <button class="primary" type="button" ?disabled=${!driver} @click=${() => driver && this.emit('driver-change', { running: !driver.running })}>
          <span aria-hidden="true">${driver?.running ? '❚❚' : '▶'}</span> ${driver?.running ? words.pause : words.play}</button>
        <button type="button" ?disabled=${!canStep} @click=${this.step}>${words.step}</button>
      </div>
      <p class="hint">${canStep ? words.canStep : words.cannotStep}</p>
      <div class="field"><label for="speed">${words.speed}</label>
        <input id="speed" type="range" min="0" max=${FULL_POSITION} step="1" .value=${live(String(position))} ?disabled=${!driver}
          aria-valuetext=${speedText} @input=${(e: Event) => this.setSpeed(Number((e.target as HTMLInputElement).value), priority)} /></div>
      <p class="hint" aria-hidden="true">${speedText}</p>
      ${this.note(['driver-change', 'step'])}`;
  }

  private pairControls(pair: FramePair): TemplateResult {
    const { status, target } = pair;
    const canPriority = is(status, 'Pending', 'InProgress');
    const canStop = is(status, 'Pending', 'InProgress', 'Failed');
    const canRecopy = is(status, 'Stopped', 'Failed', 'Completed');
    const done = status === 'Completed';
    const words = steerWords();
    return html`<div class="row"><div class="field"><label for="priority">${words.priority}</label>
        <select id="priority" ?disabled=${!canPriority} @change=${(e: Event) => this.emit('set-priority', { target, priority: (e.target as HTMLSelectElement).value as Priority })}>
          ${PRIORITIES.map((p) => html`<option value=${p} .selected=${live(p === pair.priority)}>${priorityLabel(p, PRIORITY_RATE_168[p])}</option>`)}</select></div></div>
      ${canPriority ? nothing : html`<p class="hint">${words.priorityWhen}</p>`}
      ${this.note(['set-priority'])}
      <div class="row">
        <button type="button" ?disabled=${!canStop} @click=${() => this.emit('stop', { target })}>${words.stop}</button>
        <button type="button" ?disabled=${!canRecopy} @click=${() => this.emit('recopy', { target })}>${words.recopy}</button>
        <button id="remove" class="danger" type="button" ?disabled=${this.confirming} @click=${() => (this.confirming = true)}>${words.remove}</button>
      </div>
      <p class="hint">${canStop ? words.canStop : words.cannotStop}</p>
      ${this.confirming ? this.confirmRemove(pair) : nothing}
      ${this.note(['stop', 'recopy', 'remove-copy'])}
      <label class="check"><input type="checkbox" .checked=${live(pair.targetReadOnly)} ?disabled=${!done}
        @change=${(e: Event) => this.emit('set-target-read-only', { target, value: (e.target as HTMLInputElement).checked })} />
        <span>${words.readOnly(target)}<small>${done ? words.readOnlyDone : words.readOnlyLater}</small></span></label>
      ${this.note(['set-target-read-only'])}`;
  }

  private confirmRemove(pair: FramePair): TemplateResult {
    const words = steerWords();
    return html`<div role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">${words.confirm(pair.source, pair.target)}</p>
      <div class="row">
        <button class="danger" type="button" @click=${() => this.removePair(pair.target)}>${words.confirmRemove}</button>
        <button id="cancel-remove" type="button" @click=${() => (this.confirming = false)}>${words.cancel}</button>
      </div></div>`;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('pair') as FramePair | null | undefined;
    if (changed.has('pair') && before?.target !== this.pair?.target) this.confirming = false;
  }

  /** Focus goes to Cancel when the confirm step opens, and back to "Remove pair…" when it closes. */
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('confirming') || changed.get('confirming') === undefined) return;
    this.renderRoot.querySelector<HTMLButtonElement>(this.confirming ? '#cancel-remove' : '#remove')?.focus();
  }

  /** The last outcome if one of `actions` caused it: a fresh alert element per refusal, or a polite status. */
  private note(actions: readonly string[]): TemplateResult {
    const note = noteFor(this.lastOutcome, actions);
    return html`${keyed(this.lastOutcome, html`<p class="note alert" role="alert">${note?.kind === 'alert' ? note.text : nothing}</p>`)}
      <p class="note status" role="status">${note?.kind === 'status' ? note.text : nothing}</p>`;
  }

  private readonly step = (): void => {
    if (!this.pair) return;
    if (this.driver?.running) this.emit('driver-change', { running: false });
    this.emit('step', { target: this.pair.target, blocks: 1 });
  };

  private setSpeed(position: number, priority: Priority): void {
    if (!this.driver) return;
    if (position >= FULL_POSITION) this.emit('driver-change', { fullSpeed: true });
    else this.emit('driver-change', { fullSpeed: false, speed: speedFor(10 ** (position / 10), this.driver.copyRate, priority) });
  }

  private removePair(target: string): void {
    this.confirming = false;
    this.emit('remove-copy', { target });
  }

  private emit<K extends SteerEvent>(type: K, detail: HTMLElementEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
