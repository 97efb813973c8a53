/** <breakpoint-notice>: why a breakpoint paused the lab, next to the steer controls, with Resume; emits `driver-change` {running: true}. */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { BreakpointStop } from '../worker/api.ts';
import { breakpointWords } from './i18n/breakpoints.ts';
import { LanguageController } from './i18n/language.ts';

/** The explanation of the pause; renders nothing while no breakpoint holds the lab. Property: `stop`. */
@customElement('breakpoint-notice')
export class BreakpointNotice extends LitElement {
  static override styles = css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    .stop { display: grid; gap: 0.5rem; padding: 0.75rem; border: 2px solid var(--lab-warning, #b54708); border-left-width: 0.5rem;
      border-radius: 0.5rem; background: var(--lab-warning-bg, #fffaeb); color: var(--lab-fg, #1f2933); font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem); }
    p { margin: 0; overflow-wrap: anywhere; }
    .reason { font-weight: 600; }
    .hint { font-size: 0.85em; color: var(--lab-muted, #52606d); }
    button { justify-self: start; font: inherit; font-weight: 600; min-height: 2.75rem; padding: 0.35rem 1rem; border-radius: 0.375rem; cursor: pointer;
      border: 2px solid var(--lab-accent, #1f3a5f); background: var(--lab-accent, #1f3a5f); color: var(--lab-accent-fg, #fff); }
    button:focus-visible { outline: 3px solid var(--lab-focus, #1a73e8); outline-offset: 2px; }
  `;

  @property({ attribute: false }) stop: BreakpointStop | null = null;

  constructor() {
    super();
    new LanguageController(this); // re-renders the explanation when the language switches
  }

  override render(): TemplateResult | typeof nothing {
    const stop = this.stop;
    if (!stop) return nothing;
    const words = breakpointWords();
    return html`<div class="stop" data-testid="breakpoint-stop">
      <p class="reason" role="alert">${words.stopped(stop.breakpoint, stop.facts)}</p>
      <button type="button" @click=${this.resume}>${words.resume}</button>
      <p class="hint">${words.resumeHint}</p>
    </div>`;
  }

  private readonly resume = (): void => {
    this.dispatchEvent(new CustomEvent('driver-change', { detail: { running: true }, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap { 'breakpoint-notice': BreakpointNotice }
}
