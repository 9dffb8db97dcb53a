/**
 * `inspectXlsx` on valid workbooks under tight limits (each limit holds exactly at its value
 * and breaks one past it), its time limit, odd but valid parts (UTF-16, a worksheet part no
 * sheet names), and `findShortRead` against the audit's real exceljs reader: a reader that
 * read everything passes, one that lost a sheet or stopped early is named.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  findShortRead,
  inspectXlsx,
  resolveLimits,
  type Inspection,
  type InspectionPassed,
  type Limits,
} from '../../../audit/guard';
import { readWorkbook } from '../../../audit/read/xlsx';
import { BAD_CASES } from './support/corpus';
import { RACI_PART, raciWorkbook } from './support/workbooks';
import { buildZip, replaceParts, unzip } from './support/zip-builder';

let dir: string;
let goodPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'raci-guard-inspect-'));
  goodPath = join(dir, 'good.xlsx');
  await writeFile(goodPath, await raciWorkbook());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function passed(verdict: Inspection): InspectionPassed {
  if (!verdict.ok) throw new Error(`refused: ${verdict.reason}`);
  return verdict;
}

describe('inspectXlsx on a valid workbook', () => {
  it('counts rows, cells, merged cells and shared strings', async () => {
    const verdict = passed(await inspectXlsx(goodPath));
    expect(verdict.file).toBe('good.xlsx');
    expect(verdict.sheets).toEqual([
      {
        name: 'Register',
        part: 'xl/worksheets/sheet1.xml',
        rows: 2,
        cells: 10,
        lastValueRow: 2,
        longestText: 0,
        mergedCells: 0,
      },
      {
        name: 'RACI',
        part: RACI_PART,
        rows: 5,
        cells: 20,
        lastValueRow: 5,
        longestText: 0,
        mergedCells: 4,
      },
    ]);
    expect(verdict.cells).toBe(10 + 20 + 4);
    expect(verdict.sharedStrings).toBe(22);
  });

  it('uses the given name in messages', async () => {
    const verdict = await inspectXlsx(join(dir, 'nowhere.xlsx'), undefined, 'inputs/nowhere.xlsx');
    expect(verdict).toMatchObject({
      ok: false,
      message: 'inputs/nowhere.xlsx: the file does not exist or cannot be opened',
    });
  });

  it('refuses a folder', async () => {
    expect(await inspectXlsx(dir)).toMatchObject({
      ok: false,
      reason: 'this is a folder, not a file',
    });
  });

  it('refuses a device without reading it (it could be endless)', async () => {
    const verdict = await inspectXlsx('/dev/zero', undefined, 'zero.xlsx');
    expect(verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a regular file/),
    });
  });
});

describe('each limit holds at its value and breaks one past it', () => {
  test.each<[keyof Limits, number, RegExp]>([
    ['maxRowsPerSheet', 5, /sheet "RACI" \(xl\/worksheets\/sheet2\.xml\) has more than 4 rows/],
    [
      'maxCellsPerWorkbook',
      34,
      /more than 33 cells, the limit for one workbook \(the merged range A1:D1 in sheet "RACI"/,
    ],
    ['maxSharedStrings', 22, /holds more than 21 strings/],
    [
      'maxZipEntries',
      0,
      /the zip archive holds \d+ entries, more than the limit of \d+ entries \(over by 1\)/,
    ],
  ])('%s', async (key, atLimit, reason) => {
    let limit = atLimit;
    if (key === 'maxZipEntries') limit = (await unzip(await raciWorkbook())).size;
    expect((await inspectXlsx(goodPath, resolveLimits({ [key]: limit }))).ok).toBe(true);
    const verdict = await inspectXlsx(goodPath, resolveLimits({ [key]: limit - 1 }));
    expect(verdict).toMatchObject({ ok: false, limit: key });
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });

  it('maxCellTextChars counts the characters of a cell, not its bytes', async () => {
    const path = join(dir, 'accents.xlsx');
    await writeFile(path, await raciWorkbook({ longText: 'é'.repeat(100) }));
    expect((await inspectXlsx(path, resolveLimits({ maxCellTextChars: 100 }))).ok).toBe(true);
    const verdict = await inspectXlsx(path, resolveLimits({ maxCellTextChars: 99 }));
    expect(verdict.ok ? '' : verdict.reason).toMatch(
      /cell B5 of sheet "RACI" .* holds a text of 100 characters, more than the limit of 99 characters \(over by 1\)/,
    );
  });

  it('maxTotalUncompressedBytes and maxDescriptorPartBytes', async () => {
    const total = await inspectXlsx(goodPath, resolveLimits({ maxTotalUncompressedBytes: 4096 }));
    expect(total).toMatchObject({ ok: false, limit: 'maxTotalUncompressedBytes' });
    expect(total.ok ? '' : total.reason).toMatch(
      /the workbook's parts would expand to more than 4\.0 KB in all/,
    );
    const descriptor = await inspectXlsx(goodPath, resolveLimits({ maxDescriptorPartBytes: 100 }));
    expect(descriptor).toMatchObject({
      ok: false,
      limit: 'maxDescriptorPartBytes',
      part: 'xl/workbook.xml',
    });
  });

  it('maxOtherXmlPartBytes holds styles, themes and other parts the guard does not stream', async () => {
    const verdict = await inspectXlsx(goodPath, resolveLimits({ maxOtherXmlPartBytes: 2000 }));
    expect(verdict).toMatchObject({
      ok: false,
      limit: 'maxOtherXmlPartBytes',
      part: 'xl/theme/theme1.xml',
    });
    expect(verdict.ok ? '' : verdict.reason).toMatch(
      /^part xl\/theme\/theme1\.xml is [\d.]+ KB, more than the limit of 2\.0 KB \(over by [\d.]+ KB\) for a styles, comments or drawing part$/,
    );
  });

  it('maxFileBytes', async () => {
    const verdict = await inspectXlsx(goodPath, resolveLimits({ maxFileBytes: 1000 }));
    expect(verdict).toMatchObject({ ok: false, limit: 'maxFileBytes' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(
      /^the file is [\d.]+ KB, larger than the 1000 bytes limit for one workbook/,
    );
  });

  it('maxCompressionRatio only applies to parts above compressionRatioAppliesAboveBytes', async () => {
    const strict = { maxCompressionRatio: 1 };
    expect((await inspectXlsx(goodPath, resolveLimits(strict))).ok).toBe(true);
    const verdict = await inspectXlsx(
      goodPath,
      resolveLimits({ ...strict, compressionRatioAppliesAboveBytes: 1 }),
    );
    expect(verdict).toMatchObject({ ok: false, limit: 'maxCompressionRatio' });
  });
});

describe('time limit', () => {
  it('stops a long inspection and says it could not be checked in time', async () => {
    const big = BAD_CASES.find((c) => c.file === 'million-styled-empty-rows.xlsx');
    const path = await big!.build(dir);
    const started = Date.now();
    const verdict = await inspectXlsx(
      path,
      resolveLimits({ maxRowsPerSheet: 2_000_000, inspectTimeoutMs: 20 }),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(verdict).toMatchObject({ ok: false, limit: 'inspectTimeoutMs' });
    expect(verdict.ok ? '' : verdict.reason).toMatch(/could not be checked within 20 ms/);
  });
});

describe('odd but valid parts', () => {
  it('reads a UTF-16 sheet part the same as its UTF-8 original', async () => {
    const parts = await unzip(await raciWorkbook());
    const utf8 = (parts.get(RACI_PART) as Buffer)
      .toString('utf8')
      .replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]);
    const path = join(dir, 'utf16.xlsx');
    await writeFile(path, buildZip(replaceParts(parts, { [RACI_PART]: utf16 })));
    const verdict = passed(await inspectXlsx(path));
    expect(verdict.sheets[1]).toMatchObject({ name: 'RACI', rows: 5, cells: 20, lastValueRow: 5 });
  });

  it('counts a worksheet part no sheet names against the cell limit (exceljs loads it too)', async () => {
    const parts = await unzip(await raciWorkbook());
    const stray = Buffer.from(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"/><c r="B1"/></row></sheetData></worksheet>',
    );
    const path = join(dir, 'stray-part.xlsx');
    await writeFile(path, buildZip(replaceParts(parts, { 'xl/worksheets/sheet9.xml': stray })));
    const verdict = passed(await inspectXlsx(path));
    expect(verdict.sheets).toHaveLength(2);
    expect(verdict.cells).toBe(34 + 2);
  });
});

describe('data validations', () => {
  it('accepts a dropdown over one whole column (exceljs loads it in about 235 MB)', async () => {
    const parts = await unzip(await raciWorkbook());
    const validation =
      '<dataValidations count="1"><dataValidation type="list" sqref="C1:C1048576 D:D"><formula1>"R,A,C,I"</formula1></dataValidation></dataValidations>';
    const sheet = (parts.get(RACI_PART) as Buffer)
      .toString('utf8')
      .replace('<pageMargins', `${validation}<pageMargins`);
    const path = join(dir, 'column-dropdown.xlsx');
    await writeFile(path, buildZip(replaceParts(parts, { [RACI_PART]: Buffer.from(sheet) })));
    const verdict = passed(await inspectXlsx(path));
    expect(verdict.cells).toBe(34);
    const tight = await inspectXlsx(path, resolveLimits({ maxValidatedCells: 1_048_575 }));
    expect(tight).toMatchObject({ ok: false, limit: 'maxValidatedCells' });
  });
});

describe('findShortRead against the real exceljs reader', () => {
  it('finds nothing missing when the reader read everything', async () => {
    const verdict = passed(await inspectXlsx(goodPath));
    expect(findShortRead(verdict, await readWorkbook(goodPath))).toBeNull();
  });

  it('does not count blank text or empty formulas as values', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('RACI');
    sheet.addRow(['Activity', 'Owner']);
    sheet.addRow(['Log', 'A']);
    sheet.addRow(['   ', null]);
    sheet.getCell('B4').value = { formula: 'A1&""' } as ExcelJS.CellFormulaValue;
    sheet.getCell('C5').value = { richText: [{ text: ' ' }] };
    const path = join(dir, 'blank-tail.xlsx');
    await writeFile(path, Buffer.from(await workbook.xlsx.writeBuffer()));
    const verdict = passed(await inspectXlsx(path));
    expect(verdict.sheets[0].lastValueRow).toBe(2);
    const read = await readWorkbook(path);
    expect(read[0].rows).toHaveLength(2);
    expect(findShortRead(verdict, read)).toBeNull();
  });

  it('matches a sheet name cut to 31 characters to its whole', () => {
    const long = 'RACI for Incident and Problem Management (2026)';
    const verdict = {
      ok: true as const,
      file: 'x.xlsx',
      sheets: [
        {
          name: long,
          part: RACI_PART,
          rows: 1,
          cells: 1,
          lastValueRow: 1,
          longestText: 0,
          mergedCells: 0,
        },
      ],
      cells: 1,
      sharedStrings: 0,
      parts: 1,
      uncompressedBytes: 1,
    };
    expect(findShortRead(verdict, [{ name: long.slice(0, 31), rows: [['x']] }])).toBeNull();
    expect(findShortRead(verdict, [{ name: long.slice(0, 30), rows: [['x']] }])).toMatch(/missing/);
  });

  it('names a sheet the reader did not return', async () => {
    const verdict = passed(await inspectXlsx(goodPath));
    const read = (await readWorkbook(goodPath)).filter((s) => s.name !== 'RACI');
    expect(findShortRead(verdict, read)).toBe(
      'the reader returned 1 of the 2 sheets the workbook names (missing: "RACI"); the file was not read completely',
    );
  });

  it('names a sheet the reader stopped reading early', async () => {
    const verdict = passed(await inspectXlsx(goodPath));
    const read = (await readWorkbook(goodPath)).map((s) =>
      s.name === 'RACI' ? { ...s, rows: s.rows.slice(0, 3) } : s,
    );
    expect(findShortRead(verdict, read)).toBe(
      'the reader stopped early in sheet "RACI": it returned 3 rows, but the sheet has values down to row 5',
    );
  });
});
