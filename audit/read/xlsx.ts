/**
 * The audit's one door from .xlsx files into the core: `readWorkbook(path)` turns every
 * worksheet into the core's plain grid. Every exceljs quirk is settled here and nowhere else:
 * formulas count by their cached result, rich text and hyperlinks by their text, errors by
 * their code (`#N/A`), dates (exceljs gives UTC-midnight Dates) by the calendar date people
 * typed, merged ranges are passed on with their value in the top-left cell only, and the empty
 * rows and columns Google Sheets exports (1000 x 26 of nothing) are trimmed. A file that
 * cannot be read throws an `UnreadableWorkbookError` whose message names the file and says why
 * in words a person understands. Hardening against hostile files (zip bombs, streaming with a
 * timeout) is a later issue; it will live behind this same function.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import type { CellValue, Grid, SheetInput } from '../../src/core/model';

/**
 * Returns the exceljs module, loaded on first use: the audit's worker threads read most files
 * without it (`read/fast/`), and loading it costs about 150 ms per thread.
 */
export function loadExcelJS(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

/** Files larger than this are refused before they are opened (bytes). */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

/** A workbook that could not be read; `reason` is a sentence about the file, for people. */
export class UnreadableWorkbookError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnreadableWorkbookError';
  }
}

/** Returns `YYYY-MM-DD` for a Date exceljs produced (its UTC fields are the date typed). */
export function calendarDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${m}-${d}`;
}

/**
 * Returns the core's value for one exceljs cell value: text, number, boolean, a `YYYY-MM-DD`
 * date, or null for empty. A formula without a cached result counts as empty (the file was
 * saved without computing it, so there is no value anyone has seen); a formula whose result
 * is an error, and an error cell, count as the error code text (`#REF!`), so a rule can
 * point at it instead of silently treating it as blank.
 */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return calendarDate(value);
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      return 'result' in v ? toCellValue(v.result as ExcelJS.CellValue) : null;
    }
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('');
    }
    if ('hyperlink' in v || 'text' in v) {
      return toCellValue(v.text as ExcelJS.CellValue);
    }
    if ('error' in v) return String(v.error);
  }
  return null;
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/**
 * Returns one worksheet as the core's `SheetInput`: rows trimmed of trailing blank rows and
 * columns (only cells that hold something are visited, so a 1000 x 26 export of nothing costs
 * nothing), merged cells with their value in the top-left cell only.
 */
export function sheetFromWorksheet(ws: ExcelJS.Worksheet): SheetInput {
  const rows: Grid = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const v = toCellValue(cell.value);
      if (isBlank(v)) return;
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = v;
    });
    if (cells.length === 0) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  });
  const sheet: SheetInput = { name: ws.name, rows };
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0) sheet.merges = [...merges].sort();
  return sheet;
}

/** Returns every worksheet of an exceljs workbook as grids, in workbook order. */
export function sheetsFromWorkbook(workbook: ExcelJS.Workbook): SheetInput[] {
  return workbook.worksheets.map(sheetFromWorksheet);
}

/** Returns a sentence saying what kind of file this is when it is plainly not an .xlsx. */
function describeNonXlsx(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) {
    return 'the file is password-protected (encrypted) or an old .xls workbook; save it as an unprotected .xlsx';
  }
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) {
    return 'the file is not an .xlsx workbook (it is not a zip archive)';
  }
  return null;
}

/** Returns the sheets of a workbook held in memory; throws `UnreadableWorkbookError` when it cannot be read. */
export async function readWorkbookBuffer(bytes: Buffer, file: string): Promise<SheetInput[]> {
  const notXlsx = describeNonXlsx(bytes);
  if (notXlsx) throw new UnreadableWorkbookError(file, notXlsx);
  const workbook = new (loadExcelJS().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UnreadableWorkbookError(
      file,
      `the workbook is damaged or truncated and could not be opened (${detail})`,
    );
  }
  if (workbook.worksheets.length === 0) {
    throw new UnreadableWorkbookError(file, 'the workbook holds no worksheet');
  }
  try {
    return sheetsFromWorkbook(workbook);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UnreadableWorkbookError(file, `a worksheet could not be read (${detail})`);
  }
}

/**
 * Returns every worksheet of the .xlsx at `path` as the core's grids. Throws an
 * `UnreadableWorkbookError` naming the file when it is missing, too large, not an .xlsx,
 * encrypted or damaged.
 */
export async function readWorkbook(
  path: string,
  limits: { maxBytes?: number } = {},
): Promise<SheetInput[]> {
  const name = basename(path);
  const maxBytes = limits.maxBytes ?? MAX_WORKBOOK_BYTES;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new UnreadableWorkbookError(name, 'the file does not exist or cannot be opened');
  }
  if (size > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw new UnreadableWorkbookError(
      name,
      `the file is ${mb(size)}, larger than the ${mb(maxBytes)} limit for one workbook`,
    );
  }
  return readWorkbookBuffer(await readFile(path), name);
}
