/**
 * The exceljs adapter, on real .xlsx bytes built in memory: every kind of cell value becomes
 * the core's plain value (formulas by cached result, rich text and hyperlinks by text, errors
 * by code, dates as the calendar date typed whatever the machine's time zone), merged ranges
 * keep their value in the top-left cell only, oversized used ranges are trimmed, and files
 * that cannot be read fail with a reason naming the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  readWorkbook,
  readWorkbookBuffer,
  toCellValue,
  UnreadableWorkbookError,
} from '../../../audit/read/xlsx';
import { tempDir, utcDate, workbookBytes } from '../support/workbooks';

describe('toCellValue', () => {
  const cases: { name: string; value: ExcelJS.CellValue | undefined; expected: unknown }[] = [
    { name: 'empty', value: null, expected: null },
    { name: 'undefined', value: undefined, expected: null },
    { name: 'text', value: 'A/R', expected: 'A/R' },
    { name: 'number', value: 42, expected: 42 },
    { name: 'boolean', value: true, expected: true },
    { name: 'date (UTC midnight)', value: utcDate('2026-09-30'), expected: '2026-09-30' },
    {
      name: 'date late in the UTC day',
      value: new Date(Date.UTC(2026, 0, 1, 23, 30)),
      expected: '2026-01-01',
    },
    {
      name: 'formula with a cached number',
      value: { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue,
      expected: 2,
    },
    {
      name: 'formula with a cached date',
      value: { formula: 'TODAY()', result: utcDate('2026-07-01') } as ExcelJS.CellFormulaValue,
      expected: '2026-07-01',
    },
    {
      name: 'formula without a cached result',
      value: { formula: 'A1' } as ExcelJS.CellFormulaValue,
      expected: null,
    },
    {
      name: 'formula with an error result',
      value: { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue,
      expected: '#DIV/0!',
    },
    {
      name: 'shared formula',
      value: { sharedFormula: 'A1', result: 'R' } as unknown as ExcelJS.CellValue,
      expected: 'R',
    },
    {
      name: 'rich text',
      value: { richText: [{ text: 'Log ' }, { text: 'the incident', font: { bold: true } }] },
      expected: 'Log the incident',
    },
    {
      name: 'hyperlink',
      value: { text: 'Run the review', hyperlink: 'https://example.org' },
      expected: 'Run the review',
    },
    {
      name: 'hyperlink with rich text',
      value: {
        text: { richText: [{ text: 'Rich' }, { text: 'Link' }] },
        hyperlink: 'https://x',
      } as unknown as ExcelJS.CellValue,
      expected: 'RichLink',
    },
    { name: 'error', value: { error: '#N/A' } as ExcelJS.CellErrorValue, expected: '#N/A' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(toCellValue(c.value)).toEqual(c.expected));
  }
});

describe('readWorkbookBuffer', () => {
  it('reads values, merges and dates from a real file, the same in any time zone', async () => {
    const bytes = await workbookBytes([
      {
        name: 'Incident',
        rows: [
          ['Incident RACI', null, null],
          ['Last reviewed', utcDate('2026-03-31'), null],
          ['Activity', 'Owner', 'Manager'],
          [
            { richText: [{ text: 'Log ' }, { text: 'it' }] },
            { formula: '"A"', result: 'A' } as ExcelJS.CellFormulaValue,
            'R',
          ],
          [
            { text: 'Close', hyperlink: 'https://example.org' },
            'I',
            { formula: 'X1' } as ExcelJS.CellFormulaValue,
          ],
        ],
        merges: ['A1:C1'],
      },
    ]);
    const sheets = await readWorkbookBuffer(bytes, 'x.xlsx');
    expect(sheets).toEqual([
      {
        name: 'Incident',
        rows: [
          ['Incident RACI'],
          ['Last reviewed', '2026-03-31'],
          ['Activity', 'Owner', 'Manager'],
          ['Log it', 'A', 'R'],
          ['Close', 'I'],
        ],
        merges: ['A1:C1'],
      },
    ]);
  });

  it('keeps a merged value in its top-left cell only, and keeps inner blank rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('M');
    ws.getCell('B2').value = 'Phase 1';
    ws.mergeCells('B2:D3');
    ws.getCell('A5').value = 'after';
    const sheets = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'm.xlsx');
    expect(sheets[0].rows).toEqual([[], [null, 'Phase 1'], [], [], ['after']]);
    expect(sheets[0].merges).toEqual(['B2:D3']);
  });

  it('trims the empty used range of a Google Sheets export (1000 rows x 26 columns)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Export');
    ws.getCell('A1').value = 'Activity';
    ws.getCell('B1').value = 'Owner';
    ws.getCell('A2').value = 'Do it';
    ws.getCell('B2').value = 'A';
    for (let r = 3; r <= 1000; r++) ws.getCell(r, 26).value = '';
    ws.getCell('Z1000').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };
    ws.getCell('C2').value = '   ';
    const sheets = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'g.xlsx');
    expect(sheets[0].rows).toEqual([
      ['Activity', 'Owner'],
      ['Do it', 'A'],
    ]);
  });

  it('refuses bytes that are not a readable workbook, naming the file', async () => {
    await expect(readWorkbookBuffer(Buffer.from('hello'), 'notes.xlsx')).rejects.toThrow(
      /notes\.xlsx: the file is not an \.xlsx workbook/,
    );
    await expect(readWorkbookBuffer(Buffer.alloc(0), 'empty.xlsx')).rejects.toBeInstanceOf(
      UnreadableWorkbookError,
    );
    const good = await workbookBytes([{ name: 'S', rows: [['x']] }]);
    await expect(
      readWorkbookBuffer(good.subarray(0, Math.floor(good.length / 2)), 'half.xlsx'),
    ).rejects.toThrow(/half\.xlsx: the workbook is damaged or truncated/);
  });
});

describe('readWorkbook', () => {
  it('reads a file, refuses one over the size limit, and names a missing one', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'small.xlsx');
      writeFileSync(path, await workbookBytes([{ name: 'S', rows: [['Activity', 'Owner']] }]));
      expect((await readWorkbook(path))[0].rows).toEqual([['Activity', 'Owner']]);
      await expect(readWorkbook(path, { maxBytes: 100 })).rejects.toThrow(
        /small\.xlsx: the file is .* larger than/,
      );
      await expect(readWorkbook(join(dir, 'gone.xlsx'))).rejects.toThrow(
        /gone\.xlsx: the file does not exist/,
      );
    } finally {
      cleanup();
    }
  });
});
