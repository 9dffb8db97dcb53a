/**
 * The sheet adapter: turns the live spreadsheet into the core's plain grids with three batch
 * Spreadsheet calls per sheet (`getName`, `getDataRange`, `getValues`), never one per cell and
 * never one per merged range.
 *
 * Merged cells are not read: Apps Script has no batch call that gives every merged range's
 * position (`getMergedRanges()` hands out Range objects that each need calls of their own), so
 * a sheet with thousands of merges would cost thousands of calls. A merged cell is therefore
 * read from its top-left cell only; the cells below a vertical merge read as blank (as
 * `getValues()` returns them). The audit job, which reads the file's merge list in one go,
 * fills a vertically merged activity name down; in a sheet for the add-on, write the name in
 * each row or unmerge it.
 *
 * Dates: `getValues()` hands out Date objects for date cells, and a Sheets date is midnight of
 * the typed day in the spreadsheet's time zone. We format each Date in that zone
 * (`Utilities.formatDate(d, spreadsheetZone, 'yyyy-MM-dd')`), which gives back the calendar day
 * the person typed whatever the script's own zone is. (Display values were rejected: they
 * follow the cell's number format and locale, so `03/04/2026` would be ambiguous.)
 */
import type { CellValue, SheetInput } from '../core/model';
import type { FormatDate } from './env';
import type { SheetLike, SpreadsheetLike } from './gas-types';

/** True for a Date from any realm (Apps Script's, or a test's vm context). */
export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Returns one cell as the core wants it: text, number, boolean, null for blank, and dates as
 * `YYYY-MM-DD` calendar dates in the spreadsheet's zone.
 */
export function toCellValue(value: unknown, timeZone: string, formatDate: FormatDate): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (isDateValue(value)) {
    return Number.isNaN(value.getTime()) ? null : formatDate(value, timeZone, 'yyyy-MM-dd');
  }
  return String(value);
}

/**
 * Returns one sheet as a plain grid, in three Spreadsheet calls whatever its size and merges
 * (merged cells hold their value in the top-left cell only; see above).
 */
export function readSheet(sheet: SheetLike, timeZone: string, formatDate: FormatDate): SheetInput {
  const name = sheet.getName();
  const values = sheet.getDataRange().getValues();
  const rows = values.map((row) => row.map((v) => toCellValue(v, timeZone, formatDate)));
  return { name, rows };
}

/** Returns every sheet of the spreadsheet as plain grids, and the spreadsheet's time zone. */
export function readSpreadsheet(
  spreadsheet: SpreadsheetLike,
  formatDate: FormatDate,
): { sheets: SheetInput[]; timeZone: string } {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const sheets = spreadsheet.getSheets().map((sheet) => readSheet(sheet, timeZone, formatDate));
  return { sheets, timeZone };
}
