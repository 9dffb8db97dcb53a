/** Table-driven tests of `review/no-signoff`. */
import { reviewNoSignoff } from '../../../../src/core/rules/review/no-signoff';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(reviewNoSignoff, {
  valid: [
    { name: 'signed off', sheets: workbook([item()]) },
    {
      name: 'an unreadable date is review/invalid-date',
      sheets: workbook([item({ signOff: 'yes' })]),
    },
  ],
  invalid: [
    {
      name: 'blank sign-off',
      sheets: workbook([item(), item({ name: 'P', signOff: '' })]),
      errors: [{ sheet: 'Register', cell: 'J3', item: 'P', severity: 'warning' }],
    },
    {
      name: 'no Sign-off column: reported at the name',
      sheets: [
        {
          name: 'Register',
          rows: [
            ['Name', 'Kind', 'Owner'],
            ['Email', 'Service', 'Ann'],
          ],
        },
      ],
      errors: [{ sheet: 'Register', cell: 'A2' }],
    },
  ],
});
