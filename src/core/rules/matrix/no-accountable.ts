/**
 * `matrix/no-accountable`: an activity with no role marked A. Every activity needs exactly one
 * Accountable role; `A/R` counts as A.
 */
import {
  activityFinding,
  activityLabel,
  matrixLabel,
  activityLetterCount,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixNoAccountable: Rule = {
  id: 'matrix/no-accountable',
  group: 'matrix',
  defaultSeverity: 'error',
  description: 'An activity has no Accountable (A) role.',
  rationale:
    "Without one accountable role nobody answers for the outcome: decisions stall and failures are nobody's to own.",
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (let a = 0; a < matrix.activities.length; a++) {
        if (activityLetterCount(matrix, a, 'A') > 0) continue;
        const activity = matrix.activities[a];
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} has no role marked A (Accountable).`,
            'Mark exactly one role A.',
          ),
        );
      }
    }
    return findings;
  },
};
