/**
 * `role/unknown`: a matrix role column that the Roles sheet does not list (by role name or
 * generic category), or a column of codes with no role name at all, which no Roles sheet can
 * list. Runs only when the workbook has a Roles sheet; the suggestion names the closest known
 * role.
 */
import { at } from '../../governance/findings';
import { closestRole, roleEntriesFor } from '../../governance/roles';
import { letterCounts, roleSubject } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const roleUnknown: Rule = {
  id: 'role/unknown',
  group: 'role',
  defaultSeverity: 'warning',
  description: 'A role column in a RACI matrix is not listed in the Roles sheet.',
  rationale:
    'A role nobody has defined cannot be staffed or held to account; it is usually a misspelling or a role the Roles sheet forgot.',
  check({ workbook }) {
    const roles = workbook.roles;
    if (!roles) return [];
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      matrix.roles.forEach((role, index) => {
        if (role.name === '') {
          // A column without a name but with codes assigns work to nobody the Roles sheet knows.
          if (letterCounts(matrix, index).size === 0) return;
          findings.push({
            ...at(matrix.sheet, role.cell),
            message: `${roleSubject(role)} on sheet "${matrix.sheet}" holds codes but has no name, so the Roles sheet "${roles.sheet}" cannot list it.`,
            suggestion: `Write the role's name in cell ${role.cell}, as the Roles sheet "${roles.sheet}" lists it.`,
          });
          return;
        }
        if (roleEntriesFor(role.name, roles.entries).length) return;
        const closest = closestRole(role.name, roles.entries);
        findings.push({
          ...at(matrix.sheet, role.cell),
          role: role.name,
          message: `Role "${role.name}" on sheet "${matrix.sheet}" is not listed in the Roles sheet "${roles.sheet}".`,
          suggestion: closest
            ? `Did you mean "${closest}"? Otherwise add "${role.name}" to the Roles sheet.`
            : `Add "${role.name}" to the Roles sheet "${roles.sheet}", or rename the column to a known role.`,
        });
      });
    }
    return findings;
  },
};
