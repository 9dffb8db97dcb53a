/** Table-driven tests of `register/multiple-owners`. */
import { registerMultipleOwners } from '../../../../src/core/rules/register/multiple-owners';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(registerMultipleOwners, {
  valid: [
    { name: 'one owner', sheets: workbook([item()]) },
    { name: 'no owner is another rule', sheets: workbook([item({ owner: '' })]) },
  ],
  invalid: [
    {
      name: 'comma',
      sheets: workbook([item({ owner: 'Ann, Ed' })]),
      errors: [{ sheet: 'Register', cell: 'C2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'semicolon and new line',
      sheets: workbook([item(), item({ name: 'Problem', owner: 'Ann;\nEd' })]),
      errors: [{ sheet: 'Register', cell: 'C3' }],
    },
  ],
});
