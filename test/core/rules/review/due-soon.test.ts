/** Table-driven tests of `review/due-soon` (window of `dueSoonDays`, default 30). */
import { reviewDueSoon } from '../../../../src/core/rules/review/due-soon';
import { ruleTester } from '../../../support/rule-tester';
import { item, workbook } from '../../governance/fixtures';

ruleTester(reviewDueSoon, {
  valid: [
    {
      name: 'due in 31 days',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-07-31' })]),
    },
    {
      name: 'overdue is another rule',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-06-01' })]),
    },
    {
      name: 'outside a smaller window',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-07-10' })]),
      config: { dueSoonDays: 7 },
    },
  ],
  invalid: [
    {
      name: 'due exactly on the audit date',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-06-30' })]),
      errors: [{ sheet: 'Register', cell: 'H2', item: 'Incident Management', severity: 'info' }],
    },
    {
      name: 'due on the last day of the window',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-07-30' })]),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
    {
      name: 'due the day after the audit date: "in 1 day"',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-07-01' })]),
      errors: [{ sheet: 'Register', cell: 'H2', message: /on 2026-10-01, in 1 day \(/ }],
    },
    {
      name: 'a monthly review on 31 January is due on 28 February',
      sheets: workbook([item({ cadence: 'monthly', lastReviewed: '2027-01-31' })]),
      today: '2027-03-01',
      quarter: '2027-Q1',
      asOf: '2027-02-28',
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
  ],
});
