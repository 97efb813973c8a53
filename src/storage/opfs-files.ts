/**
 * The few file operations the OPFS store needs, as a port: a directory of files opened with
 * synchronous access handles. Those exist only in dedicated workers, and one handle holds a
 * file's lock (TOOLCHAIN.md), so a second tab or worker on the same store is refused at open.
 */

/** Synchronous random access to one file (the shape of FileSystemSyncAccessHandle). */
export interface SyncFile {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/** A directory of files owned by one store. */
export interface FileDirectory {
  /** Opens a file, creating it when missing, for exclusive synchronous access. */
  open(name: string): Promise<SyncFile>;
  /** Deletes a file (closed first by the caller); does nothing when it does not exist. */
  remove(name: string): Promise<void>;
}

/** Tries to open a locked file this many times, this far apart, before giving up. */
const LOCK_ATTEMPTS = 10;
const LOCK_RETRY_MS = 100;

interface SyncHandleFactory {
  createSyncAccessHandle(): Promise<SyncFile>;
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

async function opfsRoot(): Promise<FileSystemDirectoryHandle> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') {
    throw new Error('this browser has no Origin Private File System');
  }
  return navigator.storage.getDirectory();
}

/** The OPFS directory `name` under the origin's root (created if missing) as a FileDirectory. */
export async function opfsDirectory(name: string): Promise<FileDirectory> {
  const dir = await (await opfsRoot()).getDirectoryHandle(name, { create: true });
  return {
    open: async (file) => {
      const handle: FileSystemFileHandle & Partial<SyncHandleFactory> = await dir.getFileHandle(file, { create: true });
      if (typeof handle.createSyncAccessHandle !== 'function') {
        throw new Error('OPFS sync access handles exist only in a dedicated worker');
      }
      // A worker that was just ended may still hold the lock for a moment (a tab handing the lab over).
      for (let attempt = 1; ; attempt++) {
        try {
          return await handle.createSyncAccessHandle();
        } catch (error) {
          if (errorName(error) !== 'NoModificationAllowedError') throw error;
          if (attempt >= LOCK_ATTEMPTS) {
            throw new Error(`the OPFS store "${name}" is in use by another tab or worker (${file} is locked)`, { cause: error });
          }
          await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
        }
      }
    },
    remove: async (file) => {
      try {
        await dir.removeEntry(file);
      } catch (error) {
        if (errorName(error) !== 'NotFoundError') throw error;
      }
    },
  };
}

/** Deletes the OPFS directory of store `name` and everything in it (its files must be closed). */
export async function removeOpfsStore(name: string): Promise<void> {
  try {
    await (await opfsRoot()).removeEntry(name, { recursive: true });
  } catch (error) {
    if (errorName(error) !== 'NotFoundError') throw error;
  }
}

/** Reads exactly `bytes.length` bytes at `at`; throws when the file ends first. */
export function readExactly(file: SyncFile, bytes: Uint8Array, at: number): void {
  for (let done = 0; done < bytes.length; ) {
    const n = file.read(bytes.subarray(done), { at: at + done });
    if (n <= 0) throw new Error(`file ends at ${at + done}, ${bytes.length - done} bytes short`);
    done += n;
  }
}

/** Writes all of `bytes` at `at`. */
export function writeAll(file: SyncFile, bytes: Uint8Array, at: number): void {
  for (let done = 0; done < bytes.length; ) {
    const n = file.write(bytes.subarray(done), { at: at + done });
    if (n <= 0) throw new Error(`write at ${at + done} stored nothing`);
    done += n;
  }
}

/** The error a failed write rejects with; a full quota gets a message a learner can act on. */
export function fileError(error: unknown): Error {
  if (errorName(error) === 'QuotaExceededError') {
    return new Error('the browser refused to store more data (storage quota exceeded): delete disks or free space', {
      cause: error,
    });
  }
  return error instanceof Error ? error : new Error(`storage failed: ${String(error)}`, { cause: error });
}
