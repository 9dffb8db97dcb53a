/**
 * `matrix/too-many-responsible`: an activity with more roles marked R (A/R included) than the
 * threshold `thresholds.maxResponsible` (default 3).
 */
import {
  activitiesOverLimit,
  activityFinding,
  activityLabel,
  listRoles,
  matrixLabel,
} from '../../matrix/describe';
import { countOf } from '../../text';
import type { Rule } from '../types';

export const matrixTooManyResponsible: Rule = {
  id: 'matrix/too-many-responsible',
  group: 'matrix',
  defaultSeverity: 'info',
  description: 'An activity has more Responsible roles than the configured maximum (default 3).',
  rationale:
    'When many roles share the work each assumes another will do it; an activity with many R is often several activities.',
  check({ workbook, config }) {
    const max = config.thresholds.maxResponsible;
    return activitiesOverLimit(workbook.matrices, 'R', max).map(({ matrix, activity, roles }) =>
      activityFinding(
        matrix,
        activity,
        `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} has ${countOf(roles.length, 'role')} marked R (${listRoles(matrix, roles)}), more than ${max}.`,
        'Split the activity, or keep R on the roles that do the work and mark the others C or I.',
      ),
    );
  },
};
