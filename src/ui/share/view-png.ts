/**
 * A picture of the current view for slides: the maps of <disk-maps> (read from their canvases in
 * the shadow DOM) with their titles, the legend and the key counters, drawn into one canvas at 2×
 * on white, in the system font (no remote fonts).
 */

/** One map to draw: its title and the canvas the page shows. */
interface MapPiece {
  title: string;
  canvas: HTMLCanvasElement;
}

/** One legend entry: its swatch canvas and its words. */
interface LegendPiece {
  swatch: HTMLCanvasElement;
  label: string;
}

/** What goes into the picture. */
export interface ViewPicture {
  heading: string;
  maps: MapPiece[];
  legend: LegendPiece[];
  lines: string[];
}

/** Pixels per CSS pixel of the picture. */
export const PICTURE_SCALE = 2;
/** Width of one map in the picture, in CSS pixels; the maps stand two by two at most. */
export const PICTURE_MAP_WIDTH = 380;
const PAD = 24;
const GAP = 16;
const SWATCH = 22;
const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

/** Width of the picture in pixels for `maps` maps (one or two columns). */
export function pictureWidth(maps: number): number {
  const columns = Math.min(2, Math.max(1, maps));
  return (PAD * 2 + columns * PICTURE_MAP_WIDTH + (columns - 1) * GAP) * PICTURE_SCALE;
}

/** The maps, titles and legend shown by a <disk-maps> element now (maps not laid out are left out). */
export function piecesOf(maps: Element): Pick<ViewPicture, 'maps' | 'legend'> {
  const root = maps.shadowRoot;
  const pieces: MapPiece[] = [];
  for (const figure of root?.querySelectorAll('figure[data-map]') ?? []) {
    const canvas = figure.querySelector('block-map')?.shadowRoot?.querySelector('canvas');
    const title = figure.querySelector('h3')?.textContent?.trim() ?? '';
    if (canvas && canvas.width > 0 && canvas.height > 0) pieces.push({ title, canvas });
  }
  const legendRoot = root?.querySelector('block-legend')?.shadowRoot;
  const legend: LegendPiece[] = [];
  for (const item of legendRoot?.querySelectorAll('li') ?? []) {
    const swatch = item.querySelector('canvas');
    if (swatch) legend.push({ swatch, label: item.textContent?.trim() ?? '' });
  }
  return { maps: pieces, legend };
}

/** Draws the picture; null when there is no map to draw. */
export function drawPicture(picture: ViewPicture): HTMLCanvasElement | null {
  if (picture.maps.length === 0) return null;
  const columns = Math.min(2, picture.maps.length);
  const inner = columns * PICTURE_MAP_WIDTH + (columns - 1) * GAP;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return null;
  const legendRows = flowLegend(measure, picture.legend, inner);
  const mapRows = rowsOf(picture.maps, columns);
  const mapsHeight = mapRows.reduce((sum, row) => sum + 28 + Math.max(...row.map(heightOf)) + GAP, 0);
  const height = PAD + 36 + mapsHeight + legendRows.length * 30 + GAP + picture.lines.length * 26 + PAD;
  const canvas = document.createElement('canvas');
  canvas.width = pictureWidth(picture.maps.length);
  canvas.height = Math.ceil(height * PICTURE_SCALE);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(PICTURE_SCALE, PICTURE_SCALE);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  let y = PAD;
  text(ctx, picture.heading, PAD, y, `bold 22px ${FONT}`, '#1f3a5f', inner);
  y += 36;
  for (const row of mapRows) y = drawMapRow(ctx, row, y);
  for (const line of legendRows) {
    for (const { piece, x } of line) {
      ctx.drawImage(piece.swatch, PAD + x, y, SWATCH, SWATCH);
      text(ctx, piece.label, PAD + x + SWATCH + 6, y + 3, `14px ${FONT}`, '#1f2933', inner);
    }
    y += 30;
  }
  y += GAP;
  for (const line of picture.lines) {
    text(ctx, line, PAD, y, `16px ${FONT}`, '#1f2933', inner);
    y += 26;
  }
  return canvas;
}

/** The canvas as a PNG blob, or null if the browser cannot encode it. */
export function pngOf(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

const heightOf = (piece: MapPiece): number => (PICTURE_MAP_WIDTH * piece.canvas.height) / piece.canvas.width;

function rowsOf<T>(items: T[], columns: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += columns) rows.push(items.slice(i, i + columns));
  return rows;
}

/** Draws one row of maps with their titles; returns the y below it. */
function drawMapRow(ctx: CanvasRenderingContext2D, row: MapPiece[], top: number): number {
  row.forEach((piece, i) => {
    const x = PAD + i * (PICTURE_MAP_WIDTH + GAP);
    text(ctx, piece.title, x, top, `bold 16px ${FONT}`, '#1f3a5f', PICTURE_MAP_WIDTH);
    ctx.imageSmoothingEnabled = false; // block cells stay crisp when scaled
    ctx.drawImage(piece.canvas, x, top + 28, PICTURE_MAP_WIDTH, heightOf(piece));
    ctx.strokeStyle = '#c8d1dc';
    ctx.strokeRect(x - 0.5, top + 27.5, PICTURE_MAP_WIDTH + 1, heightOf(piece) + 1);
  });
  return top + 28 + Math.max(...row.map(heightOf)) + GAP;
}

/** Places legend entries left to right, wrapping at `width`. */
function flowLegend(ctx: CanvasRenderingContext2D, legend: LegendPiece[], width: number): Array<Array<{ piece: LegendPiece; x: number }>> {
  ctx.font = `14px ${FONT}`;
  const rows: Array<Array<{ piece: LegendPiece; x: number }>> = [];
  let row: Array<{ piece: LegendPiece; x: number }> = [];
  let x = 0;
  for (const piece of legend) {
    const size = SWATCH + 6 + Math.min(width - SWATCH - 6, ctx.measureText(piece.label).width) + 18;
    if (x > 0 && x + size > width) (rows.push(row), (row = []), (x = 0));
    row.push({ piece, x });
    x += size;
  }
  if (row.length) rows.push(row);
  return rows;
}

function text(ctx: CanvasRenderingContext2D, words: string, x: number, y: number, font: string, colour: string, maxWidth: number): void {
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.fillText(words, x, y, maxWidth);
}
