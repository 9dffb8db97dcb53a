/**
 * `matrix/too-many-consulted`: an activity with more roles marked C than the threshold
 * `thresholds.maxConsulted` (default 4).
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

export const matrixTooManyConsulted: Rule = {
  id: 'matrix/too-many-consulted',
  group: 'matrix',
  defaultSeverity: 'warning',
  description: 'An activity consults more roles than the configured maximum (default 4).',
  rationale:
    'Every consulted role is a two-way conversation before work can move; too many slow the activity down and blur who decides.',
  check({ workbook, config }) {
    const max = config.thresholds.maxConsulted;
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (const activity of matrix.activities) {
        if (countRolesWithLetter(activity, 'C') <= max) continue;
        const consulted = rolesWithLetter(activity, 'C');
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} consults ${consulted.length} roles (${listRoles(matrix, consulted)}), more than ${max}.`,
            `Consult at most ${max} roles; mark the ones who only need the outcome I.`,
          ),
        );
      }
    }
    return findings;
  },
};
