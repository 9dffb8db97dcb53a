/**
 * `role/shared-accountability`: a role that is Accountable somewhere in a matrix while the
 * Roles sheet lists more than one person holding it, so accountability is shared after all.
 */
import { at } from '../../governance/findings';
import { parsePerson, samePerson, type Person } from '../../governance/people';
import { roleEntriesFor } from '../../governance/roles';
import { letterCounts } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const roleSharedAccountability: Rule = {
  id: 'role/shared-accountability',
  group: 'role',
  defaultSeverity: 'warning',
  description: 'A role used as A in a RACI matrix is held by more than one person.',
  rationale:
    'One A per activity only helps if the A is one person: a role held by several people spreads accountability again.',
  check({ workbook }) {
    const roles = workbook.roles;
    if (!roles) return [];
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      matrix.roles.forEach((role, index) => {
        if (!letterCounts(matrix, index).has('A')) return;
        const holders: { text: string; person: Person }[] = [];
        for (const entry of roleEntriesFor(role.name, roles.entries)) {
          for (const text of entry.holders) {
            const person = parsePerson(text);
            if (!holders.some((h) => samePerson(h.person, person))) holders.push({ text, person });
          }
        }
        if (holders.length <= 1) return;
        findings.push({
          ...at(matrix.sheet, role.cell),
          role: role.name,
          message: `Role "${role.name}" is Accountable on sheet "${matrix.sheet}" but is held by ${holders.length} people: ${holders.map((h) => h.text).join(', ')}.`,
          suggestion: `Name one holder of "${role.name}" and make the others deputies.`,
        });
      });
    }
    return findings;
  },
};
