/**
 * What one LT sponsor's summary says, worked out once so the HTML, the plain text and the
 * mail say the same thing: their items with compliance and the reasons, what is overdue, the
 * most important findings, and the trend since last quarter.
 */
import { CHECK_LABELS, type ItemCheck } from '../../src/core';
import type { ReportFinding, ReportItem, ReportModel, ReportSponsor, SponsorRows } from './model';
import { sponsorRows } from './model';

export interface SponsorSummary {
  sponsor: ReportSponsor;
  quarter: string;
  period: { start: string; end: string };
  asOf: string;
  nextQuarter: { quarter: string; start: string; end: string };
  items: ReportItem[];
  /** Percentage points since last quarter, or null without a previous report. */
  change: number | null;
  /** One sentence per thing the sponsor should act on, most urgent first. */
  attention: string[];
  /** Findings not waived, errors first, at most `FINDING_LIMIT`. */
  topFindings: ReportFinding[];
  findingCounts: { error: number; warning: number; info: number; waived: number };
  /** Reviews of the sponsor's items falling due next quarter. */
  dueNextQuarter: ReportItem[];
  /** Returns the item's name, with its file when two of the sponsor's items share the name. */
  label(item: ReportItem): string;
}

export const FINDING_LIMIT = 15;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Returns the subject line of a sponsor's summary mail. */
export function summarySubject(s: SponsorSummary): string {
  const pct = Math.round(s.sponsor.compliance * 100);
  return `RACI compliance ${s.quarter}: ${s.sponsor.compliant} of ${s.sponsor.items} items compliant (${pct}%)`;
}

/** What a failed compliance check means, said as the problem ("no manager appointed"). */
const FAILED_CHECK: Record<ItemCheck['id'], string> = {
  'owner-defined': 'no owner',
  'single-owner': 'more than one owner',
  'sponsor-defined': 'no LT sponsor',
  'sponsor-sitting': 'the sponsor does not sit on the LT',
  'manager-appointed': 'no manager appointed',
  'raci-present': 'no RACI matrix',
  'raci-clean': 'errors in the RACI matrix',
  'roles-staffed': 'roles not staffed',
  'review-on-cadence': 'review not on cadence',
  'sponsor-review-done': 'sponsor quarterly review not done',
  'signoff-recorded': 'no sign-off recorded',
};

const CHECK_BY_LABEL = new Map(
  (Object.keys(CHECK_LABELS) as ItemCheck['id'][]).map((id) => [CHECK_LABELS[id], id]),
);

/** Returns the item's failed checks said as problems: "no manager appointed, no RACI matrix". */
export function failedChecksWording(i: ReportItem): string {
  return i.failedChecks
    .map((label) => {
      const id = CHECK_BY_LABEL.get(label);
      return id ? FAILED_CHECK[id] : `not met: ${label}`;
    })
    .join(', ');
}

function days(n: number | null): string {
  return n === null ? 'some days' : `${n} day${n === 1 ? '' : 's'}`;
}

/** Returns the state of an item's review as a phrase: "review overdue by 3 days (due …)". */
export function reviewWording(i: ReportItem): string {
  switch (i.review.status) {
    case 'never':
      return 'never reviewed';
    case 'overdue':
      return `review overdue by ${days(i.review.daysOverdue)} (was due ${i.review.nextDue})`;
    case 'due-soon':
      return `review due soon (on ${i.review.nextDue})`;
    case 'ok':
      return `reviewed on cadence (next due ${i.review.nextDue})`;
    default:
      return 'no valid review cadence';
  }
}

/** Returns the state of the sponsor's quarterly review of an item: "missing for 2026-Q3 (last on …)". */
export function sponsorReviewWording(i: ReportItem, quarter: string): string {
  const { date, status } = i.sponsorReview;
  switch (status) {
    case 'done':
      return date ? `done on ${date}` : 'done';
    case 'missing':
      return `missing for ${quarter} (${date ? `last on ${date}` : 'none recorded'})`;
    default:
      return `pending for ${quarter}${date ? ` (last on ${date})` : ''}`;
  }
}

/**
 * Returns the sponsor summary of one sponsor in the report. `rows` are the sponsor's items and
 * findings when already picked (`sponsorRows`); otherwise they are picked from the report.
 */
export function summariseSponsor(
  report: ReportModel,
  sponsor: ReportSponsor,
  rows: SponsorRows = sponsorRows(report, sponsor),
): SponsorSummary {
  const items = rows.items;
  // One pass over the findings: the counts, and the most important ones (by severity, then in
  // report order) kept to FINDING_LIMIT as they go by.
  const findingCounts = { error: 0, warning: 0, info: 0, waived: 0 };
  const top: { f: ReportFinding; i: number }[] = [];
  const first = (a: { f: ReportFinding; i: number }, b: { f: ReportFinding; i: number }) =>
    SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i;
  let index = 0;
  for (const f of rows.findings) {
    if (f.waived) {
      findingCounts.waived += 1;
      continue;
    }
    findingCounts[f.severity] += 1;
    const candidate = { f, i: index++ };
    if (top.length === FINDING_LIMIT && first(candidate, top[top.length - 1]) > 0) continue;
    top.push(candidate);
    top.sort(first);
    if (top.length > FINDING_LIMIT) top.pop();
  }
  const topFindings = top.map(({ f }) => f);

  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
  const label = (i: ReportItem) =>
    (counts.get(i.name) ?? 0) > 1 ? `${i.name} (${i.file})` : i.name;
  const whose = sponsor.unassigned ? "an LT sponsor's" : 'your';
  const attention: string[] = [];
  for (const i of items) {
    if (i.sponsorReview.status === 'missing') {
      attention.push(
        `${label(i)}: ${whose} quarterly review of adoption and compliance is not recorded for ${report.quarter}` +
          (i.sponsorReview.date ? ` (last on ${i.sponsorReview.date}).` : '.'),
      );
    }
  }
  for (const i of items) {
    if (i.review.status === 'overdue' || i.review.status === 'never') {
      attention.push(`${label(i)}: ${reviewWording(i)}.`);
    }
  }
  for (const i of items) {
    if (!i.compliant) {
      const why =
        i.failedChecks.length > 0
          ? `failed: ${failedChecksWording(i)}`
          : `${i.findings.error} error finding${i.findings.error === 1 ? '' : 's'}`;
      attention.push(`${label(i)} is not compliant; ${why}.`);
    }
  }
  const next = report.nextQuarter;
  return {
    sponsor,
    quarter: report.quarter,
    period: report.period,
    asOf: report.asOf,
    nextQuarter: next,
    items,
    change:
      sponsor.previousCompliance === undefined
        ? null
        : Math.round((sponsor.compliance - sponsor.previousCompliance) * 100),
    attention,
    topFindings,
    findingCounts,
    label,
    dueNextQuarter: items.filter(
      (i) =>
        i.review.nextDue !== null && i.review.nextDue >= next.start && i.review.nextDue <= next.end,
    ),
  };
}
