/**
 * The streaming reader against the full reader on real .xlsx files: the same grids for every
 * kind of cell the audit meets (shared and inline strings, rich text, hyperlinks, numbers,
 * booleans, error cells, formulas with cached text, number and date results, date cells,
 * merged ranges with a stray value under the merge, empty and out-of-order sheets), the bundled
 * examples (exceljs writes workbook.xml last, which the bare streaming reader sometimes loses),
 * and files it must refuse in words: not a zip, truncated, too slow.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { streamReadWorkbook } from '../../../audit/parallel/stream-read';
import { readWorkbook, UnreadableWorkbookError } from '../../../audit/read/xlsx';
import { organisation, tempDir, utcDate, writeWorkbook } from '../support/workbooks';

const ROOT = resolve(__dirname, '..', '..', '..');
const tmp = tempDir('raci-stream-');
afterAll(() => tmp.cleanup());

async function writeEveryKindOfCell(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const kinds = wb.addWorksheet('Kinds');
  kinds.addRow(['Activity', 'Owner', 'Date', 'Formula', 'Flag']);
  kinds.addRow([
    { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] },
    { text: 'Linked', hyperlink: 'https://example.org' },
    utcDate('2026-07-01'),
    { formula: 'DATE(2026,7,1)', result: utcDate('2026-07-01') },
    true,
  ]);
  kinds.addRow(['Numbers', 42, 3.5, { formula: 'A1&"x"', result: 'Activityx' }, false]);
  kinds.addRow(['Errors', { error: '#N/A' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
  kinds.addRow(['No cached result', { formula: 'B3*2' } as ExcelJS.CellValue, '   ']);
  kinds.getCell('C2').numFmt = 'yyyy-mm-dd';
  kinds.getCell('D2').numFmt = 'dd/mm/yyyy';
  kinds.getCell('A8').value = 'after a gap';
  kinds.getCell('H8').value = 'far right';

  const merged = wb.addWorksheet('Merged');
  merged.getCell('A1').value = 'Title across';
  merged.mergeCells('A1:E1');
  merged.getCell('A3').value = 'Activity';
  merged.getCell('B3').value = 'Role';
  merged.getCell('A4').value = 'Section';
  merged.mergeCells('A4:A6');
  merged.getCell('B4').value = 'R';
  merged.getCell('B5').value = 'A';
  wb.addWorksheet('Empty');
  await wb.xlsx.writeFile(path);

  // A value left under a merge (some tools keep it) must stay hidden, as in the full reader.
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(path);
  const ws = again.getWorksheet('Merged') as ExcelJS.Worksheet;
  ws.unMergeCells('A1:E1');
  ws.getCell('C1').value = 'hidden under the merge';
  ws.mergeCells('A1:E1');
  await again.xlsx.writeFile(path);
}

describe('streamReadWorkbook gives the grids readWorkbook gives', () => {
  it('for every kind of cell, merges and sheet', async () => {
    const path = join(tmp.dir, 'kinds.xlsx');
    await writeEveryKindOfCell(path);
    const full = await readWorkbook(path);
    expect(full.map((s) => s.name)).toEqual(['Kinds', 'Merged', 'Empty']);
    expect(full[1].merges).toEqual(['A1:E1', 'A4:A6']);
    expect(await streamReadWorkbook(path)).toEqual(full);
  });

  it.each([
    ['examples/workbooks/service-management.xlsx'],
    ['examples/workbooks/business-services.xlsx'],
    ['examples/leadership.xlsx'],
  ])('for %s, every time', async (file) => {
    const path = join(ROOT, file);
    const full = await readWorkbook(path);
    // The bare streaming reader loses the sheet list on some runs of these files: repeat.
    for (let i = 0; i < 5; i++) expect(await streamReadWorkbook(path)).toEqual(full);
  });

  it('for a generated organisation workbook', async () => {
    const path = join(tmp.dir, 'org.xlsx');
    await writeWorkbook(path, organisation());
    expect(await streamReadWorkbook(path)).toEqual(await readWorkbook(path));
  });
});

describe('streamReadWorkbook refuses what it cannot read', () => {
  const examples = join(ROOT, 'examples/workbooks/service-management.xlsx');

  it('says a truncated file is damaged or truncated', async () => {
    const path = join(tmp.dir, 'truncated.xlsx');
    const bytes = readFileSync(examples);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(streamReadWorkbook(path)).rejects.toBeInstanceOf(UnreadableWorkbookError);
    await expect(streamReadWorkbook(path)).rejects.toThrow(
      /truncated\.xlsx: the workbook is damaged or truncated/,
    );
  });

  it('says a file that is not a zip is not an .xlsx workbook', async () => {
    const path = join(tmp.dir, 'text.xlsx');
    writeFileSync(path, 'Activity,Owner\nLog,R\n');
    await expect(streamReadWorkbook(path)).rejects.toThrow(
      'text.xlsx: the file is not an .xlsx workbook (it is not a zip archive)',
    );
  });

  it('says a missing file cannot be opened', async () => {
    await expect(streamReadWorkbook(join(tmp.dir, 'missing.xlsx'))).rejects.toThrow(
      'missing.xlsx: the file does not exist or cannot be opened',
    );
  });

  it('gives up after the time limit instead of waiting for a reader that never ends', async () => {
    const path = join(tmp.dir, 'slow.xlsx');
    copyFileSync(examples, path);
    await expect(streamReadWorkbook(path, { timeoutMs: 1 })).rejects.toThrow(
      /slow\.xlsx: the workbook could not be read within 1 ms/,
    );
  });
});
