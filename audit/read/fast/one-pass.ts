/**
 * The audit's one-pass guarded reader (issue 8): `readWorkbookOnePass(path, file, limits)`
 * returns the same `SheetInput[]` as `readGuarded(path, file, () => readWorkbook(path))`, but
 * reads the .xlsx once instead of twice and without exceljs. The guard's own zip reader and
 * XML scanner stream each part once; the guard's counting handlers (shared strings,
 * worksheets, the workbook's cell budget) see every event first, so every limit (file and part
 * sizes, compression ratio, rows, cells, text length, time) still stops the read at the same
 * point, and value collectors (`./collectors.ts`) keep what exceljs would have loaded: sheet
 * names and order, the 1904 date system, number formats, shared strings, cells and merges.
 *
 * A small file already read into memory (`readWorkbookFromBytes`, what `auditFile` uses for
 * files up to 2 MB) takes the same pass without yauzl's round trips to libuv's thread pool: its
 * zip directory is parsed from the bytes with the guard's own directory checks
 * (`./zip-in-memory.ts`), each part is inflated at once with its size and CRC-32 checked, and
 * the time limit is a deadline checked between parts and between scanned chunks.
 *
 * Whenever the file is refused by a check, or holds something this reader does not copy
 * exceljs on, it does not guess: it hands the file to the original path (the full guard, then
 * exceljs), so a refused file gets the guard's own named reason and an unusual file exceljs's
 * own values. Only the time limit is answered here, with the guard's own sentence.
 */
import { stat } from 'node:fs/promises';
import type { StringDecoder } from 'node:string_decoder';
import type { SheetInput } from '../../../src/core/model';
import { rangeArea } from '../../guard/cells';
import { readGuarded } from '../../guard/guarded-read';
import {
  decoderFor,
  findShortRead,
  isScannedPart,
  readHead,
  scanPart,
  SHARED_STRINGS_PART,
  WORKBOOK_PART,
  WORKBOOK_RELS_PART,
  type InspectionPassed,
  type SheetSummary,
} from '../../guard/inspect';
import { DEFAULT_LIMITS, type Limits } from '../../guard/limits';
import { GuardFailure } from '../../guard/messages';
import { SharedStringsScan, WorkbookBudget, WorksheetScan } from '../../guard/sheet-scan';
import { describeNonZip, SNIFF_BYTES } from '../../guard/sniff';
import { formatSeconds, ReaderTimeoutError, withTimeout } from '../../guard/timeout';
import {
  definedNameRanges,
  isChartsheetRelationship,
  isWorksheetRelationship,
  RelationshipsHandler,
  resolveWorkbookTarget,
  WorkbookPartHandler,
} from '../../guard/workbook-parts';
import { XmlScanner, type XmlHandler } from '../../guard/xml-scan';
import { openZipDirectory, type StreamControl, type ZipDirectory } from '../../guard/zip';
import { readWorkbook, UnreadableWorkbookError } from '../xlsx';
import {
  SharedStringsCollector,
  StylesCollector,
  TeeHandler,
  UnsupportedWorkbookError,
  WorkbookCollector,
  WorksheetCollector,
} from './collectors';
import { inflatePart, NotInMemoryError, openZipInMemory, type MemoryZip } from './zip-in-memory';

export const STYLES_PART = 'xl/styles.xml';
const MAX_SHEET_NAME_CHARS = 31;
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
/**
 * Archives whose parts declare more than this in all (uncompressed) are streamed even when
 * the file is small, so one read never holds more than this at once (bytes).
 */
export const IN_MEMORY_MAX_UNCOMPRESSED_BYTES = 24 * 1024 * 1024;
/** Bytes of an inflated part decoded and scanned between two looks at the deadline. */
const SCAN_CHUNK_BYTES = 64 * 1024;

/** How one pass ended: the sheets, or why the original path must decide instead. */
export type OnePassOutcome =
  | { kind: 'read'; sheets: SheetInput[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'unsupported'; why: string };

/** How a pass over bytes in memory ended; `stream` when the archive is left to yauzl. */
export type InMemoryOutcome = OnePassOutcome | { kind: 'stream'; why: string };

/**
 * Where the pass gets each part from: the guard's zip streaming, or an archive in memory. Both
 * give the same directory (checked by the same guard functions) and feed the same handlers.
 */
interface PartSource {
  entries: ReadonlyMap<string, { uncompressedSize: number }>;
  totalUncompressedBytes: number;
  /** Scans XML part `part` through `handler`; rejects with `GuardFailure`. */
  scan(part: string, handler: XmlHandler): Promise<void>;
}

/** Returns a part source streaming from an open archive under `control`. */
function streamingSource(dir: ZipDirectory, control: StreamControl): PartSource {
  return {
    entries: dir.entries,
    totalUncompressedBytes: dir.totalUncompressedBytes,
    scan: (part, handler) => scanPart(dir, part, handler, control),
  };
}

/**
 * Returns a part source over an archive in memory: each part is inflated whole (size and
 * CRC-32 checked), then decoded with the guard's byte-order-mark rule and scanned in chunks,
 * `checkTime()` running before each part and each chunk.
 */
function memorySource(zip: MemoryZip, checkTime: () => void): PartSource {
  const scanSync = (part: string, handler: XmlHandler): void => {
    checkTime();
    const bytes = inflatePart(zip, part);
    const scanner = new XmlScanner(part, handler);
    let decoder: StringDecoder | null = null;
    for (let at = 0; at < bytes.length; at += SCAN_CHUNK_BYTES) {
      if (at > 0) checkTime();
      const chunk = bytes.subarray(at, at + SCAN_CHUNK_BYTES);
      decoder ??= decoderFor(chunk);
      scanner.write(decoder.write(chunk));
    }
    if (decoder) scanner.write((decoder as StringDecoder).end());
    scanner.end();
  };
  return {
    entries: zip.entries,
    totalUncompressedBytes: zip.totalUncompressedBytes,
    // Nothing here waits: the promise settles once the part was scanned whole.
    scan: async (part, handler) => scanSync(part, handler),
  };
}

function refuse(reason: string): never {
  throw new GuardFailure(reason);
}

function unsupported(why: string): never {
  throw new UnsupportedWorkbookError(why);
}

interface SheetToRead {
  name: string;
  part: string;
}

/** Returns true when exceljs would refuse or change this sheet name (its `Worksheet.name` rules). */
function isNameExceljsRefuses(name: string): boolean {
  return (
    name === '' ||
    name === 'History' ||
    /[*?:/\\[\]\t\n\r]/.test(name) ||
    /(^')|('$)/.test(name) ||
    name.length > MAX_SHEET_NAME_CHARS
  );
}

/** Returns the worksheets to read, in workbook order; refuses or gives up as the guard would. */
async function findSheets(
  dir: PartSource,
  limits: Limits,
): Promise<{ sheets: SheetToRead[]; workbook: WorkbookPartHandler; info: WorkbookCollector }> {
  if (!dir.entries.has(WORKBOOK_PART)) refuse('no workbook part');
  if (!dir.entries.has(WORKBOOK_RELS_PART)) refuse('no workbook relationships part');
  for (const part of [WORKBOOK_PART, WORKBOOK_RELS_PART]) {
    if ((dir.entries.get(part)?.uncompressedSize ?? 0) > limits.maxDescriptorPartBytes)
      refuse(`part ${part} too large`);
  }
  const workbook = new WorkbookPartHandler();
  const info = new WorkbookCollector();
  await dir.scan(WORKBOOK_PART, new TeeHandler(workbook, info));
  if (workbook.sheets.length === 0) refuse('no sheet');
  const rels = new RelationshipsHandler();
  await dir.scan(WORKBOOK_RELS_PART, rels);
  const sheets: SheetToRead[] = [];
  const ids = new Set<number>();
  const names = new Set<string>();
  const parts = new Set<string>();
  workbook.sheets.forEach((sheet, i) => {
    const rel = rels.relationships.get(sheet.relationshipId);
    if (!rel) refuse('a sheet without its relationship');
    if (isChartsheetRelationship(rel.type)) return;
    if (sheet.name.length > MAX_SHEET_NAME_CHARS) refuse('a sheet name too long');
    const part = rel.external ? null : resolveWorkbookTarget(rel.target);
    if (!part || !dir.entries.has(part) || !isWorksheetRelationship(rel.type))
      refuse('a sheet whose part is missing or not a worksheet');
    // What exceljs itself would do differently: it finds the part by a plainer rule, only
    // loads parts named sheetN.xml, keys sheets by id and refuses some names.
    const id = info.sheetIds[i];
    if (
      `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}` !== part ||
      !WORKSHEET_PART.test(part) ||
      !(id > 0) ||
      ids.has(id) ||
      parts.has(part) ||
      isNameExceljsRefuses(sheet.name) ||
      names.has(sheet.name.toLowerCase())
    ) {
      unsupported(`sheet "${sheet.name}" is declared in a way exceljs treats its own way`);
    }
    ids.add(id);
    parts.add(part);
    names.add(sheet.name.toLowerCase());
    sheets.push({ name: sheet.name, part });
  });
  if (sheets.length === 0) unsupported('no worksheet, only chart sheets');
  return { sheets, workbook, info };
}

/** Reads the open archive once: every guard check, then the values. */
async function readArchive(dir: PartSource, limits: Limits): Promise<SheetInput[]> {
  const { sheets, workbook, info } = await findSheets(dir, limits);
  const sheetParts = new Set(sheets.map((s) => s.part));
  for (const [name, entry] of dir.entries) {
    if (!/\.(xml|rels|vml)$/i.test(name) || isScannedPart(name, sheetParts)) continue;
    if (entry.uncompressedSize > limits.maxOtherXmlPartBytes) refuse(`part ${name} too large`);
  }
  for (const part of dir.entries.keys()) {
    if (WORKSHEET_PART.test(part) && !sheetParts.has(part))
      unsupported(`worksheet part ${part} that no sheet names`);
  }
  let styles: StylesCollector | null = null;
  if (dir.entries.has(STYLES_PART)) {
    styles = new StylesCollector();
    await dir.scan(STYLES_PART, styles);
  }
  let stringScan: SharedStringsScan | null = null;
  const strings = new SharedStringsCollector();
  if (dir.entries.has(SHARED_STRINGS_PART)) {
    stringScan = new SharedStringsScan(SHARED_STRINGS_PART, limits);
    await dir.scan(SHARED_STRINGS_PART, new TeeHandler(stringScan, strings));
  }
  const budget = new WorkbookBudget(limits);
  for (const definedName of workbook.definedNames) {
    for (const range of definedNameRanges(definedName.text)) {
      budget.add(rangeArea(range) ?? 0, () => definedName.name);
    }
  }
  const summaries: SheetSummary[] = [];
  const read: SheetInput[] = [];
  for (const { name, part } of sheets) {
    const scan = new WorksheetScan(name, part, limits, budget, stringScan);
    const collector = new WorksheetCollector(name, strings.values, styles, info.date1904);
    await dir.scan(part, new TeeHandler(scan, collector));
    summaries.push({ name, part, ...scan.counts });
    read.push(collector.result());
  }
  if (stringScan && stringScan.overlong.size > 0) refuse('an overlong shared string');
  const inspection: InspectionPassed = {
    ok: true,
    file: '',
    sheets: summaries,
    cells: budget.cells,
    sharedStrings: stringScan?.count ?? 0,
    parts: dir.entries.size,
    uncompressedBytes: dir.totalUncompressedBytes,
  };
  const short = findShortRead(inspection, read);
  if (short) unsupported(`the one-pass read came out short: ${short}`);
  return read;
}

/** Runs the pass on the file at `path`; never throws for anything about the file. */
async function onePass(
  path: string,
  limits: Limits,
  control: StreamControl,
  onOpen: (dir: ZipDirectory) => void,
): Promise<OnePassOutcome> {
  let dir: ZipDirectory | null = null;
  try {
    const info = await stat(path);
    if (!info.isFile()) refuse('not a regular file');
    if (info.size > limits.maxFileBytes) refuse('too large');
    if (
      describeNonZip(info.size === 0 ? Buffer.alloc(0) : await readHead(path, info.size), info.size)
    )
      refuse('not a zip');
    dir = await openZipDirectory(path, info.size, limits);
    onOpen(dir);
    return { kind: 'read', sheets: await readArchive(streamingSource(dir, control), limits) };
  } catch (err) {
    if (err instanceof UnsupportedWorkbookError) return { kind: 'unsupported', why: err.why };
    if (err instanceof GuardFailure) return { kind: 'refused', reason: err.reason };
    return { kind: 'unsupported', why: err instanceof Error ? err.message : String(err) };
  } finally {
    dir?.close();
  }
}

/**
 * Returns the one pass's outcome for the .xlsx at `path`: `read` with the sheets, `refused`
 * when a guard check failed (the reason is this pass's shorthand; the guard's own sentence
 * comes from `readWorkbookOnePass`), or `unsupported` naming what it does not copy exceljs on.
 * Throws `ReaderTimeoutError` when the pass runs past `limits.inspectTimeoutMs`.
 */
export async function readOnePass(
  path: string,
  limits: Limits = DEFAULT_LIMITS,
): Promise<OnePassOutcome> {
  const control: StreamControl = {};
  let dir: ZipDirectory | null = null;
  const work = onePass(path, limits, control, (opened) => {
    dir = opened;
  });
  try {
    return await withTimeout(work, limits.inspectTimeoutMs, 'checking the workbook', () => {
      control.cancelled = new GuardFailure('timed out');
      control.abort?.(control.cancelled);
    });
  } catch (err) {
    work.catch(() => undefined);
    (dir as ZipDirectory | null)?.close();
    throw err;
  }
}

/**
 * Returns every worksheet of the .xlsx at `path` as the core's grids, exactly as
 * `readGuarded(path, file, () => readWorkbook(path), limits)` would, reading the file once when
 * it can. Throws `UnreadableWorkbookError(file, reason)` with the guard's reason (or exceljs's)
 * when the file cannot be read.
 */
export async function readWorkbookOnePass(
  path: string,
  file: string,
  limits: Limits = DEFAULT_LIMITS,
): Promise<SheetInput[]> {
  let outcome: OnePassOutcome;
  try {
    outcome = await readOnePass(path, limits);
  } catch (err) {
    throw asTimeoutRefusal(err, file, limits);
  }
  if (outcome.kind === 'read') return outcome.sheets;
  // Refused or unusual: the original path decides, with the guard's and exceljs's own words.
  return readGuarded(path, file, () => readWorkbook(path), limits);
}

/**
 * Returns `UnreadableWorkbookError` with the guard's own timeout sentence for a
 * `ReaderTimeoutError`, else `err` unchanged (for the caller to throw).
 */
function asTimeoutRefusal(err: unknown, file: string, limits: Limits): unknown {
  if (!(err instanceof ReaderTimeoutError)) return err;
  return new UnreadableWorkbookError(
    file,
    `the workbook could not be checked within ${formatSeconds(limits.inspectTimeoutMs)} (it is too large or too complex)`,
  );
}

/**
 * Returns the one pass's outcome for an .xlsx file's `bytes`, read whole into memory: as
 * `readOnePass` would give it for the same file, or `stream` when the archive uses something
 * left to yauzl (zip64 records, names yauzl decodes its own way) or declares more than
 * `IN_MEMORY_MAX_UNCOMPRESSED_BYTES` in all. No part of it waits on I/O, so the time limit is a
 * deadline (`clock() + limits.inspectTimeoutMs`) looked at before each part and each 64 KB
 * scanned; past it, throws `ReaderTimeoutError` as `readOnePass` does.
 */
export async function readOnePassFromBytes(
  bytes: Buffer,
  limits: Limits = DEFAULT_LIMITS,
  clock: () => number = Date.now,
): Promise<InMemoryOutcome> {
  const deadline = clock() + limits.inspectTimeoutMs;
  const checkTime = () => {
    if (clock() > deadline)
      throw new ReaderTimeoutError('checking the workbook', limits.inspectTimeoutMs);
  };
  try {
    if (bytes.length > limits.maxFileBytes) refuse('too large');
    if (describeNonZip(bytes.subarray(0, SNIFF_BYTES), bytes.length)) refuse('not a zip');
    const zip = openZipInMemory(bytes, limits);
    if (zip.totalUncompressedBytes > IN_MEMORY_MAX_UNCOMPRESSED_BYTES)
      return { kind: 'stream', why: 'its parts expand to more than is held in memory at once' };
    return { kind: 'read', sheets: await readArchive(memorySource(zip, checkTime), limits) };
  } catch (err) {
    if (err instanceof ReaderTimeoutError) throw err;
    if (err instanceof NotInMemoryError) return { kind: 'stream', why: err.why };
    if (err instanceof UnsupportedWorkbookError) return { kind: 'unsupported', why: err.why };
    if (err instanceof GuardFailure) return { kind: 'refused', reason: err.reason };
    return { kind: 'unsupported', why: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Returns every worksheet of the .xlsx file at `path`, given its `bytes` already read whole,
 * exactly as `readWorkbookOnePass(path, file, limits)` would (and so as the guard then exceljs
 * would), without reading the file again when the pass in memory can read it. An archive left
 * to yauzl is read by `readWorkbookOnePass`; a file refused or unusual goes to the guard and
 * exceljs (`readGuarded`), whose reasons and values are the ones given. Throws
 * `UnreadableWorkbookError(file, reason)` when the file cannot be read. `clock` is what the
 * pass in memory reads the time from (milliseconds).
 */
export async function readWorkbookFromBytes(
  bytes: Buffer,
  path: string,
  file: string,
  limits: Limits = DEFAULT_LIMITS,
  clock: () => number = Date.now,
): Promise<SheetInput[]> {
  let outcome: InMemoryOutcome;
  try {
    outcome = await readOnePassFromBytes(bytes, limits, clock);
  } catch (err) {
    throw asTimeoutRefusal(err, file, limits);
  }
  if (outcome.kind === 'read') return outcome.sheets;
  if (outcome.kind === 'stream') return readWorkbookOnePass(path, file, limits);
  return readGuarded(path, file, () => readWorkbook(path), limits);
}
