/**
 * `matrix/no-responsible`: an activity with no role marked R. Someone must do the work; a cell
 * written `A/R` counts as R.
 */
import {
  activityFinding,
  activityLabel,
  matrixLabel,
  activityLetterCount,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixNoResponsible: Rule = {
  id: 'matrix/no-responsible',
  group: 'matrix',
  defaultSeverity: 'error',
  description: 'An activity has no Responsible (R) role (A/R counts as R).',
  rationale:
    'An activity nobody is responsible for does not get done: the accountable role needs someone doing the work.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (let a = 0; a < matrix.activities.length; a++) {
        if (activityLetterCount(matrix, a, 'R') > 0) continue;
        const activity = matrix.activities[a];
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} has no role marked R (Responsible).`,
            'Mark at least one role R (or A/R when the accountable role also does the work).',
          ),
        );
      }
    }
    return findings;
  },
};
