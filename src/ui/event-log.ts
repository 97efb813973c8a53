/** <event-log>: the lab's events as plain sentences, newest first, with a throttled polite announcement. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LabEvent } from '../worker/api.ts';
import { eventSentence, eventSeverity, formatSimTime } from './event-sentences.ts';
import { LanguageController } from './i18n/language.ts';
import { logWords } from './i18n/log.ts';

declare global {
  interface HTMLElementTagNameMap {
    'event-log': EventLog;
  }
}

/** The shortest gap between two announcements of the live region, in ms. */
const ANNOUNCE_GAP_MS = 1000;
const GLYPHS = { info: '•', warning: '⚠', problem: '✕' } as const;

/** The sentence of an event, naming the copy's source when the event itself does not. */
function sentenceOf(event: LabEvent, sources: ReadonlyMap<string, string>): string {
  const source = event.source ?? (event.target === undefined ? undefined : sources.get(event.target));
  return eventSentence(source === undefined ? event : { ...event, source });
}

/** The event log: set `events` (oldest first, as frames deliver them); it shows the newest `limit`, newest first. */
@customElement('event-log')
export class EventLog extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--lab-fg, #1f2933);
      font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem);
    }
    h2 {
      margin: 0 0 0.25rem;
      font-size: 1.2em;
      color: var(--lab-heading, #1f3a5f);
    }
    .count {
      margin: 0 0 0.5rem;
      font-size: 0.85em;
      color: var(--lab-muted, #52606d);
    }
    .scroll {
      max-height: var(--event-log-height, 22rem);
      overflow-y: auto;
      border: 1px solid var(--lab-border, #cbd2d9);
      border-radius: 0.4rem;
      background: var(--lab-surface, #fff);
    }
    .scroll:focus-visible {
      outline: 3px solid var(--lab-focus, #1a73e8);
      outline-offset: 2px;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 1.2em minmax(4.5em, auto) 1fr;
      gap: 0.5em;
      padding: 0.35em 0.6em;
      border-bottom: 1px solid var(--lab-border-soft, #e4e7eb);
      overflow-wrap: anywhere;
    }
    .time {
      font-variant-numeric: tabular-nums;
      color: var(--lab-muted, #52606d);
      white-space: nowrap;
    }
    .warning .mark {
      color: var(--lab-warning, #8a5a00);
    }
    .problem .mark {
      color: var(--lab-danger, #b42318);
    }
    .problem {
      background: var(--lab-danger-bg, #fdf2f1);
    }
    .empty {
      padding: 0.6em;
      margin: 0;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  /** Every event so far, ascending by seq (the shell appends each frame's events). */
  @property({ attribute: false }) events: LabEvent[] = [];
  /** Current pairs (any objects with source and target), to name a copy's source in sentences. */
  @property({ attribute: false }) pairs: ReadonlyArray<{ source: string; target: string }> = [];
  /** How many of the newest events are shown. */
  @property({ type: Number }) limit = 200;
  /** The heading above the log; empty shows "What happened" in the current language. */
  @property() heading = '';

  @state() private announcement = '';
  private lastSeq = -1;
  private pendingCount = 0;
  private pendingNewest: LabEvent | null = null;
  private lastAnnounceAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LanguageController(this); // re-renders the log's sentences when the language switches
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('events')) this.noteNewEvents();
  }

  override render() {
    const shown = this.events.slice(-Math.max(0, this.limit)).reverse();
    const sources = this.sourcesByTarget();
    return html`
      <h2 id="heading">${this.heading || logWords().heading}</h2>
      <p class="count">${this.countText(shown.length)}</p>
      <div class="scroll" role="region" aria-labelledby="heading" tabindex="0">
        ${shown.length === 0
          ? html`<p class="empty">${logWords().empty}</p>`
          : html`<ol>
              ${repeat(shown, (e) => e.seq, (e) => this.item(e, sources))}
            </ol>`}
      </div>
      <p class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</p>
    `;
  }

  private item(event: LabEvent, sources: ReadonlyMap<string, string>) {
    const severity = eventSeverity(event);
    return html`<li class=${severity}>
      <span class="mark" aria-hidden="true">${GLYPHS[severity]}</span>
      <span class="time">${formatSimTime(event.timeMs)}</span>
      <span>${sentenceOf(event, sources)}</span>
    </li>`;
  }

  private countText(shown: number): string {
    const words = logWords();
    if (this.events.length === 0) return words.newestFirst;
    if (shown === this.events.length) return words.count(shown);
    return words.lastOf(shown, this.events.length);
  }

  private sourcesByTarget(): Map<string, string> {
    const sources = new Map<string, string>();
    for (const e of this.events.slice(-Math.max(0, this.limit))) {
      if (e.type === 'SNAPSHOT_CREATED' && e.source && e.target) sources.set(e.target, e.source);
    }
    for (const pair of this.pairs) sources.set(pair.target, pair.source);
    return sources;
  }

  /** Counts events newer than the last one seen (scanning back from the end) and schedules an announcement. */
  private noteNewEvents(): void {
    const newest = this.events.at(-1);
    if (!newest) return;
    if (newest.seq < this.lastSeq) this.lastSeq = newest.seq; // the log was reset: nothing new to say
    let fresh = 0;
    for (let i = this.events.length - 1; i >= 0 && (this.events[i]?.seq ?? -1) > this.lastSeq; i--) fresh++;
    if (fresh === 0) return;
    this.lastSeq = newest.seq;
    this.pendingCount += fresh;
    this.pendingNewest = newest;
    this.scheduleAnnouncement();
  }

  private scheduleAnnouncement(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastAnnounceAt + ANNOUNCE_GAP_MS - performance.now());
    this.timer = setTimeout(() => this.announce(), wait);
  }

  private announce(): void {
    this.timer = undefined;
    if (!this.pendingNewest) return;
    const more = this.pendingCount - 1;
    this.announcement = sentenceOf(this.pendingNewest, this.sourcesByTarget()) + (more > 0 ? logWords().andMore(more) : '');
    this.pendingCount = 0;
    this.pendingNewest = null;
    this.lastAnnounceAt = performance.now();
  }
}
