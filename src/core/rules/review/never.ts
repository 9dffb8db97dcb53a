/**
 * `review/never`: a register item with no review on or before the audit date (no Last reviewed
 * date in the Register or its matrix, and none in the Reviews log).
 */
import { itemFinding } from '../../governance/findings';
import type { Rule, RuleFinding } from '../types';

export const reviewNever: Rule = {
  id: 'review/never',
  group: 'review',
  defaultSeverity: 'error',
  description: 'A process or service has never been reviewed.',
  rationale: 'A RACI that was never reviewed drifts from how the work is really done.',
  check({ workbook, reviews, asOf }) {
    const findings: RuleFinding[] = [];
    for (const item of workbook.register?.items ?? []) {
      if (reviews.get(item)?.review.status !== 'never') continue;
      const later = item.lastReviewed?.value && item.lastReviewed.value > asOf;
      findings.push(
        itemFinding(
          item,
          later
            ? `"${item.name}" has no review on or before ${asOf}: its Last reviewed date ${item.lastReviewed?.value} is after the audit date.`
            : `"${item.name}" has never been reviewed (no Last reviewed date and no review in the log).`,
          item.lastReviewed?.cell,
          'Review it and record the date in Last reviewed or the Reviews log.',
        ),
      );
    }
    return findings;
  },
};
