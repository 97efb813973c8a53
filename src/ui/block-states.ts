/**
 * The block states the maps draw: their words, colours (Okabe–Ito) and glyphs, and the state of
 * every block derived from a frame's bitmaps for the four views of a pair. Pure: no DOM.
 */
import type { DiskView, FramePair } from '../worker/api.ts';
import { stateWordsTable } from './i18n/maps.ts';

/** Block states in order of precedence: where one pixel stands for several blocks, the last wins. */
export const BLOCK_STATES = ['uncopied', 'copied', 'preserved', 'written', 'refused', 'unreadable', 'torn'] as const;
/** One block state. */
export type BlockState = (typeof BLOCK_STATES)[number];

/** The code of each state in a states array: its index in BLOCK_STATES. */
export const STATE_CODE = {
  uncopied: 0,
  copied: 1,
  preserved: 2,
  written: 3,
  refused: 4,
  unreadable: 5,
  torn: 6,
} as const satisfies Record<BlockState, number>;

/** The shape drawn in a cell, so that a state is never told by colour alone. */
export type Glyph = 'outline' | 'solid' | 'dot' | 'hatch' | 'cross' | 'checker' | 'bars';

/** How one state looks and reads. */
export interface StateStyle {
  /** The state in plain words. */
  label: string;
  /** Fill colour (CSS hex). */
  colour: string;
  /** Colour of the glyph drawn over the fill (CSS hex). */
  ink: string;
  glyph: Glyph;
  /** The glyph in words, for the legend's accessible text. */
  glyphWords: string;
}

/** A state's look; its words are read in the current language (src/ui/i18n/maps.ts) whenever they are used. */
function styleOf(code: number, colour: string, ink: string, glyph: Glyph): StateStyle {
  return {
    get label() {
      return stateWordsTable().label(code);
    },
    colour,
    ink,
    glyph,
    get glyphWords() {
      return stateWordsTable().glyph(code);
    },
  };
}

/** Look and words of each state, indexed by code. */
export const STATE_STYLES: readonly StateStyle[] = [
  styleOf(0, '#e6e6e6', '#6b6b6b', 'outline'),
  styleOf(1, '#0072b2', '#ffffff', 'solid'),
  styleOf(2, '#e69f00', '#000000', 'dot'),
  styleOf(3, '#d55e00', '#ffffff', 'hatch'),
  styleOf(4, '#cc79a7', '#000000', 'cross'),
  styleOf(5, '#000000', '#8a8a8a', 'checker'),
  styleOf(6, '#56b4e9', '#000000', 'bars'),
];

/** Fill and glyph colours of every state, indexed by code: a palette that replaces STATE_STYLES' colours. */
export type StatePalette = ReadonlyArray<{ readonly colour: string; readonly ink: string }>;

let palette: { key: string; colours: StatePalette | null } = { key: 'standard', colours: null };

/** Draws the states in `colours` from now on (the projector's high contrast), or in STATE_STYLES' own with null. */
export function setStatePalette(key: string, colours: StatePalette | null): void {
  palette = { key: colours ? key : 'standard', colours };
}

/** Names the palette in use, so that caches of drawn cells can tell when it changed. */
export function statePaletteKey(): string {
  return palette.key;
}

/** The copier's marker: a yellow frame between black rings. */
export const CURSOR_STYLE: { readonly label: string; readonly colour: string; readonly ink: string } = {
  get label() {
    return stateWordsTable().cursor;
  },
  colour: '#f0e442',
  ink: '#000000',
};

/** A CSS hex colour packed as one pixel of a Uint32Array view of RGBA bytes (little-endian). */
export function packColour(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((255 << 24) | ((v & 255) << 16) | (v & 0xff00) | ((v >> 16) & 255)) >>> 0;
}

/** Whether pixel (x, y) of an s × s cell belongs to the glyph. */
function inGlyph(glyph: Glyph, x: number, y: number, s: number): boolean {
  switch (glyph) {
    case 'solid':
      return false;
    case 'outline': {
      const t = Math.max(1, Math.round(s / 12));
      return x < t || y < t || x >= s - t || y >= s - t;
    }
    case 'dot': {
      const c = (s - 1) / 2;
      return (x - c) ** 2 + (y - c) ** 2 <= (s * 0.22) ** 2;
    }
    case 'hatch': {
      const period = Math.max(4, Math.round(s / 3));
      return (x + y) % period < Math.max(1, Math.round(period / 3));
    }
    case 'cross': {
      const margin = s * 0.2;
      if (x < margin || y < margin || x > s - 1 - margin || y > s - 1 - margin) return false;
      const t = Math.max(0.75, s / 12);
      return Math.abs(x - y) < t || Math.abs(x + y - (s - 1)) < t;
    }
    case 'checker': {
      const q = Math.max(2, Math.round(s / 4));
      return ((Math.floor(x / q) + Math.floor(y / q)) & 1) === 1;
    }
    case 'bars':
      return x % Math.max(3, Math.round(s / 4)) < Math.max(1, Math.round(s / 10));
  }
}

/** The packed pixels of one cell (`cell` × `cell`, gap transparent) of state `code`. */
export function stateStamp(code: number, cell: number, gap: number, glyphs: boolean): Uint32Array {
  const style = STATE_STYLES[code] ?? STATE_STYLES[0];
  const out = new Uint32Array(cell * cell);
  if (!style) return out;
  const colours = palette.colours?.[code] ?? style;
  const fill = packColour(colours.colour);
  const ink = packColour(colours.ink);
  const size = Math.max(1, cell - gap);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) out[y * cell + x] = glyphs && inGlyph(style.glyph, x, y, size) ? ink : fill;
  }
  return out;
}

/** Which map a states array belongs to; it changes the words of some states. */
export type MapView = 'source' | 'snapshot' | 'repository' | 'target' | 'disk';

/** The words for state `code` on a map of `view`. */
export function stateWords(code: number, view: MapView = 'disk'): string {
  const state = BLOCK_STATES[code];
  const words = stateWordsTable();
  if (state === undefined) return words.unknown;
  return words.view(`${view}:${state}`) || words.label(code);
}

/** One block in words, e.g. `Block 20: preserved in the repository` (`Slot 3: …` on a repository). */
export function describeBlock(block: number, code: number, view: MapView = 'disk'): string {
  return (view === 'repository' ? stateWordsTable().slot : stateWordsTable().block)(block, stateWords(code, view));
}

/** True when bit `i` of `bitmap` is set (bit i = byte i>>3, bit i&7). */
export function bitSet(bitmap: Uint8Array, i: number): boolean {
  return (((bitmap[i >> 3] ?? 0) >> (i & 7)) & 1) === 1;
}

/** Sets `out[i] = code` for every set bit i of `bitmap` below out.length; skips empty bytes. */
function markBits(out: Uint8Array, bitmap: Uint8Array | null, code: number): void {
  if (!bitmap) return;
  const bytes = Math.min(bitmap.length, (out.length + 7) >> 3);
  for (let byte = 0; byte < bytes; byte++) {
    const bits = bitmap[byte] ?? 0;
    if (bits === 0) continue;
    const end = Math.min(8, out.length - byte * 8);
    for (let b = 0; b < end; b++) if ((bits >> b) & 1) out[byte * 8 + b] = code;
  }
}

/** Sets `out[i] = code` for every listed block i inside out. */
function markList(out: Uint8Array, blocks: Iterable<number>, code: number): void {
  for (const i of blocks) if (i >= 0 && i < out.length) out[i] = code;
}

/** The source disk: written since the point in time, refused, unreadable, else unchanged. */
export function sourceStates(pair: FramePair | null, disk: DiskView, refused: ReadonlySet<number>): Uint8Array {
  const out = new Uint8Array(disk.blocks);
  if (pair) markBits(out, pair.written, STATE_CODE.written);
  markList(out, refused, STATE_CODE.refused);
  markList(out, disk.unreadable, STATE_CODE.unreadable);
  return out;
}

/**
 * The snapshot view: preserved blocks are read from the repository, the others from the source.
 * With the source disk given, an unreadable source block that is not preserved reads as unreadable.
 */
export function snapshotStates(pair: FramePair, source?: DiskView): Uint8Array {
  const out = new Uint8Array(pair.progress.total);
  if (source) markList(out, source.unreadable, STATE_CODE.unreadable);
  markBits(out, pair.preserved, STATE_CODE.preserved);
  return out;
}

/** The repository, one code per slot: the first `used` slots hold preserved blocks, the rest are free. */
export function repositoryStates(pair: FramePair): Uint8Array {
  const repository = pair.repository;
  const out = new Uint8Array(repository?.capacity ?? 0);
  if (repository) out.fill(STATE_CODE.preserved, 0, Math.min(repository.used, repository.capacity));
  return out;
}

/** The target disk: copied or not yet copied, unreadable blocks on top. */
export function targetStates(pair: FramePair | null, disk: DiskView): Uint8Array {
  const out = new Uint8Array(disk.blocks);
  if (pair) markBits(out, pair.copied, STATE_CODE.copied);
  markList(out, disk.unreadable, STATE_CODE.unreadable);
  // A completed copy whose verification failed: point at every block that differs (torn blocks).
  if (pair?.verification?.state === 'differs') markList(out, pair.verification.differing, STATE_CODE.torn);
  return out;
}

/** How many blocks are in each state, indexed by code. */
export function countStates(states: Uint8Array): number[] {
  const counts = BLOCK_STATES.map(() => 0);
  for (let i = 0; i < states.length; i++) {
    const code = states[i] ?? 0;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** The counts of a states array in words, most severe first, e.g. `3 written since …, 61 not yet copied`. */
export function summariseStates(states: Uint8Array, view: MapView = 'disk'): string {
  const counts = countStates(states);
  const parts: string[] = [];
  for (let code = counts.length - 1; code >= 0; code--) {
    const count = counts[code] ?? 0;
    if (count > 0) parts.push(`${count} ${stateWords(code, view)}`);
  }
  return parts.join(', ');
}

/** The highest code among `states[from..to)`: what a pixel standing for several blocks shows. */
export function worstState(states: Uint8Array, from: number, to: number): number {
  let worst = 0;
  const end = Math.min(to, states.length);
  for (let i = from; i < end; i++) {
    const code = states[i] ?? 0;
    if (code > worst) worst = code;
  }
  return worst;
}
