/**
 * Colour arithmetic for the projector tests: WCAG relative luminance and contrast ratio, CIE76
 * colour difference, and the visible text of a page with its colour and the background behind it.
 */
import type { Page } from 'playwright-core';

/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** Parses `rgb(r, g, b)`, `rgba(r, g, b, a)` or `#rrggbb`; alpha is dropped. */
export function parseColour(text: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(text.trim());
  if (hex?.[1]) {
    const v = Number.parseInt(hex[1], 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  const parts = /rgba?\(([^)]+)\)/.exec(text)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number);
  if (!parts || parts.length < 3) throw new Error(`not a colour: ${text}`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CIE76 ΔE between two sRGB colours (D65): about 2.3 is just noticeable, 20 and more is plainly different. */
export function deltaE(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

function lab([r, g, b]: Rgb): [number, number, number] {
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const xyz = [(0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047, 0.2126 * lr + 0.7152 * lg + 0.0722 * lb, (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883];
  const [fx, fy, fz] = xyz.map((t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116)) as [number, number, number];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** One piece of visible text: where it is, its colour and the first opaque background behind it. */
export interface ShownText {
  readonly where: string;
  readonly text: string;
  readonly colour: string;
  readonly background: string;
  readonly fontPx: number;
}

/** Every visible, enabled element with its own text, in the document and open shadow roots (controls' own text included). */
export async function shownTexts(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const found: ShownText[] = [];
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        const own = Array.from(element.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
        if (!own || !element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        if (element.closest('[disabled], [aria-disabled="true"], [aria-hidden="true"]')) continue; // WCAG exempts inactive parts
        let background = 'rgb(255, 255, 255)';
        for (let at: Element | null = element; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
          const colour = getComputedStyle(at).backgroundColor;
          const alpha = /rgba\([^)]*,\s*([\d.]+)\)/.exec(colour)?.[1];
          if (colour !== 'transparent' && (alpha === undefined || Number(alpha) >= 0.5)) {
            background = colour;
            break;
          }
        }
        const style = getComputedStyle(element);
        const host = (element.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
        found.push({ where: `${host} ${element.tagName.toLowerCase()}`, text: own.slice(0, 40), colour: style.color, background, fontPx: Number.parseFloat(style.fontSize) });
      }
    }
    return found;
  });
}
