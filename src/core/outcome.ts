/** Expected outcomes are values: a refusal carries a DOMAIN.md code and a sentence saying what and where. */
import type { ErrorCode } from './vocabulary.ts';

export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
}
export interface Success<T> {
  ok: true;
  value: T;
}
export type Outcome<T = undefined> = Success<T> | Refusal;

/** A successful outcome carrying `value`. */
export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

/** A successful outcome with nothing to carry. */
export const done: Success<undefined> = Object.freeze({ ok: true, value: undefined });

/** A refusal with its code and message. */
export function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}
