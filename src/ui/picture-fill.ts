/**
 * A picture as the bytes of a disk: each block is one RGBA tile, tiles in row-major order over the
 * disk's block grid, so that a block map drawing each block as its tile shows the picture.
 */
import { tileSize } from './block-tiles.ts';

/** An image the browser has decoded. */
export type PictureSource = ImageBitmap | HTMLImageElement;

/** A sample picture shipped in public/samples/. */
export interface SamplePicture {
  id: string;
  label: string;
  url: string;
}

/** The sample pictures (drawn by scripts/make-samples.mjs); URLs relative to the page. */
export const SAMPLE_PICTURES: readonly SamplePicture[] = [
  { id: 'landscape', label: 'Landscape with a sun', url: 'samples/landscape.png' },
  { id: 'target', label: 'Target with big digits', url: 'samples/target.png' },
  { id: 'smiley', label: 'Smiling face', url: 'samples/smiley.png' },
];

/** Largest disk a picture may fill: the bytes cross to the worker in one message. */
export const MAX_PICTURE_BYTES = 64 * 2 ** 20;

/** Colour of the grid where the scaled picture does not reach. */
const BACKGROUND = '#e9edf2';

/** A block's tile: the same as the block map draws. */
export { tileSize };

/** Columns and rows of tiles of a disk of `blocks` blocks; columns default to ceil(sqrt(blocks)). */
export function blockGrid(blocks: number, columns = Math.ceil(Math.sqrt(blocks))): { columns: number; rows: number } {
  const cols = Math.max(1, Math.min(blocks, Math.floor(columns)));
  return { columns: cols, rows: Math.ceil(blocks / cols) };
}

/** Decodes a sample URL (same origin, precached for offline use) or a file the learner chose. */
export async function loadPicture(source: string | Blob): Promise<ImageBitmap> {
  if (typeof source !== 'string') return createImageBitmap(source);
  const image = new Image();
  image.src = source;
  await image.decode();
  return createImageBitmap(image);
}

/** The pixel size of a decoded image. */
function sizeOf(image: PictureSource): { width: number; height: number } {
  return 'naturalWidth' in image ? { width: image.naturalWidth, height: image.naturalHeight } : image;
}

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** A 2D context on an OffscreenCanvas where there is one, else on a detached canvas element. */
function context2d(width: number, height: number): Context2D {
  const options: CanvasRenderingContext2DSettings = { willReadFrequently: true };
  if (typeof OffscreenCanvas !== 'undefined') {
    const context = new OffscreenCanvas(width, height).getContext('2d', options);
    if (context) return context;
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', options);
  if (!context) throw new Error('this browser cannot draw on a canvas');
  return context;
}

/** Where the picture lands on the whole grid: scaled to fit, aspect kept, centred. */
function fitRect(image: { width: number; height: number }, width: number, height: number) {
  const scale = Math.min(width / image.width, height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  return { x: (width - w) / 2, y: (height - h) / 2, w, h };
}

/** How a disk's blocks tile its picture. */
interface Layout {
  tile: { width: number; height: number };
  columns: number;
  rows: number;
  blocks: number;
  blockSize: number;
}

/**
 * The bytes of a disk of `blocks` blocks of `blockSize` bytes showing `image` over a grid of
 * `columns` tiles (pass the block map's column count): one Uint8Array of blocks × blockSize bytes.
 * The picture fits the full rows (a partial last row gets background); drawn one row of tiles at a
 * time, so the canvas stays small.
 */
export function pictureBytes(image: PictureSource, blocks: number, blockSize: number, columns?: number): Uint8Array {
  const layout: Layout = { tile: tileSize(blockSize), ...blockGrid(blocks, columns), blocks, blockSize };
  const { tile, rows } = layout;
  const bandWidth = layout.columns * tile.width;
  const fullRows = Math.max(1, Math.floor(blocks / layout.columns));
  const rect = fitRect(sizeOf(image), bandWidth, fullRows * tile.height);
  const context = context2d(bandWidth, tile.height);
  context.imageSmoothingQuality = 'high';
  const out = new Uint8Array(blocks * blockSize);
  for (let row = 0; row < rows; row++) {
    context.fillStyle = BACKGROUND;
    context.fillRect(0, 0, bandWidth, tile.height);
    context.drawImage(image, rect.x, rect.y - row * tile.height, rect.w, rect.h);
    copyBand(context.getImageData(0, 0, bandWidth, tile.height).data, row, layout, out);
  }
  return out;
}

/** Copies the tiles of one band (one row of the grid) of pixels into their blocks. */
function copyBand(band: Uint8ClampedArray, row: number, layout: Layout, out: Uint8Array): void {
  const { tile, columns, blocks, blockSize } = layout;
  const tileRowBytes = tile.width * 4;
  const bandRowBytes = columns * tileRowBytes;
  const first = row * columns;
  for (let column = 0; column < columns && first + column < blocks; column++) {
    const blockStart = (first + column) * blockSize;
    for (let y = 0; y < tile.height; y++) {
      const from = y * bandRowBytes + column * tileRowBytes;
      out.set(band.subarray(from, from + tileRowBytes), blockStart + y * tileRowBytes);
    }
  }
}
