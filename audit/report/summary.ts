/**
 * What one LT sponsor's summary says, worked out once so the HTML, the plain text and the
 * mail say the same thing: their items with compliance and the reasons, what is overdue, the
 * most important findings, and the trend since last quarter.
 */
import type { ReportFinding, ReportItem, ReportJson, ReportSponsor } from './model';
import { sponsorFindings } from './model';

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

/** Returns "3 days overdue"-style wording for an item's review state. */
export function reviewWording(i: ReportItem): string {
  switch (i.review.status) {
    case 'never':
      return 'never reviewed';
    case 'overdue':
      return `overdue by ${i.review.daysOverdue ?? '?'} days (due ${i.review.nextDue})`;
    case 'due-soon':
      return `due soon (${i.review.nextDue})`;
    case 'ok':
      return `on cadence (next ${i.review.nextDue})`;
    default:
      return 'no valid cadence';
  }
}

/** Returns the sponsor summary of one sponsor in the report. */
export function summariseSponsor(report: ReportJson, sponsor: ReportSponsor): SponsorSummary {
  const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
  const items = report.items.filter((i) => mine.has(`${i.file}\u0001${i.name}`));
  const all = sponsorFindings(sponsor, report.findings, true);
  const open = all.filter((f) => !f.waived);
  const findingCounts = { error: 0, warning: 0, info: 0, waived: all.length - open.length };
  for (const f of open) findingCounts[f.severity] += 1;
  const topFindings = open
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .slice(0, FINDING_LIMIT)
    .map(({ f }) => f);

  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.name, (counts.get(i.name) ?? 0) + 1);
  const label = (i: ReportItem) =>
    (counts.get(i.name) ?? 0) > 1 ? `${i.name} (${i.file})` : i.name;
  const attention: string[] = [];
  for (const i of items) {
    if (i.sponsorReview.status === 'missing') {
      attention.push(
        `${label(i)}: your quarterly review of adoption and compliance is not recorded for ${report.quarter}.`,
      );
    }
  }
  for (const i of items) {
    if (i.review.status === 'overdue' || i.review.status === 'never') {
      attention.push(`${label(i)}: review ${reviewWording(i)}.`);
    }
  }
  for (const i of items) {
    if (!i.compliant) {
      const why =
        i.failedChecks.length > 0
          ? i.failedChecks.join('; ')
          : `${i.findings.error} error findings`;
      attention.push(`${label(i)} is not compliant: ${why}.`);
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
