/**
 * `matrix/unnamed-activity`: a row that holds codes but no activity name. Reported at the empty
 * activity name cell.
 */
import { activityFinding, matrixLabel } from '../../matrix/describe';
import type { Rule, RuleFinding } from '../types';

export const matrixUnnamedActivity: Rule = {
  id: 'matrix/unnamed-activity',
  group: 'matrix',
  defaultSeverity: 'error',
  description: 'A matrix row holds codes but has no activity name.',
  rationale:
    'Assignments for an unnamed activity cannot be read, reviewed or acted on; the name was usually lost when rows were moved.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      for (const activity of matrix.activities) {
        if (activity.name !== '') continue;
        if (!activity.cells.some((c) => c.letters.length > 0 || c.unknown.length > 0)) continue;
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Row ${activity.row} on ${matrixLabel(matrix)} has codes but no activity name in ${activity.cell}.`,
            `Write the activity's name in ${activity.cell}, or delete the row.`,
          ),
        );
      }
    }
    return findings;
  },
};
