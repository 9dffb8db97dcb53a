/**
 * `matrix/redundant-code`: a cell that repeats a letter (`R/R`), combines C or I with R or A
 * (`R/C`: doing or owning the work already implies being consulted and informed), or combines
 * A with R when the configuration sets `allowAccountableResponsible` to false.
 */
import type { CodeLetter } from '../../model';
import {
  activityLabel,
  cellFinding,
  cellsWithSeveralLetters,
  roleLabel,
} from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

/** Letters for doing or owning the work, and for only hearing of it, in message order. */
const DOING: readonly CodeLetter[] = ['R', 'A'];
const MINOR: readonly CodeLetter[] = ['C', 'I'];

/** Returns the letters written more than once, in the order they are first written again. */
function repeatedLetters(letters: readonly CodeLetter[]): CodeLetter[] {
  const repeated: CodeLetter[] = [];
  for (let i = 1; i < letters.length; i++) {
    const letter = letters[i];
    if (letters.indexOf(letter) < i && !repeated.includes(letter)) repeated.push(letter);
  }
  return repeated;
}

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
      for (const position of cellsWithSeveralLetters(matrix)) {
        const activity = matrix.activities[position.activity];
        const roleIndex = position.role;
        const cell = activity.cells[roleIndex];
        const letters = cell.letters;
        const repeated = repeatedLetters(letters);
        const doing = DOING.filter((l) => letters.includes(l));
        const minor = MINOR.filter((l) => letters.includes(l));
        const reasons: string[] = [];
        const suggestions: string[] = [];
        if (repeated.length > 0) {
          reasons.push(`repeats ${repeated.join(', ')}`);
          suggestions.push('write each letter once');
        }
        if (doing.length > 0 && minor.length > 0) {
          reasons.push(`combines ${minor.join(' and ')} with ${doing.join(' and ')}`);
          suggestions.push(`keep ${doing.join('/')} only`);
        }
        if (!config.allowAccountableResponsible && letters.includes('A') && letters.includes('R')) {
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
    return findings;
  },
};
