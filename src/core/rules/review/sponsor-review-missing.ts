/**
 * `review/sponsor-review-missing`: the LT sponsor has not reviewed the item's adoption and
 * compliance in the audited quarter (Register's Sponsor review date or a "Sponsor review" in
 * the Reviews log). An error once the quarter has ended; info (a reminder) while it runs.
 */
import { itemFinding } from '../../governance/findings';
import type { Rule, RuleFinding } from '../types';

export const reviewSponsorReviewMissing: Rule = {
  id: 'review/sponsor-review-missing',
  group: 'review',
  defaultSeverity: 'error',
  description: "The LT sponsor's quarterly review of the item is missing for the audited quarter.",
  rationale:
    'Each LT sponsor must review adoption, compliance and performance of their items every quarter; the review is the evidence.',
  check({ workbook, reviews, quarter }) {
    const findings: RuleFinding[] = [];
    for (const item of workbook.register?.items ?? []) {
      const state = reviews.get(item)?.sponsorReview;
      if (!state || state.status === 'done') continue;
      const last = state.date ? ` (last on ${state.date})` : '';
      const who = item.sponsor ? `${item.sponsor}'s` : "The sponsor's";
      findings.push({
        ...itemFinding(
          item,
          state.status === 'missing'
            ? `${who} quarterly review of "${item.name}" is missing for ${quarter.id}${last}.`
            : `${who} quarterly review of "${item.name}" for ${quarter.id} is not recorded yet; the quarter ends on ${quarter.end}${last}.`,
          item.sponsorReview?.cell,
          'Record the date of the sponsor review in the Register or the Reviews log.',
        ),
        ...(state.status === 'pending' ? { maxSeverity: 'info' as const } : {}),
      });
    }
    return findings;
  },
};
