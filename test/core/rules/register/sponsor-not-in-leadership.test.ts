/** Table-driven tests of `register/sponsor-not-in-leadership`. */
import { registerSponsorNotInLeadership } from '../../../../src/core/rules/register/sponsor-not-in-leadership';
import { ruleTester } from '../../../support/rule-tester';
import { item, leadership, workbook } from '../../governance/fixtures';

const roster = leadership([
  ['Bob Boss', 'bob@x.org'],
  ['Old Timer', 'old@x.org', 'no'],
  ['Fay Leaving', 'fay@x.org', 'yes', '2026-09-30'],
  ['Gus Gone', 'gus@x.org', 'yes', '2026-09-29'],
]);

ruleTester(registerSponsorNotInLeadership, {
  valid: [
    { name: 'no Leadership sheet: not checked', sheets: workbook([item({ sponsor: 'Anyone' })]) },
    { name: 'sitting, by name', sheets: workbook([item({ sponsor: 'bob  BOSS' })], roster) },
    { name: 'sitting, by email', sheets: workbook([item({ sponsor: 'BOB@x.org' })], roster) },
    {
      name: 'sitting until the audit date',
      sheets: workbook([item({ sponsor: 'Fay Leaving' })], roster),
    },
    { name: 'no sponsor is another rule', sheets: workbook([item({ sponsor: '' })], roster) },
    {
      name: 'a shared roster counts',
      sheets: workbook([item({ sponsor: 'hal@x.org' })]),
      leadership: [leadership([['Hal Six', 'hal@x.org']])],
    },
  ],
  invalid: [
    {
      name: 'not on the roster',
      sheets: workbook([item({ sponsor: 'Zed Unknown' })], roster),
      errors: [{ sheet: 'Register', cell: 'D2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'inactive member and one whose term ended before the audit date',
      sheets: workbook(
        [item({ sponsor: 'old@x.org' }), item({ name: 'Problem', sponsor: 'Gus Gone' })],
        roster,
      ),
      errors: [
        { sheet: 'Register', cell: 'D2' },
        { sheet: 'Register', cell: 'D3' },
      ],
    },
    {
      name: 'same name, other email',
      sheets: workbook([item({ sponsor: 'Bob Boss <bob@elsewhere.org>' })], roster),
      errors: [{ sheet: 'Register', cell: 'D2' }],
    },
  ],
});
