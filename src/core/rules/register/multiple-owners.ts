/** `register/multiple-owners`: a register item with more than one owner named. */
import { itemFinding } from '../../governance/findings';
import type { Rule } from '../types';

export const registerMultipleOwners: Rule = {
  id: 'register/multiple-owners',
  group: 'register',
  defaultSeverity: 'error',
  description: 'A process or service in the Register names more than one owner.',
  rationale:
    'Ownership shared between several people is ownership nobody feels: ITIL asks for exactly one owner.',
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => item.owners.length > 1)
      .map((item) =>
        itemFinding(
          item,
          `"${item.name}" has ${item.owners.length} owners (${item.owners.join(', ')}); it needs exactly one.`,
          item.ownerCell,
          'Keep one owner; the others can be managers or deputies.',
        ),
      );
  },
};
