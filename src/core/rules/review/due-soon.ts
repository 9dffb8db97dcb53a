/**
 * `review/due-soon`: a register item whose next review falls within the due-soon window
 * (`dueSoonDays`, default 30) of the audit date, the due date itself included.
 */
import { itemFinding } from '../../governance/findings';
import { daysBetween } from '../../dates';
import { countOf } from '../../text';
import type { Rule, RuleFinding } from '../types';

export const reviewDueSoon: Rule = {
  id: 'review/due-soon',
  group: 'review',
  defaultSeverity: 'info',
  description: 'A process or service is due for its review soon.',
  rationale: 'A reminder before the review falls due leaves time to book it.',
  check({ workbook, reviews, asOf }) {
    const findings: RuleFinding[] = [];
    for (const item of workbook.register?.items ?? []) {
      const review = reviews.get(item)?.review;
      if (review?.status !== 'due-soon' || !review.nextDue) continue;
      const days = daysBetween(asOf, review.nextDue);
      findings.push(
        itemFinding(
          item,
          days === 0
            ? `"${item.name}" is due for review today, ${review.nextDue} (${review.cadence}, last reviewed ${review.lastReviewed}).`
            : `"${item.name}" is due for review on ${review.nextDue}, in ${countOf(days, 'day')} (${review.cadence}, last reviewed ${review.lastReviewed}).`,
          item.lastReviewed?.cell,
        ),
      );
    }
    return findings;
  },
};
