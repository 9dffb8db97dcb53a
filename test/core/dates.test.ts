/**
 * Date cells and calendar arithmetic: every accepted spelling, every refused one (never
 * guessed), month-end clamping and leap years. Nothing here may depend on the machine's time
 * zone; CI runs this file under Pacific/Auckland and America/Los_Angeles too.
 */
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  isIsoDate,
  parseDateCell,
  parseDateText,
} from '../../src/core/dates';
import type { DateOrder } from '../../src/core/config';
import type { CellValue } from '../../src/core/model';

describe('parseDateCell', () => {
  const valid: [CellValue, DateOrder, string][] = [
    ['2026-09-30', 'DMY', '2026-09-30'],
    ['2026-09-30', 'MDY', '2026-09-30'],
    ['  2026-09-30 ', 'DMY', '2026-09-30'],
    ['2026/9/3', 'DMY', '2026-09-03'],
    ['2026-09-30T23:30:00Z', 'DMY', '2026-09-30'],
    ['2026-09-30T00:30:00+13:00', 'DMY', '2026-09-30'],
    ['2026-09-30 10:15', 'DMY', '2026-09-30'],
    ['30/09/2026', 'DMY', '2026-09-30'],
    ['09/30/2026', 'MDY', '2026-09-30'],
    ['1/2/2026', 'DMY', '2026-02-01'],
    ['1/2/2026', 'MDY', '2026-01-02'],
    ['30.09.2026', 'DMY', '2026-09-30'],
    ['30-09-2026', 'DMY', '2026-09-30'],
    ['29/02/2028', 'DMY', '2028-02-29'],
    ['29/02/2000', 'DMY', '2000-02-29'],
    ['30 Sep 2026', 'MDY', '2026-09-30'],
    ['30 Sept 2026', 'DMY', '2026-09-30'],
    ['30-Sep-2026', 'DMY', '2026-09-30'],
    ['30 September 2026', 'DMY', '2026-09-30'],
    ['Sep 30, 2026', 'DMY', '2026-09-30'],
    ['September 30 2026', 'DMY', '2026-09-30'],
    [46295, 'DMY', '2026-09-30'],
    [46295.75, 'DMY', '2026-09-30'],
    [18264, 'DMY', '1950-01-01'],
    [109574, 'DMY', '2199-12-31'],
  ];
  it.each(valid)('reads %p (%s) as %s', (value, order, expected) => {
    expect(parseDateCell(value, order)).toEqual({ value: expected, invalid: false });
  });

  const blank: CellValue[] = [null, '', '   ', '\u00a0'];
  it.each(blank)('reads %p as blank, not invalid', (value) => {
    expect(parseDateCell(value, 'DMY')).toEqual({ value: null, invalid: false });
  });

  const invalid: [CellValue, DateOrder][] = [
    ['31/02/2026', 'DMY'],
    ['02/31/2026', 'MDY'],
    ['29/02/2026', 'DMY'],
    ['29/02/1900', 'DMY'],
    ['2026-02-29', 'DMY'],
    ['2026-13-01', 'DMY'],
    ['2026-00-10', 'DMY'],
    ['13/13/2026', 'DMY'],
    ['30/09/26', 'DMY'],
    ['30/09-2026', 'DMY'],
    ['soon', 'DMY'],
    ['Q3 2026', 'DMY'],
    ['30 Foo 2026', 'DMY'],
    ['31 Sep 2026', 'DMY'],
    [2026, 'DMY'],
    [0, 'DMY'],
    [-5, 'DMY'],
    [109575, 'DMY'],
    [true, 'DMY'],
    [Number.NaN, 'DMY'],
  ];
  it.each(invalid)('refuses %p (%s): invalid, never guessed', (value, order) => {
    expect(parseDateCell(value, order)).toEqual({ value: null, invalid: true });
  });

  it('parseDateText treats blank as blank', () => {
    expect(parseDateText('', 'MDY')).toEqual({ value: null, invalid: false });
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-02-15', -3, '2025-11-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('addMonths(%s, %i) is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-29', 7, '2026-04-05'],
    ['2026-10-25', 7, '2026-11-01'],
    ['2026-01-01', -1, '2025-12-31'],
  ])('addDays(%s, %i) is %s (across DST changes too)', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it.each([
    ['2026-09-30', '2026-10-30', 30],
    ['2026-10-30', '2026-09-30', -30],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-09-30', '2026-09-30', 0],
  ])('daysBetween(%s, %s) is %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    [2026, 2, 28],
    [2028, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('daysInMonth(%i, %i) is %i (century leap rules)', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('checks ISO dates and refuses arithmetic on malformed ones', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-9-30')).toBe(false);
    expect(() => addDays('30/09/2026', 1)).toThrow(/YYYY-MM-DD/);
  });
});
