/**
 * The projector theme's numbers, without a browser: every text colour it sets reaches 7:1 on white,
 * its map palette covers every state with glyphs that stand out from their fills, and the maps draw
 * in it once it is set (and in the standard colours again after).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_STATES, STATE_STYLES, packColour, setStatePalette, statePaletteKey, stateStamp } from '../src/ui/block-states.ts';
import { PROJECTOR_CSS, PROJECTOR_PALETTE } from '../src/ui/projector-theme.ts';
import { contrast, deltaE, parseColour } from './browser/support/contrast.ts';

/** The `--lab-*` colours the theme sets, by name. */
function themeColours(): Map<string, string> {
  return new Map(Array.from(PROJECTOR_CSS.matchAll(/(--lab-[a-z-]+):\s*(#[0-9a-f]{6})/gi), (m) => [m[1] ?? '', m[2] ?? '']));
}

const WHITE = [255, 255, 255] as const;

describe('the projector theme', () => {
  afterEach(() => setStatePalette('projector', null));

  it('sets every text colour at 7:1 or more against white, and white on the accent', () => {
    const colours = themeColours();
    for (const name of ['--lab-fg', '--lab-heading', '--lab-muted', '--lab-accent', '--lab-danger', '--lab-warning', '--lab-ok', '--lab-preserved', '--lab-copied-write']) {
      const colour = colours.get(name);
      expect(colour, name).toBeDefined();
      expect(contrast(parseColour(colour ?? ''), WHITE), name).toBeGreaterThanOrEqual(7);
    }
    expect(colours.get('--lab-surface')).toBe('#ffffff');
    expect(PROJECTOR_CSS).toMatch(/font-size:\s*1[5-9]\d%/);
  });

  it('has one fill and glyph per state, the glyph at 4.5:1 on its fill, fills plainly apart, every tile visible on white', () => {
    expect(PROJECTOR_PALETTE).toHaveLength(BLOCK_STATES.length);
    PROJECTOR_PALETTE.forEach(({ colour, ink }, code) => {
      const [fill, glyph] = [parseColour(colour), parseColour(ink)];
      expect(contrast(fill, glyph), `${BLOCK_STATES[code]} glyph`).toBeGreaterThanOrEqual(4.5);
      expect(Math.max(contrast(fill, WHITE), contrast(glyph, WHITE)), `${BLOCK_STATES[code]} on the page`).toBeGreaterThanOrEqual(3);
      for (const other of PROJECTOR_PALETTE.slice(code + 1)) expect(deltaE(fill, parseColour(other.colour))).toBeGreaterThanOrEqual(20);
    });
  });

  it('makes the maps draw in the projector palette while it is set, and in the standard one after', () => {
    const written = BLOCK_STATES.indexOf('written');
    const inks = (stamp: Uint32Array): Set<number> => new Set(stamp);
    expect(statePaletteKey()).toBe('standard');
    const standard = stateStamp(written, 24, 2, true);
    expect(inks(standard).has(packColour(STATE_STYLES[written]?.ink ?? ''))).toBe(true);

    setStatePalette('projector', PROJECTOR_PALETTE);
    expect(statePaletteKey()).toBe('projector');
    const projected = stateStamp(written, 24, 2, true);
    expect(inks(projected).has(packColour(PROJECTOR_PALETTE[written]?.ink ?? ''))).toBe(true);
    expect(inks(projected).has(packColour(STATE_STYLES[written]?.ink ?? ''))).toBe(false);

    setStatePalette('projector', null);
    expect(statePaletteKey()).toBe('standard');
    expect(stateStamp(written, 24, 2, true)).toEqual(standard);
  });
});
