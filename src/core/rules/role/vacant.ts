/**
 * `role/vacant`: a role that is Responsible or Accountable somewhere in a matrix while the
 * Roles sheet lists nobody holding it. Runs only when the workbook has a Roles sheet; roles
 * the sheet does not list are `role/unknown`'s concern.
 */
import { at } from '../../governance/findings';
import { roleEntriesFor } from '../../governance/roles';
import { letterCounts } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const roleVacant: Rule = {
  id: 'role/vacant',
  group: 'role',
  defaultSeverity: 'error',
  description: 'A role used as R or A in a RACI matrix has no holder in the Roles sheet.',
  rationale:
    'Work assigned to a role nobody holds is work nobody does: the matrix looks complete while the activity has no one behind it.',
  check({ workbook }) {
    const roles = workbook.roles;
    if (!roles) return [];
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      matrix.roles.forEach((role, index) => {
        const letters = letterCounts(matrix, index);
        if (!letters.has('R') && !letters.has('A')) return;
        const entries = roleEntriesFor(role.name, roles.entries);
        if (!entries.length || entries.some((e) => e.holders.length > 0)) return;
        const duty = letters.has('A') ? 'Accountable' : 'Responsible';
        findings.push({
          ...at(matrix.sheet, role.cell),
          role: role.name,
          message: `Role "${role.name}" is ${duty} on sheet "${matrix.sheet}" but has no holder in the Roles sheet (row ${entries[0].row}).`,
          suggestion: `Name the person who holds "${role.name}" in the Roles sheet "${roles.sheet}".`,
        });
      });
    }
    return findings;
  },
};
