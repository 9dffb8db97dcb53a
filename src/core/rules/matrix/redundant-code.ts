/**
 * `matrix/redundant-code`: a cell that repeats a letter (`R/R`), combines C or I with R or A
 * (`R/C`: doing or owning the work already implies being consulted and informed), or combines
 * A with R when the configuration sets `allowAccountableResponsible` to false.
 */
import type { CodeLetter } from '../../model';
import { activityLabel, cellFinding, roleLabel } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixRedundantCode: Rule = {
  id: 'matrix/redundant-code',
  group: 'matrix',
  defaultSeverity: 'warning',
  description:
    'A matrix cell repeats a letter, combines C or I with R or A, or combines A with R where the configuration forbids it.',
  rationale:
    'A role that does or owns the work is consulted and informed already; repeated or contradictory letters hide what the author meant.',
  check({ workbook, config }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (const activity of matrix.activities) {
        for (let roleIndex = 0; roleIndex < activity.cells.length; roleIndex++) {
          const cell = activity.cells[roleIndex];
          if (cell.letters.length < 2) continue;
          const reasons: string[] = [];
          const suggestions: string[] = [];
          const seen = new Set<CodeLetter>();
          const repeated = new Set<CodeLetter>();
          for (const l of cell.letters) (seen.has(l) ? repeated : seen).add(l);
          if (repeated.size > 0) {
            reasons.push(`repeats ${[...repeated].join(', ')}`);
            suggestions.push('write each letter once');
          }
          const doing = ['R', 'A'].filter((l) => seen.has(l as CodeLetter));
          const minor = ['C', 'I'].filter((l) => seen.has(l as CodeLetter));
          if (doing.length > 0 && minor.length > 0) {
            reasons.push(`combines ${minor.join(' and ')} with ${doing.join(' and ')}`);
            suggestions.push(`keep ${doing.join('/')} only`);
          }
          if (!config.allowAccountableResponsible && seen.has('A') && seen.has('R')) {
            reasons.push(
              'combines A with R, which the configuration forbids (allowAccountableResponsible is false)',
            );
            suggestions.push('give R to another role and keep A alone');
          }
          if (reasons.length === 0) continue;
          const role = matrix.roles[roleIndex];
          findings.push(
            cellFinding(
              matrix,
              activity,
              roleIndex,
              `Cell ${cell.cell} on sheet "${matrix.sheet}" ("${cell.raw}" for activity ${activityLabel(activity)}, role ${roleLabel(role)}) ${reasons.join('; ')}.`,
              `${suggestions.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()),
            ),
          );
        }
      }
    }
    return findings;
  },
};
