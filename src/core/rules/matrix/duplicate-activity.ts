/**
 * `matrix/duplicate-activity`: the same activity name twice in one matrix (compared without
 * case and extra spaces). Activities of the same name in different sections (phases) are
 * distinct and not reported. Reported at the later row, naming the first.
 */
import { activityFinding, matrixLabel } from '../../matrix/describe';
import type { MatrixActivity } from '../../model';
import { normaliseName } from '../../text';
import type { Rule, RuleFinding } from '../types';

export const matrixDuplicateActivity: Rule = {
  id: 'matrix/duplicate-activity',
  group: 'matrix',
  defaultSeverity: 'warning',
  description: 'The same activity appears twice in one matrix (within one section).',
  rationale:
    'Two rows for one activity drift apart: readers find two different answers to who is accountable.',
  check({ workbook }) {
    const findings: RuleFinding[] = [];
    for (const matrix of workbook.matrices) {
      const first = new Map<string, MatrixActivity>();
      for (const activity of matrix.activities) {
        if (activity.name === '') continue;
        const key = `${normaliseName(activity.section ?? '')}\u0000${normaliseName(activity.name)}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, activity);
          continue;
        }
        findings.push(
          activityFinding(
            matrix,
            activity,
            `Activity "${activity.name}" on ${matrixLabel(matrix)} appears again on row ${activity.row}; it is first on row ${earlier.row}.`,
            `Merge the two rows into one, or rename one so each activity is distinct.`,
          ),
        );
      }
    }
    return findings;
  },
};
