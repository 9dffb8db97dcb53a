/**
 * The workbook reports, through exceljs: `compliance-<quarter>.xlsx` (Summary, Items,
 * Findings, Review cadence, People, Inputs) and each sponsor's findings attachment. Every
 * table has a bold frozen header, a filter and set widths; severities and compliance are
 * coloured. Text from the inputs is always written as a string value, never as a formula, so
 * a cell typed `=HYPERLINK(...)` in an input stays inert text in the report.
 */
import ExcelJS from 'exceljs';
import type { ReportFinding, ReportItem, ReportJson, ReportSponsor } from './model';
import { sponsorFindings } from './model';

type CellOut = string | number | boolean | Date | null;

interface Column {
  header: string;
  width: number;
  /** Excel number format, e.g. `0%` or `yyyy-mm-dd`. */
  format?: string;
}

const FILLS = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
  ok: 'FFC6EFCE',
  header: 'FF1F3864',
} as const;

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Returns a calendar date as a Date exceljs writes as that same date (UTC midnight). */
function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Adds a table: optional title lines, then a header row that is frozen and filtered, then
 * the rows. Returns the worksheet rows of the data, in order, so callers can colour them.
 */
function addTable(
  ws: ExcelJS.Worksheet,
  columns: Column[],
  rows: CellOut[][],
  titleLines: string[] = [],
): ExcelJS.Row[] {
  for (const line of titleLines) {
    const row = ws.addRow([line]);
    row.font = { bold: row.number === 1, size: row.number === 1 ? 14 : 11 };
  }
  if (titleLines.length > 0) ws.addRow([]);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = solid(FILLS.header);
  header.alignment = { vertical: 'middle', wrapText: true };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });
  const out = rows.map((values) => {
    const row = ws.addRow(values.map((v) => (v === null ? null : v)));
    row.alignment = { vertical: 'top', wrapText: true };
    return row;
  });
  ws.views = [{ state: 'frozen', ySplit: header.number, xSplit: 0 }];
  ws.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number + rows.length, column: columns.length },
  };
  return out;
}

function percent(n: number): number {
  return Math.round(n * 10000) / 10000;
}

function yesNo(b: boolean | null): string {
  return b === null ? '' : b ? 'yes' : 'no';
}

function itemRows(items: ReportItem[]): CellOut[][] {
  return items.map((i) => [
    i.name,
    i.kind,
    i.file,
    i.owner,
    i.sponsor,
    i.manager,
    i.compliant ? 'yes' : 'no',
    i.score / 100,
    i.findings.error,
    i.findings.warning,
    i.findings.info,
    i.review.status,
    i.sponsorReview.status,
    i.failedChecks.join('; '),
  ]);
}

const ITEM_COLUMNS: Column[] = [
  { header: 'Item', width: 28 },
  { header: 'Kind', width: 10 },
  { header: 'File', width: 24 },
  { header: 'Owner', width: 20 },
  { header: 'LT sponsor', width: 20 },
  { header: 'Manager', width: 20 },
  { header: 'Compliant', width: 11 },
  { header: 'Score', width: 8, format: '0%' },
  { header: 'Errors', width: 8 },
  { header: 'Warnings', width: 10 },
  { header: 'Info', width: 7 },
  { header: 'Review', width: 11 },
  { header: 'Sponsor review', width: 15 },
  { header: 'Failed checks', width: 50 },
];

function colourItems(rows: ExcelJS.Row[], items: ReportItem[]): void {
  rows.forEach((row, index) => {
    row.getCell(7).fill = solid(items[index].compliant ? FILLS.ok : FILLS.error);
  });
}

const FINDING_COLUMNS: Column[] = [
  { header: 'Severity', width: 10 },
  { header: 'Rule', width: 30 },
  { header: 'File', width: 24 },
  { header: 'Sheet', width: 18 },
  { header: 'Cell', width: 8 },
  { header: 'Item', width: 24 },
  { header: 'Activity', width: 28 },
  { header: 'Role', width: 20 },
  { header: 'Message', width: 70 },
  { header: 'Suggestion', width: 40 },
  { header: 'Waived', width: 8 },
];

function findingRows(findings: ReportFinding[]): CellOut[][] {
  return findings.map((f) => [
    f.severity,
    f.rule,
    f.file,
    f.sheet,
    f.cell ?? '',
    f.item ?? '',
    f.activity ?? '',
    f.role ?? '',
    f.message,
    f.suggestion ?? '',
    f.waived ? 'yes' : '',
  ]);
}

function colourFindings(rows: ExcelJS.Row[], findings: ReportFinding[]): void {
  rows.forEach((row, index) => {
    const f = findings[index];
    row.getCell(1).fill = solid(f.waived ? FILLS.ok : FILLS[f.severity]);
  });
}

function titleLines(report: ReportJson, what: string): string[] {
  return [
    `${what}: ${report.quarter}`,
    `Period ${report.period.start} to ${report.period.end}, as of ${report.asOf}.`,
  ];
}

function addSummary(wb: ExcelJS.Workbook, report: ReportJson): void {
  const ws = wb.addWorksheet('Summary');
  const s = report.summary;
  const lines = [
    ...titleLines(report, 'RACI compliance'),
    `${s.compliant} of ${s.items} items compliant (${Math.round(s.compliance * 100)}%); ` +
      `${s.findings.error} errors, ${s.findings.warning} warnings, ${s.findings.info} info, ${s.findings.waived} waived; ` +
      `${s.inputs} workbooks${s.unreadable ? `, ${s.unreadable} unreadable` : ''}.`,
  ];
  const rows = report.sponsors.map((sp) => [
    sp.name,
    sp.email ?? '',
    yesNo(sp.sitting),
    sp.items,
    sp.compliant,
    percent(sp.compliance),
    sp.previousCompliance === undefined ? null : percent(sp.previousCompliance),
    sp.previousCompliance === undefined ? null : percent(sp.compliance - sp.previousCompliance),
    sp.newFindings ? sp.newFindings.length : null,
    sp.resolvedFindings ? sp.resolvedFindings.length : null,
  ]);
  const out = addTable(
    ws,
    [
      { header: 'LT sponsor', width: 26 },
      { header: 'Email', width: 30 },
      { header: 'Sitting on LT', width: 13 },
      { header: 'Items', width: 8 },
      { header: 'Compliant', width: 11 },
      { header: 'Compliance', width: 12, format: '0%' },
      { header: 'Last quarter', width: 13, format: '0%' },
      { header: 'Change', width: 10, format: '+0%;-0%;0%' },
      { header: 'New findings', width: 13 },
      { header: 'Resolved findings', width: 17 },
    ],
    rows,
    lines,
  );
  out.forEach((row, index) => {
    const c = report.sponsors[index].compliance;
    row.getCell(6).fill = solid(c >= 1 ? FILLS.ok : c >= 0.5 ? FILLS.warning : FILLS.error);
  });
}

function addReviewCadence(wb: ExcelJS.Workbook, report: ReportJson): void {
  const ws = wb.addWorksheet('Review cadence');
  const next = report.nextQuarter;
  const dueNext = (i: ReportItem) =>
    i.review.nextDue !== null && i.review.nextDue >= next.start && i.review.nextDue <= next.end;
  const items = [...report.items].sort(
    (a, b) =>
      (a.review.nextDue ?? '0000').localeCompare(b.review.nextDue ?? '0000') ||
      a.name.localeCompare(b.name),
  );
  const rows = items.map((i) => [
    i.name,
    i.file,
    i.sponsor,
    i.review.cadence ?? '',
    excelDate(i.review.lastReviewed),
    excelDate(i.review.nextDue),
    i.review.status,
    i.review.daysOverdue,
    i.review.adherence === null ? null : percent(i.review.adherence),
    dueNext(i) ? 'yes' : 'no',
    excelDate(i.sponsorReview.date),
    i.sponsorReview.status,
  ]);
  const out = addTable(
    ws,
    [
      { header: 'Item', width: 28 },
      { header: 'File', width: 24 },
      { header: 'LT sponsor', width: 20 },
      { header: 'Cadence', width: 14 },
      { header: 'Last reviewed', width: 14, format: 'yyyy-mm-dd' },
      { header: 'Next due', width: 12, format: 'yyyy-mm-dd' },
      { header: 'Status', width: 10 },
      { header: 'Days overdue', width: 13 },
      { header: 'Adherence', width: 11, format: '0%' },
      { header: `Due in ${next.quarter}`, width: 13 },
      { header: 'Sponsor review', width: 15, format: 'yyyy-mm-dd' },
      { header: 'Sponsor review status', width: 21 },
    ],
    rows,
    [
      ...titleLines(report, 'Review cadence'),
      `Reviews falling due next quarter (${next.quarter}, ${next.start} to ${next.end}) are marked.`,
    ],
  );
  out.forEach((row, index) => {
    const i = items[index];
    const status = i.review.status;
    row.getCell(7).fill = solid(
      status === 'ok'
        ? FILLS.ok
        : status === 'due-soon'
          ? FILLS.info
          : status === 'unknown'
            ? FILLS.warning
            : FILLS.error,
    );
    if (dueNext(i)) row.getCell(10).fill = solid(FILLS.info);
    row.getCell(12).fill = solid(
      i.sponsorReview.status === 'done'
        ? FILLS.ok
        : i.sponsorReview.status === 'pending'
          ? FILLS.info
          : FILLS.error,
    );
  });
}

function addPeople(wb: ExcelJS.Workbook, report: ReportJson): void {
  const ws = wb.addWorksheet('People');
  addTable(
    ws,
    [
      { header: 'Person or role', width: 28 },
      { header: 'Named as', width: 12 },
      { header: 'Responsible (R)', width: 16 },
      { header: 'Accountable (A)', width: 16 },
      { header: 'Total', width: 8 },
      { header: 'Roles', width: 40 },
      { header: 'Files', width: 30 },
    ],
    report.people.map((p) => [
      p.person,
      p.source === 'holder' ? 'person' : 'role (no holder listed)',
      p.responsible,
      p.accountable,
      p.responsible + p.accountable,
      p.roles.join('; '),
      p.files.join('; '),
    ]),
  );
}

function addInputs(wb: ExcelJS.Workbook, report: ReportJson): void {
  const ws = wb.addWorksheet('Inputs');
  const out = addTable(
    ws,
    [
      { header: 'File', width: 34 },
      { header: 'Status', width: 12 },
      { header: 'SHA-256', width: 66 },
      { header: 'Problem', width: 70 },
    ],
    report.inputs.map((i) => [
      i.file,
      i.status,
      i.sha256,
      [i.error ?? '', ...(i.configErrors ?? []).map((e) => `Config ${e.key}: ${e.message}`)]
        .filter(Boolean)
        .join('\n'),
    ]),
  );
  out.forEach((row, index) => {
    const i = report.inputs[index];
    row.getCell(2).fill = solid(i.status === 'ok' && !i.configErrors ? FILLS.ok : FILLS.error);
  });
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RACI Guard raci-audit';
  // A fixed date keeps the file free of "now"; report.json is what must be reproducible.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  return wb;
}

/** Returns the bytes of `compliance-<quarter>.xlsx` for the report. */
export async function renderComplianceWorkbook(report: ReportJson): Promise<Buffer> {
  const wb = newWorkbook();
  addSummary(wb, report);
  const items = wb.addWorksheet('Items');
  colourItems(addTable(items, ITEM_COLUMNS, itemRows(report.items)), report.items);
  const findings = wb.addWorksheet('Findings');
  colourFindings(
    addTable(findings, FINDING_COLUMNS, findingRows(report.findings)),
    report.findings,
  );
  addReviewCadence(wb, report);
  addPeople(wb, report);
  addInputs(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Returns the bytes of one sponsor's attachment: their items and their findings (waived ones marked). */
export async function renderSponsorWorkbook(
  report: ReportJson,
  sponsor: ReportSponsor,
): Promise<Buffer> {
  const wb = newWorkbook();
  const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
  const items = report.items.filter((i) => mine.has(`${i.file}\u0001${i.name}`));
  const findings = sponsorFindings(sponsor, report.findings, true);
  const itemsSheet = wb.addWorksheet('Items');
  colourItems(
    addTable(
      itemsSheet,
      ITEM_COLUMNS,
      itemRows(items),
      titleLines(report, `Items sponsored by ${sponsor.name}`),
    ),
    items,
  );
  const findingsSheet = wb.addWorksheet('Findings');
  colourFindings(addTable(findingsSheet, FINDING_COLUMNS, findingRows(findings)), findings);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
