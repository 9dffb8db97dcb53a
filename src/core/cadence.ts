/**
 * Review cadences and review status. A cadence is read from text (weekly, fortnightly,
 * monthly, quarterly, semiannual / half-yearly, annual / yearly, "every N weeks", "every N
 * months", "N-monthly"); the next review is due one cadence after the last one (months clamp
 * to the month's end: a monthly review on 31 January is due on 28 or 29 February).
 *
 * Status as of a date: `never` (no review on or before that date), `unknown` (reviewed, but
 * no or an invalid cadence), `overdue` when the date is after the due date (with days
 * overdue), `due-soon` when the due date is at most `dueSoonDays` away (a review due exactly
 * on the audit date is due soon, not overdue), else `ok`.
 */
import { addDays, addMonths, daysBetween } from './dates';
import type { Quarter, ReviewStatus } from './model';

/** A review cadence: a number of days or of calendar months, with its canonical label. */
export type Cadence =
  { unit: 'days'; count: number; label: string } | { unit: 'months'; count: number; label: string };

const NAMED: Record<string, Cadence> = {
  weekly: { unit: 'days', count: 7, label: 'weekly' },
  fortnightly: { unit: 'days', count: 14, label: 'fortnightly' },
  monthly: { unit: 'months', count: 1, label: 'monthly' },
  quarterly: { unit: 'months', count: 3, label: 'quarterly' },
  semiannual: { unit: 'months', count: 6, label: 'semiannual' },
  semiannually: { unit: 'months', count: 6, label: 'semiannual' },
  halfyearly: { unit: 'months', count: 6, label: 'semiannual' },
  biannual: { unit: 'months', count: 6, label: 'semiannual' },
  biannually: { unit: 'months', count: 6, label: 'semiannual' },
  annual: { unit: 'months', count: 12, label: 'annual' },
  annually: { unit: 'months', count: 12, label: 'annual' },
  yearly: { unit: 'months', count: 12, label: 'annual' },
};

function months(count: number): Cadence {
  const named = Object.values(NAMED).find((c) => c.unit === 'months' && c.count === count);
  return named ?? { unit: 'months', count, label: `every ${count} months` };
}

function weeks(count: number): Cadence {
  const named = Object.values(NAMED).find((c) => c.unit === 'days' && c.count === count * 7);
  return named ?? { unit: 'days', count: count * 7, label: `every ${count} weeks` };
}

/**
 * Returns the cadence written in the text, or null when the text is blank or not a cadence
 * this tool understands (ambiguous words such as "bimonthly" are not guessed).
 */
export function parseCadence(text: string): Cadence | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return null;
  const compact = t.replace(/[\s-]/g, '');
  if (NAMED[compact]) return NAMED[compact];
  let m = /^every (\d{1,2}) (month|months|week|weeks)$/.exec(t);
  if (!m) m = /^(\d{1,2})[ -]?(monthly|weekly)$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    if (n < 1) return null;
    return m[2].startsWith('month') ? months(n) : weeks(n);
  }
  if (t === 'every month') return NAMED.monthly;
  if (t === 'every week') return NAMED.weekly;
  if (t === 'every quarter') return NAMED.quarterly;
  if (t === 'every year') return NAMED.annual;
  return null;
}

/** Returns the date the next review is due: the last review plus one cadence. */
export function nextDueDate(lastReviewed: string, cadence: Cadence): string {
  return cadence.unit === 'days'
    ? addDays(lastReviewed, cadence.count)
    : addMonths(lastReviewed, cadence.count);
}

export interface CadenceStatus {
  status: ReviewStatus;
  nextDue: string | null;
  daysOverdue: number | null;
}

/** Returns the review status as of `asOf` (see the file comment for the exact boundaries). */
export function reviewStatus(
  lastReviewed: string | null,
  cadence: Cadence | null,
  asOf: string,
  dueSoonDays: number,
): CadenceStatus {
  if (lastReviewed === null || lastReviewed > asOf) {
    return { status: 'never', nextDue: null, daysOverdue: null };
  }
  if (!cadence) return { status: 'unknown', nextDue: null, daysOverdue: null };
  const nextDue = nextDueDate(lastReviewed, cadence);
  const daysLeft = daysBetween(asOf, nextDue);
  if (daysLeft < 0) return { status: 'overdue', nextDue, daysOverdue: -daysLeft };
  if (daysLeft <= dueSoonDays) return { status: 'due-soon', nextDue, daysOverdue: null };
  return { status: 'ok', nextDue, daysOverdue: null };
}

/**
 * Returns how many reviews the cadence expects in the quarter: weekly 13 (quarter days / 7,
 * rounded), monthly 3, every two months 2, quarterly 1; for longer cadences 1 when a review
 * fell due in the quarter (counting from the last review before the quarter, or at once when
 * there was none) and 0 when none did.
 */
export function expectedReviews(
  cadence: Cadence,
  quarter: Quarter,
  lastBeforeQuarter: string | null,
): number {
  if (cadence.unit === 'days') {
    return Math.max(1, Math.round((daysBetween(quarter.start, quarter.end) + 1) / cadence.count));
  }
  if (cadence.count <= 3) return Math.round(3 / cadence.count);
  if (lastBeforeQuarter === null) return 1;
  return nextDueDate(lastBeforeQuarter, cadence) <= quarter.end ? 1 : 0;
}

/**
 * Returns adherence in the quarter: reviews done / reviews expected, capped at 1 and rounded
 * to 4 decimals; null when the cadence expects none in this quarter.
 */
export function adherence(done: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.round(Math.min(1, done / expected) * 10_000) / 10_000;
}
