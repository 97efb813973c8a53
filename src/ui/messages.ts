/** The learner's words for the engine's refusals and for the outcome of an action; pure, no DOM. */
import type { CopyType, ErrorCode } from '../core/vocabulary.ts';

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

const SENTENCES: Readonly<Record<ErrorCode, string>> = {
  TARGET_TOO_SMALL: 'The target is smaller than the source: it needs at least as many blocks as the source (more is fine).',
  SOURCE_EQUALS_TARGET: 'A disk cannot be copied onto itself: choose a different disk as the target.',
  TARGET_IN_USE: 'That disk is already the target of a copy pair: remove that pair first, or choose another target.',
  SOURCE_IN_USE: 'That source is itself the target of a copy that has not completed: wait for it to complete, or remove that pair.',
  DISK_FAILED: 'The disk has failed: it takes part in no reads, writes or copies until it is back to optimal.',
  TARGET_DEGRADED: 'The target is degraded: the array will not copy onto a disk that has lost its redundancy.',
  INVALID_DISK: 'A snapshot repository belongs to its copy: it cannot be the source or the target of another copy.',
  NOT_ALLOWED: 'The copy is in a state that does not allow this action right now.',
  NO_SUCH_DISK: 'There is no disk with that name (it may just have been deleted).',
  NO_SUCH_COPY: 'There is no copy pair for that target (it may just have been removed).',
  BLOCK_OUT_OF_RANGE: "That block lies outside the disk: blocks are numbered from 0 to the disk's size minus one.",
  INVALID_ARGUMENT: 'One of the values is not accepted: check the fields and try again.',
  WRITE_PROTECTED: 'The disk is read-only to hosts right now: they can read it but not write it.',
  TARGET_BUSY:
    'The target is busy while its copy is pending or in progress (or stopped or failed before completion): hosts can neither read nor write it until the copy completes.',
  REPOSITORY_FULL:
    "The snapshot repository is full and its policy refuses source writes: this block's old contents could not be preserved, so the write was refused and the source keeps its old data.",
  MEDIA_ERROR: 'This block cannot be read: it is marked unreadable (a media error, or its stored checksum does not match). Repair the block and write it again, or discard the disk.',
  STORAGE_ERROR: "The browser's storage refused to save the change (it may be full, or private browsing may block it): nothing was changed.",
};

/** Sentences that fit a refusal better when more is known about it; undefined when none fits. */
function specialSentence(code: ErrorCode, context: RefusalContext): string | undefined {
  const { action, role, copyType } = context;
  if (code === 'WRITE_PROTECTED' && (copyType === 'offline' || role === 'source')) {
    return 'The source is read-only while an offline copy runs: hosts can only read it until the copy completes or is stopped.';
  }
  if (code === 'WRITE_PROTECTED' && role === 'target') {
    return 'The target became read-only when its copy completed: hosts can read it, and can write it only after its read-only flag is switched off.';
  }
  if (code !== 'NOT_ALLOWED') return undefined;
  if (action === 'set-priority') return 'The priority can be changed only while the copy is Pending or In Progress.';
  if (action === 'set-target-read-only') return "The target's read-only flag can be changed only after the copy has completed.";
  if (action === 'delete-disk') return 'This disk takes part in a copy pair: remove the pair first, then delete the disk.';
  if (action === 'stop') return 'Only a copy that is Pending, In Progress or Failed can be stopped.';
  if (action === 'recopy') return 'Only a copy that is Stopped, Failed or Completed can be copied again.';
  return undefined;
}

/** True when `code` is one of the engine's refusal codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(SENTENCES, code);
}

/** The engine's message as a sentence: first letter up, a full stop at the end. */
function asSentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A clear sentence in the learner's words for a refusal, followed by the engine's message as the precise detail. */
export function refusalSentence(code: ErrorCode, context: RefusalContext = {}): string {
  const sentence = specialSentence(code, context) ?? SENTENCES[code];
  const detail = context.message?.trim();
  return detail ? `${sentence} In detail: ${asSentence(detail)}` : sentence;
}

const SUCCESS: Readonly<Record<string, string>> = {
  'create-disk': 'Disk created.',
  'delete-disk': 'Disk deleted.',
  'first-experiment': 'First experiment ready: the online copy is running. Write to the source and watch the repository.',
  'create-copy': 'Copy started.',
  'driver-change': 'Copier updated.',
  step: 'Copied one block.',
  'set-priority': 'Priority changed.',
  stop: 'Copy stopped.',
  recopy: 'Copy started again from block 0, with a new point in time.',
  'remove-copy': 'Pair removed: the target keeps its data.',
  'set-target-read-only': "Target's read-only flag changed.",
};

/** The sentence for any outcome: the refusal in the learner's words, or what the success did. */
export function outcomeSentence(outcome: ActionOutcome, context: RefusalContext = {}): string {
  if (outcome.ok) return outcome.message?.trim() || (SUCCESS[outcome.action] ?? 'Done.');
  const full = { action: outcome.action, ...context, ...(outcome.message ? { message: outcome.message } : {}) };
  if (outcome.code && isErrorCode(outcome.code)) return refusalSentence(outcome.code, full);
  return `That did not work. ${full.message ? asSentence(full.message) : 'No reason was given.'}`;
}

/** The note for a panel when the last outcome belongs to one of its `actions`, else null. */
export function noteFor(outcome: ActionOutcome | null, actions: readonly string[], context?: RefusalContext): OutcomeNote | null {
  if (!outcome || !actions.includes(outcome.action)) return null;
  return { kind: outcome.ok ? 'status' : 'alert', text: outcomeSentence(outcome, context) };
}

/** A size in bytes in words: "512 bytes", "4 KiB", "1.5 MiB". */
export function bytesText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) [value, unit] = [value / 1024, unit + 1];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
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
export function priorityLabel(priority: string, rate168: number): string {
  const share = Number((168 / rate168).toFixed(2));
  return share === 1 ? `${priority} (full speed)` : `${priority} (1/${share} of full speed)`;
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
