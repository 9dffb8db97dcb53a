/** A1 references: rows of cells, the areas of ranges (as merged ranges, data validations and defined names count). */
import { rangeArea, rowOfRef, sqrefArea } from '../../../audit/guard/cells';
import { definedNameRanges } from '../../../audit/guard/workbook-parts';

describe('rowOfRef', () => {
  test.each([
    ['B7', 7],
    ['$C$12', 12],
    ['XFD1048576', 1_048_576],
    ['C', null],
    ['no ref', null],
  ])('%s is in row %p', (ref, row) => expect(rowOfRef(ref)).toBe(row));
});

describe('rangeArea', () => {
  test.each([
    ['A1', 1],
    ['A1:D1', 4],
    ['B2:C5', 8],
    ['C5:B2', 8],
    ['A:A', 1_048_576],
    ['3:4', 2 * 16_384],
    ['A1:XFD1048576', 17_179_869_184],
    ['A1:ZZZ9', 9 * 16_384],
    ['not a range', null],
  ])('%s covers %p cells', (range, area) => expect(rangeArea(range)).toBe(area));
});

describe('sqrefArea', () => {
  test.each([
    ['A1:B2 D4', 5],
    ['  A1  ', 1],
    ['A1 ??', null],
    ['C:C', 1_048_576],
  ])('%p covers %p cells', (sqref, area) => expect(sqrefArea(sqref)).toBe(area));

  test.each([
    ['C:C 3:3 B2:C3', 4],
    ['C1:C1048576', 1_048_576],
  ])('%p covers %p cells exceljs spreads a validation over', (sqref, area) =>
    expect(sqrefArea(sqref, true)).toBe(area),
  );
});

describe('definedNameRanges', () => {
  test.each([
    ['RACI!$A$1:$XFD$1048576', ['$A$1:$XFD$1048576']],
    ["'My Sheet'!$B$2:$C$3,'Other'!$D$4", ['$B$2:$C$3', '$D$4']],
    ['SUM(RACI!$A$1:$A$9)', ['$A$1:$A$9']],
    ['RACI!$A:$A', []],
    ['RACI!A1:B2', []],
    ['"text"', []],
  ])('%s refers to %p', (text, ranges) => expect(definedNameRanges(text)).toEqual(ranges));
});
