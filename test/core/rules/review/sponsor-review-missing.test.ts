/**
 * Table-driven tests of `review/sponsor-review-missing`: error once the quarter has ended,
 * info while it runs.
 */
import { reviewSponsorReviewMissing } from '../../../../src/core/rules/review/sponsor-review-missing';
import { ruleTester } from '../../../support/rule-tester';
import { item, reviews, workbook } from '../../governance/fixtures';

ruleTester(reviewSponsorReviewMissing, {
  valid: [
    {
      name: 'reviewed on the first day of the quarter',
      sheets: workbook([item({ sponsorReview: '2026-07-01' })]),
    },
    {
      name: 'reviewed on the last day of the quarter',
      sheets: workbook([item({ sponsorReview: '2026-09-30' })]),
    },
    {
      name: 'a sponsor review in the log',
      sheets: workbook(
        [item({ sponsorReview: '' })],
        reviews([['incident management', 'Sponsor review', '2026-08-01']]),
      ),
    },
    {
      name: 'fiscal quarter',
      sheets: workbook([item({ sponsorReview: '2026-07-15' })]),
      config: { fiscalYearStartMonth: 7 },
    },
  ],
  invalid: [
    {
      name: 'reviewed last quarter only',
      sheets: workbook([item({ sponsorReview: '2026-06-30' })]),
      errors: [{ sheet: 'Register', cell: 'I2', item: 'Incident Management', severity: 'error' }],
    },
    {
      name: 'reviewed only after the audit date',
      sheets: workbook([item({ sponsorReview: '2026-10-01' })]),
      errors: [{ sheet: 'Register', cell: 'I2', severity: 'error' }],
    },
    {
      name: 'quarter still running: info',
      sheets: workbook([item({ sponsorReview: '' })]),
      today: '2026-08-15',
      quarter: '2026-Q3',
      errors: [{ sheet: 'Register', cell: 'I2', severity: 'info' }],
    },
    {
      name: 'configured as a warning: missing is a warning, pending stays info',
      sheets: workbook([item({ sponsorReview: '' }), item({ name: 'P', sponsorReview: '' })]),
      config: { rules: { 'review/sponsor-review-missing': 'warning' } },
      errors: [
        { sheet: 'Register', cell: 'I2', severity: 'warning' },
        { sheet: 'Register', cell: 'I3', severity: 'warning' },
      ],
    },
    {
      name: 'configured as info while the quarter runs stays info',
      sheets: workbook([item({ sponsorReview: '' })]),
      today: '2026-08-15',
      quarter: '2026-Q3',
      config: { rules: { 'review/sponsor-review-missing': 'info' } },
      errors: [{ sheet: 'Register', cell: 'I2', severity: 'info' }],
    },
  ],
});
