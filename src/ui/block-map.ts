/** `<block-map>`: one canvas drawing every block of a disk by state (colour + glyph) or by content. */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeBlock, stateWords, summariseStates, worstState, type MapView } from './block-states.ts';
import { MapPicture, cellAt, contentLayout, drawMap, stateLayout, type GridLayout } from './block-tiles.ts';
import { LanguageController, language } from './i18n/language.ts';
import { mapWords, stateWordsTable } from './i18n/maps.ts';

/** Detail of `block-activate` (click, Enter, Space) and `block-select` (selection moved by the learner). */
export interface BlockDetail {
  block: number;
}
/** Detail of `block-paint`: blocks newly crossed by a drag, batched per animation frame. */
export interface BlockPaintDetail {
  blocks: number[];
}

declare global {
  interface HTMLElementTagNameMap {
    'block-map': BlockMap;
  }
  interface HTMLElementEventMap {
    'block-activate': CustomEvent<BlockDetail>;
    'block-select': CustomEvent<BlockDetail>;
    'block-paint': CustomEvent<BlockPaintDetail>;
    'block-follow': CustomEvent<BlockDetail>;
  }
}

const event = <T>(type: string, detail: T): CustomEvent<T> => new CustomEvent(type, { detail, bubbles: true, composed: true });

/**
 * A map of blocks on one canvas. Events (bubbling, composed): `block-activate` {block} on a click,
 * Enter or Space; `block-select` {block} when the learner moves the selection; `block-paint`
 * {blocks} for blocks newly crossed by a drag, once per animation frame; `block-follow` {block} on
 * Shift+click or F (follow the block's history).
 */
@customElement('block-map')
export class BlockMap extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; min-width: 0; max-width: 100%; }
    .caption { display: flex; flex-wrap: wrap; gap: 0 0.75em; align-items: baseline; margin: 0 0 0.3em; }
    .label { font-weight: 600; }
    .scale { font-size: 0.85em; color: var(--lab-muted, #52606d); }
    canvas { display: block; max-width: 100%; height: auto; touch-action: pan-y pinch-zoom; cursor: pointer; }
    canvas:focus { outline: none; }
    canvas:focus-visible { outline: 3px solid var(--lab-focus, #1f3a5f); outline-offset: 3px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  /** The map's name, shown above it and used in its accessible name. */
  @property() label = '';
  /** One state code per block (STATE_CODE), or per slot on a repository map. */
  @property({ attribute: false }) states: Uint8Array = new Uint8Array(0);
  /** The copier's position (next block to copy), or null. */
  @property({ attribute: false }) cursor: number | null = null;
  /** The selected block, moved by arrow keys and clicks, or null. */
  @property({ attribute: false }) selected: number | null = null;
  /** The block a learner follows (outlined), or null. */
  @property({ attribute: false }) followed: number | null = null;
  @property() mode: 'states' | 'content' = 'states';
  /** Which map this is; picks the words for states (e.g. "read from the repository" on a snapshot). */
  @property() view: MapView = 'disk';
  /** All blocks' bytes for content mode, or null (content mode then falls back to states). */
  @property({ attribute: false }) content: Uint8Array | null = null;
  @property({ type: Number }) blockSize = 4096;
  /** Columns to use instead of the automatic choice (e.g. to line maps up), or null. */
  @property({ attribute: false }) columns: number | null = null;

  @state() private cssWidth = 0;
  private layout: GridLayout | null = null;
  private dpr = 1;
  private summary = '';
  /** The language the summary was written in: a switch writes it again. */
  private summaryLanguage = '';
  private readonly picture = new MapPicture();
  private frameId = 0;
  private drag: { last: [number, number]; painted: Set<number>; start: number; moved: boolean; follow: boolean } | null = null;
  private pending: number[] = [];
  private paintFrame = 0;
  private hoverCell = -1;
  private readonly resizer = new ResizeObserver((entries) => {
    for (const entry of entries) this.cssWidth = entry.contentRect.width;
  });

  constructor() {
    super();
    new LanguageController(this); // re-renders the map's words when the language switches
  }

  /** Number of blocks shown. */
  get blocks(): number {
    if (this.states.length > 0 || !this.content) return this.states.length;
    return Math.floor(this.content.length / this.blockSize);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizer.disconnect();
    cancelAnimationFrame(this.frameId);
    this.frameId = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.dpr = globalThis.devicePixelRatio || 1;
    const width = Math.floor(this.cssWidth * this.dpr);
    const content = this.mode === 'content' && this.content !== null;
    this.layout = width < 1 ? null : content
      ? contentLayout(this.blocks, this.blockSize, width, this.columns)
      : stateLayout(this.blocks, width, this.dpr, this.columns);
    if (changed.has('states') || changed.has('view') || this.summaryLanguage !== language()) {
      this.summary = summariseStates(this.states, this.view);
      this.summaryLanguage = language();
    }
  }

  override render(): unknown {
    const n = this.blocks;
    const words = mapWords();
    const slots = this.view === 'repository';
    const per = this.layout?.perCell ?? 1;
    const scale = per > 1 ? words.scale(per, slots) : '';
    const aria = `${this.label || words.mapName}: ${words.count(n, slots)}${scale}. ${this.summary}. ${words.keys}`;
    const chosen = this.selected !== null && this.selected < n ? describeBlock(this.selected, this.states[this.selected] ?? 0, this.view) : '';
    return html`<div class="caption" part="caption"><span class="label" part="label">${this.label}</span>
        <span class="scale" part="scale">${words.count(n, slots)}${scale}</span></div>
      <canvas part="canvas" tabindex="0" role="application" aria-roledescription=${words.roleDescription} aria-label=${aria}
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp}
        @pointercancel=${this.endDrag} @keydown=${this.onKeyDown}></canvas>
      <div class="sr" role="status" aria-live="polite">${chosen}</div>`;
  }

  protected override updated(): void {
    const canvas = this.canvas;
    if (!canvas || !this.layout) return;
    if (canvas.width !== this.layout.width) canvas.width = this.layout.width;
    if (canvas.height !== this.layout.height) canvas.height = this.layout.height;
    canvas.style.width = `${this.layout.width / this.dpr}px`;
    if (this.frameId === 0) this.frameId = requestAnimationFrame(() => this.draw());
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private draw(): void {
    this.frameId = 0;
    const { layout, canvas, dpr } = this;
    const ctx = canvas?.getContext('2d');
    if (!layout || !ctx) return;
    if ((globalThis.devicePixelRatio || 1) !== dpr) this.requestUpdate();
    const content = this.mode === 'content' ? this.content : null;
    const picture = this.picture.paint(layout, this.states, content, this.blockSize, this.blocks);
    drawMap(ctx, layout, picture, { cursor: this.cursor, selected: this.selected, blocks: this.blocks, dpr, followed: this.followed });
  }

  /** Device-pixel position of a pointer event on the canvas. */
  private point(e: PointerEvent): [number, number] {
    const rect = (e.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const { width, height } = this.layout ?? { width: 1, height: 1 };
    return [((e.clientX - rect.left) * width) / (rect.width || 1), ((e.clientY - rect.top) * height) / (rect.height || 1)];
  }

  private cellOf([x, y]: [number, number]): number {
    if (!this.layout) return -1;
    const cell = cellAt(this.layout, x, y);
    return cell < 0 || cell * this.layout.perCell >= this.blocks ? -1 : cell;
  }

  private onPointerDown(e: PointerEvent): void {
    const at = this.point(e);
    const cell = this.cellOf(at);
    if (e.button !== 0 || cell < 0 || !this.layout) return;
    (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
    this.drag = { last: at, painted: new Set([cell]), start: cell, moved: false, follow: e.shiftKey };
  }

  private onPointerMove(e: PointerEvent): void {
    const at = this.point(e);
    this.hover(this.cellOf(at), e.currentTarget as HTMLCanvasElement);
    const drag = this.drag;
    if (!drag || !this.layout) return;
    const [x0, y0] = drag.last;
    const steps = Math.ceil(Math.hypot(at[0] - x0, at[1] - y0) / (Math.min(this.layout.cellWidth, this.layout.cellHeight) / 2));
    for (let i = 1; i <= steps; i++) {
      const cell = this.cellOf([x0 + ((at[0] - x0) * i) / steps, y0 + ((at[1] - y0) * i) / steps]);
      if (cell < 0 || drag.painted.has(cell)) continue;
      if (!drag.moved) this.pending.push(...this.blocksOf(drag.start));
      drag.moved = true;
      drag.painted.add(cell);
      this.pending.push(...this.blocksOf(cell));
    }
    drag.last = at;
    if (this.pending.length > 0 && this.paintFrame === 0) this.paintFrame = requestAnimationFrame(() => this.flushPaint());
  }

  private onPointerUp(): void {
    const drag = this.drag;
    this.endDrag();
    if (drag && !drag.moved && drag.follow) this.follow(drag.start * (this.layout?.perCell ?? 1));
    else if (drag && !drag.moved) this.activate(drag.start * (this.layout?.perCell ?? 1), true);
  }

  private endDrag(): void {
    this.drag = null;
    this.flushPaint();
  }

  private flushPaint(): void {
    cancelAnimationFrame(this.paintFrame);
    this.paintFrame = 0;
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    this.dispatchEvent(event<BlockPaintDetail>('block-paint', { blocks }));
  }

  private blocksOf(cell: number): number[] {
    const per = this.layout?.perCell ?? 1;
    const end = Math.min(this.blocks, (cell + 1) * per);
    return Array.from({ length: Math.max(0, end - cell * per) }, (_, i) => cell * per + i);
  }

  private hover(cell: number, canvas: HTMLCanvasElement): void {
    if (cell === this.hoverCell) return;
    this.hoverCell = cell;
    const per = this.layout?.perCell ?? 1;
    const first = cell * per;
    const last = Math.min(this.blocks, first + per) - 1;
    const code = worstState(this.states, first, last + 1);
    canvas.title = cell < 0 ? '' : per === 1 ? describeBlock(first, code, this.view) : stateWordsTable().blocks(first, last, stateWords(code, this.view));
  }

  private select(block: number): void {
    if (block === this.selected) return;
    this.selected = block;
    this.dispatchEvent(event<BlockDetail>('block-select', { block }));
  }

  private activate(block: number, select = false): void {
    if (select) this.select(block);
    this.dispatchEvent(event<BlockDetail>('block-activate', { block }));
  }

  /** Shift+click or F: the learner asks to follow this block's history (block-history-panel). */
  private follow(block: number): void {
    this.select(block);
    this.dispatchEvent(event<BlockDetail>('block-follow', { block }));
  }

  private onKeyDown(e: KeyboardEvent): void {
    const n = this.blocks;
    if (n === 0 || !this.layout) return;
    const step = this.layout.perCell;
    const row = this.layout.columns * step;
    const from = this.selected ?? Math.min(this.cursor ?? 0, n - 1);
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowRight: step, ArrowUp: -row, ArrowDown: row, PageUp: -8 * row, PageDown: 8 * row };
    let next: number | null = null;
    if (e.key === 'Enter' || e.key === ' ') this.activate(from, true);
    else if (e.key === 'f' || e.key === 'F') this.follow(from);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key in moves) {
      const to = this.selected === null ? from : from + (moves[e.key] ?? 0);
      next = to >= 0 && to < n ? to : e.key.startsWith('Page') ? Math.min(n - 1, Math.max(0, to)) : from;
    } else return;
    e.preventDefault();
    if (next !== null) this.select(next);
  }
}
