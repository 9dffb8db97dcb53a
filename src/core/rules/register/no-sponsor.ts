/** `register/no-sponsor`: a register item with no LT sponsor named. */
import { itemFinding } from '../../governance/findings';
import type { Rule } from '../types';

export const registerNoSponsor: Rule = {
  id: 'register/no-sponsor',
  group: 'register',
  defaultSeverity: 'error',
  description: 'A process or service in the Register has no LT sponsor.',
  rationale:
    'Each process and service needs an explicitly defined leadership-team sponsor who reviews its adoption and compliance every quarter.',
  check({ workbook }) {
    return (workbook.register?.items ?? [])
      .filter((item) => item.sponsor === '')
      .map((item) =>
        itemFinding(
          item,
          `"${item.name}" has no LT sponsor in the Register.`,
          item.sponsorCell,
          'Name the leadership-team member who sponsors it.',
        ),
      );
  },
};
