/** Table-driven tests of `register/orphan-raci`. */
import { registerOrphanRaci } from '../../../../src/core/rules/register/orphan-raci';
import { ruleTester } from '../../../support/rule-tester';
import { item, matrix, workbook } from '../../governance/fixtures';

ruleTester(registerOrphanRaci, {
  valid: [
    { name: 'every matrix linked', sheets: workbook([item()]) },
    { name: 'no Register: not checked', sheets: [matrix('Anything')] },
  ],
  invalid: [
    {
      name: 'a matrix nobody links',
      sheets: workbook([item()], matrix('Old copy')),
      errors: [{ sheet: 'Old copy', cell: 'A1', severity: 'warning' }],
    },
  ],
});
