/**
 * The look of the workbook reports, cell by cell, read back with exceljs: title lines, the
 * header row and every data row of every sheet carry the fonts, fills, alignments and number
 * formats they should, coloured only in the columns that are coloured. The reports hand the
 * writer one shared look object per distinct look (so a cell's style is found by identity, not
 * worked out per cell); these tests hold that the file still says what each cell looks like,
 * and that the styles part does not grow with the number of rows.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { ReportJson } from '../../../audit/report/model';
import { renderComplianceWorkbook, renderSponsorWorkbook } from '../../../audit/report/xlsx';
import { fixtureReport } from '../support/report-fixture';

const WHITE = 'FFFFFFFF';
const HEADER_FILL = 'FF1F3864';
const STATUS_FILLS = ['FFFFC7CE', 'FFFFEB9C', 'FFDDEBF7', 'FFC6EFCE'];

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** Returns the text of one part of a zip (an .xlsx), e.g. `xl/styles.xml`. */
function zipPart(bytes: Buffer, name: string): Promise<string> {
  return new Promise((resolvePart, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.replace(/^\//, '') !== name) return zip.readEntry();
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr || !stream) return reject(openErr ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolvePart(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`${name} is not in the workbook`)));
      zip.readEntry();
    });
  });
}

function argb(fill: ExcelJS.Fill | undefined): string | undefined {
  return fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

/**
 * Checks every row of a report sheet: `titles` title lines (the first bold 14 pt), a blank line
 * after them, the header row (bold white on dark blue, middle-aligned, wrapped), then data rows
 * (top-aligned, wrapped, not bold) with a status fill only in `colouredColumns`. Every cell has
 * its column's number format. Returns the number of data rows.
 */
function checkSheet(ws: ExcelJS.Worksheet, titles: number, colouredColumns: number[]): number {
  const headerRow = (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit ?? 0;
  expect(headerRow).toBe(titles > 0 ? titles + 2 : 1);
  const widths = ws.columns.map((c) => c.width);
  let dataRows = 0;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const where = `${ws.name} row ${n}`;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const at = `${where} column ${c}`;
      expect([at, cell.numFmt]).toEqual([at, ws.getColumn(c).numFmt]);
    });
    if (n <= titles) {
      const font = n === 1 ? { bold: true, size: 14 } : { size: 11 };
      expect([where, row.font]).toEqual([where, font]);
      expect([where, row.getCell(1).font]).toEqual([where, font]);
    } else if (n < headerRow) {
      expect([where, row.cellCount]).toEqual([where, 0]);
    } else if (n === headerRow) {
      expect([where, row.font, argb(row.fill)]).toEqual([
        where,
        { bold: true, color: { argb: WHITE } },
        HEADER_FILL,
      ]);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const at = `${where} column ${c}`;
        expect([at, cell.font, argb(cell.fill), cell.alignment]).toEqual([
          at,
          { bold: true, color: { argb: WHITE } },
          HEADER_FILL,
          { vertical: 'middle', wrapText: true },
        ]);
      });
      expect(row.cellCount).toBe(widths.length);
    } else {
      dataRows += 1;
      expect([where, row.alignment]).toEqual([where, { vertical: 'top', wrapText: true }]);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const at = `${where} column ${c}`;
        expect([at, cell.alignment, cell.font?.bold]).toEqual([
          at,
          { vertical: 'top', wrapText: true },
          undefined,
        ]);
        const fill = argb(cell.fill);
        if (colouredColumns.includes(c)) {
          if (ws.name !== 'Review cadence' || c !== 10) {
            expect([at, STATUS_FILLS.includes(fill ?? '')]).toEqual([at, true]);
          }
        } else {
          expect([at, fill]).toEqual([at, undefined]);
        }
      });
    }
  });
  expect(widths.every((w) => typeof w === 'number' && w > 5)).toBe(true);
  return dataRows;
}

describe('the look of the workbook reports', () => {
  it.each([
    ['Summary', 3, [6], (r: ReportJson) => r.sponsors.length],
    ['Items', 0, [7], (r: ReportJson) => r.items.length],
    ['Findings', 0, [1], (r: ReportJson) => r.findings.length],
    ['Review cadence', 3, [7, 10, 12], (r: ReportJson) => r.items.length],
    ['People', 0, [], (r: ReportJson) => r.people.length],
    ['Inputs', 0, [2], (r: ReportJson) => r.inputs.length],
  ])(
    'compliance sheet %s: title lines, header and rows carry their fonts, fills, alignment and formats',
    async (sheet, titles, coloured, rows) => {
      const report = fixtureReport();
      const wb = await load(await renderComplianceWorkbook(report));
      expect(checkSheet(wb.getWorksheet(sheet)!, titles, coloured)).toBe(rows(report));
    },
  );

  it("colours the review cadence's due-next-quarter column only for reviews due then", async () => {
    const report = fixtureReport();
    const wb = await load(await renderComplianceWorkbook(report));
    const ws = wb.getWorksheet('Review cadence')!;
    const marks: [unknown, string | undefined][] = [];
    ws.eachRow((row, n) => {
      if (n > 5) marks.push([row.getCell(10).value, argb(row.getCell(10).fill)]);
    });
    expect(marks.length).toBeGreaterThan(0);
    for (const [due, fill] of marks) expect(fill).toBe(due === 'yes' ? 'FFDDEBF7' : undefined);
    expect(marks.some(([due]) => due === 'yes')).toBe(true);
  });

  it("styles a sponsor's attachment like the compliance workbook", async () => {
    const report = fixtureReport();
    const wb = await load(await renderSponsorWorkbook(report, report.sponsors[0]));
    expect(checkSheet(wb.getWorksheet('Items')!, 2, [7])).toBe(report.sponsors[0].items);
    expect(checkSheet(wb.getWorksheet('Findings')!, 0, [1])).toBeGreaterThan(0);
  });

  it('writes the same styles part for 6 findings as for 3,000 of the same kinds', async () => {
    const small = fixtureReport();
    const large = fixtureReport();
    large.findings = Array.from({ length: 3000 }, (_, i) => ({
      ...small.findings[i % small.findings.length],
      cell: `B${i + 2}`,
    }));
    const [smallBytes, largeBytes] = await Promise.all([
      renderComplianceWorkbook(small),
      renderComplianceWorkbook(large),
    ]);
    const smallStyles = await zipPart(smallBytes, 'xl/styles.xml');
    expect(await zipPart(largeBytes, 'xl/styles.xml')).toBe(smallStyles);
    // A handful of looks: headers, titles, plain and coloured cells per number format.
    const xfs = Number(/<cellXfs count="(\d+)"/.exec(smallStyles)?.[1]);
    expect(xfs).toBeGreaterThan(5);
    expect(xfs).toBeLessThan(40);
    const findings = (await load(largeBytes)).getWorksheet('Findings')!;
    expect(checkSheet(findings, 0, [1])).toBe(3000);
  });
});
