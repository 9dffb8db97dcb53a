/**
 * `matrix/too-many-responsible`: an activity with more roles marked R (A/R included) than the
 * threshold `thresholds.maxResponsible` (default 3).
 */
import {
  activityFinding,
  activityLabel,
  listRoles,
  matrixLabel,
  countRolesWithLetter,
  rolesWithLetter,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixTooManyResponsible: Rule = {
  id: 'matrix/too-many-responsible',
  group: 'matrix',
  defaultSeverity: 'info',
  description: 'An activity has more Responsible roles than the configured maximum (default 3).',
  rationale:
    'When many roles share the work each assumes another will do it; an activity with many R is often several activities.',
  check({ workbook, config }) {
    const max = config.thresholds.maxResponsible;
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (const activity of matrix.activities) {
        if (countRolesWithLetter(activity, 'R') <= max) continue;
        const responsible = rolesWithLetter(activity, 'R');
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} has ${responsible.length} roles marked R (${listRoles(matrix, responsible)}), more than ${max}.`,
            'Split the activity, or keep R on the roles that do the work and mark the others C or I.',
          ),
        );
      }
    }
    return findings;
  },
};
