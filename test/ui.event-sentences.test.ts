import { describe, expect, it } from 'vitest';
import { eventSentence, eventSeverity, formatSimTime, reasonText } from '../src/ui/event-sentences.ts';
import { ERROR_CODES, EVENT_TYPES, type EventType } from '../src/core/vocabulary.ts';
import type { LabEvent } from '../src/worker/api.ts';

const event = (type: EventType, fields: Partial<LabEvent> = {}): LabEvent => ({ seq: 0, timeMs: 0, type, ...fields });

/** Every field an event can carry, for the "all fields present" case. */
const FULL: Partial<LabEvent> = {
  target: 'TGT',
  source: 'SRC',
  disk: 'SRC',
  block: 7,
  slot: 3,
  reason: 'MEDIA_ERROR',
  priority: 'high',
  used: 6,
  capacity: 12,
  count: 2,
};

const looksLikeASentence = (text: string): void => {
  expect(text).toMatch(/^[A-Z]/);
  expect(text).toMatch(/[.!]$/);
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
  expect(text.length).toBeGreaterThan(10);
};

describe('eventSentence', () => {
  it.each(EVENT_TYPES)('says %s as a plain sentence, with all fields and with none', (type) => {
    looksLikeASentence(eventSentence(event(type, FULL)));
    looksLikeASentence(eventSentence(event(type)));
  });

  it('gives each event type its own sentence', () => {
    const sentences = new Set(EVENT_TYPES.map((type) => eventSentence(event(type, FULL))));
    expect(sentences.size).toBe(EVENT_TYPES.length);
  });

  it('tells a copy-on-write with its block, disk and repository slot', () => {
    expect(eventSentence(event('COPY_ON_WRITE', { target: 'TGT', disk: 'SRC', block: 20, slot: 3 }))).toBe(
      'Block 20 of SRC written: its old contents were preserved in repository slot 3 first.',
    );
    expect(eventSentence(event('COPY_ON_WRITE', { block: 0, slot: 0 }))).toBe(
      'Block 0 of the source written: its old contents were preserved in repository slot 0 first.',
    );
  });

  it('tells a copy-before-write, the threshold and the disabled snapshot as the seed does', () => {
    expect(eventSentence(event('COPY_BEFORE_WRITE', { target: 'TGT', disk: 'SRC', block: 7 }))).toBe(
      'Block 7 of SRC written: its old contents went straight to target TGT first.',
    );
    expect(eventSentence(event('REPOSITORY_THRESHOLD', { target: 'TGT', used: 6, capacity: 12 }))).toBe(
      'The repository of the copy to TGT is 50% full (6 of 12 blocks) — the only warning.',
    );
    expect(eventSentence(event('SNAPSHOT_DISABLED', { target: 'TGT', source: 'SRC' }))).toBe(
      'Copy to TGT: the snapshot is disabled; writes to SRC cost one I/O again.',
    );
    expect(eventSentence(event('SNAPSHOT_DISABLED', { target: 'TGT' }))).toBe(
      'Copy to TGT: the snapshot is disabled; writes to its source cost one I/O again.',
    );
  });

  it.each(['WRITE_PROTECTED', 'TARGET_BUSY', 'REPOSITORY_FULL', 'DISK_FAILED', 'MEDIA_ERROR', 'STORAGE_ERROR'])(
    'explains a write refused with %s in words, not only its code',
    (reason) => {
      const text = eventSentence(event('WRITE_REJECTED', { disk: 'SRC', block: 5, reason }));
      expect(text).toMatch(/^The write to block 5 of SRC was refused: /);
      expect(text).not.toContain(reason);
      looksLikeASentence(text);
    },
  );

  it('tells a failed copy with its reason and block', () => {
    expect(eventSentence(event('COPY_FAILED', { target: 'TGT', reason: 'MEDIA_ERROR', block: 12 }))).toBe(
      'Copy to TGT failed at block 12: a block could not be read, it is marked unreadable (repair it and write it again, or discard the disk).',
    );
    expect(eventSentence(event('COPY_FAILED', { target: 'TGT', reason: 'REPOSITORY_FULL' }))).toMatch(/^Copy to TGT failed: its repository overflowed, so its snapshot and point in time are lost/);
    expect(eventSentence(event('COPY_FAILED', { target: 'TGT' }))).toBe('Copy to TGT failed.');
  });

  it('names the priority and its share of full speed', () => {
    expect(eventSentence(event('PRIORITY_CHANGED', { target: 'TGT', priority: 'lowest' }))).toBe(
      'Copy to TGT now runs at priority lowest (1/8 of full speed).',
    );
  });

  it('quotes a code it does not know and still says something for an unknown event type', () => {
    expect(eventSentence(event('WRITE_REJECTED', { disk: 'D', reason: 'SOMETHING_NEW' }))).toBe(
      'A write to D was refused: code SOMETHING_NEW.',
    );
    const future = { seq: 1, timeMs: 0, type: 'DISK_RENAMED', target: 'TGT' } as unknown as LabEvent;
    expect(eventSentence(future)).toBe('DISK_RENAMED (copy to TGT).');
  });

  it('treats names as plain text (escaping is the renderer’s job, nothing is dropped)', () => {
    expect(eventSentence(event('COPY_STARTED', { target: '<b>x</b>' }))).toContain('<b>x</b>');
  });
});

describe('reasonText', () => {
  it.each(ERROR_CODES)('explains %s without repeating the code', (code) => {
    const text = reasonText(code);
    expect(text).not.toContain(code);
    expect(text.length).toBeGreaterThan(8);
  });

  it('says so when there is no reason', () => {
    expect(reasonText(undefined)).toBe('no reason was given');
  });
});

describe('eventSeverity', () => {
  it('marks refusals and failures as problems, the threshold as a warning, the rest as information', () => {
    expect(eventSeverity(event('WRITE_REJECTED'))).toBe('problem');
    expect(eventSeverity(event('COPY_FAILED'))).toBe('problem');
    expect(eventSeverity(event('REPOSITORY_THRESHOLD'))).toBe('warning');
    expect(eventSeverity(event('COPY_ON_WRITE'))).toBe('info');
  });
});

describe('formatSimTime', () => {
  it.each([
    [0, '0.0 s'],
    [12_345, '12.3 s'],
    [59_999, '59.9 s'],
    [60_000, '1:00.0'],
    [125_000, '2:05.0'],
    [3_725_000, '1:02:05'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatSimTime(ms)).toBe(text);
  });
});
