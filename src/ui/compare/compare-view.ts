/**
 * `<compare-view>`: the comparison screen. Prepared workloads or a spec of one's own, a "Run
 * comparison" button, then the table, its reading and the block maps. The run happens in the worker
 * on engines of its own: the lab's disks and copies are not touched.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Comparison, ComparisonPattern, ComparisonSpec, CopyType } from '../../worker/api.ts';
import { COPY_TYPES, FULL_POLICIES, REPOSITORY_PERCENTS } from '../../core/vocabulary.ts';
import { LanguageController } from '../i18n/language.ts';
import type { LabController } from '../lab-controller.ts';
import { copyTypeWord } from '../i18n/terms.ts';
import './compare-maps.ts';
import { PRESETS } from './compare-presets.ts';
import './compare-table.ts';
import { compareWords } from './compare-words.ts';

declare global {
  interface HTMLElementTagNameMap {
    'compare-view': CompareView;
  }
}

const PATTERNS: readonly ComparisonPattern[] = ['bothSides', 'behindCopier', 'aheadOfCopier', 'random', 'sequential', 'hotspot'];
type NumberField = 'blocks' | 'copyRate' | 'writes' | 'seed';

/** The comparison screen. */
@customElement('compare-view')
export class CompareView extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
    p { margin: 0 0 0.6em; max-width: 60rem; }
    ul { list-style: none; margin: 0 0 0.8em; padding: 0; display: grid; gap: 0.4em; }
    li { display: flex; gap: 0.6em; align-items: baseline; flex-wrap: wrap; }
    li b { font-weight: 600; }
    fieldset { border: 1px solid var(--lab-border, #c8d1dc); border-radius: 0.35rem; margin: 0 0 0.8em; padding: 0.4rem 0.75rem 0.6rem; }
    .fields { display: grid; gap: 0.5em 1em; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
    label { display: grid; gap: 0.15em; align-content: start; min-width: 0; }
    .types { display: flex; flex-wrap: wrap; gap: 0.3em 1em; }
    .types label { display: inline-flex; gap: 0.3em; align-items: center; }
    input, select, button { font: inherit; }
    input[type='number'] { width: 8em; max-width: 100%; box-sizing: border-box; }
    select { width: 100%; min-width: 0; box-sizing: border-box; }
    li span { color: var(--lab-muted, #52606d); }
    button { padding: 0.35rem 0.8rem; border-radius: 0.35rem; border: 1px solid var(--lab-border, #9aa5b1); background: var(--lab-surface, #fff); color: inherit; cursor: pointer; }
    button.run { background: var(--lab-heading, #1f3a5f); color: var(--lab-surface, #fff); }
    button:disabled { opacity: 0.6; cursor: default; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    .note { color: var(--lab-muted, #52606d); min-height: 1.4em; }
    .results { display: grid; gap: 1rem; margin-top: 0.8em; }
  `;

  /** The page's link to the lab worker (not its comlink proxy: Lit would take a proxy for a directive). */
  @property({ attribute: false }) lab: LabController | null = null;
  @state() private spec: ComparisonSpec = structuredClone(PRESETS[0]!.spec);
  @state() private running = false;
  @state() private note = '';
  @state() private result: Comparison | null = null;

  constructor() {
    super();
    new LanguageController(this);
  }

  override render(): TemplateResult {
    const w = compareWords();
    return html`<section aria-labelledby="compare-heading">
      <h2 id="compare-heading">${w.heading}</h2>
      <p>${w.intro}</p>
      <h3>${w.prepared}</h3>
      <ul>${PRESETS.map((preset) => html`<li><button type="button" data-preset=${preset.key} aria-describedby="why-${preset.key}"
          @click=${() => this.usePreset(preset.spec, preset.name())}>${w.use}: ${preset.name()}</button><span id="why-${preset.key}">${preset.why()}</span></li>`)}</ul>
      ${this.renderForm()}
      <p class="note" role="status" data-testid="compare-note">${this.running ? w.running : this.note}</p>
      ${this.result ? html`<div class="results">
        <compare-table .comparison=${this.result}></compare-table>
        <compare-maps .comparison=${this.result}></compare-maps></div>` : nothing}
    </section>`;
  }

  private renderForm(): TemplateResult {
    const w = compareWords();
    const { spec } = this;
    const typesOk = spec.types.length >= 2 && spec.types.length <= 4;
    return html`<form @submit=${this.onSubmit}><fieldset><legend>${w.settings}</legend>
      <fieldset class="types"><legend>${w.types}</legend>${COPY_TYPES.map((type) => html`<label>
        <input type="checkbox" name="type" .checked=${spec.types.includes(type)} @change=${(e: Event) => this.toggleType(type, (e.target as HTMLInputElement).checked)}>
        ${copyTypeWord(type)}</label>`)}</fieldset>
      <div class="fields">
        ${this.numberField('blocks', w.blocks, spec.blocks, 16, 4096)}
        <label>${w.fill}<select @change=${(e: Event) => this.change({ fill: { kind: (e.target as HTMLSelectElement).value === 'zero' ? 'zero' : 'index' } })}>
          <option value="index" ?selected=${spec.fill.kind === 'index'}>${w.fillIndex}</option>
          <option value="zero" ?selected=${spec.fill.kind === 'zero'}>${w.fillZero}</option></select></label>
        <label>${w.repository}<select @change=${(e: Event) => this.change({ repositoryPercent: REPOSITORY_PERCENTS.find((p) => String(p) === (e.target as HTMLSelectElement).value) ?? 20 })}>
          ${REPOSITORY_PERCENTS.map((p) => html`<option value=${p} ?selected=${spec.repositoryPercent === p}>${p} %</option>`)}</select></label>
        <label>${w.policy}<select @change=${(e: Event) => this.change({ fullPolicy: FULL_POLICIES.find((p) => p === (e.target as HTMLSelectElement).value) ?? 'failSnapshot' })}>
          ${FULL_POLICIES.map((p) => html`<option value=${p} ?selected=${spec.fullPolicy === p}>${w[p]}</option>`)}</select></label>
        ${this.numberField('copyRate', w.rate, spec.copyRate, 1, 100000)}
        <label>${w.pattern}<select name="pattern" @change=${(e: Event) => this.changeWorkload({ pattern: PATTERNS.find((p) => p === (e.target as HTMLSelectElement).value) ?? 'random' })}>
          ${PATTERNS.map((p) => html`<option value=${p} ?selected=${spec.workload.pattern === p}>${w.patternName(p)}</option>`)}</select></label>
        ${this.numberField('writes', w.writes, spec.workload.writes, 1, Math.min(1000, spec.blocks))}
        ${this.numberField('seed', w.seed, spec.workload.seed, 0, 4294967295)}
      </div></fieldset>
      ${typesOk ? nothing : html`<p class="note">${w.pickTypes}</p>`}
      <button type="submit" class="run" ?disabled=${this.running || !typesOk || !this.lab}>${w.run}</button>
    </form>`;
  }

  private numberField(field: NumberField, label: string, value: number, min: number, max: number): TemplateResult {
    return html`<label>${label}<input type="number" name=${field} .value=${String(value)} min=${min} max=${max} step="1" required
      @change=${(e: Event) => this.setNumber(field, (e.target as HTMLInputElement).valueAsNumber)}></label>`;
  }

  private setNumber(field: NumberField, value: number): void {
    if (!Number.isFinite(value)) return;
    if (field === 'blocks' || field === 'copyRate') this.change({ [field]: value });
    else this.changeWorkload({ [field]: value });
  }

  private change(part: Partial<ComparisonSpec>): void {
    this.spec = { ...this.spec, ...part };
  }

  private changeWorkload(part: Partial<ComparisonSpec['workload']>): void {
    this.spec = { ...this.spec, workload: { ...this.spec.workload, ...part } };
  }

  private toggleType(type: CopyType, on: boolean): void {
    const chosen = new Set(this.spec.types);
    if (on) chosen.add(type);
    else chosen.delete(type);
    // Keep the columns in the vocabulary's order, whatever order they were ticked in.
    this.change({ types: COPY_TYPES.filter((t) => chosen.has(t)) });
  }

  private usePreset(spec: ComparisonSpec, name: string): void {
    this.spec = structuredClone(spec);
    this.note = compareWords().presetSet(name);
  }

  private readonly onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.run();
  };

  private async run(): Promise<void> {
    const lab = this.lab;
    if (!lab || this.running) return;
    this.running = true;
    try {
      const outcome = await lab.api.compareStrategies(this.spec);
      this.note = outcome.ok ? '' : compareWords().refused(outcome.message);
      if (outcome.ok) this.result = outcome.value;
    } catch (error) {
      this.note = compareWords().failed(error instanceof Error ? error.message : String(error));
    } finally {
      this.running = false;
    }
  }
}
