/** Table-driven tests of `review/invalid-date`. */
import { reviewInvalidDate } from '../../../../src/core/rules/review/invalid-date';
import { ruleTester } from '../../../support/rule-tester';
import { item, leadership, reviews, workbook } from '../../governance/fixtures';

ruleTester(reviewInvalidDate, {
  valid: [
    {
      name: 'real and text dates',
      sheets: workbook([
        item({ lastReviewed: 46266, sponsorReview: '02/09/2026', signOff: '1 Jan 2026' }),
      ]),
    },
    {
      name: 'MDY text in MDY order',
      sheets: workbook([item({ lastReviewed: '09/30/2026' })]),
      config: { dateOrder: 'MDY' },
    },
    {
      name: 'blank dates are other rules',
      sheets: workbook([item({ lastReviewed: '', signOff: '' })]),
    },
  ],
  invalid: [
    {
      name: 'impossible dates in the Register',
      sheets: workbook([
        item({ lastReviewed: '31/02/2026', sponsorReview: 'soon', signOff: '1/1/26' }),
      ]),
      errors: [
        { sheet: 'Register', cell: 'H2', item: 'Incident Management', severity: 'error' },
        { sheet: 'Register', cell: 'I2' },
        { sheet: 'Register', cell: 'J2' },
      ],
    },
    {
      name: 'MDY text in DMY order',
      sheets: workbook([item({ lastReviewed: '09/30/2026' })]),
      errors: [{ sheet: 'Register', cell: 'H2' }],
    },
    {
      name: 'Reviews log and roster dates',
      sheets: workbook(
        [item()],
        reviews([
          ['Incident Management', 'RACI review', '2026-02-30'],
          ['Incident Management', 'CSI review', null],
        ]),
        leadership([['Bob Boss', 'bob@x.org', 'yes', 'next year']]),
      ),
      errors: [
        { sheet: 'Reviews', cell: 'C2', item: 'Incident Management' },
        { sheet: 'Reviews', cell: 'C3' },
        { sheet: 'Leadership', cell: 'D2' },
      ],
    },
  ],
});
