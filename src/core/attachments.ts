/**
 * Values the composition keeps beside the array (point-in-time fingerprints, driver settings),
 * stored as records `attach/<key>\0` so that they travel in the same commit as an action.
 */
import type { StoreCommit } from './ports.ts';

/** Values to keep or drop beside the array in the same commit as an action (only if it succeeds). */
export interface AttachmentChange {
  set?: ReadonlyArray<[key: string, value: unknown]>;
  drop?: readonly string[];
}

const ATTACHMENT_PREFIX = 'attach/';
// Ends every attachment's record key, so that deleting "pit/TGT" by prefix never hits "pit/TGT2".
const ATTACHMENT_END = '\u0000';
/** The record key of attachment `key`. */
export const attachmentRecord = (key: string): string => `${ATTACHMENT_PREFIX}${key}${ATTACHMENT_END}`;

/** Adds attachment changes to a commit (deletes first, as the store applies them). */
export function withAttachments(commit: StoreCommit, keep: AttachmentChange): void {
  commit.deletePrefixes = [...(commit.deletePrefixes ?? []), ...(keep.drop ?? []).map(attachmentRecord)];
  commit.putRecords = [...(commit.putRecords ?? []), ...(keep.set ?? []).map(([key, value]): [string, unknown] => [attachmentRecord(key), value])];
}

/** The attachments among stored records, by key. */
export function attachmentsOf(records: ReadonlyArray<[string, unknown]>): Map<string, unknown> {
  return new Map(
    records
      .filter(([key]) => key.startsWith(ATTACHMENT_PREFIX) && key.endsWith(ATTACHMENT_END))
      .map(([key, value]) => [key.slice(ATTACHMENT_PREFIX.length, -ATTACHMENT_END.length), value]),
  );
}
