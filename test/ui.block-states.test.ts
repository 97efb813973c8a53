import { describe, expect, it } from 'vitest';
import {
  BLOCK_STATES,
  STATE_CODE,
  STATE_STYLES,
  bitSet,
  countStates,
  packColour,
  describeBlock,
  repositoryStates,
  snapshotStates,
  stateStamp,
  sourceStates,
  stateWords,
  summariseStates,
  targetStates,
  worstState,
} from '../src/ui/block-states.ts';
import {
  cellAt,
  contentLayout,
  drawContent,
  drawStates,
  stateLayout,
  tileGrid,
  tileImage,
  tileSize,
} from '../src/ui/block-tiles.ts';
import type { DiskView, FramePair } from '../src/worker/api.ts';

/** A bitmap with the listed bits set. */
function bits(size: number, set: number[]): Uint8Array {
  const map = new Uint8Array(Math.ceil(size / 8));
  for (const i of set) map[i >> 3]! |= 1 << (i & 7);
  return map;
}

function disk(blocks: number, unreadable: number[] = []): DiskView {
  return { name: 'd', role: 'standard', blocks, blockSize: 512, state: 'optimal', unreadable };
}

function pair(total: number, parts: { copied?: number[]; preserved?: number[] | null; written?: number[]; used?: number; capacity?: number } = {}): FramePair {
  const capacity = parts.capacity ?? Math.max(1, Math.floor(total / 5));
  return {
    source: 'src', target: 'tgt', type: 'online', status: 'InProgress', priority: 'medium', targetReadOnly: true,
    progress: { copied: parts.copied?.length ?? 0, total }, nextBlock: 0, startTimeMs: 0, completionTimeMs: null,
    snapshot: { state: 'active' },
    repository: { name: 'repo', capacity, used: parts.used ?? 0, percent: 20, warningPercent: 50, fullPolicy: 'failSnapshot' },
    counters: { hostWrites: 0, hostWriteIos: 0, copyOnWrites: 0, copyBeforeWrites: 0, rejectedWrites: 0 },
    copied: bits(total, parts.copied ?? []),
    preserved: parts.preserved === null ? null : bits(total, parts.preserved ?? []),
    written: bits(total, parts.written ?? []),
    verification: null,
  };
}

const codes = (states: Uint8Array): number[] => [...states];

describe('the block-state vocabulary', () => {
  it('has seven states whose codes are their order of precedence', () => {
    expect(BLOCK_STATES).toEqual(['uncopied', 'copied', 'preserved', 'written', 'refused', 'unreadable', 'torn']);
    BLOCK_STATES.forEach((state, index) => expect(STATE_CODE[state]).toBe(index));
  });

  it('tells every state by a distinct colour, a distinct glyph and plain words', () => {
    expect(new Set(STATE_STYLES.map((s) => s.colour)).size).toBe(7);
    expect(new Set(STATE_STYLES.map((s) => s.glyph)).size).toBe(7);
    for (const style of STATE_STYLES) {
      expect(style.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(style.label).toMatch(/^[a-z][a-z ()]+$/);
    }
  });

  it('draws seven glyphs that differ in shape, not only in colour', () => {
    const masks = STATE_STYLES.map((style, code) => {
      const ink = packColour(style.ink);
      return [...stateStamp(code, 24, 2, true)].map((pixel) => (pixel === ink ? 1 : 0)).join('');
    });
    expect(new Set(masks).size).toBe(7);
  });

  it('words a selected block the way the live region announces it', () => {
    expect(describeBlock(20, STATE_CODE.preserved)).toBe('Block 20: preserved in the repository');
    expect(describeBlock(20, STATE_CODE.preserved, 'snapshot')).toBe('Block 20: read from the repository');
    expect(describeBlock(7, STATE_CODE.uncopied, 'snapshot')).toBe('Block 7: read from the source');
    expect(describeBlock(3, STATE_CODE.uncopied, 'repository')).toBe('Slot 3: free slot');
    expect(stateWords(STATE_CODE.uncopied, 'target')).toBe('not yet copied');
  });

  it('summarises a map by counts, most severe state first', () => {
    const states = Uint8Array.of(0, 0, 3, 5, 0);
    expect(countStates(states)).toEqual([3, 0, 0, 1, 0, 1, 0]);
    expect(summariseStates(states, 'target')).toBe('1 unreadable (media error), 1 written since the point in time, 3 not yet copied');
  });
});

describe('block states derived from a frame', () => {
  it('reads bitmaps as bit i = byte i>>3, bit i&7', () => {
    const map = Uint8Array.of(0b0000_0010, 0b1000_0000);
    expect([0, 1, 2, 15, 16].map((i) => bitSet(map, i))).toEqual([false, true, false, true, false]);
  });

  it('marks source blocks written since the point in time, refused writes and unreadable blocks', () => {
    const states = sourceStates(pair(10, { written: [1, 2, 9] }), disk(10, [2]), new Set([4, 9]));
    expect(codes(states)).toEqual([0, 3, 5, 0, 4, 0, 0, 0, 0, 4]);
  });

  it('shows a source without a pair with only its refused and unreadable blocks', () => {
    expect(codes(sourceStates(null, disk(4, [3]), new Set([0])))).toEqual([4, 0, 0, 5]);
  });

  it('reads preserved blocks of the snapshot from the repository and the rest from the source', () => {
    const states = snapshotStates(pair(6, { preserved: [0, 4] }));
    expect(codes(states)).toEqual([2, 0, 0, 0, 2, 0]);
  });

  it('makes an unreadable source block unreadable in the snapshot unless it was preserved', () => {
    const states = snapshotStates(pair(4, { preserved: [1] }), disk(4, [1, 2]));
    expect(codes(states)).toEqual([0, 2, 5, 0]);
  });

  it('reads every snapshot block from the source when the pair has no repository bitmap', () => {
    expect(codes(snapshotStates(pair(3, { preserved: null })))).toEqual([0, 0, 0]);
  });

  it('shows the repository as its capacity in slots, the used ones first', () => {
    expect(codes(repositoryStates(pair(20, { capacity: 4, used: 3 })))).toEqual([2, 2, 2, 0]);
    expect(repositoryStates({ ...pair(20), repository: null })).toHaveLength(0);
  });

  it('marks target blocks copied or not yet copied, and keeps a larger target’s extra blocks plain', () => {
    const states = targetStates(pair(4, { copied: [0, 1, 3] }), disk(6, [1]));
    expect(codes(states)).toEqual([1, 5, 0, 1, 0, 0]);
  });

  it('marks the torn blocks of a completed copy whose target differs from the point in time', () => {
    const torn = { ...pair(4, { copied: [0, 1, 2, 3] }), status: 'Completed' as const, verification: { state: 'differs' as const, checked: 4, differing: [2] } };
    expect(codes(targetStates(torn, disk(4)))).toEqual([1, 1, 6, 1]);
    const equal = { ...torn, verification: { state: 'equal' as const, checked: 4, differing: [] } };
    expect(codes(targetStates(equal, disk(4)))).toEqual([1, 1, 1, 1]);
  });

  it('lets the most severe state stand for a range of blocks', () => {
    const states = Uint8Array.of(0, 1, 3, 2, 0, 0);
    expect(worstState(states, 0, 2)).toBe(1);
    expect(worstState(states, 0, 4)).toBe(3);
    expect(worstState(states, 4, 99)).toBe(0);
  });
});

describe('blocks as tiles of pixels', () => {
  it('sizes a block’s tile so that width × height × 4 is the block size', () => {
    expect(tileSize(512)).toEqual({ width: 16, height: 8 });
    expect(tileSize(4096)).toEqual({ width: 32, height: 32 });
    expect(tileSize(65536)).toEqual({ width: 128, height: 128 });
    expect(tileSize(2048)).toEqual({ width: 32, height: 16 });
  });

  it('shows a block’s bytes as RGBA with the alpha forced opaque', () => {
    const bytes = new Uint8Array(512).map((_, i) => i & 255);
    const tile = tileImage(bytes, 512);
    expect([tile.width, tile.height, tile.data.length]).toEqual([16, 8, 512]);
    expect([...tile.data.subarray(0, 8)]).toEqual([0, 1, 2, 255, 4, 5, 6, 255]);
  });

  it('arranges a disk’s tiles in ceil(sqrt(blocks)) columns, as the picture fill does', () => {
    expect(tileGrid(256)).toEqual({ columns: 16, rows: 16 });
    expect(tileGrid(60)).toEqual({ columns: 8, rows: 8 });
  });

  it('assembles the tiles row by row into one picture when content is drawn', () => {
    const content = new Uint8Array(4 * 512);
    for (let b = 0; b < 4; b++) content.fill(10 * (b + 1), b * 512, (b + 1) * 512);
    content.set([1, 2, 3, 4], 4 * (16 + 1)); // block 0, tile pixel (1, 1)
    const pixel = (image: { width: number; data: Uint8ClampedArray }, x: number, y: number): number[] =>
      [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
    for (const scale of [1, 3]) {
      const layout = contentLayout(4, 512, 32 * scale + 2);
      expect([layout.width, layout.height]).toEqual([32 * scale, 16 * scale]);
      const image = { width: layout.width, height: layout.height, data: new Uint8ClampedArray(layout.width * layout.height * 4) };
      drawContent(image, layout, content, 512, 4);
      expect(pixel(image, 0, 0)).toEqual([10, 10, 10, 255]);
      expect(pixel(image, 16 * scale, 0)).toEqual([20, 20, 20, 255]);
      expect(pixel(image, 0, 8 * scale)).toEqual([30, 30, 30, 255]);
      expect(pixel(image, 32 * scale - 1, 16 * scale - 1)).toEqual([40, 40, 40, 255]);
      expect(pixel(image, scale, scale)).toEqual([1, 2, 3, 255]);
    }
  });
});

describe('the layout of a state map', () => {
  it('gives a small disk large cells with glyphs, never wider than the room', () => {
    for (const room of [343, 600, 1200]) {
      const layout = stateLayout(256, room, 1);
      expect(layout.width).toBeLessThanOrEqual(room);
      expect(layout.glyphs).toBe(true);
      expect(layout.columns * layout.rows).toBeGreaterThanOrEqual(256);
    }
  });

  it('zooms out so that one pixel stands for several blocks when blocks outnumber the pixels', () => {
    const layout = stateLayout(262_144, 343, 1);
    expect(layout.width).toBeLessThanOrEqual(343);
    expect(layout.perCell).toBeGreaterThan(1);
    expect(layout.columns * layout.rows * layout.perCell).toBeGreaterThanOrEqual(262_144);
  });

  it('finds the cell under a point and nothing outside the grid', () => {
    const layout = stateLayout(64, 320, 1, 16);
    expect(layout.columns).toBe(16);
    expect(cellAt(layout, layout.cellWidth * 4.5, layout.cellHeight * 1.5)).toBe(20);
    expect(cellAt(layout, -1, 0)).toBe(-1);
    expect(cellAt(layout, 0, layout.height + 1)).toBe(-1);
  });

  it('draws each cell with its state’s stamp and the worst state when zoomed out', () => {
    const states = Uint8Array.of(0, 3, 1, 0);
    const layout = { ...stateLayout(4, 2, 1, 2), perCell: 2, columns: 2, rows: 1, cellWidth: 1, cellHeight: 1, width: 2, height: 1 };
    const stamps = STATE_STYLES.map((_, code) => stateStamp(code, 1, 0, false));
    const pixels = new Uint32Array(2);
    drawStates(pixels, layout, states, stamps);
    expect([...pixels]).toEqual([packColour(STATE_STYLES[3]!.colour), packColour(STATE_STYLES[1]!.colour)]);
  });

  it('redraws only the rows whose blocks changed', () => {
    const layout = stateLayout(64, 80, 1, 8);
    const stamps = STATE_STYLES.map((_, code) => stateStamp(code, layout.cellWidth, layout.gap, layout.glyphs));
    const pixels = new Uint32Array(layout.width * layout.height);
    const before = new Uint8Array(64);
    expect(drawStates(pixels, layout, before, stamps)).toEqual([0, 8]);
    const after = before.slice();
    after[20] = STATE_CODE.written;
    after[29] = STATE_CODE.preserved;
    expect(drawStates(pixels, layout, after, stamps, before)).toEqual([2, 4]);
    expect(drawStates(pixels, layout, after, stamps, after.slice())).toBeNull();
  });

  it('draws a large map as one pixel per cell, scaled up, without glyphs', () => {
    const layout = stateLayout(65_536, 1400, 1);
    expect(layout.glyphs).toBe(false);
    expect(layout.gap).toBeLessThanOrEqual(1);
  });

  it('draws 262,144 blocks in a few milliseconds, and a frame with a few changes in less', () => {
    const states = new Uint8Array(262_144).map((_, i) => i % 6);
    const layout = stateLayout(states.length, 1024, 2);
    const unit = { ...layout, cellWidth: 1, cellHeight: 1, gap: 0, width: layout.columns, height: layout.rows };
    const stamps = STATE_STYLES.map((_, code) => stateStamp(code, 1, 0, false));
    const pixels = new Uint32Array(unit.width * unit.height);
    const time = (draw: () => void): number => {
      draw();
      const started = performance.now();
      for (let i = 0; i < 5; i++) draw();
      return (performance.now() - started) / 5;
    };
    expect(time(() => drawStates(pixels, unit, states, stamps))).toBeLessThan(8);
    const next = states.slice();
    next[1000] = 0;
    expect(time(() => drawStates(pixels, unit, next, stamps, states))).toBeLessThan(4);
  });
});
