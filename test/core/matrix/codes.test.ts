/**
 * The code parser: every spelling of codes, combinations and "empty" in SPEC section 1, the
 * letters each model accepts, and the shapes the matrix finder sees.
 */
import { cellShape, isEmptyMark, parseCodeCell } from '../../../src/core/matrix/codes';
import type { CellValue, RaciModel } from '../../../src/core/model';
import { seededRandom } from '../../support/seeded-random';

describe('parseCodeCell', () => {
  const cases: [CellValue, RaciModel, string[], string[]][] = [
    ['R', 'RACI', ['R'], []],
    ['a', 'RACI', ['A'], []],
    ['  c ', 'RACI', ['C'], []],
    ['i', 'RACI', ['I'], []],
    ['A/R', 'RACI', ['A', 'R'], []],
    ['R/A', 'RACI', ['R', 'A'], []],
    ['AR', 'RACI', ['A', 'R'], []],
    ['ar', 'RACI', ['A', 'R'], []],
    ['R, A', 'RACI', ['R', 'A'], []],
    ['A,R', 'RACI', ['A', 'R'], []],
    ['R+A', 'RACI', ['R', 'A'], []],
    ['A R', 'RACI', ['A', 'R'], []],
    ['R / r', 'RACI', ['R', 'R'], []],
    ['C/I', 'RACI', ['C', 'I'], []],
    ['S', 'RACI', [], ['S']],
    ['V', 'RACI', [], ['V']],
    ['S', 'RASCI', ['S'], []],
    ['V', 'RASCI', [], ['V']],
    ['S', 'RACI-VS', ['S'], []],
    ['V', 'RACI-VS', ['V'], []],
    ['A/V', 'RACI-VS', ['A', 'V'], []],
    ['X', 'RACI', [], ['X']],
    ['R?', 'RACI', [], ['R?']],
    ['R, X', 'RACI', ['R'], ['X']],
    ['RS', 'RACI', ['R'], ['S']],
    ['yes', 'RACI', [], ['yes']],
    ['via', 'RACI-VS', [], ['via']],
    [1, 'RACI', [], ['1']],
    [true, 'RACI', [], ['TRUE']],
  ];
  it.each(cases)('reads %j under %s', (value, model, letters, unknown) => {
    const parsed = parseCodeCell(value, model);
    expect(parsed.letters).toEqual(letters);
    expect(parsed.unknown).toEqual(unknown);
    expect(parsed.empty).toBe(false);
    expect(parsed.raw).toBe(String(value === true ? 'TRUE' : value).trim());
  });

  const empties: CellValue[] = [
    null,
    '',
    '   ',
    '-',
    '–',
    '—',
    '--',
    'n/a',
    'N/A',
    'N / a',
    '\u00a0',
  ];
  it.each(empties.map((e) => [e]))('reads %j as empty', (value) => {
    const parsed = parseCodeCell(value, 'RACI');
    expect(parsed).toEqual({ raw: '', letters: [], unknown: [], empty: true });
    expect(isEmptyMark(value === null ? '' : String(value))).toBe(true);
  });

  it('does not read "na" or "none" as empty', () => {
    expect(parseCodeCell('none', 'RACI').empty).toBe(false);
    expect(parseCodeCell('none', 'RACI').unknown).toEqual(['none']);
  });
});

describe('cellShape', () => {
  const cases: [CellValue, string][] = [
    ['R', 'code'],
    ['a/r', 'code'],
    ['R, A', 'code'],
    ['S', 'code'],
    ['RACI', 'code'],
    ['-', 'empty-mark'],
    ['n/a', 'empty-mark'],
    [null, 'blank'],
    ['  ', 'blank'],
    ['X', 'short'],
    ['Y/N', 'short'],
    ['TBD', 'short'],
    ['Via', 'short'],
    ['Process Owner', 'text'],
    ['R = Responsible', 'text'],
    [3, 'number'],
    [false, 'number'],
  ];
  it.each(cases)('sees %j as %s', (value, shape) => {
    expect(cellShape(value)).toBe(shape);
  });
});

/**
 * The reading walks characters instead of running regular expressions per cell; these are the
 * regular-expression definitions it replaced, and the tests hold it to them.
 */
describe('the character reading equals the regular-expression definitions', () => {
  const ALL_LETTERS = new Set(['R', 'A', 'C', 'I', 'S', 'V']);
  const tokensByRegExp = (text: string) => text.split(/[\s/,+&;|\\]+/).filter((t) => t !== '');
  const isCodeTokenByRegExp = (token: string) => {
    if (!/^[A-Za-z]+$/.test(token)) return false;
    const upper = token.toUpperCase();
    for (const ch of upper) if (!ALL_LETTERS.has(ch)) return false;
    return token.length <= 2 || token === upper;
  };
  const isEmptyMarkByRegExp = (text: string) => {
    const t = text.trim();
    return t === '' || /^[-‐‑‒–—―−]+$/.test(t) || /^n\s*\/\s*a$/i.test(t);
  };
  const shapeByRegExp = (value: CellValue): string => {
    if (value === null) return 'blank';
    if (typeof value !== 'string') return 'number';
    const text = value.replace(/\u00a0/g, ' ').trim();
    if (text === '') return 'blank';
    if (isEmptyMarkByRegExp(text)) return 'empty-mark';
    const tokens = tokensByRegExp(text);
    if (tokens.length > 0 && tokens.length <= 6 && tokens.every(isCodeTokenByRegExp)) return 'code';
    if (text.length <= 4 && !/\s/.test(text)) return 'short';
    return 'text';
  };
  const parseByRegExp = (value: string, model: RaciModel) => {
    const allowed = new Set(model === 'RACI' ? 'RACI' : model === 'RASCI' ? 'RASCI' : 'RACIVS');
    const text = value.replace(/\u00a0/g, ' ').trim();
    if (isEmptyMarkByRegExp(text)) return { raw: '', letters: [], unknown: [], empty: true };
    const letters: string[] = [];
    const unknown: string[] = [];
    for (const token of tokensByRegExp(text)) {
      if (!isCodeTokenByRegExp(token)) unknown.push(token);
      else for (const ch of token.toUpperCase()) (allowed.has(ch) ? letters : unknown).push(ch);
    }
    return { raw: text, letters, unknown, empty: false };
  };

  it('reads every single UTF-16 code unit, alone and between codes, the same way', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [ch, `R${ch}A`, `${ch}${ch}`, `n${ch}/a`, `${ch}-`]) {
        if (cellShape(text) !== shapeByRegExp(text)) differing.push(JSON.stringify(text));
      }
    }
    expect(differing).toEqual([]);
  });

  it('reads 30,000 random cells of letters, separators, dashes and spaces the same way', () => {
    const random = seededRandom(4);
    const alphabet = [
      ...'RACISVraciv',
      ...'XxNnEe',
      ...'/,+&;|\\ -',
      '\t',
      '\u00a0',
      '\u2014',
      '\u2003',
    ];
    const models: RaciModel[] = ['RACI', 'RASCI', 'RACI-VS'];
    for (let n = 0; n < 30_000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const model = models[n % 3];
      expect([text, cellShape(text)]).toEqual([text, shapeByRegExp(text)]);
      expect([text, parseCodeCell(text, model)]).toEqual([text, parseByRegExp(text, model)]);
      expect([text, isEmptyMark(text)]).toEqual([text, isEmptyMarkByRegExp(text)]);
    }
  });
});
