/** The learner's words for the engine's refusals and for the outcome of an action; pure, no DOM. */
import type { CopyType, ErrorCode, Priority } from '../core/vocabulary.ts';
import { isErrorCode, refusalWords } from './i18n/refusals.ts';
import { priorityWord, shareText } from './i18n/terms.ts';

export { isErrorCode } from './i18n/refusals.ts';
export { bytesText } from './i18n/terms.ts';

/** What the UI knows about a refused action, so that the sentence can fit it. */
export interface RefusalContext {
  /** The engine's own message: the precise detail, shown after the sentence. */
  message?: string;
  /** The action that was refused (an event name such as `set-priority` or `write`). */
  action?: string;
  /** Which side of a copy the refused I/O or action was aimed at. */
  role?: 'source' | 'target';
  /** The copy type of the pair involved, when known. */
  copyType?: CopyType;
}

/** The outcome of the last action as the shell hands it to the panels. */
export interface ActionOutcome {
  action: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** A note to show next to a control: an alert for a refusal, a polite status for a success. */
export interface OutcomeNote {
  kind: 'alert' | 'status';
  text: string;
}

/** Sentences that fit a refusal better when more is known about it; undefined when none fits. */
function specialSentence(code: ErrorCode, context: RefusalContext): string | undefined {
  const { action, role, copyType } = context;
  const words = refusalWords();
  if (code === 'WRITE_PROTECTED' && (copyType === 'offline' || role === 'source')) return words.special('offlineSource');
  if (code === 'WRITE_PROTECTED' && role === 'target') return words.special('completedTarget');
  if (code !== 'NOT_ALLOWED') return undefined;
  const fitting = ['set-priority', 'set-target-read-only', 'delete-disk', 'stop', 'recopy'] as const;
  const key = fitting.find((name) => name === action);
  return key ? words.special(key) : undefined;
}

/** The engine's message as a sentence: first letter up, a full stop at the end. */
function asSentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A clear sentence in the learner's words (current language) for a refusal, followed by the engine's message as the precise detail. */
export function refusalSentence(code: ErrorCode, context: RefusalContext = {}): string {
  const sentence = specialSentence(code, context) ?? refusalWords().refusal(code);
  const detail = context.message?.trim();
  return detail ? refusalWords().inDetail(sentence, asSentence(detail)) : sentence;
}

/** The sentence for any outcome: the refusal in the learner's words, or what the success did. */
export function outcomeSentence(outcome: ActionOutcome, context: RefusalContext = {}): string {
  if (outcome.ok) return outcome.message?.trim() || refusalWords().success(outcome.action);
  const full = { action: outcome.action, ...context, ...(outcome.message ? { message: outcome.message } : {}) };
  if (outcome.code && isErrorCode(outcome.code)) return refusalSentence(outcome.code, full);
  return refusalWords().failed(full.message ? asSentence(full.message) : undefined);
}

/** The note for a panel when the last outcome belongs to one of its `actions`, else null. */
export function noteFor(outcome: ActionOutcome | null, actions: readonly string[], context?: RefusalContext): OutcomeNote | null {
  if (!outcome || !actions.includes(outcome.action)) return null;
  return { kind: outcome.ok ? 'status' : 'alert', text: outcomeSentence(outcome, context) };
}

/** `base` if no disk has that name, else base2, base3, … */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  let n = 2;
  if (!taken.has(base)) return base;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}

/** The name a new disk is offered: SRC, then TGT, then DISK3, DISK4, … */
export function suggestName(disks: readonly { name: string; role: string }[]): string {
  const taken = new Set(disks.map((d) => d.name));
  const free = ['SRC', 'TGT'].find((name) => !taken.has(name));
  if (free) return free;
  let n = disks.filter((d) => d.role === 'standard').length + 1;
  while (taken.has(`DISK${n}`)) n++;
  return `DISK${n}`;
}

/** A priority with its share of full speed (`rate168` in 1/168 of it), as in "medium (1/3.5 of full speed)". */
export function priorityLabel(priority: Priority, rate168: number): string {
  return `${priorityWord(priority)} (${shareText(rate168)})`;
}

/** The panels' shared look as plain CSS (use with lit's unsafeCSS); colours come from --lab-* custom properties. */
export const PANEL_CSS = `
  :host { display: block; color: var(--lab-fg, #1f2933); font-size: clamp(1rem, 0.9rem + 0.4vw, 1.4rem); line-height: 1.4; }
  *, *::before, *::after { box-sizing: border-box; }
  h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
  form, .stack { margin: 0; display: grid; gap: 0.75rem; }
  .stack > p { margin: 0; }
  fieldset { margin: 0; min-width: 0; padding: 0.5rem 0.75rem 0.75rem; border: 1px solid var(--lab-border, #cbd2d9); border-radius: 0.5rem; }
  legend { padding: 0 0.25rem; font-weight: 600; }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: flex-end; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; flex: 1 1 10rem; min-width: 0; }
  .field > label { font-weight: 600; }
  input, select, textarea, button { font: inherit; max-width: 100%; }
  input:not([type='checkbox'], [type='radio'], [type='range']), select, textarea {
    width: 100%; min-height: 2.75rem; padding: 0.35rem 0.5rem; color: inherit;
    border: 1px solid var(--lab-border-strong, #7b8794); border-radius: 0.375rem; background: var(--lab-field-bg, #fff);
  }
  input[type='checkbox'], input[type='radio'] { flex: none; width: 1.35em; height: 1.35em; margin: 0.1em 0 0; accent-color: var(--lab-accent, #1f3a5f); }
  input[type='range'] { width: 100%; min-height: 2.75rem; accent-color: var(--lab-accent, #1f3a5f); }
  .check { display: flex; gap: 0.6rem; align-items: flex-start; min-height: 2.75rem; padding: 0.4rem 0; cursor: pointer; }
  .check small { display: block; color: var(--lab-muted, #52606d); }
  button {
    min-height: 2.75rem; min-width: 2.75rem; padding: 0.35rem 1rem; border-radius: 0.375rem; cursor: pointer; font-weight: 600;
    border: 2px solid var(--lab-accent, #1f3a5f); background: var(--lab-surface, #fff); color: var(--lab-accent, #1f3a5f);
  }
  button.primary { background: var(--lab-accent, #1f3a5f); color: var(--lab-accent-fg, #fff); }
  button.danger { border-color: var(--lab-danger, #b42318); color: var(--lab-danger, #b42318); }
  button:disabled { cursor: not-allowed; border-color: var(--lab-border, #cbd2d9); background: var(--lab-disabled-bg, #f0f2f4); color: var(--lab-muted, #52606d); }
  fieldset:disabled { color: var(--lab-muted, #52606d); }
  :focus-visible { outline: 3px solid var(--lab-focus, #1a73e8); outline-offset: 2px; }
  .hint { margin: 0.25rem 0 0; font-size: 0.85em; color: var(--lab-muted, #52606d); }
  .note { margin: 0.5rem 0 0; padding: 0.4rem 0.6rem; border-left: 0.3rem solid; border-radius: 0.375rem; overflow-wrap: anywhere; }
  .note:empty { display: none; }
  .note.alert { background: var(--lab-danger-bg, #fdf2f1); border-color: var(--lab-danger, #b42318); }
  .note.status { background: var(--lab-ok-bg, #edf7f1); border-color: var(--lab-ok, #1f7a4d); }
`;
