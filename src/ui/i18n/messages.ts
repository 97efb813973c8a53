/**
 * Message tables: each feature declares its English table and a German one of the same shape
 * (the compiler refuses a missing or extra key, or a parameter list that differs), and reads the
 * table of the current language through the function `localized` returns.
 */
import { language, type Language } from './language.ts';

/** A message: a fixed text, or a function of its parameters. */
export type Message = string | ((...args: never[]) => string);

/** A table of messages by key. */
export type MessageTable = Readonly<Record<string, Message>>;

/** German (and any later language) must mirror the English table's keys and signatures. */
export type Translation<T extends MessageTable> = { readonly [K in keyof T]: T[K] };

/**
 * Returns a function giving the table of the current language; call it at render time so that a
 * language switch shows at the next render.
 */
export function localized<T extends MessageTable>(en: T, de: Translation<T>): () => T {
  const tables: Readonly<Record<Language, T>> = { en, de: de as T };
  return () => tables[language()];
}
