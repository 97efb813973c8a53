/** `<block-legend>`: the block states with the same colour + glyph swatches as the maps, and the copier's marker. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { BLOCK_STATES, CURSOR_STYLE, STATE_CODE, STATE_STYLES, stateStamp, type BlockState } from './block-states.ts';
import { drawMarker } from './block-tiles.ts';
import { LanguageController } from './i18n/language.ts';
import { stateWordsTable } from './i18n/maps.ts';

declare global {
  interface HTMLElementTagNameMap {
    'block-legend': BlockLegend;
  }
}

/** Side of a swatch in CSS pixels. */
const SWATCH = 22;

/** Draws one swatch: a state's cell, or (code -1) a plain cell with the copier's marker. */
function drawSwatch(canvas: HTMLCanvasElement, code: number, dpr: number): void {
  const size = Math.round(SWATCH * dpr);
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const stamp = stateStamp(code < 0 ? STATE_CODE.uncopied : code, size, 0, true);
  const image = new ImageData(size, size);
  new Uint32Array(image.data.buffer).set(stamp);
  ctx.putImageData(image, 0, 0);
  if (code < 0) drawMarker(ctx, 'cursor', { x: size * 0.3, y: size * 0.3, width: size * 0.4, height: size * 0.4 }, dpr);
}

/** The legend of the block states (all six unless `states` lists fewer) and, with `copier`, the copier's marker. */
@customElement('block-legend')
export class BlockLegend extends LitElement {
  static override styles = css`
    :host { display: block; }
    ul { display: flex; flex-wrap: wrap; gap: 0.4em 1.1em; margin: 0; padding: 0; list-style: none; }
    li { display: flex; align-items: center; gap: 0.45em; min-width: 0; }
    canvas { flex: none; width: ${SWATCH}px; height: ${SWATCH}px; border-radius: 2px; }
  `;

  /** The states to list, in this order. */
  @property({ attribute: false }) states: readonly BlockState[] = BLOCK_STATES;
  /** Whether to list the copier's marker. */
  @property({ type: Boolean }) copier = true;

  constructor() {
    super();
    new LanguageController(this); // re-renders the legend's words when the language switches
  }

  override render(): unknown {
    const items: { code: number; label: string; glyph: string }[] = this.states.map((state) => {
      const style = STATE_STYLES[STATE_CODE[state]];
      return { code: STATE_CODE[state], label: style?.label ?? state, glyph: style?.glyphWords ?? '' };
    });
    if (this.copier) items.push({ code: -1, label: CURSOR_STYLE.label, glyph: stateWordsTable().cursorGlyph });
    return html`<ul aria-label=${stateWordsTable().legend}>
      ${items.map(
        ({ code, label, glyph }) => html`<li part="item" title=${glyph}>
          <canvas data-code=${code} aria-hidden="true"></canvas><span>${label}</span>
        </li>`,
      )}
    </ul>`;
  }

  protected override updated(): void {
    const dpr = globalThis.devicePixelRatio || 1;
    for (const canvas of this.renderRoot.querySelectorAll('canvas')) drawSwatch(canvas, Number(canvas.dataset['code']), dpr);
  }
}
