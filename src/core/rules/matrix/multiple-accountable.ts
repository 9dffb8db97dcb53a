/**
 * `matrix/multiple-accountable`: an activity with more than one role marked A. Accountability
 * cannot be shared: exactly one role answers for each activity.
 */
import {
  activityFinding,
  activityLabel,
  listRoles,
  matrixLabel,
  activityLetterCount,
  rolesWithLetter,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixMultipleAccountable: Rule = {
  id: 'matrix/multiple-accountable',
  group: 'matrix',
  defaultSeverity: 'error',
  description: 'An activity has more than one Accountable (A) role.',
  rationale:
    'Shared accountability is no accountability: when two roles answer for an outcome each can point at the other.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (let a = 0; a < matrix.activities.length; a++) {
        if (activityLetterCount(matrix, a, 'A') <= 1) continue;
        const activity = matrix.activities[a];
        const accountable = rolesWithLetter(activity, 'A');
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} has ${accountable.length} roles marked A: ${listRoles(matrix, accountable)}.`,
            'Keep A on the one role that answers for the outcome; mark the others R, C or I.',
          ),
        );
      }
    }
    return findings;
  },
};
