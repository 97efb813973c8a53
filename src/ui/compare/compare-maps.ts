/** `<compare-maps>`: one small block map per copy type of a comparison, over the source's blocks at the end. */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ComparisonBlocks, Comparison } from '../../worker/api.ts';
import '../block-legend.ts';
import '../block-map.ts';
import { STATE_CODE, type BlockState } from '../block-states.ts';
import { LanguageController } from '../i18n/language.ts';
import { copyTypeWord } from '../i18n/terms.ts';
import { compareWords } from './compare-words.ts';

declare global {
  interface HTMLElementTagNameMap {
    'compare-maps': CompareMaps;
  }
}

const SHOWN: readonly BlockState[] = ['uncopied', 'copied', 'preserved', 'written', 'refused', 'torn'];

/**
 * One code per block: torn over refused over preserved over written over copied. A written block that
 * the type preserved shows as preserved, so online's repository cost stands out beside copy-before-write.
 */
export function comparisonStates(blocks: ComparisonBlocks, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const mark = (list: readonly number[], code: number): void => {
    for (const block of list) if (block < size) out[block] = code;
  };
  mark(blocks.copied, STATE_CODE.copied);
  mark(blocks.written, STATE_CODE.written);
  const preserved = new Set(blocks.preserved);
  mark(blocks.written.filter((b) => preserved.has(b)), STATE_CODE.preserved);
  mark(blocks.refused, STATE_CODE.refused);
  mark(blocks.torn, STATE_CODE.torn);
  return out;
}

/** The maps of a comparison. */
@customElement('compare-maps')
export class CompareMaps extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    h3 { margin: 0 0 0.3em; font-size: 1.05em; }
    p { margin: 0 0 0.6em; }
    .grid { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin-bottom: 0.6em; }
  `;

  /** The comparison shown, or null. */
  @property({ attribute: false }) comparison: Comparison | null = null;

  constructor() {
    super();
    new LanguageController(this);
  }

  override render(): TemplateResult | typeof nothing {
    const comparison = this.comparison;
    if (!comparison) return nothing;
    const w = compareWords();
    return html`<h3>${w.maps}</h3><p>${w.mapsNote}</p>
      <div class="grid">${comparison.results.map((r) => html`<block-map data-type=${r.type} label=${copyTypeWord(r.type)} blockSize="512"
        .states=${comparisonStates(r.blocks, comparison.spec.blocks)}></block-map>`)}</div>
      <block-legend .states=${SHOWN} .copier=${false}></block-legend>`;
  }
}
