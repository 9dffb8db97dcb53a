/** Table-driven tests of `review/overdue`, at the boundaries of the due date. */
import { reviewOverdue } from '../../../../src/core/rules/review/overdue';
import { ruleTester } from '../../../support/rule-tester';
import { item, reviews, workbook } from '../../governance/fixtures';

ruleTester(reviewOverdue, {
  valid: [
    {
      name: 'due exactly on the audit date is not overdue',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-06-30' })]),
    },
    {
      name: 'monthly review on 31 August is due on 30 September',
      sheets: workbook([item({ cadence: 'monthly', lastReviewed: '2026-08-31' })]),
    },
    {
      name: 'a later review in the log counts',
      sheets: workbook(
        [item({ cadence: 'quarterly', lastReviewed: '2026-01-01' })],
        reviews([['Incident Management', 'CSI review', '2026-09-15']]),
      ),
    },
    {
      name: 'no cadence: unknown, not overdue',
      sheets: workbook([item({ cadence: '', lastReviewed: '2020-01-01' })]),
    },
  ],
  invalid: [
    {
      name: 'due the day before the audit date',
      sheets: workbook([item({ cadence: 'quarterly', lastReviewed: '2026-06-29' })]),
      errors: [{ sheet: 'Register', cell: 'H2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'monthly review on 31 July was due on 31 August',
      sheets: workbook([item({ cadence: 'monthly', lastReviewed: '31/07/2026' })]),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
    {
      name: 'annual review on a leap day, audited a year and a day later',
      sheets: workbook([item({ cadence: 'annual', lastReviewed: '2028-02-29' })]),
      today: '2029-04-01',
      asOf: '2029-03-01',
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
  ],
});
