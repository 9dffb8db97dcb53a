/** A1 references: rows of cells and the areas of ranges, as merged ranges and data validations count. */
import { rangeArea, rowOfRef, sqrefArea } from '../../../audit/guard/cells';

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
  ])('%p covers %p cells', (sqref, area) => expect(sqrefArea(sqref)).toBe(area));
});
