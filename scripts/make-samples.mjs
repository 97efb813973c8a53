#!/usr/bin/env node
// Draws the sample pictures of public/samples/ (256 × 256 PNG, no dependencies): a landscape with a
// sun, a checkerboard target with big digits, and a smiling face. Each picture is a function from a
// point to a colour, sampled 4 × 4 per pixel. Run: `node scripts/make-samples.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { png } from './png.mjs';

const SIZE = 256;
const out = new URL('../public/samples/', import.meta.url);

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * Math.min(1, Math.max(0, t)));
const hex = (h) => [0, 2, 4].map((i) => parseInt(h.slice(i + 1, i + 3), 16));
const dist = (x, y, cx, cy) => Math.hypot(x - cx, y - cy);

/** A landscape: sky, a sun with rays, two mountain ranges, a lake and a green meadow. */
function landscape(x, y) {
  const sunD = dist(x, y, 190, 62);
  if (sunD < 26) return hex('#ffd23f');
  const angle = Math.atan2(y - 62, x - 190);
  if (sunD < 44 && Math.cos(angle * 12) > 0.55) return hex('#ffb627');
  const far = 120 + 28 * Math.abs(((x / 64) % 2) - 1) + 6 * Math.sin(x / 9);
  const near = 150 + 22 * Math.abs((((x + 40) / 90) % 2) - 1);
  if (y > 200) return mix(hex('#4caf50'), hex('#2e7d32'), (y - 200) / 56);
  if (((x - 105) / 72) ** 2 + ((y - 200) / 14) ** 2 < 1) return mix(hex('#4fa3e0'), hex('#1e6fb5'), (y - 186) / 28);
  if (y > near) return mix(hex('#6d8f5a'), hex('#3f6b3a'), (y - near) / 40);
  if (y > far) return y < 134 ? hex('#f4f6f8') : hex('#7d8ca3');
  return mix(hex('#8fd3ff'), hex('#e8f6ff'), y / 150);
}

/** 5 × 7 bitmaps of the digits 1 to 4. */
const DIGITS = {
  1: ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  2: ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  3: ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  4: ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
};

/** True when (x, y) lies on digit `d` drawn with its top-left at (left, top) in cells of `cell` px. */
function onDigit(d, x, y, left, top, cell) {
  const col = Math.floor((x - left) / cell);
  const row = Math.floor((y - top) / cell);
  return row >= 0 && row < 7 && col >= 0 && col < 5 && DIGITS[d][row][col] === '1';
}

/** A checkerboard of 32 px squares, a target in the middle, and a big digit 1 to 4 in each quarter. */
function target(x, y) {
  const quarter = (y < 128 ? 0 : 2) + (x < 128 ? 0 : 1);
  const left = (x < 128 ? 0 : 128) + 34;
  const top = (y < 128 ? 0 : 128) + 29;
  if (onDigit(quarter + 1, x, y, left, top, 10)) return hex('#111827');
  const d = dist(x, y, 128, 128);
  if (d < 40) return Math.floor(d / 10) % 2 === 0 ? hex('#d62828') : hex('#ffffff');
  const dark = (Math.floor(x / 32) + Math.floor(y / 32)) % 2 === 1;
  const hues = ['#f77f00', '#2a9d8f', '#7b2cbf', '#3a86ff'];
  return dark ? hex(hues[quarter]) : hex('#fdf0d5');
}

/** A yellow smiling face with eyes and a smile on a light blue background. */
function smiley(x, y) {
  const d = dist(x, y, 128, 128);
  if (d > 112) return mix(hex('#cfe8ff'), hex('#9ccaf5'), (y + x) / 512);
  if (d > 104) return hex('#3b2a14');
  const eye = (cx) => ((x - cx) / 13) ** 2 + ((y - 96) / 20) ** 2 < 1;
  if (eye(92) || eye(164)) return hex('#3b2a14');
  const mouth = dist(x, y, 128, 122);
  if (y > 132 && mouth > 58 && mouth < 70) return hex('#3b2a14');
  const cheek = dist(x, y, 72, 146) < 14 || dist(x, y, 184, 146) < 14;
  if (cheek) return hex('#ff9e7a');
  return mix(hex('#ffe066'), hex('#ffc233'), d / 104);
}

/** RGBA pixels of a picture function, 4 × 4 supersampled. */
function render(paint) {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0];
      for (let s = 0; s < 16; s++) paint(x + ((s % 4) + 0.5) / 4, y + (Math.floor(s / 4) + 0.5) / 4).forEach((c, i) => (sum[i] += c));
      const at = (y * SIZE + x) * 4;
      sum.forEach((c, i) => (pixels[at + i] = Math.round(c / 16)));
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

mkdirSync(out, { recursive: true });
for (const [name, paint] of Object.entries({ landscape, target, smiley })) {
  writeFileSync(new URL(`${name}.png`, out), png(SIZE, render(paint)));
  console.log(`public/samples/${name}.png`);
}
