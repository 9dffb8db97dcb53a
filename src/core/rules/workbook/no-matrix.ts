/**
 * `workbook/no-matrix`: the workbook holds no RACI matrix anywhere. The finding has no cell; it
 * names the workbook's first sheet (so the add-on has somewhere to point and reports group it
 * with that sheet), and no sheet at all for a workbook with no sheets.
 */
import type { Rule, RuleFinding } from '../types';

export const workbookNoMatrix: Rule = {
  id: 'workbook/no-matrix',
  group: 'workbook',
  defaultSeverity: 'error',
  description: 'No RACI matrix was found in the workbook.',
  rationale:
    'A process or service without a RACI matrix has no documented responsibilities; the other checks have nothing to check.',
  check({ workbook }) {
    if (workbook.matrices.length > 0) return [];
    const finding: RuleFinding = {
      message:
        workbook.sheetNames.length === 0
          ? 'The workbook has no sheets, so it holds no RACI matrix.'
          : `No RACI matrix was found on any of the ${workbook.sheetNames.length} sheets (${workbook.sheetNames.map((s) => `"${s}"`).join(', ')}).`,
      suggestion:
        'Add a sheet with a header row of role names and one row per activity with R, A, C and I codes (the add-on can insert a template).',
    };
    if (workbook.sheetNames.length > 0) finding.sheet = workbook.sheetNames[0];
    return [finding];
  },
};
