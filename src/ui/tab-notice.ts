/**
 * <lab-tab-notice>: what a tab shows while the lab is not running in it: open in another tab (with
 * "Use the lab here"), handing over, moved away (with "Take it back"), or stopped because another
 * tab upgraded the database (with "Reload"). Emits `take-over` and `reload-page`.
 */
import { LitElement, css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PANEL_CSS } from './messages.ts';
import type { TabState } from './tab-session.ts';
import { LanguageController } from './i18n/language.ts';
import { tabWords } from './i18n/storage.ts';

declare global {
  interface HTMLElementTagNameMap {
    'lab-tab-notice': LabTabNotice;
  }
}

interface Notice {
  heading: string;
  text: string;
  button?: { label: string; event: 'take-over' | 'reload-page' };
  hint?: string;
}

/** The words for each state in which the lab is not here. */
function noticeOf(state: TabState): Notice | null {
  const words = tabWords();
  switch (state.kind) {
    case 'elsewhere':
      return {
        heading: words.elsewhere,
        text: words.elsewhereText,
        button: { label: words.useHere, event: 'take-over' },
        hint: words.elsewhereHint,
      };
    case 'waiting':
      return { heading: words.waiting, text: words.waitingText };
    case 'leaving':
      return { heading: words.leaving, text: words.leavingText };
    case 'moved':
      return { heading: words.moved, text: words.movedText, button: { label: words.takeBack, event: 'take-over' } };
    case 'lost':
      return { heading: words.lost, text: words.lostText(state.reason), button: { label: words.reload, event: 'reload-page' } };
    default:
      return null;
  }
}

/** Tells the learner where the lab is and offers to bring it here. Property: `state`. */
@customElement('lab-tab-notice')
export class LabTabNotice extends LitElement {
  static override styles = [
    unsafeCSS(PANEL_CSS),
    css`
      :host { max-width: 48rem; margin: 0 auto; padding: clamp(0.5rem, 2vw, 1.5rem); font-family: system-ui, sans-serif; }
      h1 { margin: 0 0 1rem; color: var(--lab-heading, #1f3a5f); font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2.4rem); }
      section { border: 1px solid var(--lab-border, #c8d1dc); border-radius: 0.5rem; padding: 1rem; background: var(--lab-surface, #fff); display: grid; gap: 0.75rem; }
      section > p { margin: 0; }
    `,
  ];

  /** Where the lab is. */
  @property({ attribute: false }) state: TabState = { kind: 'starting' };

  constructor() {
    super();
    new LanguageController(this); // re-renders the notice when the language switches
  }

  override render(): TemplateResult {
    const notice = noticeOf(this.state);
    return html`<h1>Storage Lab</h1>
      ${notice
        ? html`<section aria-labelledby="tab-heading" aria-live="polite" data-testid="tab-notice">
            <h2 id="tab-heading">${notice.heading}</h2>
            <p>${notice.text}</p>
            ${notice.button ? html`<div><button class="primary" type="button" @click=${() => this.emit(notice.button!.event)}>${notice.button.label}</button></div>` : nothing}
            ${notice.hint ? html`<p class="hint">${notice.hint}</p>` : nothing}
          </section>`
        : html`<p role="status">${tabWords().starting}</p>`}`;
  }

  private emit(type: 'take-over' | 'reload-page'): void {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true }));
  }
}
