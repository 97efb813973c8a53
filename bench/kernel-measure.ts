/**
 * The kernel benchmarks, the same code in Node and in the bench worker:
 * - scans: over a 1,048,576-bit bitmap with 1,024 clear bits at scattered places, one scan walks
 *   every clear bit with findNextClear (1,025 calls covering all the bits) and counts the set bits
 *   with countSet; ReferenceKernel time / WasmKernel time.
 * - moves: 16 MiB between two kernel buffers in 4 KiB block moves: WasmKernel.moveBytes (wasm
 *   memory.copy) against Uint8Array.prototype.set on views of the same buffers; GiB/s ratio.
 * Each run times both sides interleaved call by call (timeInterleaved), after WARMUP_MS of warm-up.
 */
import type { Kernel } from '../src/core/ports.ts';
import { summarize, type PhaseResult } from './suite-types.ts';

const BITS = 1 << 20;
const CLEAR_BITS = 1024;
const MOVE_BYTES = 16 << 20;
const MOVE_BLOCK = 4096;
const MIN_SAMPLE_MS = 40;
const WARMUP_MS = 1500;

type Log = (text: string) => void;

/**
 * Times `a` and `b` interleaved: each step runs whichever has used less time so far, until both have
 * run for at least MIN_SAMPLE_MS; ms per call of each.
 */
function timeInterleaved(a: () => void, b: () => void): [number, number] {
  const time = [0, 0];
  const calls = [0, 0];
  const sides = [a, b];
  while (time[0]! < MIN_SAMPLE_MS || time[1]! < MIN_SAMPLE_MS) {
    const side = time[0]! <= time[1]! ? 0 : 1;
    const start = performance.now();
    sides[side]!();
    time[side]! += performance.now() - start;
    calls[side]!++;
  }
  return [time[0]! / calls[0]!, time[1]! / calls[1]!];
}

/** A bitmap of BITS bits, all set except CLEAR_BITS spread by a fixed LCG (the same on every kernel). */
function scanBitmap(kernel: Kernel): number {
  const id = kernel.createBitmap(BITS);
  kernel.setRange(id, 0, BITS);
  let x = 12345;
  for (let i = 0; i < CLEAR_BITS; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const bit = x % BITS;
    kernel.clearRange(id, bit, bit + 1);
  }
  return id;
}

/** One scan: every clear bit by findNextClear, then the count; returns a checksum of the results. */
function scan(kernel: Kernel, id: number): number {
  let sum = 0;
  for (let bit = kernel.findNextClear(id, 0); bit >= 0; bit = kernel.findNextClear(id, bit + 1)) sum += bit;
  return sum + kernel.countSet(id);
}

/** Measures the scans and the moves; metric names get `suffix` (e.g. ".node"). */
export function measureKernels(wasm: Kernel, reference: Kernel, runs: number, suffix: string, log: Log): PhaseResult {
  const wasmBitmap = scanBitmap(wasm);
  const refBitmap = scanBitmap(reference);
  const expected = scan(reference, refBitmap);
  if (scan(wasm, wasmBitmap) !== expected) throw new Error('the wasm and reference scans disagree');

  const src = wasm.createBuffer(MOVE_BYTES);
  const dst = wasm.createBuffer(MOVE_BYTES);
  const random = new Uint8Array(65536);
  for (let at = 0; at < MOVE_BYTES; at += random.length) wasm.writeBytes(src, at, crypto.getRandomValues(random));
  // Views taken after every allocation (a grow would detach them); nothing allocates below.
  const srcView = wasm.bufferView(src);
  const dstView = wasm.bufferView(dst);
  const moveWasm = (): void => {
    for (let at = 0; at < MOVE_BYTES; at += MOVE_BLOCK) wasm.moveBytes(dst, at, src, at, MOVE_BLOCK);
  };
  const moveSet = (): void => {
    for (let at = 0; at < MOVE_BYTES; at += MOVE_BLOCK) dstView.set(srcView.subarray(at, at + MOVE_BLOCK), at);
  };

  const speedups: number[] = [];
  const wasmScanUs: number[] = [];
  const ratios: number[] = [];
  const wasmGiBps: number[] = [];
  const setGiBps: number[] = [];
  const gibps = (ms: number): number => MOVE_BYTES / 2 ** 30 / (ms / 1000);
  // Warm-up: long enough for the engine to tier the wasm and the JS up (in Chromium, wasm starts
  // in the baseline compiler and scans 10 to 20 times slower for the first few hundred ms).
  const warmUntil = performance.now() + WARMUP_MS;
  while (performance.now() < warmUntil) {
    timeInterleaved(() => void scan(reference, refBitmap), () => void scan(wasm, wasmBitmap));
    timeInterleaved(moveWasm, moveSet);
  }
  for (let run = 1; run <= runs; run++) {
    const [refMs, wasmMs] = timeInterleaved(() => void scan(reference, refBitmap), () => void scan(wasm, wasmBitmap));
    const [wasmMoveMs, setMs] = timeInterleaved(moveWasm, moveSet);
    speedups.push(refMs / wasmMs);
    wasmScanUs.push(wasmMs * 1000);
    ratios.push(gibps(wasmMoveMs) / gibps(setMs));
    wasmGiBps.push(gibps(wasmMoveMs));
    setGiBps.push(gibps(setMs));
    log(`kernel${suffix} run ${run}/${runs}: scan ${(refMs / wasmMs).toFixed(1)}x (wasm ${(wasmMs * 1000).toFixed(0)} us), move ${gibps(wasmMoveMs).toFixed(2)} vs set ${gibps(setMs).toFixed(2)} GiB/s`);
  }
  if (!wasm.equalBytes(src, 0, dst, 0, MOVE_BYTES)) throw new Error('the moved bytes differ from the source');
  wasm.freeBuffer(src);
  wasm.freeBuffer(dst);
  wasm.freeBitmap(wasmBitmap);
  reference.freeBitmap(refBitmap);
  return {
    metrics: [
      summarize(`kernel.scanSpeedup${suffix}`, 'x', speedups, 'findNextClear over every clear bit + countSet, 1,048,576 bits; reference / wasm'),
      summarize(`kernel.wasmScanUs${suffix}`, 'us', wasmScanUs, 'one such scan on the wasm kernel'),
      summarize(`kernel.moveVsTypedArraySet${suffix}`, 'x', ratios, '16 MiB in 4 KiB moves: wasm moveBytes GiB/s / Uint8Array.set GiB/s'),
      summarize(`kernel.moveGiBps${suffix}`, 'GiB/s', wasmGiBps, 'wasm moveBytes, 4 KiB moves'),
      summarize(`kernel.typedArraySetGiBps${suffix}`, 'GiB/s', setGiBps, 'Uint8Array.set, 4 KiB moves'),
    ],
    details: {},
  };
}
