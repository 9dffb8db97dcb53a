/**
 * The HTML reports. A sponsor summary is an email body: inline styles only, no script, no
 * external resource, and its bar chart is drawn with table cells, which every mail client
 * shows. `index.html` is the overview page for the governance team, with charts drawn as
 * inline SVG (compliance by sponsor, review status, trend) and links to each sponsor's
 * summary; it too loads nothing from the network. All text from the inputs is escaped.
 */
import type { ReportFinding, ReportItem, ReportModel, ReportSponsor } from './model';
import {
  failedChecksWording,
  reviewWording,
  sponsorReviewWording,
  summariseSponsor,
  summarySubject,
  type SponsorSummary,
} from './summary';

/** Returns the text with `& < > " '` escaped for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

const COLOURS = {
  ok: '#2e7d32',
  okBg: '#e8f5e9',
  bad: '#c62828',
  badBg: '#ffebee',
  warn: '#ef6c00',
  warnBg: '#fff3e0',
  info: '#1565c0',
  infoBg: '#e3f2fd',
  text: '#1f2933',
  muted: '#5f6b7a',
  line: '#d9dee4',
  track: '#eceff1',
};

const FONT = 'font-family:Arial,Helvetica,sans-serif;color:#1f2933;';

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

function complianceColour(n: number): string {
  return n >= 1 ? COLOURS.ok : n >= 0.5 ? COLOURS.warn : COLOURS.bad;
}

function changeText(change: number | null): string {
  if (change === null) return 'no previous quarter to compare';
  if (change === 0) return 'unchanged since last quarter';
  return `${change > 0 ? '▲ up' : '▼ down'} ${Math.abs(change)} points since last quarter`;
}

/** A horizontal bar drawn with a two-cell table: email clients show it without images. */
function tableBar(fraction: number, colour: string, width = 200): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  const rest = width - filled;
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="${width}" style="border-collapse:collapse;width:${width}px;"><tr>` +
    (filled > 0
      ? `<td width="${filled}" height="12" style="background:${colour};height:12px;width:${filled}px;font-size:0;line-height:0;">&nbsp;</td>`
      : '') +
    (rest > 0
      ? `<td width="${rest}" height="12" style="background:${COLOURS.track};height:12px;width:${rest}px;font-size:0;line-height:0;">&nbsp;</td>`
      : '') +
    '</tr></table>'
  );
}

function badge(text: string, fg: string, bg: string): string {
  return `<span style="display:inline-block;padding:2px 8px;border-radius:10px;background:${bg};color:${fg};font-size:12px;font-weight:bold;">${e(text)}</span>`;
}

function itemBadge(i: ReportItem): string {
  return i.compliant
    ? badge('compliant', COLOURS.ok, COLOURS.okBg)
    : badge('not compliant', COLOURS.bad, COLOURS.badBg);
}

const TH = `style="text-align:left;padding:6px 8px;border-bottom:2px solid ${COLOURS.line};font-size:12px;color:${COLOURS.muted};"`;
const TD = `style="padding:6px 8px;border-bottom:1px solid ${COLOURS.line};font-size:13px;vertical-align:top;"`;

function severityBadge(severity: 'error' | 'warning' | 'info'): string {
  if (severity === 'error') return badge('error', COLOURS.bad, COLOURS.badBg);
  if (severity === 'warning') return badge('warning', COLOURS.warn, COLOURS.warnBg);
  return badge('info', COLOURS.info, COLOURS.infoBg);
}

function findingWhere(f: { file: string; sheet: string; cell?: string }): string {
  return [f.file, f.sheet, f.cell].filter(Boolean).join(' › ');
}

/** Returns the HTML body of the sponsor summary (a complete, email-safe document). */
export function renderSponsorHtml(report: ReportModel, sponsor: ReportSponsor): string {
  return renderSummaryHtml(summariseSponsor(report, sponsor));
}

/** Returns one list of "Since last quarter": its count, then its first ten findings. */
function sinceLastQuarter(title: string, findings: ReportFinding[], more: string): string {
  return (
    `<p style="${FONT}font-size:14px;margin:0 0 4px;"><strong>${title} (${findings.length})</strong></p>` +
    (findings.length
      ? `<ul style="${FONT}font-size:13px;margin:0 0 8px;padding-left:20px;">${findings
          .slice(0, 10)
          .map((f) => `<li>${e(f.message)}</li>`)
          .join(
            '',
          )}${findings.length > 10 ? `<li>and ${findings.length - 10} ${more}</li>` : ''}</ul>`
      : `<p style="${FONT}font-size:13px;margin:0 0 8px;">None.</p>`)
  );
}

/** Returns the email-safe HTML document for an already worked-out sponsor summary. */
export function renderSummaryHtml(s: SponsorSummary): string {
  return [...summaryHtmlPieces(s)].join('');
}

/**
 * Yields the email-safe HTML document of a sponsor summary in pieces, an item's row at a time
 * (joined, they are `renderSummaryHtml`): a summary of thousands of items is written out
 * without ever being one string.
 */
export function* summaryHtmlPieces(s: SponsorSummary): Generator<string> {
  const sp = s.sponsor;
  const title = summarySubject(s);
  yield (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${e(title)}</title></head>` +
    `<body style="margin:0;padding:16px;background:#ffffff;${FONT}">` +
    `<div style="max-width:760px;margin:0 auto;">`
  );
  yield `<h1 style="${FONT}font-size:22px;margin:0 0 4px;">RACI compliance ${e(s.quarter)}</h1>`;
  yield `\n<p style="${FONT}font-size:14px;margin:0 0 16px;color:${COLOURS.muted};">${sp.unassigned ? 'Items without an LT sponsor' : `For ${e(sp.name)}, LT sponsor`} · ${e(s.period.start)} to ${e(s.period.end)} · as of ${e(s.asOf)}</p>`;
  yield (
    '\n' +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 16px;"><tr>` +
    `<td style="${FONT}padding:12px 16px;background:#f5f7fa;border-left:6px solid ${complianceColour(sp.compliance)};">` +
    `<div style="font-size:32px;font-weight:bold;color:${complianceColour(sp.compliance)};">${pct(sp.compliance)}</div>` +
    `<div style="font-size:14px;">${sp.compliant} of ${sp.items} items compliant</div>` +
    `<div style="font-size:13px;color:${COLOURS.muted};">${e(changeText(s.change))}${sp.previousCompliance !== undefined ? ` (was ${pct(sp.previousCompliance)})` : ''}</div>` +
    `</td><td style="${FONT}padding:12px 16px;font-size:13px;">` +
    `<div>${badge(`${s.findingCounts.error} errors`, COLOURS.bad, COLOURS.badBg)} ${badge(`${s.findingCounts.warning} warnings`, COLOURS.warn, COLOURS.warnBg)} ${badge(`${s.findingCounts.info} info`, COLOURS.info, COLOURS.infoBg)}</div>` +
    (sp.newFindings
      ? `<div style="margin-top:6px;">${sp.newFindings.length} new and ${sp.resolvedFindings?.length ?? 0} resolved findings since last quarter</div>`
      : '') +
    `</td></tr></table>`
  );
  if (s.attention.length > 0) {
    yield `\n<h2 style="${FONT}font-size:16px;margin:16px 0 6px;">Needs ${sp.unassigned ? '' : 'your '}attention</h2>`;
    yield `\n<ul style="${FONT}font-size:14px;margin:0 0 12px;padding-left:20px;">`;
    for (const a of s.attention) yield `<li style="margin:0 0 4px;">${e(a)}</li>`;
    yield '</ul>';
  } else {
    yield `\n<p style="${FONT}font-size:14px;">Nothing needs ${sp.unassigned ? '' : 'your '}attention this quarter: every item is compliant and reviewed on time.</p>`;
  }
  yield `\n<h2 style="${FONT}font-size:16px;margin:16px 0 6px;">${sp.unassigned ? 'The items' : 'Your items'}</h2>`;
  yield (
    '\n' +
    `<table cellpadding="0" cellspacing="0" border="0" style="${FONT}border-collapse:collapse;width:100%;max-width:720px;">` +
    `<tr><th ${TH}>Item</th><th ${TH}>Status</th><th ${TH}>Score</th><th ${TH}>Review</th><th ${TH}>${sp.unassigned ? 'Sponsor' : 'Your'} quarterly review</th></tr>`
  );
  for (const i of s.items) {
    yield (
      `<tr><td ${TD}><strong>${e(i.name)}</strong><br><span style="color:${COLOURS.muted};font-size:12px;">${e(i.kind)} · owner ${e(i.owner || 'none')} · ${e(i.file)}</span>` +
      (i.failedChecks.length
        ? `<br><span style="color:${COLOURS.bad};font-size:12px;">Failed: ${e(failedChecksWording(i))}</span>`
        : '') +
      `</td><td ${TD}>${itemBadge(i)}</td><td ${TD}>${tableBar(i.score / 100, complianceColour(i.score / 100), 120)}<span style="font-size:12px;">${i.score}%</span></td>` +
      `<td ${TD}>${e(reviewWording(i))}</td><td ${TD}>${e(sponsorReviewWording(i, s.quarter))}</td></tr>`
    );
  }
  yield '</table>';
  if (s.dueNextQuarter.length > 0) {
    yield `\n<h2 style="${FONT}font-size:16px;margin:16px 0 6px;">Reviews falling due in ${e(s.nextQuarter.quarter)}</h2>`;
    yield `\n<ul style="${FONT}font-size:14px;margin:0;padding-left:20px;">`;
    for (const i of s.dueNextQuarter)
      yield `<li>${e(s.label(i))}: ${e(i.review.nextDue ?? '')}</li>`;
    yield '</ul>';
  }
  if (s.topFindings.length > 0) {
    const total = s.findingCounts.error + s.findingCounts.warning + s.findingCounts.info;
    yield `\n<h2 style="${FONT}font-size:16px;margin:16px 0 6px;">Findings${total > s.topFindings.length ? ` (the ${s.topFindings.length} most important of ${total})` : ''}</h2>`;
    yield (
      '\n' +
      `<table cellpadding="0" cellspacing="0" border="0" style="${FONT}border-collapse:collapse;width:100%;max-width:720px;">` +
      `<tr><th ${TH}>Severity</th><th ${TH}>Finding</th><th ${TH}>Where</th></tr>` +
      s.topFindings
        .map(
          (f) =>
            `<tr><td ${TD}>${severityBadge(f.severity)}</td><td ${TD}>${e(f.message)}</td><td ${TD}>${e(findingWhere(f))}</td></tr>`,
        )
        .join('') +
      '</table>'
    );
  }
  if (sp.newFindings && sp.resolvedFindings) {
    yield `\n<h2 style="${FONT}font-size:16px;margin:16px 0 6px;">Since last quarter</h2>`;
    yield (
      '\n' +
      sinceLastQuarter('New', sp.newFindings, 'more in the attachment') +
      sinceLastQuarter('Resolved', sp.resolvedFindings, 'more')
    );
  }
  yield (
    '\n' +
    `<p style="${FONT}font-size:12px;color:${COLOURS.muted};margin:20px 0 0;border-top:1px solid ${COLOURS.line};padding-top:8px;">` +
    `The attached workbook lists every finding for ${sp.unassigned ? 'these' : 'your'} items with its sheet and cell. ` +
    `Produced by RACI Guard (raci-audit) for ${e(s.quarter)} as of ${e(s.asOf)}.</p>`
  );
  yield '</div></body></html>\n';
}

// ------------------------------------------------------------------------------------------
// index.html

function svgBars(
  rows: { label: string; value: number; previous?: number; href?: string }[],
): string {
  const barWidth = 360;
  const labelWidth = 220;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 24;
  const width = labelWidth + barWidth + 70;
  const body = rows
    .map((r, i) => {
      const y = i * rowHeight + 8;
      const w = Math.round(r.value * barWidth);
      const label = r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label;
      const prev =
        r.previous === undefined
          ? ''
          : `<rect x="${labelWidth}" y="${y + 16}" width="${Math.round(r.previous * barWidth)}" height="4" fill="${COLOURS.muted}"><title>last quarter ${pct(r.previous)}</title></rect>`;
      const text = `<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end" font-size="13">${e(label)}</text>`;
      return (
        (r.href ? `<a href="${e(r.href)}">${text}</a>` : text) +
        `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="14" fill="${COLOURS.track}"/>` +
        `<rect x="${labelWidth}" y="${y}" width="${w}" height="14" fill="${complianceColour(r.value)}"><title>${e(r.label)}: ${pct(r.value)}</title></rect>` +
        prev +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 13}" font-size="13">${pct(r.value)}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Compliance by sponsor" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif">${body}</svg>`;
}

function svgReviewStatus(counts: { label: string; count: number; colour: string }[]): string {
  const total = counts.reduce((a, c) => a + c.count, 0);
  const width = 600;
  let x = 0;
  const segments = counts
    .filter((c) => c.count > 0)
    .map((c) => {
      const w = total === 0 ? 0 : Math.round((c.count / total) * width);
      const rect = `<rect x="${x}" y="0" width="${w}" height="28" fill="${c.colour}"><title>${e(c.label)}: ${c.count}</title></rect>`;
      x += w;
      return rect;
    })
    .join('');
  const legend = counts
    .map(
      (c, i) =>
        `<rect x="${i * 120}" y="40" width="12" height="12" fill="${c.colour}"/><text x="${i * 120 + 18}" y="51" font-size="13">${e(c.label)} ${c.count}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Review status" width="${width}" height="60" viewBox="0 0 ${width} 60" font-family="Arial, Helvetica, sans-serif"><rect x="0" y="0" width="${width}" height="28" fill="${COLOURS.track}"/>${segments}${legend}</svg>`;
}

function svgTrend(points: { quarter: string; compliance: number }[]): string {
  const width = 600;
  const height = 200;
  const left = 40;
  const bottom = 170;
  const top = 16;
  const step = points.length > 1 ? (width - left - 90) / (points.length - 1) : 0;
  const xy = points.map((p, i) => ({
    x: left + 20 + i * step,
    y: bottom - p.compliance * (bottom - top),
    p,
  }));
  const grid = [0, 0.5, 1]
    .map((g) => {
      const y = bottom - g * (bottom - top);
      return `<line x1="${left}" y1="${y}" x2="${width - 10}" y2="${y}" stroke="${COLOURS.line}"/><text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${pct(g)}</text>`;
    })
    .join('');
  const line =
    xy.length > 1
      ? `<polyline fill="none" stroke="${COLOURS.info}" stroke-width="3" points="${xy.map((q) => `${q.x},${q.y}`).join(' ')}"/>`
      : '';
  const dots = xy
    .map(
      (q) =>
        `<circle cx="${q.x}" cy="${q.y}" r="5" fill="${COLOURS.info}"><title>${e(q.p.quarter)}: ${pct(q.p.compliance)}</title></circle>` +
        `<text x="${q.x}" y="${q.y - 10}" text-anchor="middle" font-size="12">${pct(q.p.compliance)}</text>` +
        `<text x="${q.x}" y="${bottom + 20}" text-anchor="middle" font-size="12">${e(q.p.quarter)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Compliance trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif">${grid}${line}${dots}</svg>`;
}

const PAGE_STYLE = `
body{font-family:Arial,Helvetica,sans-serif;color:${COLOURS.text};margin:0;background:#f5f7fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:0 0 12px}
.muted{color:${COLOURS.muted}} .card{background:#fff;border:1px solid ${COLOURS.line};border-radius:8px;padding:16px;margin:16px 0}
.kpis{display:flex;gap:16px;flex-wrap:wrap} .kpi{background:#fff;border:1px solid ${COLOURS.line};border-radius:8px;padding:12px 16px;min-width:150px}
.kpi b{display:block;font-size:28px}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:6px 8px;border-bottom:1px solid ${COLOURS.line};font-size:13px;vertical-align:top}
th{color:${COLOURS.muted};font-size:12px} a{color:${COLOURS.info}}
.bad{color:${COLOURS.bad}} .ok{color:${COLOURS.ok}}
`;

/** How many items "Items most in need of work" lists. */
const WORST_ITEMS = 10;

/** An item and its place among the items that are not compliant. */
interface Ranked {
  item: ReportItem;
  order: number;
}

/** Returns `index.html`: the overview page of the audit with its charts. */
export function renderIndexHtml(report: ReportModel): string {
  const s = report.summary;
  const statusCounts = [
    { label: 'on cadence', status: 'ok', colour: COLOURS.ok },
    { label: 'due soon', status: 'due-soon', colour: COLOURS.info },
    { label: 'overdue', status: 'overdue', colour: COLOURS.bad },
    { label: 'never', status: 'never', colour: '#8e0000' },
    { label: 'no cadence', status: 'unknown', colour: COLOURS.warn },
  ].map((c) => ({ ...c, count: 0 }));
  // One pass over the items (read file by file from the report's store): the review status
  // counts, and the items most in need of work, kept to the ten lowest scores as they go by.
  const worstFirst = (a: Ranked, b: Ranked) =>
    a.item.score - b.item.score || a.item.name.localeCompare(b.item.name) || a.order - b.order;
  const worstItems: Ranked[] = [];
  let order = 0;
  for (const i of report.items) {
    const count = statusCounts.find((c) => c.status === i.review.status);
    if (count) count.count += 1;
    if (i.compliant) continue;
    worstItems.push({ item: i, order: order++ });
    worstItems.sort(worstFirst);
    if (worstItems.length > WORST_ITEMS) worstItems.pop();
  }
  const trend = [...report.history, { quarter: report.quarter, compliance: s.compliance }];
  const sponsorRows = report.sponsors
    .map((sp: ReportSponsor) => {
      const change =
        sp.previousCompliance === undefined
          ? ''
          : `${Math.round((sp.compliance - sp.previousCompliance) * 100)} pts`;
      return (
        `<tr><td><a href="sponsors/${e(sp.slug)}.html">${e(sp.name)}</a>${sp.sitting === false ? ' <span class="bad">(not on the LT)</span>' : ''}</td>` +
        `<td>${sp.email ? e(sp.email) : '<span class="bad">no email known</span>'}</td><td>${sp.items}</td><td>${sp.compliant}</td>` +
        `<td>${pct(sp.compliance)}</td><td>${sp.previousCompliance === undefined ? '' : pct(sp.previousCompliance)}</td><td>${change}</td>` +
        `<td>${sp.newFindings ? sp.newFindings.length : ''}</td><td>${sp.resolvedFindings ? sp.resolvedFindings.length : ''}</td></tr>`
      );
    })
    .join('');
  const inputRows = report.inputs
    .map(
      (i) =>
        `<tr><td>${e(i.file)}</td><td class="${i.status === 'ok' ? 'ok' : 'bad'}">${e(i.status)}</td><td>${e(i.error ?? '')}${(i.configErrors ?? []).map((c) => e(` Config ${c.key}: ${c.message}`)).join('')}</td></tr>`,
    )
    .join('');
  const worst = worstItems
    .map(({ item }) => item)
    .map(
      (i) =>
        `<tr><td>${e(i.name)}</td><td>${e(i.file)}</td><td>${e(i.sponsor || 'none')}</td><td>${i.score}%</td><td>${e(i.failedChecks.join('; '))}</td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>RACI compliance ${e(report.quarter)}</title><style>${PAGE_STYLE}</style></head>
<body><main>
<h1>RACI compliance ${e(report.quarter)}</h1>
<p class="muted">${e(report.period.start)} to ${e(report.period.end)} · as of ${e(report.asOf)}${report.previousQuarter ? ` · compared with ${e(report.previousQuarter)}` : ''} · <a href="compliance-${e(report.quarter)}.xlsx">workbook report</a> · <a href="report.json">report.json</a></p>
<div class="kpis">
<div class="kpi"><b style="color:${complianceColour(s.compliance)}">${pct(s.compliance)}</b>items compliant (${s.compliant} of ${s.items})</div>
<div class="kpi"><b class="bad">${s.findings.error}</b>errors</div>
<div class="kpi"><b style="color:${COLOURS.warn}">${s.findings.warning}</b>warnings</div>
<div class="kpi"><b style="color:${COLOURS.info}">${s.findings.info}</b>info · ${s.findings.waived} waived</div>
<div class="kpi"><b${s.unreadable ? ' class="bad"' : ''}>${s.inputs - s.unreadable}/${s.inputs}</b>workbooks read</div>
</div>
<section class="card"><h2>Compliance by sponsor</h2>${svgBars(report.sponsors.map((sp) => ({ label: sp.name, value: sp.compliance, previous: sp.previousCompliance, href: `sponsors/${sp.slug}.html` })))}
<p class="muted">Bars show the share of each sponsor's items that are compliant${report.previousQuarter ? '; the thin grey line under each bar is last quarter' : ''}.</p></section>
<section class="card"><h2>Review status</h2>${svgReviewStatus(statusCounts)}</section>
<section class="card"><h2>Trend</h2>${trend.length > 1 ? svgTrend(trend) : `${svgTrend(trend)}<p class="muted">The trend grows each quarter: keep last quarter's report under the output folder (or pass --previous).</p>`}</section>
<section class="card"><h2>Sponsors</h2><table><tr><th>LT sponsor</th><th>Email</th><th>Items</th><th>Compliant</th><th>Compliance</th><th>Last quarter</th><th>Change</th><th>New findings</th><th>Resolved</th></tr>${sponsorRows}</table></section>
${worst ? `<section class="card"><h2>Items most in need of work</h2><table><tr><th>Item</th><th>File</th><th>LT sponsor</th><th>Score</th><th>Failed checks</th></tr>${worst}</table></section>` : ''}
<section class="card"><h2>Inputs</h2><table><tr><th>File</th><th>Status</th><th>Problem</th></tr>${inputRows}</table></section>
</main></body></html>
`;
}
