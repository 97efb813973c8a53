#!/usr/bin/env node
// Rasterizes public/favicon.svg into public/icon-192.png and public/icon-512.png with no dependencies.
// The SVG is drawn with <rect> elements only (x, y, width, height, rx, fill="#rrggbb"); that is all
// this script understands. Run it again after editing the SVG: `npm run icons`.
import { readFileSync, writeFileSync } from 'node:fs';
import { png } from './png.mjs';

const root = new URL('../public/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', root), 'utf8');
const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
if (!viewBox) throw new Error('favicon.svg needs viewBox="0 0 W H"');
const viewSize = Number(viewBox[1]);

const rects = [...svg.matchAll(/<rect\b([^>]*)\/?>/g)].map(([, attrs]) => {
  const num = (name) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(attrs)?.[1] ?? 0);
  const fill = /\bfill="#([0-9a-f]{6})"/i.exec(attrs)?.[1];
  if (!fill) throw new Error(`rect without a #rrggbb fill: ${attrs}`);
  const rgb = [0, 2, 4].map((i) => parseInt(fill.slice(i, i + 2), 16));
  return { x: num('x'), y: num('y'), w: num('width'), h: num('height'), r: num('rx'), rgb };
});

/** True when the point lies inside the rounded rectangle. */
function inside(rect, px, py) {
  if (px < rect.x || py < rect.y || px > rect.x + rect.w || py > rect.y + rect.h) return false;
  const cx = Math.min(Math.max(px, rect.x + rect.r), rect.x + rect.w - rect.r);
  const cy = Math.min(Math.max(py, rect.y + rect.r), rect.y + rect.h - rect.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= rect.r ** 2;
}

/** RGBA pixels of the icon at size x size, 4x4 supersampled, painted in document order. */
function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = ((x + (sx + 0.5) / samples) * viewSize) / size;
          const py = ((y + (sy + 0.5) / samples) * viewSize) / size;
          const top = rects.findLast((rect) => inside(rect, px, py));
          if (!top) continue;
          top.rgb.forEach((c, i) => (sum[i] += c));
          sum[3] += 255;
        }
      }
      const n = samples * samples;
      const covered = sum[3] / 255;
      const at = (y * size + x) * 4;
      for (let i = 0; i < 3; i++) pixels[at + i] = covered ? Math.round(sum[i] / covered) : 0;
      pixels[at + 3] = Math.round(sum[3] / n);
    }
  }
  return pixels;
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, root), png(size, render(size)));
  console.log(`public/icon-${size}.png`);
}
