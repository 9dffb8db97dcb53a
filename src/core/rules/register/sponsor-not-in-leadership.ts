/**
 * `register/sponsor-not-in-leadership`: a register item whose sponsor is not a sitting member
 * of the leadership team (matched by email, else name; an inactive member or one whose Until
 * date is before the audit date does not sit). Runs only with a Leadership roster.
 */
import { sponsorSits } from '../../governance/compliance';
import { itemFinding } from '../../governance/findings';
import { findMember } from '../../governance/people';
import type { Rule } from '../types';

export const registerSponsorNotInLeadership: Rule = {
  id: 'register/sponsor-not-in-leadership',
  group: 'register',
  defaultSeverity: 'error',
  description:
    'The LT sponsor of a process or service is not a sitting member of the leadership team.',
  rationale:
    'A sponsor who has left the leadership team, or never sat on it, cannot hold the item to account at leadership level.',
  check({ workbook, asOf }) {
    const leadership = workbook.leadership;
    if (!leadership) return [];
    return (workbook.register?.items ?? [])
      .filter((item) => item.sponsor !== '' && !sponsorSits(item.sponsor, leadership.members, asOf))
      .map((item) => {
        const member = findMember(item.sponsor, leadership.members);
        const why = member
          ? `is no longer active on the leadership team as of ${asOf}`
          : `is not on the leadership roster "${leadership.sheet}"`;
        return itemFinding(
          item,
          `The sponsor of "${item.name}", ${item.sponsor}, ${why}.`,
          item.sponsorCell,
          'Name a sitting leadership-team member as sponsor, or update the roster.',
        );
      });
  },
};
