/**
 * The plain-text sponsor summary: the same content as the HTML summary, for the text part of
 * the mail and for people who read mail as text. Lines stay short enough for any reader.
 */
import type { ReportJson, ReportSponsor } from './model';
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
export function renderSponsorText(report: ReportJson, sponsor: ReportSponsor): string {
  return renderSummaryText(summariseSponsor(report, sponsor));
}

/** Returns the plain-text document for an already worked-out sponsor summary. */
export function renderSummaryText(s: SponsorSummary): string {
  const sp = s.sponsor;
  const lines: string[] = [];
  lines.push(summarySubject(s));
  lines.push(sp.unassigned ? 'Items without an LT sponsor' : `For ${sp.name}, LT sponsor`);
  lines.push(`Period ${s.period.start} to ${s.period.end}, as of ${s.asOf}`);
  lines.push('');
  let trend = 'No previous quarter to compare.';
  if (s.change !== null && sp.previousCompliance !== undefined) {
    trend =
      s.change === 0
        ? `Unchanged since last quarter (${pct(sp.previousCompliance)}).`
        : `${s.change > 0 ? 'Up' : 'Down'} ${Math.abs(s.change)} points since last quarter (was ${pct(sp.previousCompliance)}).`;
  }
  lines.push(`Compliance: ${pct(sp.compliance)} (${sp.compliant} of ${sp.items} items). ${trend}`);
  lines.push(
    `Findings: ${s.findingCounts.error} errors, ${s.findingCounts.warning} warnings, ${s.findingCounts.info} info` +
      (s.findingCounts.waived ? `, ${s.findingCounts.waived} waived.` : '.'),
  );
  lines.push('');
  lines.push(sp.unassigned ? 'NEEDS ATTENTION' : 'NEEDS YOUR ATTENTION');
  if (s.attention.length === 0)
    lines.push('- Nothing: every item is compliant and reviewed on time.');
  for (const a of s.attention) lines.push(`- ${a}`);
  lines.push('');
  lines.push(sp.unassigned ? 'THE ITEMS' : 'YOUR ITEMS');
  for (const i of s.items) {
    lines.push(
      `- ${s.label(i)} (${i.kind}): ${i.compliant ? 'compliant' : 'NOT compliant'}, score ${i.score}%`,
    );
    lines.push(
      `  ${capitalised(reviewWording(i))}. ${sp.unassigned ? 'Sponsor' : 'Your'} quarterly review: ${sponsorReviewWording(i, s.quarter)}.`,
    );
    if (i.failedChecks.length > 0) lines.push(`  Failed: ${failedChecksWording(i)}.`);
  }
  if (s.dueNextQuarter.length > 0) {
    lines.push('');
    lines.push(`REVIEWS FALLING DUE IN ${s.nextQuarter.quarter}`);
    for (const i of s.dueNextQuarter) lines.push(`- ${s.label(i)}: ${i.review.nextDue}`);
  }
  if (s.topFindings.length > 0) {
    lines.push('');
    lines.push('FINDINGS');
    for (const f of s.topFindings) {
      lines.push(
        `- [${f.severity}] ${f.message} (${[f.file, f.sheet, f.cell].filter(Boolean).join(' / ')})`,
      );
    }
  }
  if (sp.newFindings && sp.resolvedFindings) {
    lines.push('');
    lines.push(
      `SINCE LAST QUARTER: ${sp.newFindings.length} new, ${sp.resolvedFindings.length} resolved`,
    );
    for (const f of sp.newFindings.slice(0, 10)) lines.push(`+ ${f.message}`);
    for (const f of sp.resolvedFindings.slice(0, 10)) lines.push(`- resolved: ${f.message}`);
  }
  lines.push('');
  lines.push(
    `The attached workbook lists every finding for ${sp.unassigned ? 'these' : 'your'} items with its sheet and cell.`,
  );
  lines.push(`Produced by RACI Guard (raci-audit) for ${s.quarter} as of ${s.asOf}.`);
  return `${lines.join('\n')}\n`;
}
