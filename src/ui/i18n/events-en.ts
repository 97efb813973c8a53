/** The event log's sentences in English (the German table in events-de.ts mirrors it). */
import type { LabEvent } from '../../worker/api.ts';
import type { Priority } from '../../core/vocabulary.ts';

/** Why a write was refused or a copy failed, in a learner's words, by error code. */
const REASONS: Readonly<Record<string, string>> = {
  WRITE_PROTECTED: 'the disk is read-only (the source of an offline copy, or a completed read-only target)',
  TARGET_BUSY: 'the disk is the target of a copy that has not finished',
  REPOSITORY_FULL: 'the repository is full, and its policy refuses writes that would need a new preserved block',
  DISK_FAILED: 'the disk has failed',
  MEDIA_ERROR: 'a block could not be read, it is marked unreadable (repair it and write it again, or discard the disk)',
  STORAGE_ERROR: "the browser's storage refused the change",
  TARGET_DEGRADED: 'the target disk is degraded',
  NOT_ALLOWED: 'the copy is not in a state that allows it',
  NO_SUCH_DISK: 'there is no disk of that name',
  NO_SUCH_COPY: 'there is no such copy',
  BLOCK_OUT_OF_RANGE: 'the block is past the end of the disk',
  INVALID_ARGUMENT: 'a value is not valid',
  INVALID_DISK: 'a repository cannot be used that way',
  TARGET_TOO_SMALL: 'the target has fewer blocks than the source',
  SOURCE_EQUALS_TARGET: 'the source and the target are the same disk',
  TARGET_IN_USE: 'the target already belongs to another copy',
  SOURCE_IN_USE: 'the source is the target of a copy that has not completed',
};

/** Copier speed of each priority as a share of full speed (DOMAIN.md section 5). */
const PRIORITY_SHARE: Readonly<Record<Priority, string>> = {
  highest: 'full speed',
  high: '1/2 of full speed',
  medium: '1/3.5 of full speed',
  low: '1/6 of full speed',
  lowest: '1/8 of full speed',
};

function reason(code: string | undefined): string {
  if (!code) return 'no reason was given';
  return REASONS[code] ?? `code ${code}`;
}

const copyName = (e: LabEvent): string => (e.target ? `the copy to ${e.target}` : 'a copy');
const CopyName = (e: LabEvent): string => (e.target ? `Copy to ${e.target}` : 'A copy');
const diskName = (e: LabEvent): string => e.disk ?? e.source ?? 'the source';
const blockOf = (e: LabEvent): string => (e.block === undefined ? `A block of ${diskName(e)}` : `Block ${e.block} of ${diskName(e)}`);

function threshold(e: LabEvent): string {
  const what = `The repository of ${copyName(e)}`;
  if (e.used === undefined || !e.capacity) return `${what} reached its warning threshold — the only warning.`;
  const percent = Math.floor((e.used * 100) / e.capacity);
  return `${what} is ${percent}% full (${e.used} of ${e.capacity} blocks) — the only warning.`;
}

function full(e: LabEvent): string {
  const level = e.used !== undefined && e.capacity ? ` (${e.used} of ${e.capacity} blocks)` : '';
  return `The repository of ${copyName(e)} is full${level}: no more old blocks can be preserved.`;
}

function copyOnWrite(e: LabEvent): string {
  const where = e.slot === undefined ? 'the repository' : `repository slot ${e.slot}`;
  return `${blockOf(e)} written: its old contents were preserved in ${where} first.`;
}

function copyFailed(e: LabEvent): string {
  const at = e.block === undefined ? '' : ` at block ${e.block}`;
  // A copy fails on REPOSITORY_FULL only under failSnapshot: the write went through and the snapshot was lost.
  if (e.reason === 'REPOSITORY_FULL') return `${CopyName(e)} failed: its repository overflowed, so its snapshot and point in time are lost.`;
  return e.reason ? `${CopyName(e)} failed${at}: ${reason(e.reason)}.` : `${CopyName(e)} failed${at}.`;
}

function writeRejected(e: LabEvent): string {
  const what = e.block === undefined ? `A write to ${diskName(e)}` : `The write to block ${e.block} of ${diskName(e)}`;
  return `${what} was refused: ${reason(e.reason)}.`;
}

function priorityChanged(e: LabEvent): string {
  const share = PRIORITY_SHARE[e.priority as Priority];
  if (!e.priority) return `${CopyName(e)} has a new priority.`;
  return share ? `${CopyName(e)} now runs at priority ${e.priority} (${share}).` : `${CopyName(e)} now runs at priority ${e.priority}.`;
}

function snapshotFailed(e: LabEvent): string {
  const why = e.reason === 'REPOSITORY_FULL' ? 'the repository overflowed' : reason(e.reason);
  return `${CopyName(e)}: the snapshot failed because ${why}; its point in time is lost.`;
}

/** The English event table: one sentence per event type, the reasons, and the log's own words. */
export const EVENTS_EN = {
  COPY_STARTED: (e: LabEvent) => `${CopyName(e)} started: the copier copies its blocks in order from block 0.`,
  COPY_PENDING: (e: LabEvent) => `${CopyName(e)} is Pending: 8 copies are already running; it starts when one ends.`,
  SNAPSHOT_CREATED: (e: LabEvent) =>
    `Snapshot of ${e.source ?? 'the source'} taken for ${copyName(e)}: the target will hold the disk as it is now.`,
  COPY_ON_WRITE: copyOnWrite,
  COPY_BEFORE_WRITE: (e: LabEvent) =>
    `${blockOf(e)} written: its old contents went straight to ${e.target ? `target ${e.target}` : 'the target'} first.`,
  REPOSITORY_THRESHOLD: threshold,
  REPOSITORY_FULL: full,
  SNAPSHOT_FAILED: snapshotFailed,
  SNAPSHOT_DISABLED: (e: LabEvent) => `${CopyName(e)}: the snapshot is disabled; ${e.source ? `writes to ${e.source}` : 'writes to its source'} cost one I/O again.`,
  COPY_COMPLETED: (e: LabEvent) => `${CopyName(e)} completed: every block is on the target.`,
  COPY_FAILED: copyFailed,
  COPY_STOPPED: (e: LabEvent) => `${CopyName(e)} stopped: its target stays busy until a recopy completes or the pair is removed.`,
  COPY_REMOVED: (e: LabEvent) => `${CopyName(e)} removed: the target keeps its data and can be written again.`,
  WRITE_REJECTED: writeRejected,
  PRIORITY_CHANGED: priorityChanged,
  reason,
  unknown: (type: string, target: string | undefined) => (target ? `${type} (copy to ${target}).` : `${type}.`),
};
