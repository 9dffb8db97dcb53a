/**
 * The preview's parts without a browser: a real .xlsx (written by exceljs with dates, fills,
 * notes, merges, formulas and rich text) loads into the fake spreadsheet as Sheets would hold
 * it, the preview server answers google.script.run calls over HTTP with the real bundle, and
 * the command line is checked.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidationPage } from '../../src/addon/validate';
import { parsePreviewArgs } from '../../scripts/preview';
import { formatDateInZone } from '../support/fake-apps-script';
import { SHIM, startPreview } from '../support/preview-server';
import { loadXlsxSpreadsheet } from '../support/xlsx-spreadsheet';

const NOW = new Date('2026-11-20T03:00:00Z');

async function workbookBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Incident RACI');
  ws.addRow(['Incident Management RACI']);
  ws.mergeCells('A1:D1');
  ws.addRow(['Last reviewed:', new Date(Date.UTC(2026, 8, 30))]);
  ws.addRow([]);
  ws.addRow(['Activity', 'Owner', 'Manager', 'Analyst']);
  ws.addRow([
    { richText: [{ text: 'Log ' }, { text: 'incident', font: { bold: true } }] },
    'A',
    'R',
    'I',
  ]);
  ws.addRow(['Resolve', { formula: 'B5', result: 'A' }, 'A', 'R']);
  ws.getCell('A6').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
  ws.getCell('A6').note = 'Two A here';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('loading an .xlsx for the preview', () => {
  it('holds values, dates, fills, notes and merges as Sheets would', async () => {
    const ss = await loadXlsxSpreadsheet(await workbookBytes(), 'Pacific/Auckland');
    const sheet = ss.sheet('Incident RACI');
    expect(sheet.inspect('A5').value).toBe('Log incident');
    expect(sheet.inspect('B6').value).toBe('A');
    const date = sheet.inspect('B2').value as Date;
    expect(formatDateInZone(date, 'Pacific/Auckland', 'yyyy-MM-dd')).toBe('2026-09-30');
    expect(sheet.inspect('A6')).toMatchObject({ background: '#00ff00', note: 'Two A here' });
    expect(sheet.merges).toEqual([{ row: 1, column: 1, numRows: 1, numColumns: 4 }]);
  });

  it('serves the sidebar with the shim and answers server calls over HTTP with the real bundle', async () => {
    const ss = await loadXlsxSpreadsheet(await workbookBytes(), 'Europe/Berlin');
    const preview = await startPreview({ spreadsheet: ss, now: NOW });
    try {
      const html = await (await fetch(`${preview.url}/sidebar`)).text();
      expect(html).toContain(SHIM);
      expect(html).toContain('<div class="sidebar branding-below">');
      const answer = (await (
        await fetch(`${preview.url}/rpc/validate`, { method: 'POST', body: '[]' })
      ).json()) as { ok: boolean; value: ValidationPage };
      expect(answer.ok).toBe(true);
      expect(answer.value.findings.map((f) => `${f.rule}@${f.cell}`)).toContain(
        'matrix/multiple-accountable@A6',
      );
      const failed = (await (
        await fetch(`${preview.url}/rpc/selectCell`, { method: 'POST', body: '["Nope","A1"]' })
      ).json()) as { ok: boolean; error: string };
      expect(failed).toEqual({ ok: false, error: 'There is no sheet named "Nope" any more.' });
      const unknown = (await (
        await fetch(`${preview.url}/rpc/eval`, { method: 'POST', body: '[]' })
      ).json()) as {
        ok: boolean;
        error: string;
      };
      expect(unknown).toEqual({ ok: false, error: 'Script function not found: eval' });
      const state = (await (await fetch(`${preview.url}/state`)).json()) as { sheets: string[] };
      expect(state.sheets).toEqual(['Incident RACI']);
    } finally {
      await preview.close();
    }
  });

  it('loads the bundled example workbooks', async () => {
    const file = join(__dirname, '..', '..', 'examples', 'workbooks', 'service-management.xlsx');
    const ss = await loadXlsxSpreadsheet(readFileSync(file), 'Etc/UTC');
    expect(ss.sheets.length).toBeGreaterThan(1);
  });
});

describe('preview command line', () => {
  it.each([
    [[], { port: 0, validate: false }],
    [
      ['book.xlsx', '--port', '8080', '--validate'],
      { file: 'book.xlsx', port: 8080, validate: true },
    ],
    [['--time-zone', 'Asia/Tokyo'], { timeZone: 'Asia/Tokyo' }],
  ])('parses %p', (args, expected) => {
    expect(parsePreviewArgs(args)).toMatchObject(expected);
  });

  it.each([
    [['--port', 'x'], '--port needs a port number, not "x".'],
    [
      ['--time-zone', 'Mars/Olympus'],
      '--time-zone needs an IANA zone like Europe/London, not "Mars/Olympus".',
    ],
    [['--colour'], 'Unknown option --colour.'],
    [['a.xlsx', 'b.xlsx'], 'Only one workbook at a time ("a.xlsx" and "b.xlsx").'],
  ])('rejects %p', (args, message) => {
    expect(() => parsePreviewArgs(args)).toThrow(message);
  });
});
