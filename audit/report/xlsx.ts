/**
 * The workbook reports, through exceljs: `compliance-<quarter>.xlsx` (Summary, Items,
 * Findings, Review cadence, People, Inputs) and each sponsor's findings attachment. Every
 * table has a bold frozen header, a filter and set widths; severities and compliance are
 * coloured. Text from the inputs is always written as a string value, never as a formula, so
 * a cell typed `=HYPERLINK(...)` in an input stays inert text in the report. Both are written
 * with exceljs's streaming writer: each row is committed as soon as it is coloured, so a
 * report with tens of thousands of findings is never held as a whole workbook in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
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

type SheetWriter = ExcelJS.Worksheet;
type BookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Writes one sheet holding a table: optional title lines, then a header row that is frozen and
 * filtered, then one row per entry, each coloured by `colour` and committed (flushed to the
 * file) at once, pausing now and then so the zip stream drains: a large table is never held in
 * memory. The sheet is committed at the end; returns when its rows are all written.
 */
/** Rows written between pauses that let the zip stream take what was written so far. */
const ROWS_PER_FLUSH = 500;

/** Returns after the event loop has turned, so the zip archiver can drain the sheet's buffer. */
function yieldToStreams(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

async function addTableSheet<T>(
  wb: BookWriter,
  name: string,
  columns: Column[],
  entries: readonly T[],
  values: (entry: T) => CellOut[],
  options: { titleLines?: string[]; colour?: (row: ExcelJS.Row, entry: T) => void } = {},
): Promise<void> {
  const titles = options.titleLines ?? [];
  const headerRow = titles.length + (titles.length > 0 ? 1 : 0) + 1;
  // The streaming writer writes the sheet's view when the sheet opens: the freeze goes in now.
  const ws: SheetWriter = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
  });
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });
  ws.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + entries.length, column: columns.length },
  };
  titles.forEach((line, i) => {
    const row = ws.addRow([line]);
    row.font = { bold: i === 0, size: i === 0 ? 14 : 11 };
    row.commit();
  });
  if (titles.length > 0) ws.addRow([]).commit();
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = solid(FILLS.header);
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  let written = 0;
  for (const entry of entries) {
    const row = ws.addRow(values(entry));
    row.alignment = { vertical: 'top', wrapText: true };
    options.colour?.(row, entry);
    row.commit();
    written += 1;
    if (written % ROWS_PER_FLUSH === 0) await yieldToStreams();
  }
  ws.commit();
}

function percent(n: number): number {
  return Math.round(n * 10000) / 10000;
}

function yesNo(b: boolean | null): string {
  return b === null ? '' : b ? 'yes' : 'no';
}

function itemValues(i: ReportItem): CellOut[] {
  return [
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
  ];
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

function colourItem(row: ExcelJS.Row, item: ReportItem): void {
  row.getCell(7).fill = solid(item.compliant ? FILLS.ok : FILLS.error);
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

function findingValues(f: ReportFinding): CellOut[] {
  return [
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
  ];
}

function colourFinding(row: ExcelJS.Row, f: ReportFinding): void {
  row.getCell(1).fill = solid(f.waived ? FILLS.ok : FILLS[f.severity]);
}

function titleLines(report: ReportJson, what: string): string[] {
  return [
    `${what}: ${report.quarter}`,
    `Period ${report.period.start} to ${report.period.end}, as of ${report.asOf}.`,
  ];
}

async function addSummary(wb: BookWriter, report: ReportJson): Promise<void> {
  const s = report.summary;
  const lines = [
    ...titleLines(report, 'RACI compliance'),
    `${s.compliant} of ${s.items} items compliant (${Math.round(s.compliance * 100)}%); ` +
      `${s.findings.error} errors, ${s.findings.warning} warnings, ${s.findings.info} info, ${s.findings.waived} waived; ` +
      `${s.inputs} workbooks${s.unreadable ? `, ${s.unreadable} unreadable` : ''}.`,
  ];
  await addTableSheet(
    wb,
    'Summary',
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
    report.sponsors,
    (sp) => [
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
    ],
    {
      titleLines: lines,
      colour: (row, sp) => {
        const c = sp.compliance;
        row.getCell(6).fill = solid(c >= 1 ? FILLS.ok : c >= 0.5 ? FILLS.warning : FILLS.error);
      },
    },
  );
}

async function addReviewCadence(wb: BookWriter, report: ReportJson): Promise<void> {
  const next = report.nextQuarter;
  const dueNext = (i: ReportItem) =>
    i.review.nextDue !== null && i.review.nextDue >= next.start && i.review.nextDue <= next.end;
  const items = [...report.items].sort(
    (a, b) =>
      (a.review.nextDue ?? '0000').localeCompare(b.review.nextDue ?? '0000') ||
      a.name.localeCompare(b.name),
  );
  await addTableSheet(
    wb,
    'Review cadence',
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
    items,
    (i) => [
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
    ],
    {
      titleLines: [
        ...titleLines(report, 'Review cadence'),
        `Reviews falling due next quarter (${next.quarter}, ${next.start} to ${next.end}) are marked.`,
      ],
      colour: (row, i) => {
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
      },
    },
  );
}

async function addPeople(wb: BookWriter, report: ReportJson): Promise<void> {
  await addTableSheet(
    wb,
    'People',
    [
      { header: 'Person or role', width: 28 },
      { header: 'Named as', width: 12 },
      { header: 'Responsible (R)', width: 16 },
      { header: 'Accountable (A)', width: 16 },
      { header: 'Total', width: 8 },
      { header: 'Roles', width: 40 },
      { header: 'Files', width: 30 },
    ],
    report.people,
    (p) => [
      p.person,
      p.source === 'holder' ? 'person' : 'role (no holder listed)',
      p.responsible,
      p.accountable,
      p.responsible + p.accountable,
      p.roles.join('; '),
      p.files.join('; '),
    ],
  );
}

async function addInputs(wb: BookWriter, report: ReportJson): Promise<void> {
  await addTableSheet(
    wb,
    'Inputs',
    [
      { header: 'File', width: 34 },
      { header: 'Status', width: 12 },
      { header: 'SHA-256', width: 66 },
      { header: 'Problem', width: 70 },
    ],
    report.inputs,
    (i) => [
      i.file,
      i.status,
      i.sha256,
      [i.error ?? '', ...(i.configErrors ?? []).map((e) => `Config ${e.key}: ${e.message}`)]
        .filter(Boolean)
        .join('\n'),
    ],
    {
      colour: (row, i) => {
        row.getCell(2).fill = solid(i.status === 'ok' && !i.configErrors ? FILLS.ok : FILLS.error);
      },
    },
  );
}

/**
 * Writes a workbook with exceljs's streaming writer into `sink`: `build` adds the sheets, each
 * written and flushed as it goes. Returns once the whole file has been written to the sink.
 */
async function streamWorkbook(
  sink: Writable,
  build: (wb: BookWriter) => Promise<void>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    // Shared strings keep the file small (file names, rule ids and severities repeat on every
    // row) and are what Excel itself writes; they are the only part kept until the end.
    useSharedStrings: true,
  });
  wb.creator = 'RACI Guard raci-audit';
  // A fixed date keeps the file free of "now"; report.json is what must be reproducible.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const failed = new Promise<never>((_, reject) => sink.once('error', reject));
  await Promise.race([build(wb), failed]);
  await Promise.race([wb.commit(), failed]);
}

/** Returns the bytes a streamed workbook writes, collected in memory (small workbooks, tests). */
async function streamToBuffer(build: (wb: BookWriter) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await streamWorkbook(sink, build);
  return Buffer.concat(chunks);
}

/**
 * Writes `build`'s workbook to `path` atomically: streamed into a temp file in the same folder,
 * then renamed over the target; the temp file is removed when anything fails.
 */
async function streamToFileAtomic(
  path: string,
  build: (wb: BookWriter) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await streamWorkbook(createWriteStream(temp), build);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

async function buildCompliance(wb: BookWriter, report: ReportJson): Promise<void> {
  await addSummary(wb, report);
  await addTableSheet(wb, 'Items', ITEM_COLUMNS, report.items, itemValues, { colour: colourItem });
  await addTableSheet(wb, 'Findings', FINDING_COLUMNS, report.findings, findingValues, {
    colour: colourFinding,
  });
  await addReviewCadence(wb, report);
  await addPeople(wb, report);
  await addInputs(wb, report);
}

/**
 * Writes `compliance-<quarter>.xlsx` for the report to `path`, streamed row by row (memory does
 * not grow with the number of findings) and atomically (temp file, then rename). Returns when
 * the file is in place.
 */
export async function writeComplianceWorkbook(report: ReportJson, path: string): Promise<void> {
  await streamToFileAtomic(path, (wb) => buildCompliance(wb, report));
}

/** Returns the bytes of `compliance-<quarter>.xlsx` for the report (the same file, in memory). */
export async function renderComplianceWorkbook(report: ReportJson): Promise<Buffer> {
  return streamToBuffer((wb) => buildCompliance(wb, report));
}

/**
 * Returns the bytes of one sponsor's attachment: their items and their findings (waived ones
 * marked). Streamed, so only the finished file's bytes are held (it goes into the .eml).
 */
export async function renderSponsorWorkbook(
  report: ReportJson,
  sponsor: ReportSponsor,
): Promise<Buffer> {
  const mine = new Set(sponsor.itemList.map((i) => `${i.file}\u0001${i.name}`));
  const items = report.items.filter((i) => mine.has(`${i.file}\u0001${i.name}`));
  const findings = sponsorFindings(sponsor, report.findings, true);
  return streamToBuffer(async (wb) => {
    await addTableSheet(wb, 'Items', ITEM_COLUMNS, items, itemValues, {
      titleLines: titleLines(report, `Items sponsored by ${sponsor.name}`),
      colour: colourItem,
    });
    await addTableSheet(wb, 'Findings', FINDING_COLUMNS, findings, findingValues, {
      colour: colourFinding,
    });
  });
}
