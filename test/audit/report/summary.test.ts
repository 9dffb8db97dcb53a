/**
 * The sponsor summary's wording, worked out once in summary.ts for the HTML, text and mail:
 * failed checks said as the problem, review states with the right date labels and plurals,
 * and a "No sponsor" summary that never says "your". Table-driven on hand-made items.
 */
import type { ReportItem, ReportJson } from '../../../audit/report/model';
import { renderSponsorHtml } from '../../../audit/report/html';
import {
  failedChecksWording,
  reviewWording,
  sponsorReviewWording,
  summariseSponsor,
} from '../../../audit/report/summary';
import { renderSponsorText } from '../../../audit/report/text';
import { CHECK_LABELS } from '../../../src/core/governance/compliance';
import { fixtureReport } from '../support/report-fixture';

function withItem(extra: Partial<ReportItem>): ReportItem {
  return { ...fixtureReport().items[1], ...extra };
}

describe('failedChecksWording', () => {
  it('says every check of the core as the problem, never as the passing label', () => {
    for (const label of Object.values(CHECK_LABELS)) {
      const wording = failedChecksWording(withItem({ failedChecks: [label] }));
      expect(wording).not.toBe(label);
      expect(wording).not.toMatch(/^not met/);
    }
  });

  it.each<[string[], string]>([
    [['Manager appointed', 'RACI matrix present'], 'no manager appointed, no RACI matrix'],
    [['Sponsor quarterly review done'], 'sponsor quarterly review not done'],
    [['Some future check'], 'not met: Some future check'],
  ])('%j -> %s', (failedChecks, expected) => {
    expect(failedChecksWording(withItem({ failedChecks }))).toBe(expected);
  });
});

describe('reviewWording', () => {
  const review = withItem({}).review;
  it.each<[Partial<ReportItem['review']>, string]>([
    [{ status: 'never', nextDue: null }, 'never reviewed'],
    [
      { status: 'overdue', daysOverdue: 1, nextDue: '2026-09-29' },
      'review overdue by 1 day (was due 2026-09-29)',
    ],
    [
      { status: 'overdue', daysOverdue: 30, nextDue: '2026-08-31' },
      'review overdue by 30 days (was due 2026-08-31)',
    ],
    [{ status: 'due-soon', nextDue: '2026-10-15' }, 'review due soon (on 2026-10-15)'],
    [{ status: 'ok', nextDue: '2026-12-01' }, 'reviewed on cadence (next due 2026-12-01)'],
    [{ status: 'unknown', nextDue: null }, 'no valid review cadence'],
  ])('%j -> %s', (state, expected) => {
    expect(reviewWording(withItem({ review: { ...review, ...state } }))).toBe(expected);
  });
});

describe('sponsorReviewWording', () => {
  it.each<[ReportItem['sponsorReview'], string]>([
    [{ status: 'done', date: '2026-09-15' }, 'done on 2026-09-15'],
    [{ status: 'missing', date: '2026-05-02' }, 'missing for 2026-Q3 (last on 2026-05-02)'],
    [{ status: 'missing', date: null }, 'missing for 2026-Q3 (none recorded)'],
    [{ status: 'pending', date: '2026-05-02' }, 'pending for 2026-Q3 (last on 2026-05-02)'],
    [{ status: 'pending', date: null }, 'pending for 2026-Q3'],
  ])('%j -> %s', (sponsorReview, expected) => {
    expect(sponsorReviewWording(withItem({ sponsorReview }), '2026-Q3')).toBe(expected);
  });
});

describe('summariseSponsor', () => {
  it('names the last sponsor review and never writes "review never reviewed"', () => {
    const report = fixtureReport();
    report.items[1] = {
      ...report.items[1],
      review: { ...report.items[1].review, status: 'never', nextDue: null },
      sponsorReview: { status: 'missing', date: '2026-05-02' },
    };
    const { attention } = summariseSponsor(report, report.sponsors[0]);
    expect(attention).toContain(
      'Payments: your quarterly review of adoption and compliance is not recorded for 2026-Q3 (last on 2026-05-02).',
    );
    expect(attention).toContain('Payments: never reviewed.');
    expect(attention.join('\n')).not.toMatch(/review never/);
  });

  it('a "No sponsor" summary speaks of the sponsor, not of "you"', () => {
    const report: ReportJson = fixtureReport();
    const none = {
      name: 'No sponsor',
      slug: 'no-sponsor',
      unassigned: true,
      sitting: null,
      items: 1,
      compliant: 0,
      compliance: 0,
      itemList: [{ file: 'ops.xlsx', name: 'Payments' }],
    };
    const text = renderSponsorText(report, none);
    const html = renderSponsorHtml(report, none);
    expect(text).not.toMatch(/\byour\b/i);
    expect(text).toContain("an LT sponsor's quarterly review of adoption and compliance");
    expect(text).toContain('Sponsor quarterly review: missing for 2026-Q3 (none recorded).');
    expect(html).toContain('Sponsor quarterly review</th>');
    expect(html).not.toContain('Your quarterly review');
    expect(html).not.toContain('Your items');
  });
});
