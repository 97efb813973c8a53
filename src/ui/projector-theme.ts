/**
 * The projector theme: large type and high-contrast colours for a classroom projector. The page's
 * components read `--lab-*` custom properties, which inherit into their shadow roots, so one
 * document-level sheet on `html.projector` restyles them all; the block maps get a palette whose
 * glyphs stand out from their fills.
 */
import { css } from 'lit';
import type { StatePalette } from './block-states.ts';

/** The class on <html> while projector mode is on. */
export const PROJECTOR_CLASS = 'projector';

/**
 * Colours of the projector theme: every text colour has a contrast of at least 7:1 (WCAG AAA) on
 * its background, borders are black, so that a washed-out projector image keeps them apart.
 */
export const PROJECTOR_CSS = `
html.${PROJECTOR_CLASS} {
  font-size: 150%;
  --lab-fg: #000000;
  --lab-heading: #000000;
  --lab-muted: #1a1a1a;
  --lab-accent: #002b5c;
  --lab-accent-fg: #ffffff;
  --lab-on-accent: #ffffff;
  --lab-surface: #ffffff;
  --lab-field-bg: #ffffff;
  --lab-kbd-bg: #ffffff;
  --lab-gauge-bg: #ffffff;
  --lab-disabled-bg: #d9d9d9;
  --lab-border: #000000;
  --lab-border-strong: #000000;
  --lab-border-soft: #4d4d4d;
  --lab-focus: #0040c0;
  --lab-danger: #7a0000;
  --lab-danger-bg: #fff0f0;
  --lab-warning: #4d3200;
  --lab-ok: #0a4a1a;
  --lab-ok-bg: #effaf1;
  --lab-preserved: #002f80;
  --lab-plain: #002f80;
  --lab-copied: #0a4a1a;
  --lab-copied-write: #7a2400;
  --lab-backdrop: rgba(0, 0, 0, 0.7);
}
html.${PROJECTOR_CLASS}, html.${PROJECTOR_CLASS} body { background: #ffffff; color: #000000; }
`;

/**
 * The block states on a projector, indexed like STATE_STYLES: the Okabe–Ito hues kept (they stay
 * apart for colour-blind viewers), each glyph in black or white, whichever contrasts more with its
 * fill, and a black outline on the not-yet-copied cells so they stand out from the white page.
 */
export const PROJECTOR_PALETTE: StatePalette = [
  { colour: '#ffffff', ink: '#000000' },
  { colour: '#0072b2', ink: '#ffffff' },
  { colour: '#e69f00', ink: '#000000' },
  { colour: '#d55e00', ink: '#000000' },
  { colour: '#cc79a7', ink: '#000000' },
  { colour: '#000000', ink: '#ffffff' },
  { colour: '#56b4e9', ink: '#000000' },
];

/**
 * The page shell in projector mode (its host carries the `projector` attribute): the whole width,
 * the introduction left out so that the maps start higher, and a wider right column, which then
 * holds the counters beside the maps.
 */
export const PROJECTOR_SHELL_STYLES = css`
  :host([projector]) { max-width: none; }
  :host([projector]) header { margin-bottom: 0.5rem; }
  :host([projector]) header p { display: none; }
  @media (min-width: 64rem) {
    :host([projector]) .layout { grid-template-columns: minmax(0, 1fr) minmax(22rem, 30rem); }
  }
`;
