/**
 * The add-on's pure helpers, table-driven: cell values as the core wants them (dates in the
 * spreadsheet's zone, from any realm), reading a sheet in three calls whatever its merges, the
 * dropdown codes per model and the note fingerprint.
 */
import { runInNewContext } from 'node:vm';
import { defaultConfig } from '../../src/core/config';
import { validCodes } from '../../src/addon/live-checks';
import { isDateValue, readSheet, toCellValue } from '../../src/addon/read-sheets';
import { textHash } from '../../src/addon/text-hash';
import { FakeSpreadsheet, formatDateInZone, midnightIn } from '../support/fake-apps-script';

describe('toCellValue', () => {
  it.each([
    ['', null],
    [null, null],
    [undefined, null],
    ['  Plan ', '  Plan '],
    [42, 42],
    [Number.NaN, null],
    [true, true],
  ])('turns %p into %p', (input, expected) => {
    expect(toCellValue(input, 'Etc/UTC', formatDateInZone)).toBe(expected);
  });

  it.each([
    ['2026-01-01', 'Pacific/Kiritimati'],
    ['2026-03-29', 'Europe/London'],
    ['2026-12-31', 'Pacific/Pago_Pago'],
    ['2024-02-29', 'America/Los_Angeles'],
  ])('reads %s typed in %s as that calendar date', (ymd, zone) => {
    expect(toCellValue(midnightIn(ymd, zone), zone, formatDateInZone)).toBe(ymd);
  });

  it('recognises a Date made in another realm (the Apps Script runtime)', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 5, 1))') as unknown;
    expect(foreign instanceof Date).toBe(false);
    expect(isDateValue(foreign)).toBe(true);
    expect(toCellValue(foreign, 'Etc/UTC', formatDateInZone)).toBe('2026-06-01');
  });

  it('reads a sheet in three calls whatever its size and merges; a merge keeps its top-left value', () => {
    const ss = new FakeSpreadsheet('Asia/Kolkata');
    const sheet = ss.addSheet('S', [
      ['Title'],
      ['Activity', 'Owner'],
      ['Plan', 'A'],
      [null, 'R'],
      ['Due', ss.date('2026-07-15')],
    ]);
    sheet.merges.push({ row: 1, column: 1, numRows: 1, numColumns: 2 });
    sheet.merges.push({ row: 3, column: 1, numRows: 2, numColumns: 1 });
    const input = readSheet(sheet, 'Asia/Kolkata', formatDateInZone);
    expect(input).toEqual({
      name: 'S',
      rows: [
        ['Title', null],
        ['Activity', 'Owner'],
        ['Plan', 'A'],
        [null, 'R'],
        ['Due', '2026-07-15'],
      ],
    });
    expect(ss.calls.snapshot()).toEqual({
      'Range.getValues': 1,
      'Sheet.getDataRange': 1,
      'Sheet.getName': 1,
    });
  });

  it('makes the same three calls for a sheet with 2,000 merged ranges', () => {
    const ss = new FakeSpreadsheet('Etc/UTC');
    const grid: unknown[][] = [['Activity', 'Owner', 'Manager']];
    for (let i = 1; i <= 4000; i++) grid.push([i % 2 === 1 ? `Step ${i}` : null, 'A', 'R']);
    const sheet = ss.addSheet('Merged', grid);
    for (let r = 2; r <= 4000; r += 2) {
      sheet.merges.push({ row: r, column: 1, numRows: 2, numColumns: 1 });
    }
    expect(sheet.merges).toHaveLength(2000);
    const input = readSheet(sheet, 'Etc/UTC', formatDateInZone);
    expect(input.rows).toHaveLength(4001);
    expect(input).not.toHaveProperty('merges');
    expect(ss.calls.count()).toBe(3);
  });
});

describe('validCodes', () => {
  it.each([
    ['RACI', true, ['R', 'A', 'C', 'I', 'A/R', 'R/A']],
    ['RACI', false, ['R', 'A', 'C', 'I']],
    ['RASCI', true, ['R', 'A', 'S', 'C', 'I', 'A/R', 'R/A']],
    ['RACI-VS', false, ['R', 'A', 'C', 'I', 'V', 'S']],
  ] as const)('under %s (A/R allowed: %p) offers %p', (model, allow, expected) => {
    expect(validCodes({ ...defaultConfig(), model, allowAccountableResponsible: allow })).toEqual(
      expected,
    );
  });
});

describe('textHash', () => {
  it('is stable and tells different notes apart', () => {
    expect(textHash('RACI Guard: 1 finding')).toBe(textHash('RACI Guard: 1 finding'));
    expect(textHash('RACI Guard: 1 finding')).not.toBe(textHash('RACI Guard: 2 findings'));
    expect(textHash('')).toMatch(/^[0-9a-z]+$/);
  });
});
