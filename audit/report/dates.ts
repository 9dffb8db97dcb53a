/**
 * Calendar arithmetic on `YYYY-MM-DD` dates and `YYYY-Qn` quarter ids for the reports: the
 * next quarter (whose reviews fall due), the previous quarter (whose report gives the trend).
 * Dates are calendar dates, computed in UTC so no machine time zone can shift them.
 */
import type { Quarter } from '../../src/core/model';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER_ID = /^(\d{4})-Q([1-4])$/;

/** Returns true when the text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Returns true when the text is a quarter id `YYYY-Qn`. */
export function isQuarterId(text: string): boolean {
  return QUARTER_ID.test(text);
}

function toUtc(iso: string): Date {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Returns the date `days` days after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Returns the quarter id before `id`: `2026-Q1` -> `2025-Q4`. */
export function previousQuarterId(id: string): string {
  const m = QUARTER_ID.exec(id);
  if (!m) throw new RangeError(`Not a quarter id: ${id}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** Returns the quarter after `quarter`, with its first and last day (three months on). */
export function nextQuarter(quarter: Quarter): Quarter {
  const m = QUARTER_ID.exec(quarter.id);
  if (!m) throw new RangeError(`Not a quarter id: ${quarter.id}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const id = q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  const start = addDays(quarter.end, 1);
  const s = toUtc(start);
  const end = fromUtc(new Date(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + 3, 0)));
  return { id, start, end };
}

/** Returns the local calendar date of a moment as `YYYY-MM-DD` (the machine's own time zone). */
export function localCalendarDate(moment: Date): string {
  const y = moment.getFullYear();
  const m = String(moment.getMonth() + 1).padStart(2, '0');
  const d = String(moment.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
