import { describe, expect, it } from 'vitest';
import type { Kernel } from '../src/core/ports.ts';
import { FirstFitAllocator } from '../src/wasm/first-fit-allocator.ts';
import { loadKernelFromFile } from '../src/wasm/load-node.ts';
import { ReferenceKernel } from '../src/wasm/reference-kernel.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const iota = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i);

// Each behaviour is pinned on both kernels: the reference must be right on its own, not merely
// agree with the wasm kernel.
const KERNELS: Array<[string, () => Promise<Kernel>]> = [
  ['wasm', () => loadKernelFromFile()],
  ['reference', () => Promise.resolve(new ReferenceKernel())],
];

describe.each(KERNELS)('%s kernel', (_name, make) => {
  async function withBuffer(bytes: Uint8Array): Promise<[Kernel, number]> {
    const k = await make();
    const id = k.createBuffer(bytes.length);
    k.writeBytes(id, 0, bytes);
    return [k, id];
  }

  it.each([
    ['the empty input', new Uint8Array(0), 0x02cc5d05],
    ['"a"', ascii('a'), 0x550d7456],
    ['"abc"', ascii('abc'), 0x32d153ff],
    ['4 bytes 0..3', iota(4), 0x80691e66],
    ['15 bytes 0..14 (below one stripe)', iota(15), 0x57c01ece],
    ['16 bytes 0..15 (exactly one stripe)', iota(16), 0xb72837f4],
    ['23 bytes 0..22 (stripe, word and byte tails)', iota(23), 0xc8461e09],
    ['"Nobody inspects the spammish repetition"', ascii('Nobody inspects the spammish repetition'), 0xe2293b2f],
  ])('xxh32 of %s is the published value', async (_label, bytes, expected) => {
    const [k, id] = await withBuffer(bytes);
    expect(k.checksum(id, 0, bytes.length)).toBe(expected);
  });

  it('xxh32 of the empty input is 0x02cc5d05 even at the end of a buffer', async () => {
    const [k, id] = await withBuffer(ascii('abc'));
    expect(k.checksum(id, 3, 0)).toBe(0x02cc5d05);
    expect(k.checksum(id, 0, 3)).toBe(0x32d153ff);
  });

  it('find next clear skips a full 64-bit word', async () => {
    const k = await make();
    const id = k.createBitmap(200);
    k.setRange(id, 0, 64);
    expect(k.findNextClear(id, 0)).toBe(64);
    k.setRange(id, 64, 192);
    expect(k.findNextClear(id, 5)).toBe(192);
  });

  it('find next clear reports none when every bit up to the size is set', async () => {
    const k = await make();
    const id = k.createBitmap(65);
    k.setRange(id, 0, 65);
    expect(k.findNextClear(id, 0)).toBe(-1);
    k.clearRange(id, 64, 65);
    expect(k.findNextClear(id, 0)).toBe(64);
  });

  it('find next set starts at `from` and reports none at or past the end', async () => {
    const k = await make();
    const id = k.createBitmap(1000);
    k.setRange(id, 700, 701);
    expect(k.findNextSet(id, 0)).toBe(700);
    expect(k.findNextSet(id, 700)).toBe(700);
    expect(k.findNextSet(id, 701)).toBe(-1);
    expect(k.findNextSet(id, 1000)).toBe(-1);
    expect(k.findNextSet(id, 5000)).toBe(-1);
  });

  it('find next set reaches a bit in the last, partial word', async () => {
    const k = await make();
    const id = k.createBitmap(1000);
    k.setRange(id, 999, 1000);
    expect(k.findNextSet(id, 0)).toBe(999);
    expect(k.findNextClear(id, 999)).toBe(-1);
  });

  it('set range across words touches exactly [from, to)', async () => {
    const k = await make();
    const id = k.createBitmap(300);
    k.setRange(id, 60, 200);
    expect(k.countSet(id)).toBe(140);
    expect([k.testBit(id, 59), k.testBit(id, 60), k.testBit(id, 199), k.testBit(id, 200)]).toEqual([false, true, true, false]);
    expect(k.countSetRange(id, 63, 129)).toBe(66);
  });

  it('clear range inside one word keeps its neighbours', async () => {
    const k = await make();
    const id = k.createBitmap(64);
    k.setRange(id, 0, 64);
    k.clearRange(id, 10, 12);
    expect(k.exportBitmap(id)).toEqual(Uint8Array.from([255, 0b11110011, 255, 255, 255, 255, 255, 255]));
  });

  it('import ignores bits past the size, so counts and export stay exact', async () => {
    const k = await make();
    const id = k.createBitmap(10);
    k.importBitmap(id, Uint8Array.from([0xff, 0xff]));
    expect(k.countSet(id)).toBe(10);
    expect(k.exportBitmap(id)).toEqual(Uint8Array.from([0xff, 0x03]));
    expect(k.findNextClear(id, 0)).toBe(-1);
  });

  it('a zero-bit bitmap exports nothing and finds nothing', async () => {
    const k = await make();
    const id = k.createBitmap(0);
    expect(k.exportBitmap(id).length).toBe(0);
    expect([k.countSet(id), k.findNextSet(id, 0), k.findNextClear(id, 0)]).toEqual([0, -1, -1]);
  });

  it('readBytes returns an exact-size copy with its own buffer', async () => {
    const [k, id] = await withBuffer(iota(100));
    const copy = k.readBytes(id, 10, 5);
    expect(copy).toEqual(Uint8Array.from([10, 11, 12, 13, 14]));
    expect([copy.byteOffset, copy.buffer.byteLength]).toEqual([0, 5]);
    copy[0] = 99;
    expect(k.readBytes(id, 10, 1)[0]).toBe(10);
  });

  it('moveBytes handles overlap within one buffer in both directions', async () => {
    const [k, id] = await withBuffer(iota(40));
    k.moveBytes(id, 4, id, 0, 32);
    expect(Array.from(k.readBytes(id, 0, 8))).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    k.moveBytes(id, 0, id, 4, 32);
    expect(Array.from(k.readBytes(id, 0, 40))).toEqual([...iota(32), 28, 29, 30, 31, 36, 37, 38, 39]);
  });

  it('fill and equal agree about a filled range', async () => {
    const k = await make();
    const a = k.createBuffer(100);
    const b = k.createBuffer(100);
    k.fillBytes(a, 3, 90, 7);
    k.fillBytes(b, 10, 90, 7);
    expect(k.equalBytes(a, 3, b, 10, 90)).toBe(true);
    expect(k.equalBytes(a, 3, b, 9, 91)).toBe(false);
  });

  it('rejects freed and wrong-kind handles with a RangeError', async () => {
    const k = await make();
    const bitmap = k.createBitmap(8);
    const buffer = k.createBuffer(8);
    k.freeBitmap(bitmap);
    expect(() => k.testBit(bitmap, 0)).toThrow(RangeError);
    expect(() => k.freeBitmap(bitmap)).toThrow(RangeError);
    expect(() => k.countSet(buffer)).toThrow(/not a live bitmap/);
  });

  it('rejects out-of-range arguments with a RangeError', async () => {
    const k = await make();
    const bitmap = k.createBitmap(64);
    const buffer = k.createBuffer(16);
    expect(() => k.createBitmap(-1)).toThrow(RangeError);
    expect(() => k.setRange(bitmap, 0, 65)).toThrow(RangeError);
    expect(() => k.clearRange(bitmap, 5, 4)).toThrow(RangeError);
    expect(() => k.testBit(bitmap, 64)).toThrow(RangeError);
    expect(() => k.findNextSet(bitmap, -1)).toThrow(RangeError);
    expect(() => k.readBytes(buffer, 10, 7)).toThrow(RangeError);
    expect(() => k.writeBytes(buffer, 15, new Uint8Array(2))).toThrow(RangeError);
    expect(() => k.fillBytes(buffer, 0, 1, 256)).toThrow(RangeError);
    expect(() => k.importBitmap(bitmap, new Uint8Array(9))).toThrow(RangeError);
  });
});

describe('wasm kernel memory', () => {
  it('zeroes reused memory for a new buffer', async () => {
    const k = await loadKernelFromFile();
    const first = k.createBuffer(4096);
    k.fillBytes(first, 0, 4096, 0xaa);
    k.freeBuffer(first);
    const second = k.createBuffer(4096);
    expect(k.bufferView(second).every((byte) => byte === 0)).toBe(true);
  });

  it('grows memory and keeps existing buffers and bitmaps intact', async () => {
    const k = await loadKernelFromFile();
    const small = k.createBuffer(16);
    k.writeBytes(small, 0, iota(16));
    const bitmap = k.createBitmap(1000);
    k.setRange(bitmap, 100, 900);
    const before = k.memoryBytes;
    const big = k.createBuffer(8 * 1024 * 1024);
    expect(k.memoryBytes).toBeGreaterThan(before);
    expect(k.bufferView(small)).toEqual(iota(16));
    expect(k.countSet(bitmap)).toBe(800);
    k.moveBytes(big, 8 * 1024 * 1024 - 16, small, 0, 16);
    expect(k.readBytes(big, 8 * 1024 * 1024 - 16, 16)).toEqual(iota(16));
  });
});

function take(allocator: FirstFitAllocator, size: number): number {
  const offset = allocator.allocate(size);
  if (offset === undefined) throw new Error(`no room for ${size} bytes`);
  return offset;
}

describe('first-fit allocator', () => {
  it('released neighbours coalesce into one free block', () => {
    const a = new FirstFitAllocator(8, 8 + 64);
    const [x, y, z] = [take(a, 16), take(a, 16), take(a, 16)];
    for (const block of [x, z, y]) a.release(block);
    expect(a.freeBlocks()).toEqual([{ offset: 8, size: 64 }]);
  });

  it('reuses the lowest hole that fits and rounds sizes to 8 bytes', () => {
    const a = new FirstFitAllocator(3, 1000);
    const [x, y, z] = [take(a, 10), take(a, 30), take(a, 5)];
    expect([x, y, z]).toEqual([8, 24, 56]);
    a.release(y);
    expect(a.allocate(20)).toBe(24);
    expect(a.allocate(0)).toBe(48);
  });

  it('asks for growth only beyond a free tail block', () => {
    const a = new FirstFitAllocator(0, 64);
    a.allocate(40);
    expect(a.allocate(100)).toBeUndefined();
    expect(a.requiredEnd(100)).toBe(40 + 104);
    a.extend(256);
    expect(a.allocate(100)).toBe(40);
  });
});
