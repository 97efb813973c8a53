/** Saving files from the page (a blob through a temporary object URL) and dated file names. */

/** `storage-lab-<what>-2026-11-24-2315.<ext>` in local time, so saved files sort by when they were made. */
export function datedName(what: string, ext: string, when = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}-${two(when.getHours())}${two(when.getMinutes())}`;
  return `storage-lab-${what}-${date}.${ext}`;
}

/** Offers `blob` as a download named `name`. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has taken the blob by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Most bytes of a scenario file the page opens (the largest lab's contents fit easily). */
export const MAX_SCENARIO_FILE_BYTES = 64 * 2 ** 20;
