/** Table-driven tests of `register/no-manager`. */
import { registerNoManager } from '../../../../src/core/rules/register/no-manager';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(registerNoManager, {
  valid: [
    { name: 'process with manager', sheets: workbook([item()]) },
    { name: 'a service needs none', sheets: workbook([item({ kind: 'Service', manager: '' })]) },
    {
      name: 'a practice needs none',
      sheets: workbook([item({ kind: 'Practice', manager: '' })]),
    },
  ],
  invalid: [
    {
      name: 'process without manager',
      sheets: workbook([item({ manager: '' })]),
      errors: [{ sheet: 'Register', cell: 'E2', item: 'Incident Management', severity: 'warning' }],
    },
    {
      name: 'second process whose manager is a dash',
      sheets: workbook([item(), item({ name: 'Problem', manager: '-' })]),
      errors: [{ sheet: 'Register', cell: 'E3', item: 'Problem' }],
    },
  ],
});
