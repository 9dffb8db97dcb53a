/**
 * `role/no-duty`: a role that is only ever Consulted or Informed in a matrix: it is never
 * Responsible or Accountable (nor Support, Verify or Sign-off in the extended models).
 * Reported at the role's header cell.
 */
import { letterCounts, matrixLabel, roleFinding, roleSubject } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const roleNoDuty: Rule = {
  id: 'role/no-duty',
  group: 'role',
  defaultSeverity: 'info',
  description:
    'A role is only Consulted or Informed in a matrix, never Responsible or Accountable.',
  rationale:
    'A role with no duty in a process may belong in a communication plan instead; worth a look, rarely an error.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      matrix.roles.forEach((role, index) => {
        const counts = letterCounts(matrix, index);
        if (counts.size === 0) return;
        if ([...counts.keys()].some((l) => l !== 'C' && l !== 'I')) return;
        const spread = (['C', 'I'] as const)
          .filter((l) => (counts.get(l) ?? 0) > 0)
          .map((l) => {
            const n = counts.get(l) ?? 0;
            return `${l} on ${n} ${n === 1 ? 'activity' : 'activities'}`;
          })
          .join(' and ');
        findings.push(
          roleFinding(
            matrix,
            role,
            `${roleSubject(role)} on ${matrixLabel(matrix)} is only Consulted or Informed (${spread}), never Responsible or Accountable.`,
            'Check whether the role has work in this process; if not, it may not need a column.',
          ),
        );
      });
    }
    return findings;
  },
};
