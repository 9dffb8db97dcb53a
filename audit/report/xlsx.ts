/**
 * The workbook reports: `compliance-<quarter>.xlsx` (Summary, Items, Findings, Review cadence,
 * People, Inputs) and each sponsor's findings attachment. Every table has a bold frozen header,
 * a filter and set widths; severities and compliance are coloured. Text from the inputs is
 * always written as a string value, never as a formula, so a cell typed `=HYPERLINK(...)` in an
 * input stays inert text in the report. Both are written by the streaming report writer
 * (`xlsx-writer.ts`, the same parts exceljs's streaming writer writes, far faster): each row is
 * written as soon as it is coloured, so a report with tens of thousands of findings is never
 * held as a whole workbook in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { atomicTempPath } from '../atomic-path';
import { FileRecords } from './file-records';
import type {
  ItemList,
  ReportFinding,
  ReportItem,
  ReportModel,
  ReportSponsor,
  SponsorRows,
} from './model';
import { sponsorRows } from './model';
import { XlsxBookWriter, type Look } from './xlsx-writer';

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

/** Returns a calendar date as a Date written as that same date (UTC midnight, Excel's serial day). */
function excelDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

type BookWriter = XlsxBookWriter;

/** The fonts of the reports: a sheet's title line, its other title lines, a table's header. */
const FONTS = {
  title: { bold: true, size: 14 },
  subtitle: { bold: false, size: 11 },
  header: { bold: true, color: { argb: 'FFFFFFFF' } },
} as const satisfies Record<string, Look['font']>;

/** The alignments of the reports: a table's header, and its rows (text wraps, top-aligned). */
const ALIGNMENTS = {
  header: { vertical: 'middle', wrapText: true },
  row: { vertical: 'top', wrapText: true },
} as const satisfies Record<string, Look['alignment']>;

/** What a cell or row looks like, by name: each part optional. */
interface LookName {
  /** Excel number format, e.g. `0%`. */
  numFmt?: string;
  font?: keyof typeof FONTS;
  fill?: FillColour;
  alignment?: keyof typeof ALIGNMENTS;
}

/**
 * Every look handed to the writer, one frozen object per distinct look: the writer's style
 * table finds a look it has seen by the object's identity, so styling a cell is a lookup.
 */
const LOOKS = new Map<string, Look>();

/** Returns the one shared, frozen look object for a named look (see `LOOKS`). */
function lookFor(name: LookName): Look {
  const key = `${name.numFmt ?? ''}\u0001${name.font ?? ''}\u0001${name.fill ?? ''}\u0001${
    name.alignment ?? ''
  }`;
  let look = LOOKS.get(key);
  if (!look) {
    const built: Look = {};
    if (name.numFmt) built.numFmt = name.numFmt;
    if (name.font) built.font = FONTS[name.font];
    if (name.fill) built.fill = name.fill;
    if (name.alignment) built.alignment = ALIGNMENTS[name.alignment];
    look = Object.freeze(built);
    LOOKS.set(key, look);
  }
  return look;
}

/**
 * The looks of one kind of row of a table (`base`: title, header or data row), by column (from
 * 1) and fill, worked out once per table so that styling a cell is an array lookup. A cell's
 * look is its column's number format with the row's look and, when coloured, a fill.
 */
class TableStyles {
  /** The row's own look (no number format). */
  readonly row: Look;
  private readonly plain: Look[] = [];
  private readonly filled: Map<FillColour, Look>[] = [];
  /** The cells' looks of the row being written, by column from 0 (reused from row to row). */
  private readonly cells: Look[] = [];

  constructor(
    private readonly columns: readonly Column[],
    private readonly base: LookName,
  ) {
    this.row = lookFor(base);
    columns.forEach((c, i) => {
      this.plain[i] = lookFor({ ...base, numFmt: c.format });
      this.filled[i] = new Map();
    });
  }

  /** Returns the look of a cell in `column` (from 0), filled with `fill`. */
  private cell(column: number, fill?: FillColour): Look {
    if (column >= this.plain.length) return lookFor({ ...this.base, fill });
    if (!fill) return this.plain[column];
    const byFill = this.filled[column];
    let look = byFill.get(fill);
    if (!look) {
      look = lookFor({ ...this.base, numFmt: this.columns[column].format, fill });
      byFill.set(fill, look);
    }
    return look;
  }

  /** Returns the looks of a row of `count` cells, `fills` by column from 1 (same array each call). */
  cellLooks(count: number, fills?: readonly (FillColour | undefined)[]): readonly Look[] {
    this.cells.length = count;
    for (let c = 0; c < count; c++) this.cells[c] = this.cell(c, fills?.[c + 1]);
    return this.cells;
  }
}

/** Colours cells of a table row: `paint(column, colour)` fills the cell in that column (from 1). */
type Colouring<T> = (entry: T, paint: (column: number, colour: FillColour) => void) => void;

/**
 * Writes one sheet holding a table: optional title lines, then a header row that is frozen and
 * filtered, then one row per entry, each coloured by `colour` and written to the file at once,
 * waiting whenever the file asks to: a large table is never held in memory (`entries` may be
 * the report's findings, read from its store as they are written). Returns when the sheet is
 * written.
 */
async function addTableSheet<T>(
  wb: BookWriter,
  name: string,
  columns: Column[],
  entries: Iterable<T> & { readonly length: number },
  values: (entry: T) => CellOut[],
  options: { titleLines?: string[]; colour?: Colouring<T> } = {},
): Promise<void> {
  const titles = options.titleLines ?? [];
  const headerRow = titles.length + (titles.length > 0 ? 1 : 0) + 1;
  const ws = await wb.addSheet(name, {
    columns: columns.map((c) => ({ width: c.width, numFmt: c.format })),
    frozenRows: headerRow,
    autoFilter: { headerRow, lastRow: headerRow + entries.length, lastColumn: columns.length },
  });
  for (let i = 0; i < titles.length; i++) {
    const looks = new TableStyles(columns, { font: i === 0 ? 'title' : 'subtitle' });
    await ws.addRow([titles[i]], looks.row, looks.cellLooks(1));
  }
  if (titles.length > 0) await ws.addRow([], lookFor({}), []);
  const headerLooks = new TableStyles(columns, {
    font: 'header',
    fill: FILLS.header,
    alignment: 'header',
  });
  await ws.addRow(
    columns.map((c) => c.header),
    headerLooks.row,
    headerLooks.cellLooks(columns.length),
  );
  const rowLooks = new TableStyles(columns, { alignment: 'row' });
  // The colours `colour` paints on the current row, by column (from 1); cleared after each row.
  const fills: (FillColour | undefined)[] = [];
  const paint = (column: number, colour: FillColour) => {
    fills[column] = colour;
  };
  for (const entry of entries) {
    const cells = values(entry);
    options.colour?.(entry, paint);
    const wait = ws.addRow(cells, rowLooks.row, rowLooks.cellLooks(cells.length, fills));
    fills.length = 0;
    if (wait) await wait;
  }
  await ws.end();
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

function titleLines(report: ReportModel, what: string): string[] {
  return [
    `${what}: ${report.quarter}`,
    `Period ${report.period.start} to ${report.period.end}, as of ${report.asOf}.`,
  ];
}

async function addSummary(wb: BookWriter, report: ReportModel): Promise<void> {
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

/** Rows of the review-cadence sheet picked from the item store at a time (`byNextDue`). */
const REVIEW_ROWS_WINDOW = 4096;

/**
 * Returns the items by next review date (none first), then name, the report's order among
 * equals. From `FileRecords` only each item's date, name and place are held and sorted, and the
 * items are read back one file at a time as they are written.
 */
export function byNextDue(
  items: ItemList,
  window = REVIEW_ROWS_WINDOW,
): Iterable<ReportItem> & { length: number } {
  const order = (a: { due: string; name: string }, b: { due: string; name: string }) =>
    a.due.localeCompare(b.due) || a.name.localeCompare(b.name);
  if (!(items instanceof FileRecords)) {
    return [...items]
      .map((item) => ({ item, due: item.review.nextDue ?? '0000', name: item.name }))
      .sort(order)
      .map(({ item }) => item);
  }
  const store = items as FileRecords<ReportItem>;
  const keys: { due: string; name: string; file: string; index: number }[] = [];
  for (const file of store.fileNames()) {
    store.ofFile(file).forEach((item, index) => {
      keys.push({ due: item.review.nextDue ?? '0000', name: item.name, file, index });
    });
  }
  keys.sort(order);
  return {
    length: keys.length,
    *[Symbol.iterator]() {
      // A window of rows at a time, each file of the window read once (rows in date order
      // come from files in any order, and reading a file per row would read it again and again).
      for (let start = 0; start < keys.length; start += window) {
        const rows = keys.slice(start, start + window);
        const wanted = new Map<string, number[]>();
        for (const k of rows) {
          const indexes = wanted.get(k.file);
          if (indexes) indexes.push(k.index);
          else wanted.set(k.file, [k.index]);
        }
        const picked = new Map<string, Map<number, ReportItem>>();
        for (const [file, indexes] of wanted) {
          const list = store.ofFile(file);
          picked.set(file, new Map(indexes.map((i) => [i, list[i]])));
        }
        for (const k of rows) yield picked.get(k.file)?.get(k.index) as ReportItem;
      }
    },
  };
}

async function addReviewCadence(wb: BookWriter, report: ReportModel): Promise<void> {
  const next = report.nextQuarter;
  const dueNext = (i: ReportItem) =>
    i.review.nextDue !== null && i.review.nextDue >= next.start && i.review.nextDue <= next.end;
  const items = byNextDue(report.items);
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

async function addPeople(wb: BookWriter, report: ReportModel): Promise<void> {
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

async function addInputs(wb: BookWriter, report: ReportModel): Promise<void> {
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
 * Writes a workbook into `sink` with the report writer (`xlsx-writer.ts`): `build` adds the
 * sheets, each written and flushed as it goes. Returns once the whole file has been written to
 * the sink; rejects when the sink fails.
 */
async function streamWorkbook(
  sink: Writable,
  build: (wb: BookWriter) => Promise<void>,
): Promise<void> {
  const wb = new XlsxBookWriter(sink, {
    creator: 'RACI Guard raci-audit',
    // A fixed date keeps the file free of "now"; report.json is what must be reproducible.
    created: new Date(Date.UTC(2000, 0, 1)),
  });
  const failed = new Promise<never>((_, reject) => sink.once('error', reject));
  failed.catch(() => undefined);
  await Promise.race([build(wb), failed]);
  await Promise.race([wb.finish(), failed]);
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
  const temp = atomicTempPath(path);
  const sink = createWriteStream(temp);
  try {
    await streamWorkbook(sink, build);
    await rename(temp, path);
  } catch (err) {
    // A build that failed for a reason other than the file leaves the stream open: close it.
    sink.destroy();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

async function buildCompliance(wb: BookWriter, report: ReportModel): Promise<void> {
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
export async function writeComplianceWorkbook(report: ReportModel, path: string): Promise<void> {
  await streamToFileAtomic(path, (wb) => buildCompliance(wb, report));
}

/** Returns the bytes of `compliance-<quarter>.xlsx` for the report (the same file, in memory). */
export async function renderComplianceWorkbook(report: ReportModel): Promise<Buffer> {
  return streamToBuffer((wb) => buildCompliance(wb, report));
}

/**
 * Returns the bytes of one sponsor's attachment: their items and their findings (waived ones
 * marked). Streamed, so only the finished file's bytes are held (it goes into the .eml). `rows`
 * are the sponsor's items and findings when already picked (`sponsorRows`).
 */
export async function renderSponsorWorkbook(
  report: ReportModel,
  sponsor: ReportSponsor,
  rows: SponsorRows = sponsorRows(report, sponsor),
): Promise<Buffer> {
  const { items, findings } = rows;
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
