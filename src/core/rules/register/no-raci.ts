/**
 * `register/no-raci`: a register item linked to no RACI matrix (by its RACI sheet cell, a
 * matrix's metadata naming it, or a sheet named like it).
 */
import { itemFinding } from '../../governance/findings';
import { linkItem, sheetNameFromReference } from '../../governance/links';
import type { Rule } from '../types';

export const registerNoRaci: Rule = {
  id: 'register/no-raci',
  group: 'register',
  defaultSeverity: 'error',
  description: 'A process or service in the Register has no RACI matrix.',
  rationale:
    'Without a RACI matrix nobody can tell who does, decides, advises on or hears about its work.',
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => linkItem(workbook, item).length === 0)
      .map((item) => {
        const reference = item.raciSheet?.value.trim();
        if (reference) {
          const sheet = sheetNameFromReference(reference);
          const exists = workbook.sheetNames.some((s) => s.toLowerCase() === sheet.toLowerCase());
          return itemFinding(
            item,
            exists
              ? `The RACI sheet "${sheet}" named for "${item.name}" holds no RACI matrix.`
              : `The RACI sheet "${sheet}" named for "${item.name}" does not exist in this workbook.`,
            item.raciSheet?.cell,
            'Name the sheet that holds its RACI matrix.',
          );
        }
        return itemFinding(
          item,
          `"${item.name}" has no RACI matrix: no RACI sheet is named, no matrix names it and no sheet is named after it.`,
          item.raciSheet?.cell,
          'Add its RACI matrix and name the sheet in the RACI sheet column.',
        );
      });
  },
};
