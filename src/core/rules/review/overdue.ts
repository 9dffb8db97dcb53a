/** `review/overdue`: a register item whose next review was due before the audit date. */
import { itemFinding } from '../../governance/findings';
import type { Rule, RuleFinding } from '../types';

export const reviewOverdue: Rule = {
  id: 'review/overdue',
  group: 'review',
  defaultSeverity: 'error',
  description: 'A process or service is overdue for its review.',
  rationale:
    'The review cadence is a promise to the sponsor; an overdue review means the RACI may no longer be true.',
  check({ workbook, reviews, asOf }) {
    const findings: RuleFinding[] = [];
    for (const item of workbook.register?.items ?? []) {
      const review = reviews.get(item)?.review;
      if (review?.status !== 'overdue') continue;
      findings.push(
        itemFinding(
          item,
          `"${item.name}" was due for review on ${review.nextDue} (${review.cadence}, last reviewed ${review.lastReviewed}); it is ${review.daysOverdue} ${review.daysOverdue === 1 ? 'day' : 'days'} overdue as of ${asOf}.`,
          item.lastReviewed?.cell,
          'Hold the review and record its date.',
        ),
      );
    }
    return findings;
  },
};
