/** Values inside steps: disk fills and write data, and the bytes a write's data stands for. */
import { diskSizeProblem, nameProblem } from '../core/limits.ts';
import type { Fill } from '../core/vocabulary.ts';
import { integer, Invalid, object, onlyKnown, show, string } from './checks.ts';
import type { BlockData } from './types.ts';

/** `"zero"`, `"index"` or `{ "byte": n }`, or Invalid. */
export function checkFill(value: unknown, path: string): Fill {
  if (value === 'zero' || value === 'index') return { kind: value };
  if (typeof value === 'string') throw new Invalid(path, `expected "zero", "index" or { "byte": n }, got ${show(value)}`);
  const fields = object(value, path);
  onlyKnown(fields, ['byte'], path);
  return { kind: 'byte', value: integer(fields['byte'], `${path}.byte`, 0, 255) };
}

/** `{ byte }`, `{ text }` or `{ hex }` that fits in one block, or Invalid. */
export function checkData(value: unknown, path: string, blockSize: number): BlockData {
  const fields = object(value, path);
  onlyKnown(fields, ['byte', 'text', 'hex'], path);
  const keys = Object.keys(fields);
  if (keys.length !== 1) throw new Invalid(path, 'expected exactly one of "byte", "text" or "hex"');
  if ('byte' in fields) return { byte: integer(fields['byte'], `${path}.byte`, 0, 255) };
  if ('text' in fields) {
    const text = string(fields['text'], `${path}.text`);
    const length = new TextEncoder().encode(text).length;
    if (length > blockSize) throw new Invalid(`${path}.text`, `${length} bytes of UTF-8 do not fit in a block of ${blockSize} bytes`);
    return { text };
  }
  const hex = string(fields['hex'], `${path}.hex`);
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Invalid(`${path}.hex`, 'expected pairs of hexadecimal digits');
  if (hex.length / 2 > blockSize) throw new Invalid(`${path}.hex`, `${hex.length / 2} bytes do not fit in a block of ${blockSize} bytes`);
  return { hex };
}

/** The block of bytes a write's data stands for (text and hex zero-padded). */
export function dataBytes(data: BlockData, blockSize: number): Uint8Array {
  const bytes = new Uint8Array(blockSize);
  if ('byte' in data) bytes.fill(data.byte);
  else if ('text' in data) bytes.set(new TextEncoder().encode(data.text));
  else for (let i = 0; i < data.hex.length / 2; i++) bytes[i] = parseInt(data.hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A valid new disk name, or Invalid. */
export function checkNewName(value: unknown, path: string): string {
  const name = string(value, path);
  if (nameProblem(name)) throw new Invalid(path, `${show(name)} is not a disk name: use 1 to 30 letters, digits, - or _`);
  return name;
}

/** A valid number of blocks for a disk of this block size, or Invalid. */
export function checkDiskBlocks(value: unknown, path: string, blockSize: number): number {
  const blocks = integer(value, path, 1);
  const problem = diskSizeProblem(blocks, blockSize);
  if (problem) throw new Invalid(path, problem);
  return blocks;
}
