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

/** A fill colour of the report (ARGB), one of `FILLS`. */
type FillColour = (typeof FILLS)[keyof typeof FILLS];

/** Returns a calendar date as a Date exceljs writes as that same date (UTC midnight). */
function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

type SheetWriter = ExcelJS.Worksheet;
type BookWriter = ExcelJS.stream.xlsx.WorkbookWriter;
type CellStyle = Partial<ExcelJS.Style>;

/** The fonts of the reports: a sheet's title line, its other title lines, a table's header. */
const FONTS = {
  title: { bold: true, size: 14 },
  subtitle: { bold: false, size: 11 },
  header: { bold: true, color: { argb: 'FFFFFFFF' } },
} as const satisfies Record<string, Partial<ExcelJS.Font>>;

/** The alignments of the reports: a table's header, and its rows (text wraps, top-aligned). */
const ALIGNMENTS = {
  header: { vertical: 'middle', wrapText: true },
  row: { vertical: 'top', wrapText: true },
} as const satisfies Record<string, Partial<ExcelJS.Alignment>>;

/** What a cell or row looks like, by name: each part optional. */
interface Look {
  /** Excel number format, e.g. `0%`. */
  numFmt?: string;
  font?: keyof typeof FONTS;
  fill?: FillColour;
  alignment?: keyof typeof ALIGNMENTS;
  /** A Date value with no number format: exceljs gives it a date format of its own. */
  dateValue?: boolean;
}

/**
 * Every style object handed to exceljs, one frozen object per distinct look. exceljs's style
 * table (StylesXform.addStyleModel) remembers the id it gave a style object by the object's
 * identity and only otherwise serialises the whole style to XML to look it up, so a report
 * that hands it one of a few shared objects skips that work on every cell: the same ids, the
 * same styles part, far less time. The id exceljs remembers depends on the first cell's value
 * type only for a Date without a number format, which therefore gets a look of its own.
 */
const STYLES = new Map<string, Readonly<CellStyle>>();

/** Returns the one shared, frozen style object for a look (see `STYLES`). */
function styleFor(look: Look): CellStyle {
  const key = `${look.numFmt ?? ''}\u0001${look.font ?? ''}\u0001${look.fill ?? ''}\u0001${
    look.alignment ?? ''
  }\u0001${!look.numFmt && look.dateValue ? 'date' : ''}`;
  let style = STYLES.get(key);
  if (!style) {
    const built: CellStyle = {};
    if (look.numFmt) built.numFmt = look.numFmt;
    if (look.font) built.font = FONTS[look.font];
    if (look.fill) built.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: look.fill } };
    if (look.alignment) built.alignment = ALIGNMENTS[look.alignment];
    style = Object.freeze(built);
    STYLES.set(key, style);
  }
  return style;
}

/** Gives a row its style (exceljs writes a row's style as the look of its empty cells). */
function setRowStyle(row: ExcelJS.Row, style: CellStyle): void {
  // exceljs's Row keeps its style in a plain `style` property its typings leave out; its
  // setters (`row.font = ...`) would copy the value into every cell's own style object.
  (row as unknown as { style: CellStyle }).style = style;
}

/**
 * The shared style objects of one table's cells, by column (from 1) and fill, worked out once
 * per table so that styling a cell is an array lookup. A cell's style is its column's number
 * format with the look of its row (`base`) and, when coloured, a fill.
 */
class TableStyles {
  private readonly plain: CellStyle[] = [];
  private readonly filled: Map<FillColour, CellStyle>[] = [];

  constructor(
    private readonly columns: readonly Column[],
    private readonly base: Look,
  ) {
    columns.forEach((c, i) => {
      this.plain[i + 1] = styleFor({ ...base, numFmt: c.format });
      this.filled[i + 1] = new Map();
    });
  }

  /** Returns the style of a cell holding `value` in `column` (from 1), filled with `fill`. */
  cell(column: number, value: CellOut, fill?: FillColour): CellStyle {
    const format = this.columns[column - 1]?.format;
    if ((!format && value instanceof Date) || column >= this.plain.length) {
      return styleFor({ ...this.base, numFmt: format, fill, dateValue: value instanceof Date });
    }
    if (!fill) return this.plain[column];
    const byFill = this.filled[column];
    let style = byFill.get(fill);
    if (!style) {
      style = styleFor({ ...this.base, numFmt: format, fill });
      byFill.set(fill, style);
    }
    return style;
  }

  /** Gives the row its style and each of its cells (`values`, all present) theirs. */
  styleRow(
    row: ExcelJS.Row,
    values: readonly CellOut[],
    fills?: readonly (FillColour | undefined)[],
  ): void {
    setRowStyle(row, styleFor(this.base));
    for (let c = 1; c <= values.length; c++) {
      row.getCell(c).style = this.cell(c, values[c - 1], fills?.[c]);
    }
  }
}

/** Colours cells of a table row: `paint(column, colour)` fills the cell in that column (from 1). */
type Colouring<T> = (entry: T, paint: (column: number, colour: FillColour) => void) => void;

/** Rows written between pauses that let the zip stream take what was written so far. */
const ROWS_PER_FLUSH = 500;

/** Returns after the event loop has turned, so the zip archiver can drain the sheet's buffer. */
function yieldToStreams(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

/**
 * Writes one sheet holding a table: optional title lines, then a header row that is frozen and
 * filtered, then one row per entry, each coloured by `colour` and committed (flushed to the
 * file) at once, pausing now and then so the zip stream drains: a large table is never held in
 * memory. The sheet is committed at the end; returns when its rows are all written.
 */
async function addTableSheet<T>(
  wb: BookWriter,
  name: string,
  columns: Column[],
  entries: readonly T[],
  values: (entry: T) => CellOut[],
  options: { titleLines?: string[]; colour?: Colouring<T> } = {},
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
    new TableStyles(columns, { font: i === 0 ? 'title' : 'subtitle' }).styleRow(row, [line]);
    row.commit();
  });
  if (titles.length > 0) ws.addRow([]).commit();
  const headers = columns.map((c) => c.header);
  const header = ws.addRow(headers);
  new TableStyles(columns, { font: 'header', fill: FILLS.header, alignment: 'header' }).styleRow(
    header,
    headers,
  );
  header.commit();
  const rowStyles = new TableStyles(columns, { alignment: 'row' });
  // The colours `colour` paints on the current row, by column (from 1); cleared after each row.
  const fills: (FillColour | undefined)[] = [];
  const paint = (column: number, colour: FillColour) => {
    fills[column] = colour;
  };
  let written = 0;
  for (const entry of entries) {
    const cells = values(entry);
    const row = ws.addRow(cells);
    options.colour?.(entry, paint);
    rowStyles.styleRow(row, cells, fills);
    fills.length = 0;
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

function colourItem(item: ReportItem, paint: (column: number, colour: FillColour) => void): void {
  paint(7, item.compliant ? FILLS.ok : FILLS.error);
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

function colourFinding(
  f: ReportFinding,
  paint: (column: number, colour: FillColour) => void,
): void {
  paint(1, f.waived ? FILLS.ok : FILLS[f.severity]);
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
      colour: (sp, paint) => {
        const c = sp.compliance;
        paint(6, c >= 1 ? FILLS.ok : c >= 0.5 ? FILLS.warning : FILLS.error);
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
      colour: (i, paint) => {
        const status = i.review.status;
        paint(
          7,
          status === 'ok'
            ? FILLS.ok
            : status === 'due-soon'
              ? FILLS.info
              : status === 'unknown'
                ? FILLS.warning
                : FILLS.error,
        );
        if (dueNext(i)) paint(10, FILLS.info);
        paint(
          12,
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
      colour: (i, paint) => {
        paint(2, i.status === 'ok' && !i.configErrors ? FILLS.ok : FILLS.error);
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
