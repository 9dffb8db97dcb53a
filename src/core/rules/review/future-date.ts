/**
 * `review/future-date`: a review, sponsor review or sign-off dated after the audit date. Such
 * a date does not count as a review (see `review/never` and `review/overdue`).
 */
import { at } from '../../governance/findings';
import { datedCells } from '../../governance/review';
import type { Rule } from '../types';

export const reviewFutureDate: Rule = {
  id: 'review/future-date',
  group: 'review',
  defaultSeverity: 'warning',
  description: 'A review or sign-off is dated after the audit date.',
  rationale:
    'A review cannot have happened in the future: the date is a typo or a plan written as a fact.',
  check({ workbook, config, asOf }) {
    return datedCells(workbook, config)
      .filter((d) => d.past && d.field.value !== null && d.field.value > asOf)
      .map((d) => ({
        ...at(d.sheet, d.field.cell),
        ...(d.item ? { item: d.item } : {}),
        message: `${d.label[0].toUpperCase()}${d.label.slice(1)} is ${d.field.value}, after the audit date ${asOf}; it does not count yet.`,
        suggestion: 'Correct the date, or record the review once it has taken place.',
      }));
  },
};
