/**
 * `role/duplicate`: the same role heading two columns of one matrix (compared without case and
 * extra spaces). Reported at the later column's header cell, naming the first.
 */
import { matrixLabel, roleFinding } from '../../matrix/describe';
import type { MatrixRole } from '../../model';
import { normaliseName } from '../../text';
import type { Rule, RuleFinding } from '../types';

export const roleDuplicate: Rule = {
  id: 'role/duplicate',
  group: 'role',
  defaultSeverity: 'error',
  description: 'The same role heads two columns of one RACI matrix.',
  rationale:
    'Two columns for one role split its assignments: an activity can read A in one column and nothing in the other.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      const first = new Map<string, MatrixRole>();
      for (const role of matrix.roles) {
        if (role.name === '') continue;
        const key = normaliseName(role.name);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, role);
          continue;
        }
        findings.push(
          roleFinding(
            matrix,
            role,
            `Role "${role.name}" on ${matrixLabel(matrix)} heads column ${role.cell.replace(/\d+$/, '')} and also column ${earlier.cell.replace(/\d+$/, '')} ("${earlier.name}").`,
            'Merge the two columns into one.',
          ),
        );
      }
    }
    return findings;
  },
};
