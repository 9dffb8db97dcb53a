/**
 * Quarters (`YYYY-Qn`), calendar and fiscal, and the audited period. With fiscal year start
 * month 1 quarters are calendar quarters; with start month M > 1 a fiscal year is named by the
 * calendar year in which it ends, so with M = 7 `2027-Q1` is July to September 2026.
 * All dates are `YYYY-MM-DD` calendar dates; nothing here reads the clock.
 */
import { addDays, addMonths, formatYmd, isIsoDate, splitIsoDate } from './dates';
import type { Quarter } from './model';

/** Returns the fiscal year and quarter number of `YYYY-Qn` text, or undefined when malformed. */
export function parseQuarterId(id: string): { year: number; quarter: number } | undefined {
  const m = /^(\d{4})-Q([1-4])$/i.exec(id.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), quarter: Number(m[2]) };
}

/** Returns true when the text is a quarter id `YYYY-Qn`. */
export function isQuarterId(id: string): boolean {
  return parseQuarterId(id) !== undefined;
}

function checkStartMonth(fiscalYearStartMonth: number): void {
  if (
    !Number.isInteger(fiscalYearStartMonth) ||
    fiscalYearStartMonth < 1 ||
    fiscalYearStartMonth > 12
  ) {
    throw new RangeError(
      `The fiscal year start month must be 1 to 12, not ${fiscalYearStartMonth}.`,
    );
  }
}

/** Returns the quarter (id, first and last day) for a fiscal year and quarter number. */
export function makeQuarter(year: number, quarter: number, fiscalYearStartMonth = 1): Quarter {
  checkStartMonth(fiscalYearStartMonth);
  // The fiscal year named `year` starts in month M of `year - 1` when M > 1.
  const startYear = fiscalYearStartMonth === 1 ? year : year - 1;
  const firstDayOfYear = formatYmd(startYear, fiscalYearStartMonth, 1);
  const start = addMonths(firstDayOfYear, (quarter - 1) * 3);
  const end = addDays(addMonths(start, 3), -1);
  return { id: `${year}-Q${quarter}`, start, end };
}

/** Returns the quarter named by `YYYY-Qn`; throws a RangeError naming the text when malformed. */
export function quarterFromId(id: string, fiscalYearStartMonth = 1): Quarter {
  const parsed = parseQuarterId(id);
  if (!parsed) throw new RangeError(`"${id}" is not a quarter; write it as YYYY-Qn, e.g. 2026-Q3.`);
  return makeQuarter(parsed.year, parsed.quarter, fiscalYearStartMonth);
}

/** Returns the quarter that contains the date. */
export function quarterOfDate(date: string, fiscalYearStartMonth = 1): Quarter {
  checkStartMonth(fiscalYearStartMonth);
  const parts = splitIsoDate(date);
  if (!parts) throw new RangeError(`"${date}" is not a calendar date written YYYY-MM-DD.`);
  const offset = (parts.month - fiscalYearStartMonth + 12) % 12;
  const year =
    fiscalYearStartMonth > 1 && parts.month >= fiscalYearStartMonth ? parts.year + 1 : parts.year;
  return makeQuarter(year, Math.floor(offset / 3) + 1, fiscalYearStartMonth);
}

/** Returns the quarter before this one. */
export function previousQuarter(q: Quarter, fiscalYearStartMonth = 1): Quarter {
  return quarterOfDate(addDays(q.start, -1), fiscalYearStartMonth);
}

/** Returns the quarter after this one. */
export function nextQuarter(q: Quarter, fiscalYearStartMonth = 1): Quarter {
  return quarterOfDate(addDays(q.end, 1), fiscalYearStartMonth);
}

/** Returns the last quarter that has ended by `today`: on a quarter's first day, the one just closed. */
export function lastEndedQuarter(today: string, fiscalYearStartMonth = 1): Quarter {
  return previousQuarter(quarterOfDate(today, fiscalYearStartMonth), fiscalYearStartMonth);
}

export interface PeriodOptions {
  /** Today's calendar date, `YYYY-MM-DD`. */
  today: string;
  /**
   * `YYYY-Qn` (read with `fiscalYearStartMonth`), or a quarter the caller already resolved
   * (taken as given), or `'current'`: the quarter containing `asOf` (or `today`); default: the
   * last quarter that has ended by `today`.
   */
  quarter?: string | Quarter | 'current';
  /** `YYYY-MM-DD`; default: the quarter's last day, or `today` while the quarter runs. */
  asOf?: string;
  fiscalYearStartMonth: number;
}

/** Returns the quarter unchanged after checking it; throws a RangeError naming what is wrong. */
function checkQuarter(q: Quarter): Quarter {
  if (!isQuarterId(q.id) || !isIsoDate(q.start) || !isIsoDate(q.end) || q.start > q.end) {
    throw new RangeError(
      `Quarter ${JSON.stringify(q)} must have a YYYY-Qn id and YYYY-MM-DD start and end, start first.`,
    );
  }
  return { id: q.id, start: q.start, end: q.end };
}

/**
 * Returns the audited quarter and the audit date. Throws a RangeError naming the bad value when
 * `today`, `quarter` or `asOf` is malformed (the shells validate user input before calling).
 */
export function resolvePeriod(options: PeriodOptions): { quarter: Quarter; asOf: string } {
  const { today, fiscalYearStartMonth } = options;
  if (!isIsoDate(today))
    throw new RangeError(`"${today}" is not a calendar date written YYYY-MM-DD.`);
  const given = options.quarter;
  const quarter =
    typeof given === 'object'
      ? checkQuarter(given)
      : given === 'current'
        ? quarterOfDate(options.asOf ?? today, fiscalYearStartMonth)
        : given
          ? quarterFromId(given, fiscalYearStartMonth)
          : lastEndedQuarter(today, fiscalYearStartMonth);
  if (options.asOf !== undefined) {
    if (!isIsoDate(options.asOf)) {
      throw new RangeError(`"${options.asOf}" is not a calendar date written YYYY-MM-DD.`);
    }
    return { quarter, asOf: options.asOf };
  }
  return { quarter, asOf: quarter.end < today ? quarter.end : today };
}
