import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, EVENT_TYPES, PRIORITY_RATE_168, type EventType } from '../src/core/vocabulary.ts';
import type { LabEvent } from '../src/worker/api.ts';
import { eventSentence, formatSimTime, reasonText } from '../src/ui/event-sentences.ts';
import { setLanguage } from '../src/ui/i18n/language.ts';
import { bytesText, noteFor, outcomeSentence, priorityLabel, refusalSentence } from '../src/ui/messages.ts';
import { describeBlock, summariseStates } from '../src/ui/block-states.ts';
import { num } from '../src/ui/i18n/terms.ts';

const event = (type: EventType, fields: Partial<LabEvent> = {}): LabEvent => ({ seq: 0, timeMs: 0, type, ...fields });

const FULL: Partial<LabEvent> = {
  target: 'TGT', source: 'SRC', disk: 'SRC', block: 7, slot: 3, reason: 'MEDIA_ERROR', priority: 'high', used: 6, capacity: 12, count: 2,
};

/** English words that a German sentence must not contain (lower case, whole words). */
const ENGLISH = /\b(the|of|and|is|was|to|from|its|copy|copied|source|target|disk|written|write|refused|full|failed|started|completed|stopped|removed|preserved|priority|speed|repository slot|in detail|done)\b/;

function looksGerman(text: string): void {
  expect(text).toMatch(/^[A-ZÄÖÜ✔✘]/);
  expect(text).toMatch(/[.!?]$/);
  expect(text).not.toMatch(/undefined|null|NaN|\[object/);
  expect(text).not.toMatch(ENGLISH);
}

beforeEach(() => setLanguage('de'));
afterEach(() => setLanguage('en'));

describe('German event sentences', () => {
  it.each(EVENT_TYPES)('says %s in German, with all fields and with none', (type) => {
    looksGerman(eventSentence(event(type, FULL)));
    looksGerman(eventSentence(event(type)));
  });

  it('gives each event type its own German sentence, different from the English one', () => {
    const german = EVENT_TYPES.map((type) => eventSentence(event(type, FULL)));
    expect(new Set(german).size).toBe(EVENT_TYPES.length);
    setLanguage('en');
    const english = EVENT_TYPES.map((type) => eventSentence(event(type, FULL)));
    german.forEach((sentence, i) => expect(sentence).not.toBe(english[i]));
  });

  it('tells a copy-on-write with block, disk and repository slot in the arrays’ terms', () => {
    expect(eventSentence(event('COPY_ON_WRITE', { target: 'TGT', disk: 'SRC', block: 20, slot: 3 }))).toBe(
      'Block 20 von SRC geschrieben: Sein alter Inhalt wurde zuerst im Repository-Slot 3 gesichert (Kopie bei Schreibvorgang).',
    );
    expect(eventSentence(event('COPY_BEFORE_WRITE', { target: 'TGT', disk: 'SRC', block: 4 }))).toBe(
      'Block 4 von SRC geschrieben: Sein alter Inhalt ging zuerst direkt auf das Ziellaufwerk TGT (Kopie vor Schreibvorgang).',
    );
  });

  it('names the priority and its share of full speed with a decimal comma', () => {
    expect(eventSentence(event('PRIORITY_CHANGED', { target: 'TGT', priority: 'medium' }))).toBe(
      'Die Kopie nach TGT läuft jetzt mit Kopierpriorität mittel (1/3,5 des vollen Tempos).',
    );
  });

  it('says why a write was refused and why a copy failed', () => {
    expect(eventSentence(event('WRITE_REJECTED', { disk: 'SRC', block: 5, reason: 'WRITE_PROTECTED' }))).toMatch(
      /^Der Schreibvorgang auf Block 5 von SRC wurde abgelehnt: das Laufwerk ist schreibgeschützt/,
    );
    expect(eventSentence(event('COPY_FAILED', { target: 'TGT', reason: 'REPOSITORY_FULL' }))).toBe(
      'Die Kopie nach TGT ist fehlgeschlagen: Ihr Repository ist übergelaufen, daher sind ihr Snapshot und ihr Zeitpunkt verloren.',
    );
    expect(reasonText(undefined)).toBe('es wurde kein Grund genannt');
    expect(reasonText('WHATEVER')).toBe('Code WHATEVER');
  });

  it('writes the log time with a decimal comma', () => {
    expect(formatSimTime(12_345)).toBe('12,3 s');
    setLanguage('en');
    expect(formatSimTime(12_345)).toBe('12.3 s');
  });
});

describe('German refusal sentences', () => {
  it.each(ERROR_CODES)('%s has its own German sentence', (code) => {
    const sentence = refusalSentence(code);
    looksGerman(sentence);
    for (const other of ERROR_CODES) expect(sentence).not.toContain(other);
  });

  it('gives every code its own sentence, different from the English one', () => {
    const german = ERROR_CODES.map((code) => refusalSentence(code));
    expect(new Set(german).size).toBe(ERROR_CODES.length);
    setLanguage('en');
    ERROR_CODES.forEach((code, i) => expect(refusalSentence(code)).not.toBe(german[i]));
  });

  it('fits the refusal to the action and the side of the copy', () => {
    expect(refusalSentence('NOT_ALLOWED', { action: 'set-priority' })).toBe(
      'Die Kopierpriorität lässt sich nur ändern, solange die Kopie Ausstehend oder In Bearbeitung ist.',
    );
    expect(refusalSentence('WRITE_PROTECTED', { copyType: 'offline' })).toMatch(/^Das Quelllaufwerk ist schreibgeschützt, solange eine Offline-Kopie läuft/);
    expect(refusalSentence('WRITE_PROTECTED', { role: 'target' })).toMatch(/^Das Ziellaufwerk wurde schreibgeschützt/);
  });

  it("keeps the engine's message as the detail after the German sentence", () => {
    expect(refusalSentence('TARGET_TOO_SMALL', { message: 'target TGT has 32 blocks' })).toBe(
      'Das Ziellaufwerk ist kleiner als das Quelllaufwerk: Es braucht mindestens so viele Blöcke wie die Quelle (mehr ist erlaubt). ' +
        'Meldung der Engine (englisch): „Target TGT has 32 blocks.“',
    );
  });

  it('says successes and unknown failures in German', () => {
    expect(noteFor({ action: 'create-disk', ok: true }, ['create-disk'])).toEqual({ kind: 'status', text: 'Laufwerk erstellt.' });
    expect(outcomeSentence({ action: 'anything', ok: true })).toBe('Erledigt.');
    expect(outcomeSentence({ action: 'create-disk', ok: false })).toBe('Das hat nicht geklappt. Es wurde kein Grund genannt.');
  });
});

describe('German numbers and words of the panels', () => {
  it('uses the German separators: 1.024 and 3,5', () => {
    expect(num(1024)).toBe('1.024');
    expect(bytesText(1.5 * 2 ** 20)).toBe('1,5 MiB');
    expect(bytesText(512)).toBe('512 Byte');
    expect(priorityLabel('medium', PRIORITY_RATE_168.medium)).toBe('mittel (1/3,5 des vollen Tempos)');
    expect(priorityLabel('highest', PRIORITY_RATE_168.highest)).toBe('höchste (volles Tempo)');
    setLanguage('en');
    expect(num(1024)).toBe('1,024');
    expect(priorityLabel('medium', PRIORITY_RATE_168.medium)).toBe('medium (1/3.5 of full speed)');
  });

  it('describes blocks of the maps in German', () => {
    expect(describeBlock(20, 2, 'source')).toBe('Block 20: im Repository gesichert');
    expect(describeBlock(3, 0, 'repository')).toBe('Slot 3: freier Slot');
    expect(summariseStates(Uint8Array.from([0, 3, 3]), 'source')).toBe('2 seit dem Zeitpunkt geschrieben, 1 seit dem Zeitpunkt unverändert');
  });
});
