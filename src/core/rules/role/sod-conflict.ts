/**
 * `role/sod-conflict`: one person holds two roles configured as conflicting (segregation of
 * duties; default pair Change Initiator and Change Authority). Roles are matched by role name
 * or generic category in the Roles sheet; the finding sits on the second role's row.
 */
import { at } from '../../governance/findings';
import { parsePerson, samePerson } from '../../governance/people';
import { roleEntriesFor } from '../../governance/roles';
import type { Rule, RuleFinding } from '../types';

export const roleSodConflict: Rule = {
  id: 'role/sod-conflict',
  group: 'role',
  defaultSeverity: 'error',
  description: 'One person holds two roles configured as conflicting (segregation of duties).',
  rationale:
    'Whoever raises a change must not also approve it: conflicting roles in one person remove the check the process relies on.',
  check({ workbook, config }) {
    const roles = workbook.roles;
    if (!roles) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const [first, second] of config.conflictingRoles) {
      const firstEntries = roleEntriesFor(first, roles.entries);
      for (const entry of roleEntriesFor(second, roles.entries)) {
        for (const holder of entry.holders) {
          const person = parsePerson(holder);
          const other = firstEntries.find(
            (e) => e !== entry && e.holders.some((h) => samePerson(parsePerson(h), person)),
          );
          if (!other) continue;
          const key = `${entry.row}|${other.row}|${person.email || person.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push({
            ...at(entry.sheet, entry.cell),
            role: entry.role,
            message: `${holder} holds both "${other.role}" (row ${other.row}) and "${entry.role}" (row ${entry.row}), which are configured as conflicting (${first} <> ${second}).`,
            suggestion: `Give "${entry.role}" or "${other.role}" to someone else.`,
          });
        }
      }
    }
    return findings;
  },
};
