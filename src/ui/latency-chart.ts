/** <latency-chart>: host write latency over time on a canvas, by I/O count, shaded while a snapshot protects. */
import { LitElement, css, html, svg, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WriteSample } from '../worker/api.ts';
import { LanguageController } from './i18n/language.ts';
import { latencyWords } from './i18n/log.ts';
import { decimal, fixed } from './i18n/terms.ts';

declare global {
  interface HTMLElementTagNameMap {
    'latency-chart': LatencyChart;
  }
}

/** How many of the newest samples are drawn and summarised. */
const KEEP = 2000;

/** Medians (ms, null without samples) of the writes the seed's point compares, and the refused count. */
export type LatencySummary = Record<'plain' | 'copied' | 'protectedMs' | 'unprotectedMs', number | null> & { refused: number };

/** True when the write paid for copying an old block first (more I/Os than blocks: 3 per block instead of 1). */
export const paidCopy = (s: WriteSample): boolean => s.ok && s.ios > s.blocks;

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The medians of acknowledged writes: plain vs copied first, protected vs not; and the refused count. */
export function latencySummary(samples: readonly WriteSample[]): LatencySummary {
  const ok = samples.filter((s) => s.ok);
  const ms = (keep: (s: WriteSample) => boolean): number | null => median(ok.filter(keep).map((s) => s.latencyMs));
  return {
    plain: ms((s) => !paidCopy(s)),
    copied: ms(paidCopy),
    protectedMs: ms((s) => s.protected),
    unprotectedMs: ms((s) => !s.protected),
    refused: samples.length - ok.length,
  };
}

/** Time spans [from, to] (ms) during which consecutive samples were protected; open spans end at `endMs`. */
export function protectedSpans(samples: readonly WriteSample[], endMs: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start: number | null = null;
  for (const s of samples) {
    if (s.protected && start === null) start = s.atMs;
    if (!s.protected && start !== null) {
      spans.push([start, s.atMs]);
      start = null;
    }
  }
  if (start !== null) spans.push([start, endMs]);
  return spans;
}

function niceCeil(value: number): number {
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * step).find((v) => v >= value) ?? value;
}

/** The chart; set `samples` (ascending by seq; only the newest 2,000 are used). Emits no events. */
@customElement('latency-chart')
export class LatencyChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--lab-fg, #1f2933);
      font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem);
      --chart-plain: var(--lab-plain, #2d6cdf);
      --chart-copied: var(--lab-copied-write, #c2410c);
      --chart-refused: var(--lab-danger, #b42318);
      --chart-shade: var(--lab-protected-bg, rgba(194, 65, 12, 0.12));
      --chart-axis: var(--lab-muted, #52606d);
    }
    h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
    .wrap { display: flex; flex-wrap: wrap; gap: 1rem; }
    figure { flex: 3 1 18rem; min-width: 0; margin: 0; }
    canvas { display: block; width: 100%; height: clamp(12rem, 35vh, 26rem); }
    .side { flex: 1 1 14rem; }
    ul { display: flex; flex-wrap: wrap; gap: 0.3em 1em; list-style: none; padding: 0; margin: 0.4em 0 0; font-size: 0.85em; }
    svg { width: 1em; height: 1em; vertical-align: -0.1em; }
    .circle { fill: var(--chart-plain); } .triangle { fill: var(--chart-copied); }
    .cross { stroke: var(--chart-refused); } .shade { fill: var(--chart-shade); stroke: currentColor; }
    dl { margin: 0; }
    dt { font-size: 0.85em; color: var(--chart-axis); }
    dd { margin: 0 0 0.5em; font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; }
    .verdict { font-weight: 600; }
  `;

  /** Measured host writes, ascending by seq (the shell appends each frame's samples). */
  @property({ attribute: false }) samples: WriteSample[] = [];

  private summary = latencySummary([]);
  private shown: WriteSample[] = [];
  private rafId = 0;
  private observer: ResizeObserver | undefined;

  constructor() {
    super();
    new LanguageController(this); // re-renders (and redraws the canvas's words) when the language switches
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('samples')) return;
    this.shown = this.samples.slice(-KEEP);
    this.summary = latencySummary(this.shown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver(() => this.scheduleDraw());
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    this.observer?.disconnect();
    cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    super.disconnectedCallback();
  }

  protected override updated(): void {
    this.scheduleDraw();
  }

  override render() {
    const s = this.summary;
    const words = latencyWords();
    const fmt = words.ms;
    return html`<h2>${words.heading}</h2>
      <div class="wrap">
      <figure>
        <canvas role="img" aria-label=${words.canvas} aria-describedby="verdict"></canvas>
        <figcaption>
          ${words.axes}
          <ul aria-label=${words.legend}>
            <li>${shape('circle')} ${words.plain}</li>
            <li>${shape('triangle')} ${words.copied}</li>
            <li>${shape('cross')} ${words.refused}</li>
            <li>${shape('shade')} ${words.shaded}</li>
          </ul>
        </figcaption>
      </figure>
      <div class="side">
        <dl>
          <dt>${words.medianPlain}</dt><dd>${fmt(s.plain)}</dd>
          <dt>${words.medianCopied}</dt><dd>${fmt(s.copied)}</dd>
          <dt>${words.medianProtected}</dt><dd>${fmt(s.protectedMs)}</dd>
          <dt>${words.medianUnprotected}</dt><dd>${fmt(s.unprotectedMs)}</dd>
        </dl>
        <p class="verdict" id="verdict">${this.verdict()}</p>
      </div>
    </div>`;
  }

  /** The seed's point in words: what copying an old block first costs, and what protection costs. */
  private verdict(): string {
    const { plain, copied, protectedMs, unprotectedMs, refused } = this.summary;
    const words = latencyWords();
    if (this.shown.length === 0) return words.none;
    const parts = [words.measured(this.shown.length, refused)];
    if (plain && copied) parts.push(words.ratio(copied / plain));
    if (protectedMs && unprotectedMs) parts.push(words.protection(protectedMs, unprotectedMs));
    return parts.join(' ');
  }

  private scheduleDraw(): void {
    if (this.rafId) return;
    this.rafId = requestAnimationFrame(() => {
      this.rafId = 0;
      this.draw();
    });
  }

  private draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const ctx = canvas ? sizeCanvas(canvas) : null;
    if (!canvas || !ctx) return;
    const style = getComputedStyle(this);
    const colour = (name: string): string => style.getPropertyValue(name).trim() || 'black';
    ctx.font = `${Math.max(11, Math.round(parseFloat(style.fontSize) * 0.75))}px system-ui, sans-serif`;
    plot(ctx, canvas.clientWidth, canvas.clientHeight, this.shown, colour);
  }
}

/** Matches the canvas's backing store to its CSS size and devicePixelRatio; returns its context in CSS pixels. */
function sizeCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  const dpr = globalThis.devicePixelRatio || 1;
  const [w, h] = [Math.round(canvas.clientWidth * dpr), Math.round(canvas.clientHeight * dpr)];
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx?.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  return ctx;
}

/** Draws the shaded protected spans, the axes and every sample into a w × h box. */
function plot(ctx: CanvasRenderingContext2D, w: number, h: number, samples: WriteSample[], colour: (name: string) => string): void {
  const [first, last] = [samples[0], samples.at(-1)];
  ctx.fillStyle = ctx.strokeStyle = colour('--chart-axis');
  if (!first || !last) return ctx.fillText(latencyWords().noneYet, 12, h / 2);
  const [t0, t1] = [first.atMs, Math.max(last.atMs, first.atMs + 1000)];
  const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  const yMax = niceCeil(Math.max(0.1, (latencies[Math.floor(latencies.length * 0.99)] ?? 1) * 1.1));
  const box = { left: 52, right: w - 10, top: 10, bottom: h - 26 };
  const x = (t: number): number => box.left + ((t - t0) / (t1 - t0)) * (box.right - box.left);
  const y = (ms: number): number => box.bottom - (Math.min(ms, yMax) / yMax) * (box.bottom - box.top);
  ctx.fillStyle = colour('--chart-shade');
  for (const [a, b] of protectedSpans(samples, t1)) ctx.fillRect(x(a), box.top, Math.max(2, x(b) - x(a)), box.bottom - box.top);
  ctx.fillStyle = colour('--chart-axis');
  ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  for (const v of [0, yMax / 2, yMax]) ctx.fillText(`${decimal(+v.toPrecision(3), 6)} ms`, 2, y(v) + 4);
  const end = `${fixed(t1 / 1000, 1)} s`;
  ctx.fillText(`${fixed(t0 / 1000, 1)} s`, box.left, h - 6);
  ctx.fillText(end, box.right - ctx.measureText(end).width, h - 6);
  drawPoints(ctx, samples.filter((s) => s.ok && !paidCopy(s)), 'circle', colour('--chart-plain'), x, y);
  drawPoints(ctx, samples.filter(paidCopy), 'triangle', colour('--chart-copied'), x, y);
  drawPoints(ctx, samples.filter((s) => !s.ok), 'cross', colour('--chart-refused'), x, y);
}

type Shape = 'circle' | 'triangle' | 'cross';
type Mark = (c: CanvasRenderingContext2D, x: number, y: number) => void;

/** How each kind of point is traced: a circle for 1 I/O, a triangle for 3, a cross for refused. */
const MARKS: Readonly<Record<Shape, Mark>> = {
  circle: (c, x, y) => (c.moveTo(x + 3, y), c.arc(x, y, 3, 0, Math.PI * 2)),
  triangle: (c, x, y) => (c.moveTo(x, y - 5), c.lineTo(x + 5, y + 4), c.lineTo(x - 5, y + 4), c.closePath()),
  cross: (c, x, y) => (c.moveTo(x - 4, y - 4), c.lineTo(x + 4, y + 4), c.moveTo(x + 4, y - 4), c.lineTo(x - 4, y + 4)),
};

/** Draws every sample of one kind as one path. */
function drawPoints(ctx: CanvasRenderingContext2D, list: WriteSample[], kind: Shape, colour: string, x: (t: number) => number, y: (ms: number) => number): void {
  ctx.beginPath();
  for (const s of list) MARKS[kind](ctx, x(s.atMs), y(s.latencyMs));
  ctx.fillStyle = ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  if (kind === 'cross') ctx.stroke();
  else ctx.fill();
  ctx.lineWidth = 1;
}

/** Legend swatches drawn like the chart's marks; their colours come from the CSS classes. */
const SWATCHES = {
  circle: svg`<circle cx="5" cy="5" r="4" />`,
  triangle: svg`<path d="M5 0 10 9H0z" />`,
  cross: svg`<path d="M1 1 9 9M9 1 1 9" stroke-width="2" />`,
  shade: svg`<rect width="10" height="10" stroke-width="0.5" />`,
} as const;

function shape(kind: keyof typeof SWATCHES) {
  return html`<svg class=${kind} viewBox="0 0 10 10" aria-hidden="true">${SWATCHES[kind]}</svg>`;
}
