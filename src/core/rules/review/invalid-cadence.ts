/**
 * `review/invalid-cadence`: a register item whose review cadence is missing or not one this
 * tool understands (weekly, fortnightly, monthly, quarterly, semiannual, annual, every N
 * weeks/months). Its review status is then unknown.
 */
import { at, itemFinding } from '../../governance/findings';
import { linkItems } from '../../governance/links';
import { cadenceSource } from '../../governance/review';
import { parseCadence } from '../../cadence';
import type { Rule, RuleFinding } from '../types';

export const reviewInvalidCadence: Rule = {
  id: 'review/invalid-cadence',
  group: 'review',
  defaultSeverity: 'warning',
  description: 'A process or service has no review cadence, or one that cannot be read.',
  rationale:
    'Without a cadence nobody can say when the next review is due, so overdue reviews go unnoticed.',
  check({ workbook }) {
    const links = linkItems(workbook);
    const findings: RuleFinding[] = [];
    for (const item of workbook.register?.items ?? []) {
      const source = cadenceSource(item, links.get(item.name) ?? []);
      const suggestion =
        'Write weekly, fortnightly, monthly, quarterly, semiannual, annual or "every N months".';
      if (!source || source.value === '') {
        findings.push(
          itemFinding(item, `"${item.name}" has no review cadence.`, source?.cell, suggestion),
        );
      } else if (!parseCadence(source.value)) {
        findings.push({
          ...at(source.sheet, source.cell),
          item: item.name,
          message: `The review cadence "${source.value}" of "${item.name}" is not a cadence this tool understands.`,
          suggestion,
        });
      }
    }
    return findings;
  },
};
