import { describe, expect, it } from 'vitest';
import { language, onLanguageChange, setLanguage } from '../src/ui/i18n/language.ts';
import { localized } from '../src/ui/i18n/messages.ts';

const text = localized(
  { title: 'Copy', blocksLeft: (n: number) => `${n} blocks left` },
  { title: 'Kopie', blocksLeft: (n: number) => `noch ${n} Blöcke` },
);

describe('interface language', () => {
  it('a table follows the switch between English and German', () => {
    setLanguage('en');
    expect(text().title).toBe('Copy');
    setLanguage('de');
    expect(text().title).toBe('Kopie');
    expect(text().blocksLeft(3)).toBe('noch 3 Blöcke');
    setLanguage('en');
    expect(text().blocksLeft(3)).toBe('3 blocks left');
  });

  it('listeners hear each switch once and not after their removal', () => {
    setLanguage('en');
    const heard: string[] = [];
    const off = onLanguageChange((next) => heard.push(next));
    setLanguage('de');
    setLanguage('de');
    off();
    setLanguage('en');
    expect(heard).toEqual(['de']);
    expect(language()).toBe('en');
  });

  it('the compiler refuses a German table that lacks a key', () => {
    // @ts-expect-error: `title` is missing from the German table
    localized({ title: 'Copy' }, {});
    // @ts-expect-error: the German message takes other parameters than the English one
    localized({ n: (n: number) => `${n}` }, { n: (n: string) => n });
    expect(true).toBe(true);
  });
});
