import { describe, expect, it } from 'vitest';
import { ERROR_CODES, PRIORITY_RATE_168 } from '../src/core/vocabulary.ts';
import { blockGrid, tileSize } from '../src/ui/picture-fill.ts';
import { bytesText, freeName, isErrorCode, noteFor, outcomeSentence, priorityLabel, refusalSentence, suggestName } from '../src/ui/messages.ts';

describe('refusal sentences', () => {
  it.each(ERROR_CODES)('%s has a sentence in the learner’s words', (code) => {
    const sentence = refusalSentence(code);
    expect(sentence.trim().length).toBeGreaterThan(20);
    expect(sentence).toMatch(/^[A-Z].*[.!?]$/);
    for (const other of ERROR_CODES) expect(sentence).not.toContain(other);
    expect(isErrorCode(code)).toBe(true);
  });

  it('gives every code its own sentence', () => {
    expect(new Set(ERROR_CODES.map((code) => refusalSentence(code))).size).toBe(ERROR_CODES.length);
  });

  it("puts the engine's message after the sentence as the precise detail", () => {
    const text = refusalSentence('TARGET_TOO_SMALL', { message: 'target TGT has 32 blocks, fewer than source SRC (64)' });
    expect(text).toBe(
      'The target is smaller than the source: it needs at least as many blocks as the source (more is fine). ' +
        'In detail: Target TGT has 32 blocks, fewer than source SRC (64).',
    );
  });

  it('fits WRITE_PROTECTED to an offline source and to a completed target', () => {
    expect(refusalSentence('WRITE_PROTECTED', { copyType: 'offline', role: 'source' })).toBe(
      'The source is read-only while an offline copy runs: hosts can only read it until the copy completes or is stopped.',
    );
    expect(refusalSentence('WRITE_PROTECTED', { role: 'target' })).toMatch(/^The target became read-only/);
    expect(refusalSentence('WRITE_PROTECTED')).toMatch(/read-only to hosts/);
  });

  it('fits NOT_ALLOWED to the refused action', () => {
    expect(refusalSentence('NOT_ALLOWED', { action: 'set-priority' })).toMatch(/Pending or In Progress/);
    expect(refusalSentence('NOT_ALLOWED', { action: 'set-target-read-only' })).toMatch(/after the copy has completed/);
    expect(refusalSentence('NOT_ALLOWED', { action: 'delete-disk' })).toMatch(/remove the pair first/);
  });

  it('does not take unknown strings for codes', () => {
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('WHATEVER')).toBe(false);
  });
});

describe('outcome notes', () => {
  const refused = { action: 'set-priority', ok: false, code: 'NOT_ALLOWED', message: 'the copy to TGT is Stopped' };

  it('shows a refusal as an alert only next to the control that caused it', () => {
    expect(noteFor(refused, ['stop', 'recopy'])).toBeNull();
    expect(noteFor(null, ['set-priority'])).toBeNull();
    const note = noteFor(refused, ['set-priority']);
    expect(note?.kind).toBe('alert');
    expect(note?.text).toBe(
      'The priority can be changed only while the copy is Pending or In Progress. In detail: The copy to TGT is Stopped.',
    );
  });

  it('shows a success as a polite status', () => {
    expect(noteFor({ action: 'create-disk', ok: true }, ['create-disk'])).toEqual({ kind: 'status', text: 'Disk created.' });
    expect(outcomeSentence({ action: 'anything', ok: true })).toBe('Done.');
  });

  it('still says something for a failure without a known code', () => {
    expect(outcomeSentence({ action: 'create-disk', ok: false, code: 'ERROR', message: 'worker crashed' })).toBe(
      'That did not work. Worker crashed.',
    );
    expect(outcomeSentence({ action: 'create-disk', ok: false })).toBe('That did not work. No reason was given.');
  });
});

describe('words and names of the panels', () => {
  it('offers SRC, then TGT, then DISKn for new disks', () => {
    const disk = (name: string, role = 'standard') => ({ name, role });
    expect(suggestName([])).toBe('SRC');
    expect(suggestName([disk('SRC')])).toBe('TGT');
    expect(suggestName([disk('SRC'), disk('TGT'), disk('SRC-repo', 'repository')])).toBe('DISK3');
    expect(suggestName([disk('SRC'), disk('TGT'), disk('DISK3')])).toBe('DISK4');
    expect(freeName('SRC', new Set(['SRC', 'SRC2']))).toBe('SRC3');
    expect(freeName('TGT', new Set(['SRC']))).toBe('TGT');
  });

  it('writes sizes and priorities in words', () => {
    expect(bytesText(512)).toBe('512 bytes');
    expect(bytesText(4096)).toBe('4 KiB');
    expect(bytesText(1.5 * 2 ** 20)).toBe('1.5 MiB');
    expect(bytesText(2 ** 30)).toBe('1 GiB');
    expect(priorityLabel('highest', PRIORITY_RATE_168.highest)).toBe('highest (full speed)');
    expect(priorityLabel('medium', PRIORITY_RATE_168.medium)).toBe('medium (1/3.5 of full speed)');
    expect(priorityLabel('lowest', PRIORITY_RATE_168.lowest)).toBe('lowest (1/8 of full speed)');
  });
});

describe('picture tiles', () => {
  it('makes each block an RGBA tile of width × height × 4 = block size', () => {
    expect(tileSize(512)).toEqual({ width: 16, height: 8 });
    expect(tileSize(4096)).toEqual({ width: 32, height: 32 });
    expect(tileSize(8192)).toEqual({ width: 64, height: 32 });
    expect(tileSize(65536)).toEqual({ width: 128, height: 128 });
  });

  it('lays blocks out in ceil(sqrt(blocks)) columns unless told otherwise', () => {
    expect(blockGrid(64)).toEqual({ columns: 8, rows: 8 });
    expect(blockGrid(128)).toEqual({ columns: 12, rows: 11 });
    expect(blockGrid(128, 16)).toEqual({ columns: 16, rows: 8 });
    expect(blockGrid(1)).toEqual({ columns: 1, rows: 1 });
  });
});
