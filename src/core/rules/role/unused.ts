/**
 * `role/unused`: a role column of a matrix with no code on any activity. Reported at the role's
 * header cell.
 */
import { letterCounts, matrixLabel, roleFinding, roleSubject } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const roleUnused: Rule = {
  id: 'role/unused',
  group: 'role',
  defaultSeverity: 'warning',
  description: 'A role column in a RACI matrix holds no code on any activity.',
  rationale:
    'A role listed but never used is either missing assignments or should not be in the matrix; both mislead readers.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      matrix.roles.forEach((role, index) => {
        if (letterCounts(matrix, index).size > 0) return;
        findings.push(
          roleFinding(
            matrix,
            role,
            `${roleSubject(role)} on ${matrixLabel(matrix)} has no code on ${matrix.activities.length === 1 ? 'its one activity' : `any of the ${matrix.activities.length} activities`}.`,
            'Assign the role where it takes part, or remove its column.',
          ),
        );
      });
    }
    return findings;
  },
};
