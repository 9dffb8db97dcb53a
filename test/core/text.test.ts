/**
 * The core's text helpers: cell values as text, white space folding and name normalisation.
 * `foldSpaces` and `cellText` walk characters instead of running regular expressions; these
 * tests hold them to the regular-expression definitions they replace, character by character
 * over every UTF-16 code unit and on seeded random text full of spaces.
 */
import {
  cellText,
  columnLetter,
  foldSpaces,
  fromA1,
  hasWhiteSpace,
  isFoldedSpace,
  isWhiteSpace,
  normaliseName,
  toA1,
} from '../../src/core/text';
import { seededRandom } from '../support/seeded-random';

/** The definitions the character loops must match exactly. */
const foldByRegExp = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
const cellTextByRegExp = (s: string) => s.replace(/\u00a0/g, ' ').trim();

describe('isWhiteSpace and hasWhiteSpace', () => {
  it('are true exactly for the characters of \\s, over every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const expected = /\s/.test(ch);
      if (isWhiteSpace(code) !== expected || hasWhiteSpace(`ab${ch}c`) !== expected) {
        differing.push(code);
      }
    }
    expect(differing).toEqual([]);
    expect(hasWhiteSpace('')).toBe(false);
  });
});

describe('isFoldedSpace', () => {
  it('is true exactly for the characters of \\s and U+200B, over every UTF-16 code unit', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const expected = /[\s\u200b]/.test(String.fromCharCode(code));
      if (isFoldedSpace(code) !== expected) differing.push(code);
    }
    expect(differing).toEqual([]);
  });
});

describe('foldSpaces', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['Draft policy', 'Draft policy'],
    ['  Draft   policy  ', 'Draft policy'],
    ['Draft\npolicy', 'Draft policy'],
    ['Draft\r\n\tpolicy', 'Draft policy'],
    ['Draft\u00a0policy', 'Draft policy'],
    ['Draft\u200bpolicy', 'Draft policy'],
    ['\u200b\u200b', ''],
    ['\u3000Change\u2028Manager\ufeff', 'Change Manager'],
    [' ', ''],
    ['a', 'a'],
    [' a', 'a'],
    ['a ', 'a'],
    ['a b', 'a b'],
    ['a  b', 'a b'],
    ['a \nb', 'a b'],
    ['\u1680x\u180ey', 'x\u180ey'],
  ];
  it.each(cases)('folds %j to %j', (input, expected) => {
    expect(foldSpaces(input)).toBe(expected);
    expect(foldByRegExp(input)).toBe(expected);
  });

  it('returns text that needs no folding as the very same string', () => {
    const text = 'Approve the change (4)';
    expect(foldSpaces(text)).toBe(text);
  });

  it('folds every white space character alone, at both ends and between words like \\s does', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [ch, `x${ch}y`, `${ch}x${ch}`, `x ${ch} y`, `x${ch}${ch}`]) {
        if (foldSpaces(text) !== foldByRegExp(text)) {
          throw new Error(
            `foldSpaces differs on U+${code.toString(16)} in ${JSON.stringify(text)}`,
          );
        }
      }
    }
  });

  it('equals the regular-expression folding on 20,000 random texts full of spaces', () => {
    const random = seededRandom(8);
    const alphabet = ['a', 'B', '7', '-', ' ', ' ', '\t', '\n', '\u00a0', '\u200b', '\u2003', 'é'];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect([text, foldSpaces(text)]).toEqual([text, foldByRegExp(text)]);
    }
  });
});

describe('normaliseName', () => {
  it('lowercases folded text', () => {
    expect(normaliseName('  Change\u00a0 MANAGER\n')).toBe('change manager');
  });
});

describe('cellText', () => {
  const cases: [string | number | boolean | null | undefined, string][] = [
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['  R  ', 'R'],
    ['\u00a0R\u00a0', 'R'],
    ['A\u00a0/\u00a0R', 'A / R'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [12, '12'],
    [1.5, '1.5'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ];
  it.each(cases)('reads %j as %j', (value, expected) => {
    expect(cellText(value)).toBe(expected);
  });

  it('equals the regular-expression reading on text with and without non-breaking spaces', () => {
    for (const text of ['x', ' x ', '\u00a0', 'a\u00a0\u00a0b', '\u00a0 a \u00a0', '\u2003a']) {
      expect(cellText(text)).toBe(cellTextByRegExp(text));
    }
  });
});

describe('A1 addresses', () => {
  it('converts columns and rows both ways', () => {
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(27)).toBe('AA');
    expect(toA1(3, 2)).toBe('B3');
    expect(fromA1('$ab$12')).toEqual({ row: 12, column: 28 });
    expect(fromA1('B0')).toBeUndefined();
    expect(fromA1('not a cell')).toBeUndefined();
  });
});
