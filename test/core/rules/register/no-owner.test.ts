/** Table-driven tests of `register/no-owner`. */
import { registerNoOwner } from '../../../../src/core/rules/register/no-owner';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(registerNoOwner, {
  valid: [
    { name: 'one owner', sheets: workbook([item()]) },
    {
      name: 'no register at all',
      sheets: [
        {
          name: 'RACI',
          rows: [
            ['Activity', 'Desk', 'Lead'],
            ['Log', 'R', 'A'],
          ],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'blank owner cell',
      sheets: workbook([item(), item({ name: 'Problem', owner: '' })]),
      errors: [{ sheet: 'Register', cell: 'C3', item: 'Problem', severity: 'error' }],
    },
    {
      name: 'a placeholder is no owner',
      sheets: workbook([item({ owner: 'TBD' })]),
      errors: [{ sheet: 'Register', cell: 'C2' }],
    },
    {
      name: 'no Owner column: reported at the name',
      sheets: [
        {
          name: 'Register',
          rows: [
            ['Name', 'Kind', 'LT Sponsor'],
            ['Email', 'Service', 'Bob'],
          ],
        },
      ],
      errors: [{ sheet: 'Register', cell: 'A2' }],
    },
  ],
});
