/**
 * The interface language: English or German, chosen by the learner, kept in localStorage and
 * announced to every element that shows text (LanguageController re-renders them).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Languages of the interface; the array manuals exist in both. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'storage-lab:language';
const listeners = new Set<(language: Language) => void>();

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language asked for by `?lang=`, else the kept choice, else the browser's first preference. */
function initialLanguage(): Language {
  const fromUrl = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  const kept = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (isLanguage(kept)) return kept;
  const preferred = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return isLanguage(preferred) ? preferred : 'en';
}

let current: Language = initialLanguage();

/** The language the interface shows now. */
export function language(): Language {
  return current;
}

/** Switches the whole interface (and `<html lang>`), keeps the choice for the next visit. */
export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage may be blocked (private mode): the switch still holds for this visit.
  }
  for (const listener of listeners) listener(next);
}

/** Calls `listener` after every switch; returns its removal. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders its host whenever the language switches. */
export class LanguageController implements ReactiveController {
  private off: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.off = onLanguageChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.off?.();
  }
}

if (typeof document !== 'undefined') document.documentElement.lang = current;
