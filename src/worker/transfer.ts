/**
 * Byte results leave the worker as transfers, not copies: the outcome's buffer, or a frame's
 * bitmaps. Each buffer is fresh per call (readBlocks and exportBitmap return new arrays), so
 * nothing is reused after it was transferred.
 */
import * as Comlink from 'comlink';
import type { Outcome } from '../core/outcome.ts';
import type { Frame, LabApi } from './api.ts';

function transferBytes<T extends Outcome<Uint8Array>>(outcome: T): T {
  return outcome.ok ? Comlink.transfer(outcome, [outcome.value.buffer as ArrayBuffer]) : outcome;
}

function transferFrame(frame: Frame | null): Frame | null {
  if (!frame) return frame;
  const buffers: ArrayBuffer[] = [];
  for (const pair of frame.pairs) {
    buffers.push(pair.copied.buffer as ArrayBuffer, pair.written.buffer as ArrayBuffer);
    if (pair.preserved) buffers.push(pair.preserved.buffer as ArrayBuffer);
  }
  return Comlink.transfer(frame, buffers);
}

/** The API with its byte-returning calls wrapped to transfer their buffers. */
export function transferringApi<T extends LabApi>(api: T): T {
  return new Proxy(api, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
      if (key === 'read' || key === 'readCopySource' || key === 'readCopySourceRange' || key === 'readRaw') {
        return async (...args: unknown[]) => transferBytes((await call(...args)) as Outcome<Uint8Array>);
      }
      if (key === 'frame') return async (...args: unknown[]) => transferFrame((await call(...args)) as Frame | null);
      return call;
    },
  });
}

/** An API whose calls named in `allowed` first wait for `ready` (the lab opening), then forward; nothing else is reachable. */
export function whenReady<T extends object = LabApi>(ready: Promise<T>, allowed: readonly string[]): T {
  ready.catch((error: unknown) => console.error('The lab could not start:', error));
  return new Proxy({} as T, {
    get(_target, key) {
      // Only the API's calls cross to the page; the service's other methods stay private.
      if (typeof key !== 'string' || !allowed.includes(key)) return undefined;
      return async (...args: unknown[]) => {
        const api = await ready;
        const method: unknown = Reflect.get(api, key);
        if (typeof method !== 'function') throw new Error(`the lab has no call named ${key}`);
        return (method as (...a: unknown[]) => unknown).apply(api, args);
      };
    },
  });
}
