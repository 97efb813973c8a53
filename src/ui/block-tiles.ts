/**
 * Blocks as tiles of pixels: where each block sits on a map (the grid layout), how a state's cell
 * is drawn (colour and glyph), and how a block's bytes show as an RGBA tile (content mode).
 * No DOM nodes: plain pixel buffers, an offscreen canvas and a given 2D context. Packed pixels
 * assume a little-endian platform.
 */
import { CURSOR_STYLE, STATE_STYLES, stateStamp, statePaletteKey, worstState } from './block-states.ts';

/** An ImageData-compatible picture. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Where blocks sit on a map canvas, in device pixels. */
export interface GridLayout {
  columns: number;
  rows: number;
  /** Blocks that one cell stands for (more than 1 when the map is zoomed out). */
  perCell: number;
  cellWidth: number;
  cellHeight: number;
  /** Empty device pixels right of and below each cell. */
  gap: number;
  /** Whether cells are large enough to carry their state's glyph. */
  glyphs: boolean;
  width: number;
  height: number;
}

/** Largest cell of a state map, in CSS pixels (small disks then use more columns). */
const MAX_CELL_CSS = 36;
/** Smallest cell, in device pixels, that carries a readable glyph. */
const GLYPH_MIN_PX = 8;
/** Most cells drawn with glyphs; larger maps draw one pixel per cell, scaled up. */
const GLYPH_MAX_CELLS = 16_384;

const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
const prevPow2 = (n: number): number => 2 ** Math.floor(Math.log2(Math.max(1, n)));

/** The width × height of the RGBA tile of a block: w = 2^ceil(log2(sqrt(B/4))), h = B/4/w. */
export function tileSize(blockSize: number): { width: number; height: number } {
  const pixels = Math.max(1, blockSize / 4);
  const width = nextPow2(Math.sqrt(pixels));
  return { width, height: Math.max(1, Math.ceil(pixels / width)) };
}

/** A block's bytes as its RGBA tile, alpha forced to 255 so that text and patterns are visible. */
export function tileImage(bytes: Uint8Array, blockSize: number): Pixels {
  const { width, height } = tileSize(blockSize);
  const data = new Uint8ClampedArray(width * height * 4);
  data.set(bytes.subarray(0, Math.min(bytes.length, blockSize, data.length)));
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

/** Columns and rows of tiles in which a disk's blocks assemble a picture: ceil(sqrt(blocks)) columns, as picture-fill.ts fills them. */
export function tileGrid(blocks: number): { columns: number; rows: number } {
  const n = Math.max(1, blocks);
  const columns = Math.ceil(Math.sqrt(n));
  return { columns, rows: Math.ceil(n / columns) };
}

/** The layout of a state map of `blocks` blocks on `width` device pixels (a cell at least one CSS pixel); `columns` overrides the choice. */
export function stateLayout(blocks: number, width: number, dpr: number, columns: number | null = null): GridLayout {
  const n = Math.max(1, blocks);
  const room = Math.max(1, Math.floor(width));
  let cols = columns !== null && columns > 0 ? Math.floor(columns) : nextPow2(Math.ceil(Math.sqrt(n)));
  if (columns === null) while (cols < n && room / cols > MAX_CELL_CSS * dpr) cols *= 2;
  const minCell = Math.max(1, Math.round(dpr));
  let perCell = 1;
  if (Math.min(cols, n) * minCell > room) {
    cols = prevPow2(room / minCell);
    perCell = Math.ceil(n / (cols * cols));
  }
  const cells = Math.ceil(n / perCell);
  cols = Math.min(cols, cells);
  const cell = Math.max(1, Math.min(Math.floor(room / cols), Math.floor(MAX_CELL_CSS * dpr)));
  const rows = Math.ceil(cells / cols);
  const glyphs = perCell === 1 && cell >= GLYPH_MIN_PX && cells <= GLYPH_MAX_CELLS;
  const gap = glyphs ? Math.max(1, Math.round(cell / 12)) : cell >= 4 ? 1 : 0;
  return { columns: cols, rows, perCell, cellWidth: cell, cellHeight: cell, gap, glyphs, width: cols * cell, height: rows * cell };
}

/** The layout of a content map: tiles in `columns` (default tileGrid) scaled to `width`, integer when enlarged. */
export function contentLayout(blocks: number, blockSize: number, width: number, columns: number | null = null): GridLayout {
  const tile = tileSize(blockSize);
  const n = Math.max(1, blocks);
  const cols = Math.min(n, columns !== null && columns > 0 ? Math.floor(columns) : tileGrid(n).columns);
  const rows = Math.ceil(n / cols);
  const fit = Math.max(1, Math.floor(width)) / (cols * tile.width);
  const scale = fit >= 1 ? Math.floor(fit) : fit;
  const cellWidth = tile.width * scale;
  const cellHeight = tile.height * scale;
  const size = { width: Math.max(1, Math.round(cols * cellWidth)), height: Math.max(1, Math.round(rows * cellHeight)) };
  return { columns: cols, rows, perCell: 1, cellWidth, cellHeight, gap: 0, glyphs: false, ...size };
}

/** The cell under device pixel (x, y), or -1 outside the grid. */
export function cellAt(layout: GridLayout, x: number, y: number): number {
  const col = Math.floor(x / layout.cellWidth);
  const row = Math.floor(y / layout.cellHeight);
  if (x < 0 || y < 0 || col >= layout.columns || row >= layout.rows) return -1;
  return row * layout.columns + col;
}

/** True when `a` and `b` hold the same codes in [from, to). */
function unchanged(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  for (let i = from, end = Math.min(to, b.length); i < end; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Draws the cells of `states` into `target` (packed pixels, layout.width wide), one stamp per code;
 * given `previous` (the states drawn last time) only the cells that changed. Returns the rows drawn, [first, end), or null.
 */
export function drawStates(
  target: Uint32Array,
  layout: GridLayout,
  states: Uint8Array,
  stamps: readonly Uint32Array[],
  previous: Uint8Array | null = null,
): [number, number] | null {
  const { columns, perCell, cellWidth: cell, width } = layout;
  const before = previous?.length === states.length ? previous : null;
  let first = -1;
  let last = -1;
  for (let c = 0, cells = Math.ceil(states.length / perCell); c < cells; c++) {
    const from = c * perCell;
    if (before && unchanged(before, states, from, from + perCell)) continue;
    const stamp = stamps[perCell === 1 ? states[c]! : worstState(states, from, from + perCell)] ?? stamps[0]!;
    const row = Math.floor(c / columns);
    if (first < 0) first = row;
    last = row;
    const at = row * cell * width + (c % columns) * cell;
    for (let y = 0, i = 0; y < cell; y++) {
      for (let x = 0, to = at + y * width; x < cell; x++) target[to++] = stamp[i++]!;
    }
  }
  return first < 0 ? null : [first, last + 1];
}

/** Draws the blocks' bytes as tiles into `target` (the layout's size), nearest pixel, alpha 255. */
export function drawContent(target: Pixels, layout: GridLayout, content: Uint8Array, blockSize: number, blocks: number): void {
  const tile = tileSize(blockSize);
  const { width, height, data } = target;
  const gridW = layout.columns * tile.width;
  const gridH = layout.rows * tile.height;
  const limit = Math.min(content.length, blocks * blockSize);
  const xOffset = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const px = Math.floor((x * gridW) / width);
    xOffset[x] = Math.floor(px / tile.width) * blockSize + (px % tile.width) * 4;
  }
  for (let y = 0; y < height; y++) {
    const py = Math.floor((y * gridH) / height);
    const yOffset = Math.floor(py / tile.height) * layout.columns * blockSize + (py % tile.height) * tile.width * 4;
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const s = yOffset + (xOffset[x] ?? 0);
      const inside = s + 3 < limit;
      data[o] = inside ? (content[s] ?? 0) : 0;
      data[o + 1] = inside ? (content[s + 1] ?? 0) : 0;
      data[o + 2] = inside ? (content[s + 2] ?? 0) : 0;
      data[o + 3] = inside ? 255 : 0;
    }
  }
}

/** Draws the copier's marker (a thick yellow and black frame) or the selection (a dashed ring) around a cell. */
export function drawMarker(ctx: CanvasRenderingContext2D, kind: 'cursor' | 'selected', box: DOMRectInit, dpr: number): void {
  const cursor = kind === 'cursor';
  const pad = (cursor ? 2 : 1) * dpr;
  const lw = (cursor ? 6 : 4) * dpr;
  const [bx, by, bw, bh] = [box.x ?? 0, box.y ?? 0, box.width ?? 0, box.height ?? 0];
  const w = Math.max(bw + 2 * pad, (cursor ? 11 : 9) * dpr);
  const h = Math.max(bh + 2 * pad, (cursor ? 11 : 9) * dpr);
  const x = Math.max(lw / 2, Math.min(bx + (bw - w) / 2, ctx.canvas.width - w - lw / 2));
  const y = Math.max(lw / 2, Math.min(by + (bh - h) / 2, ctx.canvas.height - h - lw / 2));
  ctx.save();
  ctx.lineWidth = lw;
  ctx.strokeStyle = cursor ? CURSOR_STYLE.ink : '#ffffff';
  ctx.strokeRect(x, y, w, h);
  ctx.lineWidth = lw / 2;
  ctx.strokeStyle = cursor ? CURSOR_STYLE.colour : '#000000';
  if (!cursor) ctx.setLineDash([3 * dpr, 2 * dpr]);
  ctx.strokeRect(x, y, w, h);
  ctx.restore();
}

/** Where a block's cell sits on the canvas, in device pixels. */
export function cellBox(layout: GridLayout, block: number): DOMRectInit {
  const { columns, perCell, cellWidth, cellHeight, gap } = layout;
  const cell = Math.floor(block / perCell);
  return { x: (cell % columns) * cellWidth, y: Math.floor(cell / columns) * cellHeight, width: cellWidth - gap, height: cellHeight - gap };
}

/** A map without its markers, kept on an offscreen canvas and redrawn only where its input changed. */
export class MapPicture {
  private key = '';
  private canvas: OffscreenCanvas | null = null;
  private image: ImageData | null = null;
  private drawn: Uint8Array | null = null;
  private stamps: { key: string; list: Uint32Array[] } = { key: '', list: [] };

  /**
   * Paints `states`, one pixel per cell unless cells carry glyphs, or `content`, tiles at their own
   * size (sampled down past 4 Mpx); only the rows that changed are put. Returns the canvas to scale onto the map.
   */
  paint(layout: GridLayout, states: Uint8Array, content: Uint8Array | null, blockSize: number, blocks: number): OffscreenCanvas {
    const tile = tileSize(blockSize);
    const native = { width: layout.columns * tile.width, height: layout.rows * tile.height };
    const size = content ? (native.width * native.height <= 4 * 2 ** 20 ? native : layout)
      : layout.glyphs ? layout : { width: layout.columns, height: layout.rows };
    const target = { ...layout, width: size.width, height: size.height, ...(content || layout.glyphs ? {} : { cellWidth: 1, cellHeight: 1, gap: 0 }) };
    const key = `${content ? 'content' : 'states'} ${blocks} ${JSON.stringify(target)} ${statePaletteKey()}`;
    if (key !== this.key || !this.canvas || !this.image) {
      [this.key, this.drawn] = [key, null];
      this.canvas = new OffscreenCanvas(size.width, size.height);
      this.image = new ImageData(size.width, size.height);
    }
    const ctx = this.canvas.getContext('2d');
    if (content) {
      if (this.drawn !== content) drawContent(this.image, target, content, blockSize, blocks);
      if (this.drawn !== content) ctx?.putImageData(this.image, 0, 0);
      this.drawn = content;
      return this.canvas;
    }
    const rows = drawStates(new Uint32Array(this.image.data.buffer), target, states, this.stampsFor(target), this.drawn);
    if (rows) ctx?.putImageData(this.image, 0, 0, 0, rows[0] * target.cellHeight, size.width, (rows[1] - rows[0]) * target.cellHeight);
    this.drawn = states.slice();
    return this.canvas;
  }

  private stampsFor(layout: GridLayout): Uint32Array[] {
    const key = `${layout.cellWidth}/${layout.gap}/${layout.glyphs}/${statePaletteKey()}`;
    if (this.stamps.key !== key) {
      this.stamps = { key, list: STATE_STYLES.map((_, code) => stateStamp(code, layout.cellWidth, layout.gap, layout.glyphs)) };
    }
    return this.stamps.list;
  }
}

/** Draws a map: its picture scaled to the layout, the gaps between scaled-up cells, then the selection and the copier. */
/** Outlines the block a learner follows (block-history-panel): a solid white and magenta ring, unlike the dashed selection. */
function drawFollowed(ctx: CanvasRenderingContext2D, box: DOMRectInit, dpr: number): void {
  const [bx, by, bw, bh] = [box.x ?? 0, box.y ?? 0, box.width ?? 0, box.height ?? 0];
  const pad = 3 * dpr;
  ctx.save();
  ctx.lineWidth = 4 * dpr;
  ctx.strokeStyle = '#ffffff';
  ctx.strokeRect(bx - pad, by - pad, bw + 2 * pad, bh + 2 * pad);
  ctx.lineWidth = 2 * dpr;
  ctx.strokeStyle = '#a3007d';
  ctx.strokeRect(bx - pad, by - pad, bw + 2 * pad, bh + 2 * pad);
  ctx.restore();
}

export function drawMap(
  ctx: CanvasRenderingContext2D,
  layout: GridLayout,
  picture: OffscreenCanvas,
  marks: { cursor: number | null; selected: number | null; blocks: number; dpr: number; followed?: number | null },
): void {
  const { columns, rows, cellWidth: cell, gap, width, height } = layout;
  ctx.clearRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = picture.width > width;
  ctx.drawImage(picture, 0, 0, width, height);
  if (picture.width === columns && gap > 0) {
    for (let c = 1; c <= columns; c++) ctx.clearRect(c * cell - gap, 0, gap, height);
    for (let r = 1; r <= rows; r++) ctx.clearRect(0, r * cell - gap, width, gap);
  }
  const { cursor, selected, blocks, dpr } = marks;
  if (selected !== null && selected < blocks) drawMarker(ctx, 'selected', cellBox(layout, selected), dpr);
  if (marks.followed != null && marks.followed < blocks) drawFollowed(ctx, cellBox(layout, marks.followed), dpr);
  if (cursor !== null && cursor < blocks) drawMarker(ctx, 'cursor', cellBox(layout, cursor), dpr);
}
