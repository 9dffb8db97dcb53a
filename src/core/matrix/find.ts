/**
 * Finds every RACI matrix on a sheet by its content: where the codes are, not which words the
 * header uses. A matrix is a run of rows whose role columns hold mostly codes; its header is
 * the nearest row above the first coded row that names those columns; its activity column is
 * the text column left of the roles that best names the rows (ID/Ref columns hold short codes
 * or numbers, phase columns repeat or are sparse). Title, legend and metadata rows above, ID
 * and phase columns, section rows, blank rows inside, trailing Notes columns, stacked matrices
 * and legend or notes lines below are all understood. Detection is linear in the sheet's size.
 */
import type { Config } from '../config';
import type {
  MatrixActivity,
  MatrixCell,
  MatrixRole,
  RaciMatrix,
  RaciModel,
  SheetInput,
} from '../model';
import { cellText, columnLetter, foldSpaces, normaliseName } from '../text';
import { parseCodeCell, type CellShape, type ParsedCode } from './codes';
import { viewSheet, type SheetView } from './grid';
import { readMetadata } from './metadata';

/** How far above the first coded row the header may sit (blank and section rows between). */
const MAX_HEADER_DISTANCE = 50;
/** How many rows above the header are read as the metadata block. */
const MAX_METADATA_ROWS = 30;
/** Rows read to learn what each column holds (codes, prose, IDs). */
const SAMPLE_ROWS = 300;
/** Rows with codes after the first one whose coded columns also count for the header check. */
const CODED_ROWS_FOR_HEADER = 10;
/** Non-blank rows without codes the matrix may hold before more activities must follow. */
const MAX_PENDING_ROWS = 4;
/** Blank rows the matrix may hold before more activities must follow. */
const MAX_PENDING_BLANKS = 20;

/** Header words of trailing columns that hold prose; used only for columns left empty. */
const PROSE_HEADERS = new Set([
  'notes',
  'note',
  'comments',
  'comment',
  'description',
  'descriptions',
  'remarks',
  'remark',
  'details',
  'rationale',
  'explanation',
]);

interface ColumnStats {
  code: number;
  emptyMark: number;
  short: number;
  text: number;
  number: number;
  /**
   * Distinct non-blank values (folded, lowercased), for telling phase columns from names;
   * collected for the columns left of the codes only (the only ones asked).
   */
  distinct: Set<string>;
}

function emptyStats(): ColumnStats {
  return { code: 0, emptyMark: 0, short: 0, text: 0, number: 0, distinct: new Set() };
}

function nonBlank(s: ColumnStats): number {
  return s.code + s.emptyMark + s.short + s.text + s.number;
}

/** `12`, `1.2`, `A-01`, `CHG-3.1`, `#4`: ID or reference values, not activity names. */
function isIdLike(text: string): boolean {
  return /^#?[A-Za-z]{0,6}[-_.]?\d+([-_.]\d+)*[a-z]?\.?$/.test(text);
}

/**
 * Returns every RACI matrix on the sheet, top to bottom. A sheet with none (a register, a
 * roles sheet, notes) gives an empty list.
 */
export function findMatrices(sheet: SheetInput, config: Config): RaciMatrix[] {
  const view = viewSheet(sheet);
  const matrices: RaciMatrix[] = [];
  const parseCache = new Map<string, ParsedCode>();
  let floor = 1;
  let row = 1;
  while (row <= view.rowCount) {
    if (!rowHasCode(view, row)) {
      row++;
      continue;
    }
    const matrix = readMatrixAt(view, row, floor, matrices.length, config.model, parseCache);
    if (!matrix) {
      row++;
      continue;
    }
    matrices.push(matrix);
    floor = matrix.lastRow + 1;
    row = Math.max(row + 1, matrix.lastRow + 1);
  }
  return matrices;
}

function rowHasCode(view: SheetView, row: number): boolean {
  return view.shapes(row).includes('code');
}

function codeColumns(view: SheetView, row: number): number[] {
  const cols: number[] = [];
  const shapes = view.shapes(row);
  for (let c = 1; c <= shapes.length; c++) if (shapes[c - 1] === 'code') cols.push(c);
  return cols;
}

/** Tries to read a matrix whose first coded row is `first`; undefined when there is none. */
function readMatrixAt(
  view: SheetView,
  first: number,
  floor: number,
  index: number,
  model: RaciModel,
  parseCache: Map<string, ParsedCode>,
): RaciMatrix | undefined {
  // The coded columns of the first coded rows, with how many of those rows code each.
  const codedRows = new Map<number, number>();
  for (const c of codeColumns(view, first)) codedRows.set(c, 1);
  let seen = 1;
  for (let r = first + 1; r <= view.rowCount && seen <= CODED_ROWS_FOR_HEADER; r++) {
    if (r > first + 3 * CODED_ROWS_FOR_HEADER) break;
    const cols = codeColumns(view, r);
    // Only rows that share a coded column belong to the same block (not a legend below).
    if (cols.length === 0 || !cols.some((c) => codedRows.has(c))) continue;
    seen++;
    for (const c of cols) codedRows.set(c, (codedRows.get(c) ?? 0) + 1);
  }
  const coded = new Set(codedRows.keys());
  // The codes start at the first column coded on more than half of those rows: a Ref column
  // holding an odd `A` or `C` does not count, a sparse role column left of the others is
  // still a role (roles are every column right of the activity column).
  const dense = [...codedRows].filter(([, n]) => n * 2 > seen).map(([c]) => c);
  const firstCoded = Math.min(...(dense.length > 0 ? dense : [...coded]));

  const headerRow = findHeaderRow(view, first, floor, firstCoded);
  if (headerRow === undefined || !namesCodedColumns(view, headerRow, coded)) return undefined;

  const stats = sampleColumns(view, headerRow, first, firstCoded);
  const activityColumn = chooseActivityColumn(view, headerRow, firstCoded, stats);
  if (activityColumn === undefined) return undefined;
  const roles = chooseRoleColumns(view, headerRow, activityColumn, coded, stats);
  if (roles.length < 2) return undefined;

  const leftColumns = classifyLeftColumns(activityColumn, stats);
  const body = scanBody(view, headerRow, activityColumn, roles);
  if (body.length === 0) return undefined;

  const activities = buildActivities(
    view,
    body,
    activityColumn,
    roles,
    leftColumns,
    model,
    parseCache,
  );
  const lastRow = body.reduce((max, b) => (b.kind === 'activity' && b.row > max ? b.row : max), 0);
  return {
    sheet: view.name,
    index,
    headerRow,
    lastRow,
    activityColumn,
    activityHeader: foldSpaces(cellText(view.value(headerRow, activityColumn))),
    roles,
    activities,
    metadata: readMetadata(view, Math.max(floor, headerRow - MAX_METADATA_ROWS), headerRow - 1),
  };
}

/**
 * Walks up from the first coded row past blank rows, section rows (content only left of the
 * coded columns) and activities without codes (only empty marks such as `-` or `n/a` over the
 * coded columns) to the first row with other content over the coded columns: the header.
 */
function findHeaderRow(
  view: SheetView,
  first: number,
  floor: number,
  firstCoded: number,
): number | undefined {
  const stop = Math.max(floor, first - MAX_HEADER_DISTANCE);
  for (let r = first - 1; r >= stop; r--) {
    const w = view.width(r);
    let overCoded = false;
    for (let c = firstCoded; c <= w; c++) {
      const shape = view.shape(r, c);
      if (shape !== 'blank' && shape !== 'empty-mark') {
        overCoded = true;
        break;
      }
    }
    if (overCoded) return r;
  }
  return undefined;
}

/** True when the row names at least half of the coded columns, mostly with non-code text. */
function namesCodedColumns(view: SheetView, headerRow: number, coded: Set<number>): boolean {
  let names = 0;
  let codes = 0;
  for (const c of coded) {
    const s = view.shape(headerRow, c);
    if (s === 'text' || s === 'short') names++;
    else if (s === 'code') codes++;
  }
  return names + codes >= coded.size / 2 && names > codes;
}

/**
 * Counts what each column holds in the coded block below the header (a sample of its first
 * rows, for large sheets): the rows between the header and the first coded row, the rows with
 * a code or an empty mark from the first coded column on, and rows without one only when more
 * such rows follow. A legend or notes below the block (`R` / `Responsible` in columns A and B,
 * a "Legend" title) is left out, so it cannot pass for an ID or role column.
 */
function sampleColumns(
  view: SheetView,
  headerRow: number,
  first: number,
  firstCoded: number,
): Map<number, ColumnStats> {
  const stats = new Map<number, ColumnStats>();
  const count = (r: number) => {
    const w = view.width(r);
    for (let c = 1; c <= w; c++) {
      const shape = view.shape(r, c);
      if (shape === 'blank') continue;
      let s = stats.get(c);
      if (!s) stats.set(c, (s = emptyStats()));
      countShape(s, shape);
      // Distinct values tell names from IDs and phases, which is asked only left of the codes.
      if (c < firstCoded && s.distinct.size < 1000) {
        s.distinct.add(normaliseName(cellText(view.value(r, c))));
      }
    }
  };
  const end = Math.min(view.rowCount, headerRow + SAMPLE_ROWS);
  let pending: number[] = [];
  let pendingFilled = 0;
  let pendingBlanks = 0;
  for (let r = headerRow + 1; r <= end; r++) {
    if (r <= first) {
      count(r);
      continue;
    }
    const w = view.width(r);
    let marked = false;
    let texts = 0;
    for (let c = firstCoded; c <= w; c++) {
      const shape = view.shape(r, c);
      if (shape === 'code' || shape === 'empty-mark') marked = true;
      else if (shape === 'text') texts++;
    }
    if (marked) {
      for (const p of pending) count(p);
      pending = [];
      pendingFilled = 0;
      pendingBlanks = 0;
      count(r);
      continue;
    }
    // A row naming several columns over the coded ones starts other content: stop there.
    if (texts >= 2) break;
    pending.push(r);
    if (view.isBlankRow(r)) pendingBlanks++;
    else pendingFilled++;
    if (pendingFilled > MAX_PENDING_ROWS || pendingBlanks > MAX_PENDING_BLANKS) break;
  }
  return stats;
}

function countShape(s: ColumnStats, shape: CellShape): void {
  if (shape === 'code') s.code++;
  else if (shape === 'empty-mark') s.emptyMark++;
  else if (shape === 'short') s.short++;
  else if (shape === 'text') s.text++;
  else if (shape === 'number') s.number++;
}

type LeftKind = 'id' | 'phase' | 'name';

/** Tells ID/Ref columns (numbers, short codes) and phase columns (repeating, sparse) from names. */
function leftColumnKind(s: ColumnStats, rowsWithCodes: number): LeftKind {
  const filled = nonBlank(s);
  const values = [...s.distinct];
  if (values.length > 0 && values.filter(isIdLike).length >= values.length * 0.8) return 'id';
  if (s.number >= filled * 0.8) return 'id';
  // One- or two-character values (`A`, `B`, `7a`): references, not names.
  if (values.length > 1 && values.every((v) => v.length <= 2)) return 'id';
  if (rowsWithCodes >= 3 && filled < rowsWithCodes * 0.6) return 'phase';
  if (filled >= 4 && s.distinct.size <= filled * 0.5) return 'phase';
  return 'name';
}

/**
 * Returns the activity column: of the columns left of the codes that hold names (not IDs, not
 * mostly codes), the one with the most distinct values (phase columns repeat or are sparse),
 * the leftmost when close (an Activity column before its Description); when every such column
 * looks like IDs, the one nearest the codes; when no column has values at all, the nearest
 * column with a header. Undefined when nothing is left of the codes.
 */
function chooseActivityColumn(
  view: SheetView,
  headerRow: number,
  firstCoded: number,
  stats: Map<number, ColumnStats>,
): number | undefined {
  const rowsWithCodes = Math.max(...[...stats.values()].map((s) => s.code + s.emptyMark), 0);
  const candidates: { column: number; distinct: number }[] = [];
  let nearestWithValues: number | undefined;
  for (let c = 1; c < firstCoded; c++) {
    const s = stats.get(c);
    if (!s || s.text + s.short + s.number + s.code === 0) continue;
    // A column of codes left of the others is a role column, not names.
    if ((s.code + s.emptyMark) * 2 > nonBlank(s)) continue;
    nearestWithValues = c;
    if (leftColumnKind(s, rowsWithCodes) === 'id') continue;
    candidates.push({ column: c, distinct: s.distinct.size });
  }
  if (candidates.length > 0) {
    const most = Math.max(...candidates.map((x) => x.distinct));
    return candidates.find((x) => x.distinct >= most * 0.8)?.column;
  }
  if (nearestWithValues !== undefined) return nearestWithValues;
  for (let c = firstCoded - 1; c >= 1; c--) {
    const s = view.shape(headerRow, c);
    if (s === 'text' || s === 'short') return c;
  }
  return undefined;
}

/** The kind of each column left of the activity column. */
function classifyLeftColumns(
  activityColumn: number,
  stats: Map<number, ColumnStats>,
): Map<number, LeftKind> {
  const rowsWithCodes = Math.max(...[...stats.values()].map((s) => s.code + s.emptyMark), 0);
  const kinds = new Map<number, LeftKind>();
  for (let c = 1; c < activityColumn; c++) {
    const s = stats.get(c);
    if (!s) continue;
    const kind = leftColumnKind(s, rowsWithCodes);
    // A column that names rows but is left of the activity column works as a phase column.
    kinds.set(c, kind === 'name' ? 'phase' : kind);
  }
  return kinds;
}

/**
 * Returns the role columns: every column right of the activity column with a header whose
 * cells are mostly codes (or empty), plus coded columns with no header. Columns of prose
 * (Notes, Description) and empty columns headed like notes are not roles.
 */
function chooseRoleColumns(
  view: SheetView,
  headerRow: number,
  activityColumn: number,
  coded: Set<number>,
  stats: Map<number, ColumnStats>,
): MatrixRole[] {
  const roles: MatrixRole[] = [];
  const w = Math.max(view.width(headerRow), ...coded);
  let lastCoded = 0;
  for (const [c, s] of stats) if (c > activityColumn && s.code > 0 && c > lastCoded) lastCoded = c;
  for (let c = activityColumn + 1; c <= w; c++) {
    const shape = view.shape(headerRow, c);
    const name = foldSpaces(cellText(view.value(headerRow, c)));
    const s = stats.get(c) ?? emptyStats();
    const codeLike = s.code + s.emptyMark + s.short;
    const prose = s.text + s.number;
    if (shape === 'blank' || shape === 'empty-mark' || shape === 'number') {
      // No header: a role only if it holds codes.
      if (s.code > 0 && codeLike > prose)
        roles.push({ name: '', column: c, cell: a1(headerRow, c) });
      continue;
    }
    if (nonBlank(s) === 0) {
      const words = normaliseName(name).split(/[^a-z]+/);
      if (!words.some((word) => PROSE_HEADERS.has(word))) {
        roles.push({ name, column: c, cell: a1(headerRow, c) });
      }
      continue;
    }
    // Short marks that are no codes (`X`, `Y/N`) make a role between coded columns, but a
    // trailing column of them is a status column, not a role.
    if (codeLike >= prose && (s.code > 0 || s.emptyMark > 0 || c < lastCoded)) {
      roles.push({ name, column: c, cell: a1(headerRow, c) });
    }
  }
  return roles;
}

const letterCache: string[] = [];
function a1(row: number, column: number): string {
  let letters = letterCache[column];
  if (letters === undefined) letters = letterCache[column] = columnLetter(column);
  return `${letters}${row}`;
}

interface BodyRow {
  row: number;
  kind: 'activity' | 'section';
}

type RowKind = 'blank' | 'section' | 'strong' | 'weak' | 'weak-text' | 'header';

/** Classifies a row below the header by what its role cells hold. */
function classifyRow(
  view: SheetView,
  row: number,
  activityColumn: number,
  roles: MatrixRole[],
): RowKind {
  let codes = 0;
  let emptyMarks = 0;
  let shorts = 0;
  let texts = 0;
  let numbers = 0;
  const shapes = view.shapes(row);
  for (const role of roles) {
    const s = shapes[role.column - 1] ?? 'blank';
    if (s === 'code') codes++;
    else if (s === 'empty-mark') emptyMarks++;
    else if (s === 'short') shorts++;
    else if (s === 'text') texts++;
    else if (s === 'number') numbers++;
  }
  let named = false;
  for (let c = 1; c <= activityColumn && c <= shapes.length; c++) {
    if (shapes[c - 1] !== 'blank') named = true;
  }
  if (codes === 0 && texts + shorts >= 2 && texts + shorts >= roles.length / 2) {
    if (texts >= 2 || namesColumns(view, row, roles)) return 'header';
  }
  if (codes > 0) return 'strong';
  if (emptyMarks > 0 && shorts + texts + numbers === 0) return named ? 'strong' : 'blank';
  if (!named && texts === 1 && shorts + numbers === 0 && filledCells(view, row) === 1) {
    // A banner written over the role columns ("Phase 2: Build" in C7 alone): a section.
    return 'section';
  }
  if (shorts + texts + numbers > 0) return texts + numbers > 0 ? 'weak-text' : 'weak';
  if (named) return 'section';
  return view.isBlankRow(row) ? 'blank' : 'section';
}

/** Returns how many cells of the row are not blank. */
function filledCells(view: SheetView, row: number): number {
  let filled = 0;
  for (const shape of view.shapes(row)) if (shape !== 'blank') filled++;
  return filled;
}

/**
 * True when the short texts over the role columns read as names (`CAB`, `Lead`, `PM`) rather
 * than marks (`X`, `x`, `TBD` repeated): at least two different values, not all one letter.
 */
function namesColumns(view: SheetView, row: number, roles: MatrixRole[]): boolean {
  const values = new Set<string>();
  let longest = 0;
  for (const role of roles) {
    const shape = view.shape(row, role.column);
    if (shape !== 'short' && shape !== 'text') continue;
    const text = normaliseName(cellText(view.value(row, role.column)));
    values.add(text);
    longest = Math.max(longest, text.length);
  }
  return values.size >= 2 && longest >= 2;
}

/** True for a cell that only says "Legend" or "Key": the codes after it explain, not assign. */
function isLegendLabel(text: string): boolean {
  return /^(legend|key)\s*:?$/i.test(text);
}

/**
 * Returns the rows of the matrix body: activities and section rows, in order. The body ends
 * at the next header, at a row labelled "Legend" or "Key", or where rows without codes are
 * not followed by more activities (a legend or notes below the matrix); rows without codes are
 * kept only when activities follow.
 */
function scanBody(
  view: SheetView,
  headerRow: number,
  activityColumn: number,
  roles: MatrixRole[],
): BodyRow[] {
  const body: BodyRow[] = [];
  let pending: { row: number; kind: RowKind }[] = [];
  let pendingFilled = 0;
  let pendingBlanks = 0;
  for (let r = headerRow + 1; r <= view.rowCount; r++) {
    const kind = classifyRow(view, r, activityColumn, roles);
    if (kind === 'header') break;
    if (body.length > 0 && isLegendLabel(cellText(view.value(r, activityColumn)))) break;
    if (kind === 'strong') {
      for (const p of pending) {
        if (p.kind === 'section') body.push({ row: p.row, kind: 'section' });
        else if (p.kind === 'weak' || p.kind === 'weak-text')
          body.push({ row: p.row, kind: 'activity' });
      }
      pending = [];
      pendingFilled = 0;
      pendingBlanks = 0;
      body.push({ row: r, kind: 'activity' });
      continue;
    }
    if (kind === 'weak' && pendingFilled === 0 && pendingBlanks === 0 && body.length > 0) {
      // Short unknown marks right after an activity (`X`, `TBD`) are an activity too.
      body.push({ row: r, kind: 'activity' });
      continue;
    }
    pending.push({ row: r, kind });
    if (kind === 'blank') pendingBlanks++;
    else pendingFilled++;
    if (pendingFilled > MAX_PENDING_ROWS || pendingBlanks > MAX_PENDING_BLANKS) break;
  }
  return body;
}

/** Returns the reading with its arrays frozen, so cells may share it safely. */
function frozen(parsed: ParsedCode): ParsedCode {
  Object.freeze(parsed.letters);
  Object.freeze(parsed.unknown);
  return parsed;
}

const BLANK: ParsedCode = frozen({ raw: '', letters: [], unknown: [], empty: true });

function buildActivities(
  view: SheetView,
  body: BodyRow[],
  activityColumn: number,
  roles: MatrixRole[],
  leftColumns: Map<number, LeftKind>,
  model: RaciModel,
  parseCache: Map<string, ParsedCode>,
): MatrixActivity[] {
  const activities: MatrixActivity[] = [];
  const idColumns = [...leftColumns].filter(([, k]) => k === 'id').map(([c]) => c);
  const phaseColumns = [...leftColumns].filter(([, k]) => k === 'phase').map(([c]) => c);
  let section: string | undefined;
  for (const b of body) {
    if (b.kind === 'section') {
      // The section's name: the activity column's text, else the first text on the row.
      let name = foldSpaces(cellText(view.value(b.row, activityColumn)));
      const w = view.width(b.row);
      for (let c = 1; c <= w && name === ''; c++) name = foldSpaces(cellText(view.value(b.row, c)));
      section = name;
      continue;
    }
    for (const c of phaseColumns) {
      const text = foldSpaces(cellText(view.value(b.row, c)));
      if (text !== '') section = text;
    }
    const cells: MatrixCell[] = new Array<MatrixCell>(roles.length);
    for (let i = 0; i < roles.length; i++) {
      const column = roles[i].column;
      const value = view.value(b.row, column);
      let parsed: ParsedCode;
      if (typeof value === 'string') {
        let cached = parseCache.get(value);
        if (!cached) {
          cached = frozen(parseCodeCell(value, model));
          if (parseCache.size < 50_000) parseCache.set(value, cached);
        }
        parsed = cached;
      } else if (value === null) {
        parsed = BLANK;
      } else {
        parsed = parseCodeCell(value, model);
      }
      // Cells with the same text share one frozen reading: no copy per cell on big sheets.
      cells[i] = {
        raw: parsed.raw,
        letters: parsed.letters,
        unknown: parsed.unknown,
        row: b.row,
        column,
        cell: a1(b.row, column),
      };
    }
    let ref: string | undefined;
    for (const c of idColumns) {
      const text = foldSpaces(cellText(view.value(b.row, c)));
      if (text !== '') {
        ref = text;
        break;
      }
    }
    const activity: MatrixActivity = {
      name: foldSpaces(cellText(view.value(b.row, activityColumn))),
      row: b.row,
      cell: a1(b.row, activityColumn),
      cells,
    };
    if (section !== undefined) activity.section = section;
    if (ref !== undefined) activity.ref = ref;
    activities.push(activity);
  }
  return activities;
}
