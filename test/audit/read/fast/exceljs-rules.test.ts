/**
 * The exceljs rules the one-pass reader copies, table-driven: which format codes are dates,
 * serials to calendar dates in both date systems (the 1900 leap-year bug included), the
 * `_xHHHH_` escapes, the second decoding of string results, and cell references (read by hand,
 * checked against the pattern they stand for).
 */
import {
  columnLetters,
  decodeStringResult,
  decodeTextEscapes,
  isDateFormat,
  isDateFormatCode,
  parseCellRef,
  serialToDate,
} from '../../../../audit/read/fast/exceljs-rules';

describe('isDateFormatCode', () => {
  test.each([
    ['yyyy-mm-dd', true],
    ['d/m/yy', true],
    ['[h]:mm:ss', true],
    ['mmm', true],
    ['General', false],
    ['0.00', false],
    ['#,##0', false],
    ['"day "0', false],
    ['[Red]0.00', false],
    ['[$-409]0', false],
    ['@', false],
    ['', false],
  ])('%s -> %s', (code, expected) => expect(isDateFormatCode(code)).toBe(expected));
});

describe('isDateFormat', () => {
  const custom = new Map([
    [164, 'dd/mm/yyyy'],
    [165, '0.0'],
    [14, '0'],
  ]);
  test.each([
    [0, false],
    [NaN, false],
    [2, false],
    [15, true],
    [22, true],
    [45, true],
    [47, true],
    [48, false],
    [164, true],
    [165, false],
    [14, false], // a custom code for a built-in id wins
    [170, false],
  ])('numFmtId %s -> %s', (id, expected) => expect(isDateFormat(id, custom)).toBe(expected));
});

describe('serialToDate', () => {
  test.each([
    // exceljs counts from 30 Dec 1899 throughout, so serials before the fictitious
    // 29 Feb 1900 (60) come out a day early; the reader keeps that to stay equal to it.
    [1, false, '1899-12-31'],
    [59, false, '1900-02-27'],
    [60, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [45000, false, '2023-03-15'],
    [45000.999, false, '2023-03-15'],
    [0, true, '1904-01-01'],
    [45000, true, '2027-03-16'],
    [1e20, false, null],
    [NaN, false, null],
    ['abc', false, null],
  ])('%s (1904: %s) -> %s', (serial, date1904, expected) =>
    expect(serialToDate(serial, date1904)).toBe(expected),
  );
});

describe('text decoding', () => {
  test.each([
    ['a_x000D__x000A_b', 'a\r\nb'],
    ['_x00e9_', '_x00e9_'],
    ['_x00E9_', 'é'],
    ['plain', 'plain'],
  ])('escapes %j -> %j', (text, expected) => expect(decodeTextEscapes(text)).toBe(expected));
  test.each([
    ['a &amp;lt; b', 'a &lt; b'],
    ['&lt;x&gt; &quot;y&quot; &apos;', '<x> "y" \''],
    ['&unknown; &#65;', '&unknown; &#65;'],
  ])('string results %j -> %j', (text, expected) =>
    expect(decodeStringResult(text)).toBe(expected),
  );
});

describe('cell references', () => {
  test.each([
    ['A1', { row: 1, col: 1 }],
    ['Z9', { row: 9, col: 26 }],
    ['AA10', { row: 10, col: 27 }],
    ['XFD1048576', { row: 1048576, col: 16384 }],
    ['XFE1', null],
    ['A0', null],
    ['a1', null],
    ['$A$1', null],
    ['A1048577', null],
  ])('%s', (ref, expected) => expect(parseCellRef(ref)).toStrictEqual(expected));

  it('parseCellRef answers as the pattern it reads by hand, for every mix up to 6 long', () => {
    const byPattern = (ref: string) => {
      const match = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
      if (!match) return null;
      let col = 0;
      for (const ch of match[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
      const row = Number(match[2]);
      return col > 16384 || row > 1048576 ? null : { row, col };
    };
    const alphabet = ['A', 'X', 'Z', 'a', '0', '1', '9', '$', ':'];
    const differences: string[] = [];
    const visit = (ref: string) => {
      if (JSON.stringify(parseCellRef(ref)) !== JSON.stringify(byPattern(ref)))
        differences.push(ref);
      if (ref.length < 6) for (const c of alphabet) visit(ref + c);
    };
    visit('');
    for (const ref of ['XFD1048576', 'XFE1', 'A1048577', 'A9999999', 'A12345678']) visit(ref);
    expect(differences).toStrictEqual([]);
  });
  test.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [702, 'ZZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
  ])('column %s is %s', (n, letters) => expect(columnLetters(n)).toBe(letters));
});
