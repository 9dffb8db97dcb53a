/**
 * Review cadences: the spellings understood, next due dates (month ends clamp, leap years),
 * status boundaries (due exactly on the audit date is due soon, not overdue; a review dated
 * after the audit date does not count), and reviews expected in a quarter for adherence.
 */
import {
  adherence,
  expectedReviews,
  nextDueDate,
  parseCadence,
  reviewStatus,
} from '../../src/core/cadence';
import { quarterFromId } from '../../src/core/quarters';

describe('parseCadence', () => {
  it.each([
    ['weekly', 'days', 7, 'weekly'],
    ['Weekly', 'days', 7, 'weekly'],
    ['fortnightly', 'days', 14, 'fortnightly'],
    ['every 2 weeks', 'days', 14, 'fortnightly'],
    ['every 3 weeks', 'days', 21, 'every 3 weeks'],
    ['monthly', 'months', 1, 'monthly'],
    ['Every month', 'months', 1, 'monthly'],
    ['quarterly', 'months', 3, 'quarterly'],
    ['every 3 months', 'months', 3, 'quarterly'],
    ['semiannual', 'months', 6, 'semiannual'],
    ['Semi-annually', 'months', 6, 'semiannual'],
    ['half-yearly', 'months', 6, 'semiannual'],
    ['Half yearly', 'months', 6, 'semiannual'],
    ['annual', 'months', 12, 'annual'],
    ['Yearly', 'months', 12, 'annual'],
    ['annually', 'months', 12, 'annual'],
    ['every 2 months', 'months', 2, 'every 2 months'],
    ['every 18 months', 'months', 18, 'every 18 months'],
    ['4-monthly', 'months', 4, 'every 4 months'],
    ['  every  4   months ', 'months', 4, 'every 4 months'],
  ])('reads %p', (text, unit, count, label) => {
    expect(parseCadence(text)).toEqual({ unit, count, label });
  });

  it.each(['', '   ', 'bimonthly', 'sometimes', 'every 0 months', 'every month or so', '3'])(
    'refuses %p',
    (text) => {
      expect(parseCadence(text)).toBeNull();
    },
  );
});

describe('nextDueDate', () => {
  const monthly = parseCadence('monthly')!;
  it.each([
    ['2026-01-31', 'monthly', '2026-02-28'],
    ['2028-01-31', 'monthly', '2028-02-29'],
    ['2026-08-31', 'quarterly', '2026-11-30'],
    ['2026-08-31', 'semiannual', '2027-02-28'],
    ['2028-02-29', 'annual', '2029-02-28'],
    ['2026-12-28', 'weekly', '2027-01-04'],
  ])('%s + %s is %s', (last, cadence, due) => {
    expect(nextDueDate(last, parseCadence(cadence)!)).toBe(due);
  });
  it('does not drift: each due date counts from the review actually held', () => {
    expect(nextDueDate(nextDueDate('2026-01-31', monthly), monthly)).toBe('2026-03-28');
  });
});

describe('reviewStatus', () => {
  const quarterly = parseCadence('quarterly')!;
  it.each([
    ['never reviewed', null, '2026-09-30', 'never', null, null],
    ['reviewed only after the audit date', '2026-10-02', '2026-09-30', 'never', null, null],
    [
      'due exactly on the audit date: due soon, not overdue',
      '2026-06-30',
      '2026-09-30',
      'due-soon',
      '2026-09-30',
      null,
    ],
    [
      'due the day before the audit date: 1 day overdue',
      '2026-06-29',
      '2026-09-30',
      'overdue',
      '2026-09-29',
      1,
    ],
    ['due at the end of the window', '2026-07-30', '2026-09-30', 'due-soon', '2026-10-30', null],
    ['due a day after the window', '2026-07-31', '2026-09-30', 'ok', '2026-10-31', null],
    ['reviewed on the audit date', '2026-09-30', '2026-09-30', 'ok', '2026-12-30', null],
    ['overdue across a year end', '2025-06-15', '2026-01-10', 'overdue', '2025-09-15', 117],
  ])('%s', (_name, last, asOf, status, nextDue, daysOverdue) => {
    expect(reviewStatus(last, quarterly, asOf, 30)).toEqual({ status, nextDue, daysOverdue });
  });

  it('a monthly review on 31 January is due on the last day of February', () => {
    const monthly = parseCadence('monthly')!;
    expect(reviewStatus('2026-01-31', monthly, '2026-02-28', 0).status).toBe('due-soon');
    expect(reviewStatus('2026-01-31', monthly, '2026-03-01', 0)).toEqual({
      status: 'overdue',
      nextDue: '2026-02-28',
      daysOverdue: 1,
    });
    expect(reviewStatus('2028-01-31', monthly, '2028-03-01', 0).daysOverdue).toBe(1);
  });

  it('is unknown with no or an invalid cadence once reviewed', () => {
    expect(reviewStatus('2026-09-01', null, '2026-09-30', 30)).toEqual({
      status: 'unknown',
      nextDue: null,
      daysOverdue: null,
    });
  });

  it('honours a zero-day window', () => {
    expect(reviewStatus('2026-07-01', quarterly, '2026-09-30', 0).status).toBe('ok');
    expect(reviewStatus('2026-06-30', quarterly, '2026-09-30', 0).status).toBe('due-soon');
  });
});

describe('expectedReviews and adherence', () => {
  const q1 = quarterFromId('2026-Q1'); // 90 days
  const q3 = quarterFromId('2026-Q3'); // 92 days
  it.each([
    ['weekly', q1, null, 13],
    ['weekly', q3, null, 13],
    ['fortnightly', q3, null, 7],
    ['monthly', q3, null, 3],
    ['every 2 months', q3, null, 2],
    ['quarterly', q3, '2026-01-10', 1],
    ['semiannual', q3, '2026-03-15', 1],
    ['semiannual', q3, '2026-04-15', 0],
    ['annual', q3, '2025-09-30', 1],
    ['annual', q3, '2025-10-01', 0],
    ['annual', q3, null, 1],
  ])('%s expects the right count', (cadence, quarter, before, expected) => {
    expect(expectedReviews(parseCadence(cadence)!, quarter, before)).toBe(expected);
  });

  it('is done / expected, capped at 1, null when nothing was expected', () => {
    expect(adherence(2, 3)).toBe(0.6667);
    expect(adherence(5, 3)).toBe(1);
    expect(adherence(0, 1)).toBe(0);
    expect(adherence(1, 0)).toBeNull();
  });
});
