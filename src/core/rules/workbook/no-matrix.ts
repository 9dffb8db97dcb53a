/**
 * `workbook/no-matrix`: the workbook holds no RACI matrix anywhere. The finding has no cell; it
 * names the workbook's first sheet (so the add-on has somewhere to point and reports group it
 * with that sheet), and no sheet at all for a workbook with no sheets.
 */
import type { Rule, RuleFinding } from '../types';

/** Names the sheets searched: `sheet "A"`, or `any of the 3 sheets ("A", "B", "C")`, at most 5 named. */
function sheetList(names: readonly string[]): string {
  if (names.length === 1) return `sheet "${names[0]}"`;
  const shown = names.slice(0, 5).map((s) => `"${s}"`);
  if (names.length > 5) shown.push(`${names.length - 5} more`);
  return `any of the ${names.length} sheets (${shown.join(', ')})`;
}

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
          : `No RACI matrix was found on ${sheetList(workbook.sheetNames)}.`,
      suggestion:
        'Add a sheet with a header row of role names and one row per activity with R, A, C and I codes (the add-on can insert a template).',
    };
    if (workbook.sheetNames.length > 0) finding.sheet = workbook.sheetNames[0];
    return [finding];
  },
};
