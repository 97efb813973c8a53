/** <counters-panel>: one copy pair's live counters: progress, time left, copy-on-writes, repository gauge, I/Os. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DriverState, FramePair } from '../worker/api.ts';
import { PRIORITY_RATE_168 } from '../core/vocabulary.ts';
import { LanguageController } from './i18n/language.ts';
import { counterWords } from './i18n/measures.ts';
import { num } from './i18n/terms.ts';

declare global {
  interface HTMLElementTagNameMap {
    'counters-panel': CountersPanel;
  }
}

/** A duration in seconds as "< 1 s", "42 s", "3 min 05 s" or "2 h 10 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1) return '< 1 s';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The estimated time left of a pair under the driver, with a note saying what it assumes or why there is none. */
export function timeLeft(pair: FramePair, driver: DriverState | null): { text: string; note: string } {
  const words = counterWords();
  if (pair.status === 'Completed') return { text: words.done, note: words.allOnTarget };
  if (pair.status !== 'InProgress') return { text: '—', note: words.copyIs(pair.status) };
  if (!driver) return { text: '—', note: words.noDriver };
  if (!driver.running) return { text: '—', note: words.paused };
  if (driver.fullSpeed) return { text: '—', note: words.fullSpeed };
  const blocksPerSimSecond = (driver.copyRate * PRIORITY_RATE_168[pair.priority]) / 168;
  const remaining = pair.progress.total - pair.progress.copied;
  if (blocksPerSimSecond <= 0 || driver.speed <= 0) return { text: '—', note: words.notMoving };
  const simSeconds = remaining / blocksPerSimSecond;
  const note = words.perSimSecond(blocksPerSimSecond, pair.priority);
  if (driver.speed === 1) return { text: formatDuration(simSeconds), note };
  return { text: formatDuration(simSeconds / driver.speed), note: words.simulatedAt(formatDuration(simSeconds), driver.speed, note) };
}

const percent = (part: number, whole: number): number => (whole > 0 ? Math.floor((part * 100) / whole) : 0);

/** The counters of one pair; set `pair` (null: none yet) and `driver`. Emits no events. */
@customElement('counters-panel')
export class CountersPanel extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--lab-fg, #1f2933);
      font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem);
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.2em;
      color: var(--lab-heading, #1f3a5f);
      overflow-wrap: anywhere;
    }
    .big {
      display: block;
      font-size: clamp(1.6rem, 1.2rem + 1.6vw, 3rem);
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.15;
      overflow-wrap: anywhere;
    }
    .big.word {
      font-size: clamp(1.1rem, 0.9rem + 0.6vw, 1.6rem);
      /* Words break between words, never inside one ("In Progres s"). */
      overflow-wrap: normal;
      hyphens: manual;
    }
    .note {
      display: block;
      font-size: 0.8em;
      color: var(--lab-muted, #52606d);
    }
    progress {
      width: 100%;
      height: 1.4em;
      accent-color: var(--lab-copied, #1f7a4d);
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
      gap: 0.5rem;
      margin: 0.75rem 0;
    }
    dl > div {
      padding: 0.5em 0.7em;
      border: 1px solid var(--lab-border, #cbd2d9);
      border-radius: 0.4rem;
      background: var(--lab-surface, #fff);
    }
    dt {
      font-weight: 600;
      /* German compounds carry soft hyphens (i18n/measures.ts): they break there, and nowhere else. */
      hyphens: manual;
    }
    dd {
      margin: 0;
    }
    .gauge {
      position: relative;
      height: 1.4em;
      border: 1px solid var(--lab-border-strong, #7b8794);
      border-radius: 0.3rem;
      background: var(--lab-gauge-bg, #f0f4f8);
    }
    .fill {
      height: 100%;
      background: var(--lab-preserved, #2d6cdf);
    }
    .fill.over {
      background: repeating-linear-gradient(45deg, var(--lab-warning, #8a5a00) 0 0.4em, var(--lab-warning-2, #b7791f) 0.4em 0.8em);
    }
    .mark {
      position: absolute;
      top: -0.3em;
      bottom: -0.3em;
      width: 0.25em;
      margin-left: -0.125em;
      background: var(--lab-danger, #b42318);
    }
  `;

  /** The pair to show, from the latest frame; null shows a hint. */
  @property({ attribute: false }) pair: FramePair | null = null;
  /** The copier driver's state, for the time left. */
  @property({ attribute: false }) driver: DriverState | null = null;

  constructor() {
    super();
    new LanguageController(this); // re-renders the counters when the language switches
  }

  override render() {
    const pair = this.pair;
    const words = counterWords();
    if (!pair) return html`<h2>${words.heading}</h2><p>${words.noCopy}</p>`;
    const { copied, total } = pair.progress;
    const left = timeLeft(pair, this.driver);
    return html`
      <h2>${words.pairHeading(pair.source, pair.target)} <span class="note">${words.typeNote(pair.type)}</span></h2>
      <label for="progress">${words.copiedLabel} <strong>${words.copied(copied, total, percent(copied, total))}</strong></label>
      <progress id="progress" max=${Math.max(total, 1)} .value=${copied}></progress>
      <dl>
        ${this.stat(words.timeLeft, left.text, left.note)} ${this.stat(words.statusLabel, words.status(pair.status), '', true)}
        ${this.stat(words.snapshot, words.snapshotState(pair.snapshot?.state ?? 'none'), pair.snapshot ? words.snapshotNote(pair.snapshot.state) : words.noSnapshot, true)}
        ${this.stat(words.cows, num(pair.counters.copyOnWrites), words.cowsNote)}
        ${this.stat(words.cbws, num(pair.counters.copyBeforeWrites), words.cbwsNote)}
        ${this.hostWrites(pair)} ${this.stat(words.refused, num(pair.counters.rejectedWrites), words.refusedNote)}
      </dl>
      ${this.repository(pair)}
    `;
  }

  private stat(label: string, value: string, note = '', word = false) {
    return html`<div><dt>${label}</dt><dd><span class="big ${word ? 'word' : ''}">${value}</span><span class="note">${note}</span></dd></div>`;
  }

  private hostWrites(pair: FramePair) {
    const { hostWrites, hostWriteIos } = pair.counters;
    const words = counterWords();
    const average = hostWrites > 0 ? hostWriteIos / hostWrites : null;
    return html`${this.stat(words.hostWrites, num(hostWrites), words.hostWritesNote(pair.source))}
    ${this.stat(words.ios, num(hostWriteIos), words.iosNote(average))}`;
  }

  private repository(pair: FramePair) {
    const repo = pair.repository;
    const words = counterWords();
    if (!repo) return html`<p>${words.noRepository(pair.type)}</p>`;
    const used = percent(repo.used, repo.capacity);
    const over = repo.used * 100 >= repo.warningPercent * repo.capacity;
    const state = repo.used >= repo.capacity ? words.full : over ? words.warningReached : '';
    const text = words.used(repo.used, repo.capacity, used, repo.warningPercent, state);
    return html`
      <p id="repo-label"><strong>${words.repository(repo.name)}</strong>${words.repositoryUsed(text, repo.fullPolicy)}</p>
      <div class="gauge" role="meter" aria-labelledby="repo-label" aria-valuemin="0" aria-valuemax=${repo.capacity}
        aria-valuenow=${repo.used} aria-valuetext=${text}>
        <!-- Through the CSSOM (.style), never a style attribute: the page's CSP refuses inline styles. -->
        <div class="fill ${over ? 'over' : ''}" .style=${`width: ${Math.min(100, used)}%`}></div>
        <div class="mark" title=${words.threshold} .style=${`left: ${Math.min(100, repo.warningPercent)}%`}></div>
      </div>
    `;
  }
}
