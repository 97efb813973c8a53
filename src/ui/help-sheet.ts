/** <help-sheet>: a modal dialog listing the lab's keyboard shortcuts (native <dialog>, Esc closes). */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LanguageController } from './i18n/language.ts';
import { helpWords } from './i18n/page.ts';

declare global {
  interface HTMLElementTagNameMap {
    'help-sheet': HelpSheet;
  }
}

/** The shortcuts' keys, in the order of helpWords().shortcut(i), which says what each does. */
const SHORTCUT_KEYS: ReadonlyArray<string[]> = [['Space'], ['S', '→'], ['+'], ['−'], ['←', '↑', '→', '↓'], ['Enter'], ['F'], ['?'], ['Esc']];

/** The help sheet; set `open` to show it; emits `close` (no detail) when the learner closes it. */
@customElement('help-sheet')
export class HelpSheet extends LitElement {
  static override styles = css`
    dialog {
      max-width: min(36rem, calc(100vw - 2rem));
      max-height: calc(100dvh - 2rem);
      overflow: auto;
      padding: 0;
      border: 2px solid var(--lab-accent, #1f3a5f);
      border-radius: 0.6rem;
      color: var(--lab-fg, #1f2933);
      background: var(--lab-surface, #fff);
      font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem);
    }
    dialog::backdrop {
      background: var(--lab-backdrop, rgba(15, 23, 42, 0.55));
    }
    .body { padding: 1rem 1.25rem; }
    h2 { margin: 0 0 0.75rem; font-size: 1.25em; color: var(--lab-heading, #1f3a5f); }
    dl { display: grid; grid-template-columns: minmax(6em, auto) 1fr; gap: 0.5em 1em; margin: 0 0 1rem; }
    dt { white-space: nowrap; }
    dd { margin: 0; }
    kbd {
      display: inline-block;
      min-width: 1.4em;
      padding: 0.05em 0.4em;
      border: 1px solid var(--lab-border-strong, #7b8794);
      border-bottom-width: 3px;
      border-radius: 0.3rem;
      font: inherit;
      font-weight: 600;
      text-align: center;
      background: var(--lab-kbd-bg, #f5f7fa);
    }
    p { margin: 0 0 1rem; }
    button {
      font: inherit;
      min-height: 2.75rem;
      padding: 0.2em 1.2em;
      border-radius: 0.4rem;
      border: 2px solid var(--lab-accent, #1f3a5f);
      background: var(--lab-accent, #1f3a5f);
      color: var(--lab-on-accent, #fff);
      cursor: pointer;
    }
    :focus-visible { outline: 3px solid var(--lab-focus, #1a73e8); outline-offset: 2px; }
  `;

  /** Whether the sheet is shown (as a modal dialog). */
  @property({ type: Boolean, reflect: true }) open = false;

  constructor() {
    super();
    new LanguageController(this); // re-renders the sheet when the language switches
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.dialog();
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  override render() {
    const words = helpWords();
    const key = (k: string): string => (k === 'Space' ? words.space : k);
    return html`<dialog aria-labelledby="title" @close=${this.onClosed} @click=${this.onBackdropClick}>
      <div class="body">
        <h2 id="title">${words.title}</h2>
        <p>${words.where}</p>
        <dl>
          ${SHORTCUT_KEYS.map(
            (keys, n) => html`<dt>${keys.map((k, i) => html`${i ? (keys.length > 2 ? ' ' : words.or) : ''}<kbd>${key(k)}</kbd>`)}</dt>
              <dd>${words.shortcut(n)}</dd>`,
          )}
        </dl>
        <form method="dialog"><button autofocus>${words.close}</button></form>
      </div>
    </dialog>`;
  }

  private dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** The dialog closed (Esc, the Close button or a click outside): tell the owner, unless it closed it. */
  private onClosed(): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  /** A click on the backdrop lands on the dialog element itself (the content is inside .body). */
  private onBackdropClick(event: MouseEvent): void {
    if (event.target === this.dialog()) this.dialog()?.close();
  }
}
