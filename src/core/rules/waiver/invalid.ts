/**
 * `waiver/invalid`: a Waivers-sheet row that cannot apply (no rule, reason or approver, an
 * unreadable expiry, expired before the audit date) or that matches no finding. Runs last, so
 * it sees every other rule's findings.
 */
import { at } from '../../governance/findings';
import { attributeFindings } from '../../governance/links';
import { describeWaiver, waiverMatches, waiverProblem } from '../../governance/waivers';
import type { Rule, RuleFinding } from '../types';

export const waiverInvalid: Rule = {
  id: 'waiver/invalid',
  group: 'waiver',
  defaultSeverity: 'warning',
  description: 'A waiver is expired, incomplete or matches no finding.',
  rationale:
    'A waiver that does not apply hides nothing but suggests it does; an expired one means the exception needs a new decision.',
  check({ workbook, asOf, findings }) {
    const waivers = workbook.waivers;
    if (!waivers) return [];
    const attributed = attributeFindings(
      findings.filter((f) => f.rule !== 'waiver/invalid'),
      workbook,
    );
    const result: RuleFinding[] = [];
    for (const entry of waivers.entries) {
      const where = entry.cell
        ? at(entry.sheet, entry.cell)
        : { sheet: entry.sheet, row: entry.row };
      const label = `The waiver on sheet "${entry.sheet}" row ${entry.row} (${describeWaiver(entry)})`;
      const problem = waiverProblem(entry, asOf);
      if (problem) {
        result.push({
          ...where,
          message: `${label} does not apply: ${problem}.`,
          suggestion:
            'Complete or renew the waiver (rule, reason, approver, future expiry), or delete it.',
        });
      } else if (!attributed.some((f) => waiverMatches(entry, f))) {
        result.push({
          ...where,
          message: `${label} matches no finding.`,
          suggestion:
            'Check the rule id, item or sheet and cell or activity, or delete the waiver if it is no longer needed.',
        });
      }
    }
    return result;
  },
};
