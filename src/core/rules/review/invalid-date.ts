/**
 * `review/invalid-date`: a date cell of the Register, the Reviews log, a matrix's metadata or
 * the Leadership roster that holds something that is not a date (an impossible date such as
 * 31/02/2026, a two-digit year, text), and a Reviews-log entry with no date. Invalid dates
 * are reported, never guessed.
 */
import { at } from '../../governance/findings';
import { datedCells } from '../../governance/review';
import type { Rule } from '../types';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const reviewInvalidDate: Rule = {
  id: 'review/invalid-date',
  group: 'review',
  defaultSeverity: 'error',
  description:
    'A date in the Register, Reviews log, matrix metadata or roster cannot be read as a date.',
  rationale:
    'A date that cannot be read cannot prove a review happened; guessing it could hide an overdue review.',
  check({ workbook, config }) {
    const order = config.dateOrder === 'DMY' ? 'day/month/year' : 'month/day/year';
    return datedCells(workbook, config)
      .filter((d) => d.field.invalid)
      .map((d) => ({
        ...at(d.sheet, d.field.cell),
        ...(d.item ? { item: d.item } : {}),
        message:
          d.field.raw === ''
            ? `${capitalise(d.label)} has no date.`
            : `${capitalise(d.label)} is "${d.field.raw}", which is not a date.`,
        suggestion: `Enter a real date, or text as YYYY-MM-DD or ${order} with a four-digit year.`,
      }));
  },
};
