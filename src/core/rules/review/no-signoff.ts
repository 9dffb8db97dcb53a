/** `review/no-signoff`: a register item whose definition and design the sponsor has not signed off. */
import { itemFinding } from '../../governance/findings';
import type { Rule } from '../types';

export const reviewNoSignoff: Rule = {
  id: 'review/no-signoff',
  group: 'review',
  defaultSeverity: 'warning',
  description: 'No sign-off of the definition and design is recorded for a process or service.',
  rationale: "The sponsor's sign-off shows leadership agreed the design the RACI describes.",
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => !item.signOff?.value && !item.signOff?.invalid)
      .map((item) =>
        itemFinding(
          item,
          `No sign-off is recorded for "${item.name}".`,
          item.signOff?.cell,
          'Record the date the sponsor signed off its definition and design in the Sign-off column.',
        ),
      );
  },
};
