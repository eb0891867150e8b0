import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalizeDiacritics } from './normalize-diacritics.js';

/** Letters of Latin-1 Supplement, Latin Extended-A and Latin Extended Additional, plus ASCII. */
function latinLetters(): string[] {
  const letters: string[] = [];
  for (const [from, to] of [
    [0x20, 0x7e],
    [0xc0, 0x17f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      if (code < 0x80 || /\p{L}/u.test(char)) letters.push(char);
    }
  }
  return letters;
}

const isAscii = (text: string) => [...text].every((char) => char.charCodeAt(0) < 0x80);

describe('normalizeDiacritics', () => {
  it('turns Scandinavian, Polish, Spanish and German names into ASCII', () => {
    expect(normalizeDiacritics('Ærøskøbing Łódź Ñúñez straße')).toBe('AEroskobing Lodz Nunez strasse');
  });

  it('strips accents that decompose into a base letter and a mark', () => {
    expect(normalizeDiacritics('Crème Brûlée à São Paulo, Dvořák, Nguyễn')).toBe(
      'Creme Brulee a Sao Paulo, Dvorak, Nguyen',
    );
  });

  it('spells letters that do not decompose', () => {
    expect(normalizeDiacritics('Þórður Đorđević Œuvre Ĳssel Ħamrun')).toBe(
      'THordur Dordevic OEuvre IJssel Hamrun',
    );
    expect(normalizeDiacritics('ẞ ß æ ı')).toBe('SS ss ae i');
  });

  it('leaves ASCII untouched and returns the same text', () => {
    const text = 'plain.ascii-User_01@example.org';
    expect(normalizeDiacritics(text)).toBe(text);
  });

  it('leaves other scripts as they were (composed again after decomposition)', () => {
    expect(normalizeDiacritics('한국어 Ελλάδα')).toBe('한국어 Ελλαδα');
    expect(normalizeDiacritics('हिन्दी')).toBe('हिन्दी');
  });

  it('keeps emoji and other characters outside the BMP intact', () => {
    expect(normalizeDiacritics('José 👩🏽‍💻')).toBe('Jose 👩🏽‍💻');
  });

  it('property: Latin text always comes out as ASCII', () => {
    const letters = latinLetters();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 40 }), (chars) => {
        expect(isAscii(normalizeDiacritics(chars.join('')))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: any string at all is accepted without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(typeof normalizeDiacritics(text)).toBe('string');
      }),
    );
  });
});
