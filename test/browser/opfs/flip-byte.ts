/** Damage on purpose: one byte of a store's file changed behind the store's back. */
import type { FileDirectory } from '../../../src/storage/opfs-files.ts';

/** XORs one byte of `file` in `dir` (the store must be closed: it holds its files' locks). */
export async function flipByte(dir: FileDirectory, file: string, at: number): Promise<void> {
  const handle = await dir.open(file);
  try {
    const byte = new Uint8Array(1);
    if (handle.read(byte, { at }) !== 1) throw new Error(`${file} has no byte ${at}`);
    byte[0] ^= 0x20;
    handle.write(byte, { at });
    handle.flush();
  } finally {
    handle.close();
  }
}
