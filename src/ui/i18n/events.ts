/** The event log's words in the current language (tables in events-en.ts and events-de.ts). */
import { EVENTS_DE } from './events-de.ts';
import { EVENTS_EN } from './events-en.ts';
import { localized } from './messages.ts';

/** The event table of the current language: one sentence function per event type, `reason` and `unknown`. */
export const eventWords = localized(EVENTS_EN, EVENTS_DE);
