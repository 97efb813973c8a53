/** <counters-panel>: one copy pair's live counters: progress, time left, copy-on-writes, repository gauge, I/Os. */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DriverState, FramePair } from '../worker/api.ts';
import { PRIORITY_RATE_168, type CopyStatus, type FullPolicy } from '../core/vocabulary.ts';

declare global {
  interface HTMLElementTagNameMap {
    'counters-panel': CountersPanel;
  }
}

/** Copier rate of each priority in 1/168 of full speed (DOMAIN.md section 5). */
const STATUS_TEXT: Readonly<Record<CopyStatus, string>> = {
  Pending: 'Pending (waiting for a slot)',
  InProgress: 'In Progress',
  Completed: 'Completed',
  Failed: 'Failed',
  Stopped: 'Stopped',
};

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
  if (pair.status === 'Completed') return { text: 'done', note: 'every block is on the target' };
  if (pair.status !== 'InProgress') return { text: '—', note: `the copy is ${STATUS_TEXT[pair.status]}` };
  if (!driver) return { text: '—', note: 'no driver yet' };
  if (!driver.running) return { text: '—', note: 'paused' };
  if (driver.fullSpeed) return { text: '—', note: 'full speed: as fast as storage allows' };
  const blocksPerSimSecond = (driver.copyRate * PRIORITY_RATE_168[pair.priority]) / 168;
  const remaining = pair.progress.total - pair.progress.copied;
  if (blocksPerSimSecond <= 0 || driver.speed <= 0) return { text: '—', note: 'the copier is not moving' };
  const simSeconds = remaining / blocksPerSimSecond;
  const note = `${blocksPerSimSecond.toFixed(1)} blocks per simulated second at priority ${pair.priority}`;
  if (driver.speed === 1) return { text: formatDuration(simSeconds), note };
  return { text: formatDuration(simSeconds / driver.speed), note: `${formatDuration(simSeconds)} simulated at ${driver.speed}×; ${note}` };
}

const FULL_TEXT: Readonly<Record<FullPolicy, string>> = {
  failSnapshot: 'the snapshot and the copy fail',
  failSourceWrites: 'first writes to other blocks are refused',
};

const num = (n: number): string => n.toLocaleString('en');
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

  override render() {
    const pair = this.pair;
    if (!pair) return html`<h2>Counters</h2><p>No copy yet: start one to see its counters here.</p>`;
    const { copied, total } = pair.progress;
    const left = timeLeft(pair, this.driver);
    return html`
      <h2>Counters: ${pair.source} → ${pair.target} <span class="note">(${pair.type} copy)</span></h2>
      <label for="progress">Copied: <strong>${num(copied)} of ${num(total)} blocks (${percent(copied, total)}%)</strong></label>
      <progress id="progress" max=${Math.max(total, 1)} .value=${copied}></progress>
      <dl>
        ${this.stat('Time left', left.text, left.note)} ${this.stat('Status', STATUS_TEXT[pair.status], '', true)}
        ${this.stat('Snapshot', pair.snapshot?.state ?? 'none', pair.snapshot ? snapshotNote(pair.snapshot.state) : 'this copy type has none', true)}
        ${this.stat('Copy-on-writes', num(pair.counters.copyOnWrites), 'old blocks preserved in the repository')}
        ${this.stat('Copy-before-writes', num(pair.counters.copyBeforeWrites), 'old blocks sent straight to the target')}
        ${this.hostWrites(pair)} ${this.stat('Refused writes', num(pair.counters.rejectedWrites), 'writes the array turned down')}
      </dl>
      ${this.repository(pair)}
    `;
  }

  private stat(label: string, value: string, note = '', word = false) {
    return html`<div><dt>${label}</dt><dd><span class="big ${word ? 'word' : ''}">${value}</span><span class="note">${note}</span></dd></div>`;
  }

  private hostWrites(pair: FramePair) {
    const { hostWrites, hostWriteIos } = pair.counters;
    const average = hostWrites > 0 ? (hostWriteIos / hostWrites).toFixed(2) : '—';
    return html`${this.stat('Host writes', num(hostWrites), `to ${pair.source}, acknowledged`)}
    ${this.stat('I/Os for them', num(hostWriteIos), `${average} I/Os per write (1 plain, 3 with a copy first)`)}`;
  }

  private repository(pair: FramePair) {
    const repo = pair.repository;
    if (!repo) return html`<p>No repository: ${pair.type === 'online' ? 'none yet' : `a ${pair.type} copy needs none`}.</p>`;
    const used = percent(repo.used, repo.capacity);
    const over = repo.used * 100 >= repo.warningPercent * repo.capacity;
    const state = repo.used >= repo.capacity ? ' — full' : over ? ' — warning reached' : '';
    const text = `${num(repo.used)} of ${num(repo.capacity)} blocks (${used}%), warning at ${repo.warningPercent}%${state}`;
    return html`
      <p id="repo-label"><strong>Repository ${repo.name}</strong> used: ${text}. When full: ${FULL_TEXT[repo.fullPolicy]}.</p>
      <div class="gauge" role="meter" aria-labelledby="repo-label" aria-valuemin="0" aria-valuemax=${repo.capacity}
        aria-valuenow=${repo.used} aria-valuetext=${text}>
        <!-- Through the CSSOM (.style), never a style attribute: the page's CSP refuses inline styles. -->
        <div class="fill ${over ? 'over' : ''}" .style=${`width: ${Math.min(100, used)}%`}></div>
        <div class="mark" title="warning threshold" .style=${`left: ${Math.min(100, repo.warningPercent)}%`}></div>
      </div>
    `;
  }
}

function snapshotNote(state: string): string {
  if (state === 'active') return 'first writes cost 3 I/Os';
  if (state === 'disabled') return 'writes cost 1 I/O again';
  return 'the point in time is lost';
}
