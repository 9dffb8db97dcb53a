/** Table-driven tests of `review/future-date`. */
import { reviewFutureDate } from '../../../../src/core/rules/review/future-date';
import { ruleTester } from '../../../support/rule-tester';
import { item, leadership, reviews, workbook } from '../../governance/fixtures';

ruleTester(reviewFutureDate, {
  valid: [
    {
      name: 'dated on the audit date',
      sheets: workbook([
        item({ lastReviewed: '2026-09-30', sponsorReview: '2026-09-30', signOff: '2026-09-30' }),
      ]),
    },
    {
      name: 'a roster end date may be in the future',
      sheets: workbook([item()], leadership([['Bob Boss', 'bob@x.org', 'yes', '2027-06-30']])),
    },
  ],
  invalid: [
    {
      name: 'Register dates after the audit date',
      sheets: workbook([item({ lastReviewed: '2026-10-01', signOff: '2027-01-01' })]),
      errors: [
        { sheet: 'Register', cell: 'H2', item: 'Incident Management', severity: 'warning' },
        { sheet: 'Register', cell: 'J2' },
      ],
    },
    {
      name: 'a logged review after a chosen as-of date',
      sheets: workbook(
        [item()],
        reviews([['Incident Management', 'Service review', '2026-09-20']]),
      ),
      asOf: '2026-09-15',
      errors: [{ sheet: 'Reviews', cell: 'C2', item: 'Incident Management' }],
    },
  ],
});
