/** Table-driven tests of `review/never`. */
import { reviewNever } from '../../../../src/core/rules/review/never';
import { ruleTester } from '../../../support/rule-tester';
import { item, reviews, workbook } from '../../governance/fixtures';

ruleTester(reviewNever, {
  valid: [
    { name: 'reviewed', sheets: workbook([item()]) },
    {
      name: 'reviewed on the audit date',
      sheets: workbook([item({ lastReviewed: '2026-09-30' })]),
    },
    {
      name: 'reviewed according to the log only',
      sheets: workbook(
        [item({ lastReviewed: '' })],
        reviews([['Incident Management', 'RACI review', '2026-03-01']]),
      ),
    },
  ],
  invalid: [
    {
      name: 'no date anywhere',
      sheets: workbook([item({ lastReviewed: '' })]),
      errors: [{ sheet: 'Register', cell: 'H2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'only a date after the audit date',
      sheets: workbook([item({ lastReviewed: '2026-10-01' })]),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
    {
      name: 'a sponsor review is not a review of the item',
      sheets: workbook(
        [item({ lastReviewed: '' })],
        reviews([['Incident Management', 'Sponsor review', '2026-09-01']]),
      ),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
    {
      name: 'an unreadable date does not count',
      sheets: workbook([item({ lastReviewed: '31/02/2026' })]),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
  ],
});
