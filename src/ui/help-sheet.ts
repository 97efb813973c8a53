/** <help-sheet>: a modal dialog listing the lab's keyboard shortcuts (native <dialog>, Esc closes). */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';

declare global {
  interface HTMLElementTagNameMap {
    'help-sheet': HelpSheet;
  }
}

/** The shortcuts: alternative keys and what they do. */
const SHORTCUTS: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['Space'], what: 'Play or pause the copy' },
  { keys: ['S', '→'], what: 'Single step: copy one block (→ only outside a disk map)' },
  { keys: ['+'], what: 'Faster' },
  { keys: ['−'], what: 'Slower' },
  { keys: ['←', '↑', '→', '↓'], what: 'In a focused disk map: move the selected block' },
  { keys: ['Enter'], what: 'In a focused disk map: write the selected block' },
  { keys: ['?'], what: 'Open this help' },
  { keys: ['Esc'], what: 'Close this help' },
];

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

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.dialog();
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    if (!this.open && dialog.open) dialog.close();
  }

  override render() {
    return html`<dialog aria-labelledby="title" @close=${this.onClosed} @click=${this.onBackdropClick}>
      <div class="body">
        <h2 id="title">Keyboard shortcuts</h2>
        <p>They work anywhere on the page except while you type in a text field.</p>
        <dl>
          ${SHORTCUTS.map(
            (s) => html`<dt>${s.keys.map((k, i) => html`${i ? (s.keys.length > 2 ? ' ' : ' or ') : ''}<kbd>${k}</kbd>`)}</dt>
              <dd>${s.what}</dd>`,
          )}
        </dl>
        <form method="dialog"><button autofocus>Close</button></form>
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
