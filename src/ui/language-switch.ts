/**
 * <language-switch>: two toggle buttons, "English" and "Deutsch", each in its own language; a
 * press switches the whole page at once (setLanguage), keeps the choice for the next visit and
 * sets the document's title in the language chosen.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LanguageController, language, setLanguage, type Language } from './i18n/language.ts';
import { pageWords } from './i18n/page.ts';

declare global {
  interface HTMLElementTagNameMap {
    'language-switch': LanguageSwitch;
  }
}

/** Each language named in itself, so that a learner who cannot read the other one still finds theirs. */
const CHOICES: ReadonlyArray<{ code: Language; name: string }> = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
];

/** The language switch of the header. Emits no events: the switch reaches every element through setLanguage. */
@customElement('language-switch')
export class LanguageSwitch extends LitElement {
  static override styles = css`
    :host { display: inline-flex; }
    div { display: inline-flex; border: 1px solid var(--lab-border, #9aa5b1); border-radius: 0.35rem; overflow: hidden; }
    button { font: inherit; padding: 0.35rem 0.8rem; border: 0; background: var(--lab-surface, #fff); color: inherit; cursor: pointer; min-height: 2.75rem; }
    button + button { border-left: 1px solid var(--lab-border, #9aa5b1); }
    button[aria-pressed='true'] { background: var(--lab-heading, #1f3a5f); color: var(--lab-surface, #fff); font-weight: 600; }
    button:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: -3px; }
  `;

  constructor() {
    super();
    new LanguageController(this); // the group's label and the pressed button follow every switch
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = pageWords().title;
  }

  override render(): TemplateResult {
    return html`<div role="group" aria-label=${pageWords().language}>
      ${CHOICES.map(({ code, name }) => html`<button type="button" lang=${code} aria-pressed=${language() === code} @click=${() => this.choose(code)}>${name}</button>`)}
    </div>`;
  }

  private choose(code: Language): void {
    setLanguage(code);
    document.title = pageWords().title;
  }
}
