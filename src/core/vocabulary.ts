/** Vocabularies of the domain as const arrays, with their derived unions (DOMAIN.md). */

export const COPY_TYPES = ['offline', 'online', 'copyBeforeWrite', 'unprotected'] as const;
export type CopyType = (typeof COPY_TYPES)[number];

export const STATUSES = ['Pending', 'InProgress', 'Completed', 'Failed', 'Stopped'] as const;
export type CopyStatus = (typeof STATUSES)[number];

export const PRIORITIES = ['lowest', 'low', 'medium', 'high', 'highest'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Copier rate of each priority in 1/168 of full speed (168 = lcm of 1, 2, 3.5, 6, 8 denominators). */
export const PRIORITY_RATE_168: Readonly<Record<Priority, number>> = {
  highest: 168,
  high: 84,
  medium: 48,
  low: 28,
  lowest: 21,
};

export const DISK_STATES = ['optimal', 'degraded', 'failed'] as const;
export type DiskState = (typeof DISK_STATES)[number];

export const FULL_POLICIES = ['failSnapshot', 'failSourceWrites'] as const;
export type FullPolicy = (typeof FULL_POLICIES)[number];

export const REPOSITORY_PERCENTS = [20, 40, 60, 120] as const;
export type RepositoryPercent = (typeof REPOSITORY_PERCENTS)[number];

export const SNAPSHOT_STATES = ['active', 'disabled', 'failed'] as const;
export type SnapshotState = (typeof SNAPSHOT_STATES)[number];

/** Codes of expected refusals (DOMAIN.md section 6), plus STORAGE_ERROR when the block store refuses a commit. */
export const ERROR_CODES = [
  'TARGET_TOO_SMALL',
  'SOURCE_EQUALS_TARGET',
  'TARGET_IN_USE',
  'SOURCE_IN_USE',
  'DISK_FAILED',
  'TARGET_DEGRADED',
  'INVALID_DISK',
  'NOT_ALLOWED',
  'NO_SUCH_DISK',
  'NO_SUCH_COPY',
  'BLOCK_OUT_OF_RANGE',
  'INVALID_ARGUMENT',
  'WRITE_PROTECTED',
  'TARGET_BUSY',
  'REPOSITORY_FULL',
  'MEDIA_ERROR',
  'STORAGE_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const EVENT_TYPES = [
  'COPY_STARTED',
  'COPY_PENDING',
  'SNAPSHOT_CREATED',
  'COPY_ON_WRITE',
  'COPY_BEFORE_WRITE',
  'REPOSITORY_THRESHOLD',
  'REPOSITORY_FULL',
  'SNAPSHOT_FAILED',
  'SNAPSHOT_DISABLED',
  'COPY_COMPLETED',
  'COPY_FAILED',
  'COPY_STOPPED',
  'COPY_REMOVED',
  'WRITE_REJECTED',
  'PRIORITY_CHANGED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** At most this many pairs are In Progress at once; the rest wait Pending. */
export const MAX_IN_PROGRESS = 8;

/** How a new disk's blocks read before anything is written to them. */
export type Fill = { kind: 'zero' } | { kind: 'index' } | { kind: 'byte'; value: number };

/** True when `value` is one of `list`; narrows the type. */
export function isOneOf<T extends string | number>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}
