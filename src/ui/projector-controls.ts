/**
 * The projector mode's parts of the page: <projector-toggle>, the header button that switches the
 * mode, and `moreControls`, which in projector mode folds the advanced cards into one disclosure.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LanguageController } from './i18n/language.ts';
import { localized } from './i18n/messages.ts';
import { ProjectorController, projectorOn, setProjector } from './projector.ts';

const en = {
  toggle: 'Projector mode',
  more: 'More controls',
  moreHint: 'Writing, workload, new copies, disks, storage and sharing.',
};
const text = localized(en, {
  toggle: 'Projektormodus',
  more: 'Weitere Bedienelemente',
  moreHint: 'Schreiben, Arbeitslast, neue Kopien, Laufwerke, Speicher und Teilen.',
});

/** A toggle button (aria-pressed) that turns projector mode on and off. */
@customElement('projector-toggle')
export class ProjectorToggle extends LitElement {
  static override styles = css`
    button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.35rem; border: 1px solid var(--lab-border, #9aa5b1);
      background: var(--lab-surface, #fff); color: var(--lab-fg, #1f2933); cursor: pointer; }
    button[aria-pressed='true'] { background: var(--lab-accent, #1f3a5f); color: var(--lab-on-accent, #fff); }
    button:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    span { margin-inline-end: 0.4em; }
  `;

  constructor() {
    super();
    new LanguageController(this);
    new ProjectorController(this);
  }

  override render(): TemplateResult {
    return html`<button type="button" aria-pressed=${projectorOn()} data-testid="projector-toggle"
      @click=${() => setProjector(!projectorOn())}><span aria-hidden="true">▣</span>${text().toggle}</button>`;
  }
}

/**
 * The advanced cards as they are, or in projector mode inside one closed "More controls"
 * disclosure, so that a projected page shows the maps, the counters, the steering and the log.
 */
export function moreControls(cards: TemplateResult): TemplateResult {
  if (!projectorOn()) return cards;
  return html`<details class="card more-controls" data-testid="more-controls">
    <summary><strong>${text().more}</strong> <span class="status">${text().moreHint}</span></summary>
    <div class="column">${cards}</div>
  </details>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'projector-toggle': ProjectorToggle;
  }
}
