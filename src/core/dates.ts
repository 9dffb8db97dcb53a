/**
 * Calendar dates for the core: reading a date cell and arithmetic on `YYYY-MM-DD` strings.
 * A date here is a calendar date, never an instant: all arithmetic goes through `Date.UTC`
 * on year/month/day numbers, so results are the same in every time zone.
 *
 * What a date cell may hold (decided here, tested in `test/core/dates.test.ts`):
 * - `YYYY-MM-DD` text (what the shells make of real dates), optionally followed by a time
 *   (`2026-09-30T10:00:00Z`: the date part as written is the date), or `YYYY/MM/DD`;
 * - day/month text in the configured order (`DMY`: `30/09/2026`; `MDY`: `09/30/2026`),
 *   separated by `/`, `.` or `-`, with a four-digit year only: a two-digit year is reported
 *   invalid rather than given a guessed century;
 * - a month name (`30 Sep 2026`, `30 September 2026`, `Sep 30, 2026`), whatever the order;
 * - a number: an unconverted spreadsheet serial date (1900 date system), accepted only for
 *   dates from 1950-01-01 to 2199-12-31 so that a typed year such as `2026` is reported
 *   invalid rather than read as a day in 1905. A time fraction is dropped.
 * Anything else, and impossible dates such as 31/02/2026, are invalid: never guessed.
 */
import type { DateOrder } from './config';
import type { CellValue } from './model';

/** The result of reading a date cell: the calendar date, or null when blank or invalid. */
export interface ParsedDate {
  value: string | null;
  invalid: boolean;
}

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** Serial 18264 is 1950-01-01 and 109574 is 2199-12-31 in the 1900 date system. */
const FIRST_SERIAL = 18264;
const LAST_SERIAL = 109574;
const DAY_MS = 86_400_000;

/** Returns true when year/month/day name a real calendar day (leap years included). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Returns the number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Returns `YYYY-MM-DD` for year/month/day numbers (assumed valid). */
export function formatYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Returns the year, month and day of a `YYYY-MM-DD` string, or undefined when it is not a real date. */
export function splitIsoDate(
  iso: string,
): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(year, month, day) ? { year, month, day } : undefined;
}

/** Returns true when the text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return splitIsoDate(text) !== undefined;
}

function requireDate(iso: string): { year: number; month: number; day: number } {
  const parts = splitIsoDate(iso);
  if (!parts) throw new RangeError(`"${iso}" is not a calendar date written YYYY-MM-DD.`);
  return parts;
}

function toDayNumber(iso: string): number {
  const { year, month, day } = requireDate(iso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(days: number): string {
  const d = new Date(days * DAY_MS);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Returns the date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/**
 * Returns the date `months` months after `iso`, clamped to the end of a shorter month:
 * 2026-01-31 plus one month is 2026-02-28 (2028-02-29 in a leap year).
 */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = requireDate(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatYmd(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Returns the number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(toDayNumber(to) - toDayNumber(from));
}

/** Returns the earlier of two ISO dates (string order is date order). */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

function fromSerial(serial: number): ParsedDate {
  const whole = Math.floor(serial);
  if (whole < FIRST_SERIAL || whole > LAST_SERIAL) return { value: null, invalid: true };
  // 1900 system: serial 1 is 1900-01-01 and Lotus' phantom 1900-02-29 is serial 60, so from
  // serial 61 on, day 0 is 1899-12-30.
  const epoch = Date.UTC(1899, 11, 30) / DAY_MS;
  return { value: fromDayNumber(epoch + whole), invalid: false };
}

function monthFromName(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => n.startsWith(m));
  if (index < 0) return undefined;
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ][index];
  // Accept "Sep", "Sept" and "September", not "Septembre".
  return full.startsWith(n) || (index === 8 && n === 'sept') ? index + 1 : undefined;
}

function checked(year: number, month: number, day: number): ParsedDate {
  return isValidYmd(year, month, day)
    ? { value: formatYmd(year, month, day), invalid: false }
    : { value: null, invalid: true };
}

/** Reads date text (see the file comment); returns the calendar date or invalid. */
export function parseDateText(input: string, order: DateOrder): ParsedDate {
  const text = input.replace(/\u00a0/g, ' ').trim();
  if (text === '') return { value: null, invalid: false };

  let m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      text,
    );
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
    return order === 'DMY' ? checked(year, second, first) : checked(year, first, second);
  }

  // 30 Sep 2026, 30-Sep-2026, 30 September 2026
  m = /^(\d{1,2})[\s./-]+([A-Za-z]+\.?)[\s./-]+(\d{4})$/.exec(text);
  if (m) {
    const month = monthFromName(m[2]);
    return month ? checked(Number(m[3]), month, Number(m[1])) : { value: null, invalid: true };
  }
  // Sep 30, 2026 / September 30 2026
  m = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (m) {
    const month = monthFromName(m[1]);
    return month ? checked(Number(m[3]), month, Number(m[2])) : { value: null, invalid: true };
  }
  return { value: null, invalid: true };
}

/**
 * Reads one date cell. Returns `{ value: 'YYYY-MM-DD', invalid: false }` for a date,
 * `{ value: null, invalid: false }` for a blank cell, and `{ value: null, invalid: true }` for
 * anything that is not a date (booleans, impossible dates, two-digit years, stray numbers).
 */
export function parseDateCell(value: CellValue, order: DateOrder): ParsedDate {
  if (value === null || value === undefined) return { value: null, invalid: false };
  if (typeof value === 'boolean') return { value: null, invalid: true };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? fromSerial(value) : { value: null, invalid: true };
  }
  return parseDateText(value, order);
}
