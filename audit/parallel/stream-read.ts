/**
 * The streaming way into very large workbooks: `streamReadWorkbook(path)` gives the same grids
 * as `readWorkbook(path)` (audit/read/xlsx.ts) but reads the worksheets row by row through
 * exceljs's `WorkbookReader`, so a 50,000-row sheet never exists as exceljs cell objects, only
 * as the core's plain grid. exceljs's streaming reader differs from its loader, and each
 * difference is settled here: merged ranges and formulas whose cached result is an error are
 * read from each worksheet's XML in a first pass over the zip with yauzl (which also proves the
 * archive is whole: a truncated .xlsx has no central directory); a formula's date result is
 * turned into a date as the loader does; sheets come in workbook order; and the zip is handed
 * over with workbook.xml first (see `orderedXlsxStream`). The streaming reader can also stop silently on a
 * damaged file, so the whole read runs under a time limit and every worksheet the workbook lists
 * must have been read to the end; otherwise an `UnreadableWorkbookError` says so.
 */
import { open as openFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { CellValue, Grid, SheetInput } from '../../src/core/model';
import { loadExcelJS, toCellValue, UnreadableWorkbookError } from '../read/xlsx';

/** Time allowed for streaming one workbook when the caller gives none (milliseconds). */
export const DEFAULT_STREAM_TIMEOUT_MS = 60_000;

/** What the pre-scan finds in one worksheet part. */
interface SheetExtras {
  /** A1 ranges merged in the sheet, sorted. */
  merges: string[];
  /** `row:column` of each formula cell whose cached result is an error, to its code. */
  errors: Map<string, string>;
}

/** Part path (`xl/worksheets/sheet3.xml`) to what the pre-scan found in it. */
type ExtrasByPart = Map<string, SheetExtras>;

const NO_EXTRAS: SheetExtras = { merges: [], errors: new Map() };

const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const MERGE_CELL = /<mergeCell\b[^>]*?\bref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"/g;

/** exceljs's own date helpers, so a streamed date is decided exactly as its loader decides it. */
interface ExceljsDateUtils {
  isDateFmt(format: string | undefined): boolean;
  excelToDate(serial: number, date1904: boolean): Date;
}

/** Returns exceljs's date helpers, loaded on first use (exceljs is only loaded for large files). */
function exceljsUtils(): ExceljsDateUtils {
  return require('exceljs/lib/utils/utils') as ExceljsDateUtils;
}

/**
 * Returns the cell's value as the full loader would give it: the streaming reader leaves a
 * formula's numeric result as a serial number even when the cell is formatted as a date
 * (`=DATE(2026,7,1)`), where the loader gives a Date.
 */
function loaderValue(
  value: ExcelJS.CellValue,
  numFmt: string | undefined,
  date1904: boolean,
  errorResult: string | undefined,
): ExcelJS.CellValue {
  if (value && typeof value === 'object' && 'formula' in value) {
    if (errorResult !== undefined) {
      return { ...value, result: { error: errorResult } } as ExcelJS.CellValue;
    }
    const result = (value as { result?: unknown }).result;
    if (typeof result === 'number' && exceljsUtils().isDateFmt(numFmt)) {
      return {
        ...value,
        result: exceljsUtils().excelToDate(result, date1904),
      } as ExcelJS.CellValue;
    }
  }
  return value;
}

/** Returns a time limit as people read it: `1 ms`, `60 seconds`. */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`;
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Returns the column number of letters (`A` = 1, `AA` = 27). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): { row: number; column: number } {
  const m = /^([A-Z]+)([0-9]+)$/.exec(ref);
  if (!m) return { row: 0, column: 0 };
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}

/**
 * Returns, for each row touched by a merged range, the column spans whose cells other than the
 * range's top-left one must be left empty (the full loader keeps a merge's value in its master).
 */
function mergedFollowers(
  merges: string[],
): Map<number, { from: number; to: number; masterRow: number; masterColumn: number }[]> {
  const byRow = new Map<
    number,
    { from: number; to: number; masterRow: number; masterColumn: number }[]
  >();
  for (const range of merges) {
    const [a, b = a] = range.split(':');
    const start = parseRef(a);
    const end = parseRef(b);
    for (let r = start.row; r <= end.row; r++) {
      const list = byRow.get(r) ?? [];
      list.push({
        from: start.column,
        to: end.column,
        masterRow: start.row,
        masterColumn: start.column,
      });
      byRow.set(r, list);
    }
  }
  return byRow;
}

/** Reads an entry of the zip to the end, calling `onText` with its text in pieces. */
function readEntryText(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  onText: (text: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err ?? new Error(`cannot open ${entry.fileName}`));
        return;
      }
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => onText(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  });
}

/** A cell whose formula result is an error (`<c t="e"><f>..</f><v>#REF!</v></c>`). */
const ERROR_FORMULA_CELL =
  /<c\b(?=[^>]*\bt="e")[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*>(?:(?!<\/c>)[\s\S])*?<f\b(?:(?!<\/c>)[\s\S])*?<v>([^<]*)<\/v>/g;

/** Longest unfinished `<c>` element carried from one chunk to the next (characters). */
const MAX_CARRIED_CELL = 100_000;

/**
 * Returns, for every worksheet part, what exceljs's streaming reader does not give: its merged
 * ranges, and the error code of each formula whose cached result is an error (the streaming
 * reader turns `#DIV/0!` into NaN). Each part's text is scanned as it inflates; an element
 * split across two chunks is caught by carrying the unfinished end of the previous chunk.
 * Rejects when the file is not a whole zip archive (a truncated file has no central directory).
 */
export function scanSheetExtras(path: string): Promise<ExtrasByPart> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) {
        reject(err ?? new Error('cannot open the zip archive'));
        return;
      }
      const extras: ExtrasByPart = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(extras));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!WORKSHEET_PART.test(entry.fileName)) {
          zip.readEntry();
          return;
        }
        const merges = new Set<string>();
        const errors = new Map<string, string>();
        let tail = '';
        readEntryText(zip, entry, (text) => {
          const window = tail + text;
          for (const m of window.matchAll(MERGE_CELL)) merges.add(m[1]);
          for (const m of window.matchAll(ERROR_FORMULA_CELL)) {
            errors.set(`${m[2]}:${columnNumber(m[1])}`, m[3]);
          }
          const openCell = window.lastIndexOf('<c ');
          const lastOpen = window.lastIndexOf('<');
          if (openCell >= 0 && window.indexOf('</c>', openCell) === -1) {
            tail = window.length - openCell <= MAX_CARRIED_CELL ? window.slice(openCell) : '';
          } else {
            tail = lastOpen >= 0 && window.length - lastOpen < 200 ? window.slice(lastOpen) : '';
          }
        }).then(() => {
          extras.set(entry.fileName, { merges: [...merges].sort(), errors });
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  });
}

/** The parts exceljs's streaming reader needs before any worksheet, in the order it needs them. */
const LEADING_PARTS = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/styles.xml',
  'xl/sharedStrings.xml',
];

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('cannot open the zip archive')) : resolve(zip),
    );
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function rawEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decompress: false }, (err, stream) =>
      err || !stream ? reject(err ?? new Error(`cannot open ${entry.fileName}`)) : resolve(stream),
    );
  });
}

/** Returns a zip local file header for `entry` with its sizes and CRC filled in (no data descriptor). */
function localHeader(entry: yauzl.Entry): Buffer {
  const name = Buffer.from(entry.fileName, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 names; no data descriptor (sizes are known)
  header.writeUInt16LE(entry.compressionMethod, 8);
  header.writeUInt16LE(entry.lastModFileTime, 10);
  header.writeUInt16LE(entry.lastModFileDate, 12);
  header.writeUInt32LE(entry.crc32, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

/**
 * Returns the workbook's zip as a stream exceljs's `WorkbookReader` reads reliably: the parts
 * it needs first (workbook, relationships, styles, shared strings) ahead of the worksheets,
 * which come in sheet number order, each after its own relationships; parts the audit never
 * reads (themes, drawings, document properties) are left out. The entries are copied still
 * compressed. exceljs writes workbook.xml last, and its streaming reader then races and
 * sometimes loses the sheet list (`Cannot read properties of undefined (reading 'sheets')`).
 */
async function orderedXlsxStream(path: string): Promise<{ stream: Readable; worksheets: number }> {
  const zip = await openZip(path);
  const entries = await listEntries(zip);
  const byName = new Map(entries.map((e) => [e.fileName, e]));
  const sheetNumbers = entries
    .map((e) => WORKSHEET_PART.exec(e.fileName))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const order: yauzl.Entry[] = [];
  for (const name of LEADING_PARTS) {
    const entry = byName.get(name);
    if (entry) order.push(entry);
  }
  for (const n of sheetNumbers) {
    const rels = byName.get(`xl/worksheets/_rels/sheet${n}.xml.rels`);
    if (rels) order.push(rels);
    order.push(byName.get(`xl/worksheets/sheet${n}.xml`) as yauzl.Entry);
  }
  async function* generate(): AsyncGenerator<Buffer> {
    try {
      for (const entry of order) {
        yield localHeader(entry);
        for await (const chunk of await rawEntryStream(zip, entry)) yield chunk as Buffer;
      }
    } finally {
      zip.close();
    }
  }
  return {
    stream: Readable.from(generate(), { objectMode: false }),
    worksheets: sheetNumbers.length,
  };
}

/** The parts of exceljs's streaming reader this file uses (its typings omit them). */
interface StreamRow {
  number: number;
  eachCell(
    options: { includeEmpty: boolean },
    callback: (cell: { value: ExcelJS.CellValue; numFmt?: string }, column: number) => void,
  ): void;
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  id: number;
  name?: string;
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  model?: { sheets?: { name: string; id: number }[] };
  properties?: { date1904?: boolean };
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
}

/** Returns one streamed worksheet as the core's grid, trimmed like the full reader's. */
async function readStreamedSheet(
  worksheet: StreamWorksheet,
  extras: SheetExtras,
  date1904: () => boolean,
  isCancelled: () => boolean,
): Promise<Grid> {
  const followers = mergedFollowers(extras.merges);
  const rows: Grid = [];
  for await (const row of worksheet) {
    if (isCancelled()) throw new Error('cancelled');
    const spans = followers.get(row.number);
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (
        spans?.some(
          (s) =>
            column >= s.from &&
            column <= s.to &&
            !(row.number === s.masterRow && column === s.masterColumn),
        )
      ) {
        return;
      }
      const errorResult =
        extras.errors.size > 0 ? extras.errors.get(`${row.number}:${column}`) : undefined;
      const v = toCellValue(loaderValue(cell.value, cell.numFmt, date1904(), errorResult));
      if (isBlank(v)) return;
      while (cells.length < column - 1) cells.push(null);
      cells[column - 1] = v;
    });
    if (cells.length === 0) continue;
    while (rows.length < row.number - 1) rows.push([]);
    rows[row.number - 1] = cells;
  }
  return rows;
}

async function looksLikeZip(path: string): Promise<string | null> {
  const handle = await openFile(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead === 0) return 'the file is empty';
    if (bytesRead === 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
      return 'the file is password-protected (encrypted) or an old .xls workbook; save it as an unprotected .xlsx';
    }
    if (bytesRead < 4 || head.readUInt32BE(0) !== 0x504b0304) {
      return 'the file is not an .xlsx workbook (it is not a zip archive)';
    }
    return null;
  } finally {
    await handle.close();
  }
}

async function streamSheets(
  path: string,
  extras: ExtrasByPart,
  isCancelled: () => boolean,
  onStream: (stream: Readable) => void,
): Promise<SheetInput[]> {
  const ordered = await orderedXlsxStream(path);
  onStream(ordered.stream);
  const reader = new (loadExcelJS().stream.xlsx.WorkbookReader)(ordered.stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  }) as unknown as StreamWorkbook;
  let currentPart = '';
  reader.on('entry', (entry) => {
    if (entry.type === 'worksheet') currentPart = `xl/worksheets/sheet${entry.id}.xml`;
  });
  const read: { name: string; id: number; part: string; rows: Grid }[] = [];
  for await (const worksheet of reader) {
    const part = currentPart;
    const rows = await readStreamedSheet(
      worksheet,
      extras.get(part) ?? NO_EXTRAS,
      () => Boolean(reader.properties?.date1904),
      isCancelled,
    );
    read.push({ name: worksheet.name ?? '', id: worksheet.id, part, rows });
  }
  const listed = reader.model?.sheets ?? [];
  const sheets: SheetInput[] = [];
  for (const entry of listed) {
    const sheet = read.find((s) => s.name === entry.name);
    if (!sheet) {
      throw new Error(`worksheet "${entry.name}" is listed in the workbook but was not read`);
    }
    const input: SheetInput = { name: entry.name, rows: sheet.rows };
    const merged = extras.get(sheet.part)?.merges ?? [];
    if (merged.length > 0) input.merges = merged;
    sheets.push(input);
  }
  if (read.length !== ordered.worksheets || read.length !== extras.size) {
    throw new Error(`${read.length} of ${ordered.worksheets} worksheet parts were read to the end`);
  }
  return sheets;
}

/**
 * Returns every worksheet of the .xlsx at `path` as the core's grids, read as a stream: the same
 * result `readWorkbook` gives for the same file, in far less memory. Throws an
 * `UnreadableWorkbookError` naming the file when it is not an .xlsx, is damaged or truncated,
 * holds no worksheet, or is not read within `timeoutMs`.
 */
export async function streamReadWorkbook(
  path: string,
  options: { timeoutMs?: number } = {},
): Promise<SheetInput[]> {
  const name = basename(path);
  const timeoutMs = options.timeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS;
  let notXlsx: string | null;
  try {
    notXlsx = await looksLikeZip(path);
  } catch {
    throw new UnreadableWorkbookError(name, 'the file does not exist or cannot be opened');
  }
  if (notXlsx) throw new UnreadableWorkbookError(name, notXlsx);

  let cancelled = false;
  let timer: NodeJS.Timeout | undefined;
  // Destroyed when the read ends, however it ends, so the file is closed even on a timeout.
  let stream: Readable | undefined;
  const work = (async () => {
    const extras = await scanSheetExtras(path);
    if (cancelled) throw new Error('cancelled');
    return streamSheets(
      path,
      extras,
      () => cancelled,
      (s) => {
        stream = s;
      },
    );
  })();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cancelled = true;
      reject(
        new UnreadableWorkbookError(
          name,
          `the workbook could not be read within ${duration(timeoutMs)} (it may be damaged or truncated)`,
        ),
      );
    }, timeoutMs);
    timer.unref();
  });
  let sheets: SheetInput[];
  try {
    sheets = await Promise.race([work, deadline]);
  } catch (err) {
    if (err instanceof UnreadableWorkbookError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new UnreadableWorkbookError(
      name,
      `the workbook is damaged or truncated and could not be opened (${detail})`,
    );
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
    stream?.destroy();
  }
  if (sheets.length === 0)
    throw new UnreadableWorkbookError(name, 'the workbook holds no worksheet');
  return sheets;
}
