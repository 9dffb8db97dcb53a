/** Table-driven tests of `review/invalid-cadence`. */
import { reviewInvalidCadence } from '../../../../src/core/rules/review/invalid-cadence';
import { ruleTester } from '../../../support/rule-tester';
import { item, register, workbook } from '../../governance/fixtures';

ruleTester(reviewInvalidCadence, {
  valid: [
    {
      name: 'named cadences',
      sheets: workbook([
        item({ cadence: 'Half-yearly' }),
        item({ name: 'P', cadence: 'every 2 months' }),
      ]),
    },
    {
      name: 'cadence from the matrix metadata',
      sheets: [
        register([item({ cadence: '' })]),
        {
          name: 'Incident Management RACI',
          rows: [
            ['Review cadence:', 'quarterly'],
            [],
            ['Activity', 'Desk', 'Lead'],
            ['Log', 'R', 'A'],
          ],
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'unreadable text',
      sheets: workbook([item({ cadence: 'when needed' })]),
      errors: [{ sheet: 'Register', cell: 'G2', item: 'Incident Management', severity: 'warning' }],
    },
    {
      name: 'blank',
      sheets: workbook([item({ cadence: '' })]),
      errors: [{ sheet: 'Register', cell: 'G2' }],
    },
    {
      name: 'unreadable text in the matrix metadata is reported there',
      sheets: [
        register([item({ cadence: '' })]),
        {
          name: 'Incident Management RACI',
          rows: [
            ['Review cadence:', 'bimonthly'],
            [],
            ['Activity', 'Desk', 'Lead'],
            ['Log', 'R', 'A'],
          ],
        },
      ],
      errors: [{ sheet: 'Incident Management RACI', cell: 'B1' }],
    },
  ],
});
