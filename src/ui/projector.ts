/**
 * Projector mode: large type, high contrast and fewer controls, for showing the lab to a class.
 * Turned on by `?projector=1` (off by `?projector=0`) or by the toggle in the header, and kept in
 * localStorage for the next visit. Turning it on themes <html> (projector-theme.ts), switches the
 * block maps to the high-contrast palette and re-renders every element with a ProjectorController.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setStatePalette } from './block-states.ts';
import { PROJECTOR_CLASS, PROJECTOR_CSS, PROJECTOR_PALETTE } from './projector-theme.ts';

const STORAGE_KEY = 'storage-lab:projector';
const URL_PARAM = 'projector';
const listeners = new Set<(on: boolean) => void>();
let sheet: CSSStyleSheet | null = null;

/** `?projector=1` or `=0` if given, else the kept choice, else off. */
function initialMode(): boolean {
  const fromUrl = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get(URL_PARAM);
  if (fromUrl === '1' || fromUrl === '0') return fromUrl === '1';
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage blocked (private mode): start without the projector theme
  }
}

let on = initialMode();

/** Whether projector mode is on now. */
export function projectorOn(): boolean {
  return on;
}

/** Turns projector mode on or off, keeps the choice, and re-renders whatever depends on it. */
export function setProjector(next: boolean): void {
  if (next === on) return;
  on = next;
  keep(next);
  applyProjector();
  for (const listener of listeners) listener(next);
}

/** Calls `listener` after every switch; returns its removal. */
export function onProjectorChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders its host whenever projector mode is switched. */
export class ProjectorController implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onProjectorChange(() => this.host.requestUpdate());
    this.reflect();
  }

  hostUpdate(): void {
    this.reflect();
  }

  /** An element host carries the `projector` attribute while the mode is on, for its `:host([projector])` styles. */
  private reflect(): void {
    if (this.host instanceof Element) this.host.toggleAttribute('projector', on);
  }

  hostDisconnected(): void {
    this.off?.();
  }
}

/** Stores the choice, and rewrites a `?projector=` in the address so that a reload does not undo the switch. */
function keep(next: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
  } catch {
    // Storage may be blocked: the switch still holds for this visit.
  }
  const url = new URL(location.href);
  if (url.searchParams.has(URL_PARAM)) {
    url.searchParams.set(URL_PARAM, next ? '1' : '0');
    history.replaceState(history.state, '', url);
  }
}

/** Themes <html> and the block maps for the current mode, and redraws the maps (their frames may not change while paused). */
function applyProjector(): void {
  if (typeof document === 'undefined') return;
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(PROJECTOR_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  document.documentElement.classList.toggle(PROJECTOR_CLASS, on);
  setStatePalette('projector', on ? PROJECTOR_PALETTE : null);
  for (const element of deepQuery(document, 'block-map, block-legend')) (element as HTMLElement & { requestUpdate?: () => void }).requestUpdate?.();
}

/** Every element matching `selector`, inside open shadow roots too. */
function deepQuery(root: Document | ShadowRoot, selector: string): Element[] {
  const found = Array.from(root.querySelectorAll(selector));
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepQuery(element.shadowRoot, selector));
  return found;
}

applyProjector();
