/**
 * The plain-text sponsor summary: the same content as the HTML summary, for the text part of
 * the mail and for people who read mail as text. Lines stay short enough for any reader.
 */
import type { ReportModel, ReportSponsor } from './model';
import {
  failedChecksWording,
  reviewWording,
  sponsorReviewWording,
  summariseSponsor,
  summarySubject,
  type SponsorSummary,
} from './summary';

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Returns the plain-text summary for one sponsor of the report. */
export function renderSponsorText(report: ReportModel, sponsor: ReportSponsor): string {
  return renderSummaryText(summariseSponsor(report, sponsor));
}

/** Returns the plain-text document for an already worked-out sponsor summary. */
export function renderSummaryText(s: SponsorSummary): string {
  return [...summaryTextPieces(s)].join('');
}

/**
 * Yields the plain-text document of a sponsor summary a line at a time, each with its line
 * break (joined, they are `renderSummaryText`): a summary of thousands of items is written out
 * without ever being one string.
 */
export function* summaryTextPieces(s: SponsorSummary): Generator<string> {
  const sp = s.sponsor;
  const line = (text: string) => `${text}\n`;
  yield line(summarySubject(s));
  yield line(sp.unassigned ? 'Items without an LT sponsor' : `For ${sp.name}, LT sponsor`);
  yield line(`Period ${s.period.start} to ${s.period.end}, as of ${s.asOf}`);
  yield line('');
  let trend = 'No previous quarter to compare.';
  if (s.change !== null && sp.previousCompliance !== undefined) {
    trend =
      s.change === 0
        ? `Unchanged since last quarter (${pct(sp.previousCompliance)}).`
        : `${s.change > 0 ? 'Up' : 'Down'} ${Math.abs(s.change)} points since last quarter (was ${pct(sp.previousCompliance)}).`;
  }
  yield line(`Compliance: ${pct(sp.compliance)} (${sp.compliant} of ${sp.items} items). ${trend}`);
  yield line(
    `Findings: ${s.findingCounts.error} errors, ${s.findingCounts.warning} warnings, ${s.findingCounts.info} info` +
      (s.findingCounts.waived ? `, ${s.findingCounts.waived} waived.` : '.'),
  );
  yield line('');
  yield line(sp.unassigned ? 'NEEDS ATTENTION' : 'NEEDS YOUR ATTENTION');
  if (s.attention.length === 0)
    yield line('- Nothing: every item is compliant and reviewed on time.');
  for (const a of s.attention) yield line(`- ${a}`);
  yield line('');
  yield line(sp.unassigned ? 'THE ITEMS' : 'YOUR ITEMS');
  for (const i of s.items) {
    yield line(
      `- ${s.label(i)} (${i.kind}): ${i.compliant ? 'compliant' : 'NOT compliant'}, score ${i.score}%`,
    );
    yield line(
      `  ${capitalised(reviewWording(i))}. ${sp.unassigned ? 'Sponsor' : 'Your'} quarterly review: ${sponsorReviewWording(i, s.quarter)}.`,
    );
    if (i.failedChecks.length > 0) yield line(`  Failed: ${failedChecksWording(i)}.`);
  }
  if (s.dueNextQuarter.length > 0) {
    yield line('');
    yield line(`REVIEWS FALLING DUE IN ${s.nextQuarter.quarter}`);
    for (const i of s.dueNextQuarter) yield line(`- ${s.label(i)}: ${i.review.nextDue}`);
  }
  if (s.topFindings.length > 0) {
    yield line('');
    yield line('FINDINGS');
    for (const f of s.topFindings) {
      yield line(
        `- [${f.severity}] ${f.message} (${[f.file, f.sheet, f.cell].filter(Boolean).join(' / ')})`,
      );
    }
  }
  if (sp.newFindings && sp.resolvedFindings) {
    yield line('');
    yield line(
      `SINCE LAST QUARTER: ${sp.newFindings.length} new, ${sp.resolvedFindings.length} resolved`,
    );
    for (const f of sp.newFindings.slice(0, 10)) yield line(`+ ${f.message}`);
    for (const f of sp.resolvedFindings.slice(0, 10)) yield line(`- resolved: ${f.message}`);
  }
  yield line('');
  yield line(
    `The attached workbook lists every finding for ${sp.unassigned ? 'these' : 'your'} items with its sheet and cell.`,
  );
  yield line(`Produced by RACI Guard (raci-audit) for ${s.quarter} as of ${s.asOf}.`);
}
