/** Table-driven tests of `register/no-sponsor`. */
import { registerNoSponsor } from '../../../../src/core/rules/register/no-sponsor';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(registerNoSponsor, {
  valid: [
    { name: 'sponsor named', sheets: workbook([item()]) },
    { name: 'sponsor as an email', sheets: workbook([item({ sponsor: 'bob@x.org' })]) },
  ],
  invalid: [
    {
      name: 'process without sponsor',
      sheets: workbook([item({ sponsor: '' })]),
      errors: [{ sheet: 'Register', cell: 'D2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'service without sponsor',
      sheets: workbook([item(), item({ name: 'Email', kind: 'Service', sponsor: '  ' })]),
      errors: [{ sheet: 'Register', cell: 'D3', item: 'Email' }],
    },
  ],
});
