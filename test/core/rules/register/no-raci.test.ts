/** Table-driven tests of `register/no-raci`. */
import { registerNoRaci } from '../../../../src/core/rules/register/no-raci';
import { ruleTester } from '../../../support/rule-tester';
import { item, matrix, register, workbook } from '../../governance/fixtures';

ruleTester(registerNoRaci, {
  valid: [
    { name: 'RACI sheet named', sheets: workbook([item()]) },
    {
      name: 'sheet named like the item',
      sheets: [register([item({ raciSheet: '' })]), matrix('incident management')],
    },
  ],
  invalid: [
    {
      name: 'named sheet missing',
      sheets: [register([item({ raciSheet: 'Nowhere' })]), matrix('Other')],
      errors: [{ sheet: 'Register', cell: 'F2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'named sheet holds no matrix',
      sheets: [
        register([item({ raciSheet: 'Notes' })]),
        { name: 'Notes', rows: [['Just notes']] },
        matrix('Other'),
      ],
      errors: [{ sheet: 'Register', cell: 'F2' }],
    },
    {
      name: 'nothing links',
      sheets: [register([item({ raciSheet: '' })]), matrix('Other')],
      errors: [{ sheet: 'Register', cell: 'F2' }],
    },
  ],
});
