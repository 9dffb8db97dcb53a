/** Table-driven tests of `register/duplicate-item` (within one workbook). */
import { registerDuplicateItem } from '../../../../src/core/rules/register/duplicate-item';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(registerDuplicateItem, {
  valid: [{ name: 'distinct names', sheets: workbook([item(), item({ name: 'Problem' })]) }],
  invalid: [
    {
      name: 'same name, other case and spacing',
      sheets: workbook([
        item(),
        item({ name: 'Problem' }),
        item({ name: 'incident  management', raciSheet: 'Incident Management RACI' }),
      ]),
      errors: [{ sheet: 'Register', cell: 'A4', item: 'incident management', severity: 'error' }],
    },
    {
      name: 'three times',
      sheets: workbook([item(), item(), item()]),
      errors: [
        { sheet: 'Register', cell: 'A3' },
        { sheet: 'Register', cell: 'A4' },
      ],
    },
  ],
});
