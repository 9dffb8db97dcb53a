/**
 * `role/overloaded`: a role that is Accountable on more than `thresholds.overloadedShare`
 * (default half) of a matrix's activities, in matrices of 6 activities or more. Reported at the
 * role's header cell.
 */
import { letterCounts, matrixLabel, roleFinding, roleSubject } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

/** Matrices with fewer activities than this are too small to call a role overloaded. */
const MIN_ACTIVITIES = 6;

export const roleOverloaded: Rule = {
  id: 'role/overloaded',
  group: 'role',
  defaultSeverity: 'info',
  description:
    'A role is Accountable on more than half (configurable) of a matrix of 6 or more activities.',
  rationale:
    'One role accountable for most of a process becomes a bottleneck and a single point of failure; accountability may belong lower down.',
  check({ workbook, config }) {
    const share = config.thresholds.overloadedShare;
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      const total = matrix.activities.length;
      if (total < MIN_ACTIVITIES) continue;
      matrix.roles.forEach((role, index) => {
        const accountable = letterCounts(matrix, index).get('A') ?? 0;
        if (accountable <= share * total) return;
        findings.push(
          roleFinding(
            matrix,
            role,
            `${roleSubject(role)} on ${matrixLabel(matrix)} is Accountable on ${accountable} of ${total} activities (more than ${Math.round(share * 100)}%).`,
            'Delegate accountability for some activities to the roles that run them.',
          ),
        );
      });
    }
    return findings;
  },
};
