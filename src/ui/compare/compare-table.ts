/** `<compare-table>`: a comparison's figures, one column per copy type, the best value of a row marked in words, and a reading of the result. */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Comparison, TypeResult } from '../../worker/api.ts';
import { LanguageController } from '../i18n/language.ts';
import { copyNoun, copyTypeWord, decimal, fixed, num, statusWord } from '../i18n/terms.ts';
import { compareWords } from './compare-words.ts';

declare global {
  interface HTMLElementTagNameMap {
    'compare-table': CompareTable;
  }
}

/** One row: its label, each column's value as a number to rank (null: not ranked) and its text. */
interface Row {
  key: string;
  label: string;
  value: (r: TypeResult) => number | null;
  text: (r: TypeResult) => string;
  /** Which end is best; absent: the row is not ranked. */
  better?: 'lower' | 'higher';
}

const orNone = (n: number | null, show: (n: number) => string): string => (n === null ? compareWords().none : show(n));

function rows(): Row[] {
  const w = compareWords();
  const count = (key: string, label: string, value: (r: TypeResult) => number | null, better?: 'lower' | 'higher'): Row =>
    ({ key, label, value, text: (r) => orNone(value(r), num), ...(better ? { better } : {}) });
  return [
    { key: 'status', label: w.status, value: () => null, text: (r) => statusWord(r.status) },
    count('acknowledged', w.acknowledged, (r) => r.writes.acknowledged, 'higher'),
    {
      key: 'refused', label: w.refusedWrites, value: (r) => r.writes.refused, better: 'lower',
      text: (r) => refusedText(r),
    },
    count('behind', w.behind, (r) => r.writes.behindCopier),
    {
      key: 'repository', label: w.repositoryUsed, value: (r) => r.repository?.used ?? 0, better: 'lower',
      text: (r) => (r.repository ? w.ofCapacity(num(r.repository.used), num(r.repository.capacity)) : w.noRepository),
    },
    count('repositoryBehind', w.repositoryBehind, (r) => r.repository?.usedBehindCopier ?? 0, 'lower'),
    count('extraIos', w.extraIos, (r) => r.ios.extra, 'lower'),
    { key: 'perWrite', label: w.perWrite, value: (r) => r.ios.perWrite, better: 'lower', text: (r) => orNone(r.ios.perWrite, (n) => decimal(n, 2)) },
    { key: 'median', label: w.median, value: (r) => r.latency.medianMs, better: 'lower', text: (r) => orNone(r.latency.medianMs, (n) => fixed(n, 3)) },
    { key: 'p95', label: w.p95, value: (r) => r.latency.p95Ms, better: 'lower', text: (r) => orNone(r.latency.p95Ms, (n) => fixed(n, 3)) },
    { key: 'seconds', label: w.seconds, value: (r) => r.secondsToComplete, better: 'lower', text: (r) => orNone(r.secondsToComplete, (n) => decimal(n, 2)) },
    {
      key: 'target', label: w.target, value: () => null,
      text: (r) => (r.target === null ? w.notCompleted : r.target.matches ? w.yes : w.torn(num(r.target.tornBlocks))),
    },
  ];
}

/** "24 (WRITE_PROTECTED)", or with several codes "30 (REPOSITORY_FULL: 28, MEDIA_ERROR: 2)". */
function refusedText(r: TypeResult): string {
  const codes = Object.entries(r.writes.refusedBy);
  if (codes.length === 0) return num(r.writes.refused);
  const detail = codes.length === 1 ? codes[0]![0] : codes.map(([code, n]) => `${code}: ${num(n)}`).join(', ');
  return `${num(r.writes.refused)} (${detail})`;
}

/** Columns holding the row's best value; none when every column ties (nothing stands out). */
function bestOf(row: Row, results: readonly TypeResult[]): Set<number> {
  if (!row.better) return new Set();
  const values = results.map(row.value);
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return new Set();
  const best = row.better === 'lower' ? Math.min(...known) : Math.max(...known);
  const winners = values.flatMap((v, i) => (v === best ? [i] : []));
  return winners.length === results.length ? new Set() : new Set(winners);
}

/** The reading of a comparison in a few short sentences. */
export function reading(comparison: Comparison): string {
  const w = compareWords();
  const of = (type: TypeResult['type']): TypeResult | undefined => comparison.results.find((r) => r.type === type);
  const online = of('online');
  const cbw = of('copyBeforeWrite');
  const unprotected = of('unprotected');
  const offline = of('offline');
  const parts: string[] = [];
  if (online?.repository && cbw) {
    const used = online.repository.usedBehindCopier;
    parts.push(used > 0 ? w.readingSection3(num(used)) : w.readingNoneBehind);
  }
  if (unprotected?.target) parts.push(unprotected.target.matches ? w.readingLucky : w.readingTorn(num(unprotected.target.tornBlocks)));
  if (offline && offline.writes.refused > 0 && offline.writes.acknowledged === 0) parts.push(w.readingOffline(num(offline.writes.refused)));
  for (const r of comparison.results) if (r.target === null) parts.push(w.readingFailed(copyNoun(r.type)));
  return parts.join(' ');
}

/** The table of a comparison. */
@customElement('compare-table')
export class CompareTable extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: start; margin-bottom: 0.4em; color: var(--lab-muted, #52606d); }
    th, td { border-bottom: 1px solid var(--lab-border, #c8d1dc); padding: 0.3em 0.5em; vertical-align: top; }
    th[scope='row'] { text-align: start; font-weight: normal; }
    thead th { text-align: end; }
    thead th:first-child { text-align: start; }
    td { text-align: end; font-variant-numeric: tabular-nums; }
    .best { font-weight: 700; }
    .tag { display: inline-block; margin-inline-start: 0.4em; padding: 0 0.35em; border: 1px solid currentColor; border-radius: 0.3em; font-size: 0.8em; }
    .reading { font-weight: 600; margin: 0 0 0.6em; }
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
    const { results, spec } = comparison;
    return html`<p class="reading" data-testid="compare-reading">${reading(comparison)}</p>
      <div class="scroll" tabindex="0" role="region" aria-label=${w.tableRegion}><table data-testid="compare-table">
        <caption>${w.caption(spec.workload.writes, spec.blocks, decimal(comparison.scriptSeconds, 2))}</caption>
        <thead><tr><th scope="col">${w.metric}</th>${results.map((r) => html`<th scope="col" data-type=${r.type}>${copyTypeWord(r.type)}</th>`)}</tr></thead>
        <tbody>${rows().map((row) => this.renderRow(row, results))}</tbody>
      </table></div>`;
  }

  private renderRow(row: Row, results: readonly TypeResult[]): TemplateResult {
    const best = bestOf(row, results);
    return html`<tr data-row=${row.key}><th scope="row">${row.label}</th>
      ${results.map((r, i) => html`<td data-type=${r.type} class=${best.has(i) ? 'best' : ''}>${row.text(r)}${best.has(i) ? html` <span class="tag">${compareWords().best}</span>` : nothing}</td>`)}
    </tr>`;
  }
}
