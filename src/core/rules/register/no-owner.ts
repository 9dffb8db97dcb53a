/** `register/no-owner`: a register item with no owner named. */
import { itemFinding } from '../../governance/findings';
import type { Rule } from '../types';

export const registerNoOwner: Rule = {
  id: 'register/no-owner',
  group: 'register',
  defaultSeverity: 'error',
  description: 'A process or service in the Register has no owner.',
  rationale:
    'ITIL gives every process and service one owner who answers for it; without one nobody keeps it fit for purpose.',
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => item.owners.length === 0)
      .map((item) =>
        itemFinding(
          item,
          `"${item.name}" has no owner in the Register.`,
          item.ownerCell,
          'Name the one person who owns it in the Owner column.',
        ),
      );
  },
};
