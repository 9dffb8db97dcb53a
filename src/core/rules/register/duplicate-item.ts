/** `register/duplicate-item`: the same item name twice in the Register (case and spacing ignored). */
import { itemFinding } from '../../governance/findings';
import type { RegisterItem } from '../../model';
import { normaliseName } from '../../text';
import type { Rule } from '../types';

export const registerDuplicateItem: Rule = {
  id: 'register/duplicate-item',
  group: 'register',
  defaultSeverity: 'error',
  description: 'The same process or service appears more than once in the Register.',
  rationale:
    'Two rows for one item give it two owners, sponsors and review dates; reports then disagree about it.',
  check({ workbook }) {
    const first = new Map<string, RegisterItem>();
    const findings = [];
    for (const item of workbook.register?.items ?? []) {
      const key = normaliseName(item.name);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, item);
        continue;
      }
      findings.push(
        itemFinding(
          item,
          `"${item.name}" is listed twice in the Register (rows ${earlier.row} and ${item.row}).`,
          undefined,
          'Merge the two rows into one.',
        ),
      );
    }
    return findings;
  },
};
