/**
 * The small rules exceljs applies while it loads an .xlsx, written out so the one-pass reader
 * (`./one-pass.ts`) gives the very values `readWorkbook` gives: which number formats make a
 * number a date (`isDateFormat`), how a date serial becomes a calendar date (`serialToDate`,
 * including the 1904 system and Excel's 1900 leap-year bug, exactly as exceljs computes it),
 * the `_x000D_` escapes of shared and rich text (`decodeTextEscapes`) and the second entity
 * decoding exceljs applies to formula string results (`decodeStringResult`). Each mirrors one
 * exceljs 4.4 function named in its comment; the equivalence tests hold them to it.
 */
import { calendarDate } from '../xlsx';

/** Built-in number formats (ids) whose format code exceljs takes for a date or time: 14-22, 45-47. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Returns true when a format code shows a date or time (exceljs `utils.isDateFmt`): one of
 * y, m, d, h, M, s, b outside brackets (`[Red]`, `[$-409]`) and quoted literals.
 */
export function isDateFormatCode(code: string): boolean {
  if (!code) return false;
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/**
 * Returns true when number format `numFmtId` makes a number a date, given the workbook's own
 * format codes (exceljs `StylesXform.getStyleModel`: a custom code first, else the built-in
 * one; id 0 or none means General).
 */
export function isDateFormat(numFmtId: number, customCodes: ReadonlyMap<number, string>): boolean {
  if (!numFmtId) return false;
  const custom = customCodes.get(numFmtId);
  if (custom) return isDateFormatCode(custom);
  return BUILT_IN_DATE_FORMATS.has(numFmtId);
}

/**
 * Returns `YYYY-MM-DD` for a cell value under a date format, or null when it is no date
 * (exceljs `utils.excelToDate` then `calendarDate`). `value` is what exceljs would hold: a
 * number, or for a formula any cached result (coerced as JavaScript's `-` does).
 */
export function serialToDate(value: unknown, date1904: boolean): string | null {
  const serial = Number(value);
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return calendarDate(new Date(ms));
}

/** Returns text with Excel's `_xHHHH_` escapes decoded (exceljs `TextXform`). */
export function decodeTextEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_whole, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

const STRING_RESULT_ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&apos;': "'",
  '&quot;': '"',
};

/** Returns a `t="str"` value decoded a second time, as exceljs does (`utils.xmlDecode`). */
export function decodeStringResult(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([a-z]*);/g, (whole) => STRING_RESULT_ENTITIES[whole] ?? whole);
}

/** Returns the column number (A = 1) of letters `A`..`XFD`. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** Returns the letters of column number `n` (1 = A). */
export function columnLetters(n: number): string {
  let letters = '';
  let rest = n;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** A cell address as numbers. */
export interface CellAddress {
  row: number;
  col: number;
}

/** Returns the row and column of a plain `B12` reference, or null for anything else. */
export function parseCellRef(ref: string): CellAddress | null {
  // /^([A-Z]{1,3})([1-9]\d{0,6})$/, read character by character: it runs once per cell.
  const n = ref.length;
  let i = 0;
  let col = 0;
  while (i < n && i < 3) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    i++;
  }
  if (i === 0 || i === n || n - i > 7 || ref.charCodeAt(i) === 48) return null;
  let row = 0;
  for (let k = i; k < n; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return null;
    row = row * 10 + d;
  }
  if (col > 16384 || row > 1048576) return null;
  return { row, col };
}
