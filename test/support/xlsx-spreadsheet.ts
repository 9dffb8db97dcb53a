/**
 * Loads a real .xlsx through exceljs into the fake Spreadsheet service, the way Sheets would
 * hold it after File > Import: values (formula results, rich text as plain text, hyperlink
 * text), dates as Sheets hands them out (midnight of the calendar date in the spreadsheet's
 * zone), solid fill colours as backgrounds, cell notes, and merged ranges.
 */
import ExcelJS from 'exceljs';
import { FakeSpreadsheet, midnightIn, parseA1 } from './fake-apps-script';

type ExcelValue = ExcelJS.CellValue;

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** exceljs dates are the typed wall time read as UTC; returns the same wall time in `zone`. */
function toSheetsDate(date: Date, zone: string): Date {
  const ymd = date.toISOString().slice(0, 10);
  const timeOfDay =
    date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnightIn(ymd, zone).getTime() + timeOfDay);
}

function plainValue(value: ExcelValue, zone: string): unknown {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return toSheetsDate(value, zone);
  if (typeof value !== 'object') return value;
  if ('richText' in value && Array.isArray(value.richText))
    return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result && typeof result === 'object' && 'error' in (result as object))
      return (result as { error: string }).error;
    return plainValue((result ?? '') as ExcelValue, zone);
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    return typeof text === 'string' ? text : plainValue(text as ExcelValue, zone);
  }
  if ('error' in value) return (value as { error: string }).error;
  return String(value);
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text).join('') : '';
}

function fillColour(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return null;
  const argb = fill.fgColor?.argb;
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return null;
  return `#${argb.slice(2).toLowerCase()}`;
}

/** Returns a fake spreadsheet holding the workbook in `bytes`, in time zone `timeZone`. */
export async function loadXlsxSpreadsheet(
  bytes: Buffer | ArrayBuffer,
  timeZone = 'Etc/UTC',
): Promise<FakeSpreadsheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const ss = new FakeSpreadsheet(timeZone);
  workbook.eachSheet((worksheet) => {
    const sheet = ss.addSheet(worksheet.name);
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        if (cell.isMerged && cell.master !== cell) return;
        const target = sheet.cell(rowNumber, colNumber);
        target.value = plainValue(cell.value, timeZone);
        target.background = fillColour(cell);
        target.note = noteText(cell.note);
      });
    });
    const merges = (worksheet.model as { merges?: string[] }).merges ?? [];
    for (const a1 of merges) sheet.merges.push(parseA1(a1));
  });
  return ss;
}
