/**
 * `matrix/too-many-consulted`: an activity with more roles marked C than the threshold
 * `thresholds.maxConsulted` (default 4).
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

export const matrixTooManyConsulted: Rule = {
  id: 'matrix/too-many-consulted',
  group: 'matrix',
  defaultSeverity: 'warning',
  description: 'An activity consults more roles than the configured maximum (default 4).',
  rationale:
    'Every consulted role is a two-way conversation before work can move; too many slow the activity down and blur who decides.',
  check({ workbook, config }) {
    const max = config.thresholds.maxConsulted;
    return activitiesOverLimit(workbook.matrices, 'C', max).map(({ matrix, activity, roles }) =>
      activityFinding(
        matrix,
        activity,
        `Activity ${activityLabel(activity)} on ${matrixLabel(matrix)} consults ${countOf(roles.length, 'role')} (${listRoles(matrix, roles)}), more than ${max}.`,
        `Consult at most ${countOf(max, 'role')}; mark the ones who only need the outcome I.`,
      ),
    );
  },
};
