/** Plain-language sentences for the lab's events and refusals in the current language (pure functions, no DOM). */
import type { LabEvent } from '../worker/api.ts';
import { EVENT_TYPES } from '../core/vocabulary.ts';
import { eventWords } from './i18n/events.ts';
import { fixed } from './i18n/terms.ts';

type Sentence = (event: LabEvent) => string;

/** A refusal or failure code as a short clause ("the disk has failed"), in the current language; unknown codes are quoted. */
export function reasonText(code: string | undefined): string {
  return eventWords().reason(code);
}

/** One plain sentence in the current language telling what the event means; any missing field still gives a sensible sentence. */
export function eventSentence(event: LabEvent): string {
  const words = eventWords();
  const sentence = (EVENT_TYPES as readonly string[]).includes(event.type) ? (words[event.type] as Sentence) : undefined;
  if (sentence) return sentence(event);
  return words.unknown(String(event.type), event.target);
}

/** Events that warn or tell of a refusal or failure, for marking them in the log. */
export function eventSeverity(event: LabEvent): 'info' | 'warning' | 'problem' {
  switch (event.type) {
    case 'REPOSITORY_THRESHOLD':
    case 'COPY_PENDING':
    case 'COPY_STOPPED':
      return 'warning';
    case 'REPOSITORY_FULL':
    case 'SNAPSHOT_FAILED':
    case 'COPY_FAILED':
    case 'WRITE_REJECTED':
      return 'problem';
    default:
      return 'info';
  }
}

/** Simulated time as "12.3 s", "2:05.0" or "1:02:05" for the log. */
export function formatSimTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const tenths = Math.floor(ms / 100);
  if (tenths < 600) return `${fixed(tenths / 10, 1)} s`;
  const seconds = Math.floor(tenths / 10);
  const minutes = Math.floor(seconds / 60);
  const secs = String(seconds % 60).padStart(2, '0');
  if (minutes < 60) return `${minutes}:${secs}.${tenths % 10}`;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${secs}`;
}
