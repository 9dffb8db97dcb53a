/**
 * The audit's input guard: `inspectXlsx(path, limits)` decides whether an .xlsx file may be
 * handed to exceljs, before exceljs ever sees it. In order: the file exists and is not larger
 * than the limit; its first bytes are a zip archive (else: empty, password-protected, old
 * .xls, CSV, HTML...); the zip directory is sane and within limits (see `zip.ts`); the
 * workbook part, its relationships and every sheet part it names exist; the shared strings
 * table and every worksheet are streamed through counters of rows, cells and text length with
 * an abort at the first limit broken. All of it runs under one time limit. The verdict is a
 * value, never a throw: `{ ok: true, sheets }` with what was counted, or `{ ok: false, reason }`
 * with one sentence a person understands. `findShortRead` then checks a reader's result
 * against those counts, so a reader that stopped early is an error, not a shorter sheet.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { formatBytes, formatCount, GuardFailure, overLimit } from './messages';
import {
  SharedStringsScan,
  WorkbookBudget,
  WorksheetScan,
  type WorksheetCounts,
} from './sheet-scan';
import { describeNonZip, SNIFF_BYTES } from './sniff';
import { formatSeconds, ReaderTimeoutError, withTimeout } from './timeout';
import { rangeArea } from './cells';
import {
  definedNameRanges,
  describeZipWithoutWorkbook,
  type DefinedName,
  isChartsheetRelationship,
  isWorksheetRelationship,
  RelationshipsHandler,
  resolveWorkbookTarget,
  WorkbookPartHandler,
} from './workbook-parts';
import { XmlScanner, type XmlHandler } from './xml-scan';
import { openZipDirectory, streamEntry, type StreamControl, type ZipDirectory } from './zip';

/** The workbook part and its relationships, where every .xlsx keeps them. */
export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
export const SHARED_STRINGS_PART = 'xl/sharedStrings.xml';
/** Excel's limit on a sheet name; exceljs cannot load a workbook with a longer one. */
const MAX_SHEET_NAME_CHARS = 31;

/** One worksheet as the guard counted it. */
export interface SheetSummary extends WorksheetCounts {
  name: string;
  part: string;
}

/** A file the guard accepts, with what it counted. */
export interface InspectionPassed {
  ok: true;
  file: string;
  /** The worksheets the workbook names, in workbook order (chart sheets left out). */
  sheets: SheetSummary[];
  /** Cells in the whole workbook, merged and validated ranges included. */
  cells: number;
  sharedStrings: number;
  parts: number;
  uncompressedBytes: number;
}

/** A file the guard refuses. */
export interface InspectionFailed {
  ok: false;
  file: string;
  /** One sentence for people, without the file name, e.g. "the file is empty (0 bytes)". */
  reason: string;
  /** `file: reason`. */
  message: string;
  /** The key of the limit broken, when a limit was. */
  limit?: keyof Limits;
  /** The zip part at fault, when one is. */
  part?: string;
}

export type Inspection = InspectionPassed | InspectionFailed;

function failed(file: string, failure: GuardFailure): InspectionFailed {
  const verdict: InspectionFailed = {
    ok: false,
    file,
    reason: failure.reason,
    message: `${file}: ${failure.reason}`,
  };
  if (failure.limit) verdict.limit = failure.limit;
  if (failure.part) verdict.part = failure.part;
  return verdict;
}

/** Returns the file's first bytes (up to `SNIFF_BYTES`). */
export async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Returns a decoder for an XML part, chosen by its byte-order mark (UTF-8 unless it says UTF-16). */
export function decoderFor(first: Buffer): StringDecoder {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe)
    return new StringDecoder('utf16le');
  return new StringDecoder('utf8');
}

/** Streams one XML part of the archive through `handler`; rejects with `GuardFailure`. */
export async function scanPart(
  dir: ZipDirectory,
  part: string,
  handler: XmlHandler,
  control: StreamControl,
): Promise<void> {
  const scanner = new XmlScanner(part, handler);
  let decoder: StringDecoder | null = null;
  await streamEntry(
    dir,
    part,
    (chunk) => {
      decoder ??= decoderFor(chunk);
      scanner.write(decoder.write(chunk));
    },
    control,
  );
  if (decoder) scanner.write((decoder as StringDecoder).end());
  scanner.end();
}

/** Throws `GuardFailure` when a part that is read whole is larger than the descriptor limit. */
function checkDescriptorSize(dir: ZipDirectory, part: string, limits: Limits): void {
  const size = dir.entries.get(part)?.uncompressedSize ?? 0;
  if (size > limits.maxDescriptorPartBytes) {
    throw new GuardFailure(
      `part ${part} is ${overLimit(size, limits.maxDescriptorPartBytes, formatBytes)} for this part`,
      'maxDescriptorPartBytes',
      part,
    );
  }
}

/** Returns true for a part the guard streams and counts (so its size is checked by counting). */
export function isScannedPart(part: string, sheetParts: Set<string>): boolean {
  return (
    part === WORKBOOK_PART ||
    part === WORKBOOK_RELS_PART ||
    part === SHARED_STRINGS_PART ||
    sheetParts.has(part) ||
    /^xl\/worksheets\/sheet\d+\.xml$/.test(part)
  );
}

/**
 * Throws `GuardFailure` when an XML part the guard does not stream (styles, comments,
 * drawings...) is larger than `maxOtherXmlPartBytes`: exceljs parses each into objects.
 */
function checkUnscannedParts(dir: ZipDirectory, sheetParts: Set<string>, limits: Limits): void {
  for (const entry of dir.entries.values()) {
    if (!/\.(xml|rels|vml)$/i.test(entry.name) || isScannedPart(entry.name, sheetParts)) continue;
    if (entry.uncompressedSize > limits.maxOtherXmlPartBytes) {
      throw new GuardFailure(
        `part ${entry.name} is ${overLimit(entry.uncompressedSize, limits.maxOtherXmlPartBytes, formatBytes)} for a styles, comments or drawing part`,
        'maxOtherXmlPartBytes',
        entry.name,
      );
    }
  }
}

interface SheetPart {
  name: string;
  part: string;
}

/** Returns the worksheet parts the workbook names, after checking each exists; throws `GuardFailure`. */
async function findSheetParts(
  dir: ZipDirectory,
  limits: Limits,
  control: StreamControl,
): Promise<{ sheetParts: SheetPart[]; definedNames: DefinedName[] }> {
  if (!dir.entries.has(WORKBOOK_PART))
    throw new GuardFailure(describeZipWithoutWorkbook(new Set(dir.entries.keys())));
  checkDescriptorSize(dir, WORKBOOK_PART, limits);
  const workbook = new WorkbookPartHandler();
  await scanPart(dir, WORKBOOK_PART, workbook, control);
  if (workbook.sheets.length === 0) {
    throw new GuardFailure(
      `the workbook part ${WORKBOOK_PART} names no sheet at all`,
      undefined,
      WORKBOOK_PART,
    );
  }
  if (!dir.entries.has(WORKBOOK_RELS_PART)) {
    throw new GuardFailure(
      `the workbook's relationships part ${WORKBOOK_RELS_PART} is missing, so its sheets cannot be found (the file is damaged)`,
      undefined,
      WORKBOOK_RELS_PART,
    );
  }
  checkDescriptorSize(dir, WORKBOOK_RELS_PART, limits);
  const rels = new RelationshipsHandler();
  await scanPart(dir, WORKBOOK_RELS_PART, rels, control);
  const parts: SheetPart[] = [];
  for (const sheet of workbook.sheets) {
    const rel = rels.relationships.get(sheet.relationshipId);
    if (!rel) {
      throw new GuardFailure(
        `the workbook names sheet "${sheet.name}" but has no relationship "${sheet.relationshipId}" saying where it is (the file is damaged)`,
        undefined,
        WORKBOOK_RELS_PART,
      );
    }
    if (isChartsheetRelationship(rel.type)) continue;
    if (sheet.name.length > MAX_SHEET_NAME_CHARS) {
      throw new GuardFailure(
        `sheet "${sheet.name}" has a name of ${sheet.name.length} characters, more than the ${MAX_SHEET_NAME_CHARS} an .xlsx sheet name may have (Excel's limit), so it cannot be read; shorten the tab's name`,
        undefined,
        WORKBOOK_PART,
      );
    }
    const part = rel.external ? null : resolveWorkbookTarget(rel.target);
    if (!part) {
      throw new GuardFailure(
        `sheet "${sheet.name}" points outside the workbook (${rel.target})`,
        undefined,
        WORKBOOK_RELS_PART,
      );
    }
    if (!dir.entries.has(part)) {
      throw new GuardFailure(
        `the workbook names sheet "${sheet.name}" but its part ${part} is missing (the file is damaged or incomplete)`,
        undefined,
        part,
      );
    }
    if (!isWorksheetRelationship(rel.type)) {
      throw new GuardFailure(
        `sheet "${sheet.name}" is not a worksheet (its relationship type is ${rel.type})`,
        undefined,
        part,
      );
    }
    parts.push({ name: sheet.name, part });
  }
  return { sheetParts: parts, definedNames: workbook.definedNames };
}

async function inspectArchive(
  path: string,
  file: string,
  limits: Limits,
  control: StreamControl,
  onOpen: (dir: ZipDirectory) => void,
): Promise<InspectionPassed> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new GuardFailure('this is a folder, not a file');
    if (!info.isFile()) {
      throw new GuardFailure(
        'this is not a regular file (a device, pipe or socket), so it is not read',
      );
    }
    size = info.size;
  } catch (err) {
    if (err instanceof GuardFailure) throw err;
    throw new GuardFailure('the file does not exist or cannot be opened');
  }
  if (size > limits.maxFileBytes) {
    throw new GuardFailure(
      `the file is ${formatBytes(size)}, larger than the ${formatBytes(limits.maxFileBytes)} limit for one workbook (over by ${formatBytes(size - limits.maxFileBytes)})`,
      'maxFileBytes',
    );
  }
  const notZip = describeNonZip(size === 0 ? Buffer.alloc(0) : await readHead(path, size), size);
  if (notZip) throw new GuardFailure(notZip);

  const dir = await openZipDirectory(path, size, limits);
  onOpen(dir);
  try {
    const { sheetParts, definedNames } = await findSheetParts(dir, limits, control);
    checkUnscannedParts(dir, new Set(sheetParts.map((s) => s.part)), limits);
    let strings: SharedStringsScan | null = null;
    if (dir.entries.has(SHARED_STRINGS_PART)) {
      strings = new SharedStringsScan(SHARED_STRINGS_PART, limits);
      await scanPart(dir, SHARED_STRINGS_PART, strings, control);
    }
    const budget = new WorkbookBudget(limits);
    // exceljs creates a cell for every cell a defined name's range covers.
    for (const definedName of definedNames) {
      for (const range of definedNameRanges(definedName.text)) {
        const area = rangeArea(range) ?? 0;
        budget.add(
          area,
          () =>
            `the defined name "${definedName.name}" over ${range} covers ${formatCount(area)} cells`,
        );
      }
    }
    const sheets: SheetSummary[] = [];
    for (const { name, part } of sheetParts) {
      const scan = new WorksheetScan(name, part, limits, budget, strings);
      await scanPart(dir, part, scan, control);
      sheets.push({ name, part, ...scan.counts });
    }
    // exceljs also loads worksheet parts no sheet names; they cost memory all the same.
    const named = new Set(sheetParts.map((s) => s.part));
    for (const part of dir.entries.keys()) {
      if (named.has(part) || !/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) continue;
      await scanPart(
        dir,
        part,
        new WorksheetScan(`(unnamed) ${part}`, part, limits, budget, strings),
        control,
      );
    }
    if (strings && strings.overlong.size > 0) {
      const [index, length] = [...strings.overlong.entries()][0];
      throw new GuardFailure(
        `the shared strings table holds a text of ${overLimit(length, limits.maxCellTextChars, formatCount, 'characters')} (string #${index}, used by no cell)`,
        'maxCellTextChars',
        SHARED_STRINGS_PART,
      );
    }
    return {
      ok: true,
      file,
      sheets,
      cells: budget.cells,
      sharedStrings: strings?.count ?? 0,
      parts: dir.entries.size,
      uncompressedBytes: dir.totalUncompressedBytes,
    };
  } finally {
    dir.close();
  }
}

/**
 * Returns the guard's verdict on the .xlsx at `path`: `{ ok: true, sheets, ... }` when it is
 * safe to hand to exceljs, else `{ ok: false, reason, message }` naming what is wrong (the
 * part, the limit and by how much where known). Never throws for anything about the file.
 * `file` is the name used in messages (default: the file's base name).
 */
export async function inspectXlsx(
  path: string,
  limits: Limits = DEFAULT_LIMITS,
  file: string = basename(path),
): Promise<Inspection> {
  const control: StreamControl = {};
  let dir: ZipDirectory | null = null;
  let timedOut = false;
  const work = inspectArchive(path, file, limits, control, (opened) => {
    dir = opened;
  });
  try {
    return await withTimeout(work, limits.inspectTimeoutMs, 'checking the workbook', () => {
      timedOut = true;
      control.cancelled = new GuardFailure('timed out');
      control.abort?.(control.cancelled);
    });
  } catch (err) {
    if (err instanceof ReaderTimeoutError || timedOut) {
      work.catch(() => undefined);
      (dir as ZipDirectory | null)?.close();
      const seconds = formatSeconds(limits.inspectTimeoutMs);
      return failed(
        file,
        new GuardFailure(
          `the workbook could not be checked within ${seconds} (it is too large or too complex)`,
          'inspectTimeoutMs',
        ),
      );
    }
    if (err instanceof GuardFailure) return failed(file, err);
    const detail = err instanceof Error ? err.message : String(err);
    return failed(file, new GuardFailure(`the file could not be checked (${detail})`));
  }
}

/** A sheet as a reader returned it: its name and its rows. */
export interface ReadSheet {
  name: string;
  rows: readonly unknown[];
}

/**
 * Returns null when a reader's sheets account for everything the guard counted, else a
 * sentence saying what the reader left out: a sheet the workbook names that is missing, or a
 * sheet whose last row holding a value is before the last one the guard saw (the reader
 * stopped early). A name cut to 31 characters matches its whole. Rows are compared by count: `rows.length` must reach the guard's last value
 * row (a reader trims trailing blank rows, never rows with values).
 */
export function findShortRead(
  inspection: InspectionPassed,
  sheets: readonly ReadSheet[],
): string | null {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  // exceljs cuts sheet names to Excel's 31 characters (Google Sheets allows 100).
  const readSheet = (name: string) => byName.get(name) ?? byName.get(name.slice(0, 31));
  const missing = inspection.sheets.filter((s) => !readSheet(s.name));
  if (missing.length > 0) {
    const names = missing.map((s) => `"${s.name}"`).join(', ');
    return `the reader returned ${sheets.length} of the ${inspection.sheets.length} sheets the workbook names (missing: ${names}); the file was not read completely`;
  }
  for (const counted of inspection.sheets) {
    const read = readSheet(counted.name) as ReadSheet;
    if (read.rows.length < counted.lastValueRow) {
      return `the reader stopped early in sheet "${counted.name}": it returned ${formatCount(read.rows.length)} rows, but the sheet has values down to row ${formatCount(counted.lastValueRow)}`;
    }
  }
  return null;
}
