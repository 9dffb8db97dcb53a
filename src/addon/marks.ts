/**
 * Show and clear findings in the sheet. Showing colours each finding's cell by severity and
 * gives it a note listing the findings (the user's own note is kept inside it); clearing puts
 * back exactly the background and note each cell had before.
 *
 * Safety: the previous background and note of every marked cell are stored in the document's
 * properties (JSON, chunked under the 9 KB value limit, at most ~400 KB in all) together with
 * the colour and a fingerprint of the note the tool wrote. Clearing restores a cell's note only
 * where our note is still there, finding it by fingerprint even when rows or columns were
 * inserted or deleted since; it restores the background only where our colour is still there.
 * Anything the user changed in between is kept. Showing again first clears the previous marks,
 * so stored values are always the user's own.
 *
 * Budget: per sheet one read of backgrounds and notes over the bounding range of the marked
 * cells, one write of notes, and one RangeList write per colour; never one call per cell.
 * Backgrounds are written through RangeLists so that no cell outside the marked ones is ever
 * written. A background Sheets reports as `#ffffff` is restored as "no colour" (Sheets reports
 * both the same way; "no colour" keeps banding visible).
 */
import type { Finding, Severity } from '../core/model';
import { toA1 } from '../core/text';
import type { AddonEnv } from './env';
import { withDocumentLock } from './env';
import type { PropertiesLike, SheetLike, SpreadsheetLike } from './gas-types';
import { textHash } from './text-hash';
import { analyseActiveSpreadsheet } from './validate';

/** Cell colours by severity (Google's light palette). */
export const MARK_COLOURS: Record<Severity, string> = {
  error: '#f4cccc',
  warning: '#fff2cc',
  info: '#cfe2f3',
};
/** Every note the tool writes starts with this. */
export const NOTE_PREFIX = 'RACI Guard: ';
export const MARKS_PROPERTY = 'raciGuard.marks';
const MARKS_CHUNK = 8000;
const MARKS_BUDGET = 400000;
const DEFAULT_BACKGROUND = '#ffffff';
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** [row, column, previous background, previous note, our background, fingerprint of our note] */
type StoredCell = [number, number, string, string, string, string];

interface SheetMarks {
  id: number;
  name: string;
  cells: StoredCell[];
}

export interface ShowResult {
  /** Cells marked. */
  marked: number;
  /** Sheets with marked cells, in workbook order. */
  sheets: string[];
  /** Findings with a cell that were not marked because the store's size limit was reached. */
  notShown: number;
  /** Cells of a previous showing that were restored first. */
  restoredFirst: number;
  message: string;
}

export interface ClearResult {
  /** Cells whose background and/or note were put back. */
  restored: number;
  /** Cells where the user's change since marking was kept (ours was no longer there). */
  keptUserChanges: number;
  /** Sheets that were marked but no longer exist. */
  missingSheets: string[];
  message: string;
}

interface CellMark {
  row: number;
  column: number;
  severity: Severity;
  findings: Finding[];
}

function worst(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** Returns the note text the tool writes on a marked cell. */
export function markNote(mark: CellMark, previousNote: string): string {
  const count = mark.findings.length;
  const lines = [`${NOTE_PREFIX}${count} finding${count === 1 ? '' : 's'} (${mark.severity})`];
  for (const f of mark.findings) {
    lines.push(`• ${f.message} [${f.rule}, ${f.severity}]`);
    if (f.suggestion) lines.push(`  Suggestion: ${f.suggestion}`);
  }
  if (previousNote) lines.push('', 'Your note:', previousNote);
  lines.push(
    '',
    `Marked at ${toA1(mark.row, mark.column)}. RACI Guard > Clear findings puts back this cell's note and colour.`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The store of marked cells in document properties

/** Escapes non-ASCII so that characters equal bytes under the property size limits. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function loadMarks(properties: PropertiesLike): SheetMarks[] {
  const all = properties.getProperties();
  const count = Number(all[`${MARKS_PROPERTY}.count`]);
  if (!Number.isInteger(count) || count < 1) return [];
  let text = '';
  for (let i = 0; i < count; i++) {
    const part = all[`${MARKS_PROPERTY}.${i}`];
    if (typeof part !== 'string') {
      throw new Error(
        'The record of marked cells is incomplete (a document property is missing); marks cannot be restored automatically.',
      );
    }
    text += part;
  }
  return JSON.parse(text) as SheetMarks[];
}

function saveMarks(properties: PropertiesLike, marks: SheetMarks[]): void {
  const existing = properties.getProperties();
  const entries: { [key: string]: string } = {};
  let count = 0;
  if (marks.length > 0) {
    const text = asciiJson(marks);
    for (let i = 0; i < text.length; i += MARKS_CHUNK) {
      entries[`${MARKS_PROPERTY}.${count}`] = text.slice(i, i + MARKS_CHUNK);
      count++;
    }
    entries[`${MARKS_PROPERTY}.count`] = String(count);
    properties.setProperties(entries, false);
  }
  for (const key of Object.keys(existing)) {
    if (!key.startsWith(`${MARKS_PROPERTY}.`) || key in entries) continue;
    properties.deleteProperty(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Clear

function sameColour(a: string | null | undefined, b: string): boolean {
  return (a ?? DEFAULT_BACKGROUND).toLowerCase() === b.toLowerCase();
}

function setBackgroundsByColour(sheet: SheetLike, byColour: Map<string, string[]>): void {
  for (const [colour, cells] of byColour) {
    if (cells.length === 0) continue;
    sheet
      .getRangeList(cells)
      .setBackground(colour.toLowerCase() === DEFAULT_BACKGROUND ? null : colour);
  }
}

function restoreSheet(sheet: SheetLike, marks: SheetMarks): { restored: number; kept: number } {
  const data = sheet.getDataRange();
  let rows = data.getRow() + data.getNumRows() - 1;
  let columns = data.getColumn() + data.getNumColumns() - 1;
  for (const [row, column] of marks.cells) {
    rows = Math.max(rows, row);
    columns = Math.max(columns, column);
  }
  rows = Math.min(rows, sheet.getMaxRows());
  columns = Math.min(columns, sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, rows, columns);
  const notes = range.getNotes();
  const backgrounds = range.getBackgrounds();

  // Where each of our notes is now (rows or columns may have moved since marking).
  const ourNotes = new Map<string, string[]>();
  notes.forEach((line, r) =>
    line.forEach((note, c) => {
      if (!note || !note.startsWith(NOTE_PREFIX)) return;
      const hash = textHash(note);
      const list = ourNotes.get(hash) ?? [];
      list.push(`${r},${c}`);
      ourNotes.set(hash, list);
    }),
  );
  const claimed = new Set<string>();
  const located: (string | null)[] = marks.cells.map(([row, column, , , , hash]) => {
    const here = `${row - 1},${column - 1}`;
    const candidates = ourNotes.get(hash) ?? [];
    const at = candidates.includes(here) ? here : candidates.find((p) => !claimed.has(p));
    if (at === undefined) return null;
    claimed.add(at);
    return at;
  });

  const newNotes = notes.map((line) => line.slice());
  let notesChanged = false;
  const byColour = new Map<string, string[]>();
  let restored = 0;
  let kept = 0;
  marks.cells.forEach(([row, column, previousBackground, previousNote, ourBackground], i) => {
    const at = located[i];
    let touched = false;
    let userChanged = false;
    if (at !== null) {
      const [r, c] = at.split(',').map(Number);
      newNotes[r][c] = previousNote;
      notesChanged = true;
      touched = true;
    } else {
      userChanged = true;
    }
    const [r, c] = at !== null ? at.split(',').map(Number) : [row - 1, column - 1];
    const inRange = r < rows && c < columns;
    const positionFree = at !== null || !claimed.has(`${r},${c}`);
    if (inRange && positionFree && sameColour(backgrounds[r][c], ourBackground)) {
      const list = byColour.get(previousBackground) ?? [];
      list.push(toA1(r + 1, c + 1));
      byColour.set(previousBackground, list);
      touched = true;
    } else {
      userChanged = true;
    }
    if (touched) restored++;
    if (userChanged) kept++;
  });
  if (notesChanged) range.setNotes(newNotes);
  setBackgroundsByColour(sheet, byColour);
  return { restored, kept };
}

/** Restores every marked cell of the spreadsheet and forgets the marks; returns what it did. */
export function restoreMarks(
  spreadsheet: SpreadsheetLike,
  properties: PropertiesLike,
): ClearResult {
  const marks = loadMarks(properties);
  const result: ClearResult = { restored: 0, keptUserChanges: 0, missingSheets: [], message: '' };
  if (marks.length > 0) {
    const sheets = spreadsheet.getSheets();
    const byId = new Map(sheets.map((s) => [s.getSheetId(), s]));
    for (const sheetMarks of marks) {
      const sheet = byId.get(sheetMarks.id) ?? spreadsheet.getSheetByName(sheetMarks.name);
      if (!sheet) {
        result.missingSheets.push(sheetMarks.name);
        continue;
      }
      const { restored, kept } = restoreSheet(sheet, sheetMarks);
      result.restored += restored;
      result.keptUserChanges += kept;
    }
  }
  saveMarks(properties, []);
  const parts = [
    result.restored === 0 && marks.length === 0
      ? 'No findings are shown in the sheet.'
      : `Restored ${result.restored} cell${result.restored === 1 ? '' : 's'}.`,
  ];
  if (result.keptUserChanges > 0) {
    parts.push(
      `Kept your later changes in ${result.keptUserChanges} cell${result.keptUserChanges === 1 ? '' : 's'}.`,
    );
  }
  if (result.missingSheets.length > 0) {
    parts.push(
      `Sheet${result.missingSheets.length === 1 ? '' : 's'} no longer there: ${result.missingSheets.join(', ')}.`,
    );
  }
  result.message = parts.join(' ');
  return result;
}

/** Clears the findings shown in the sheet (under the document lock); returns what it did. */
export function clearFindingsInSheet(env: AddonEnv): ClearResult {
  return withDocumentLock(env, () =>
    restoreMarks(env.app.getActiveSpreadsheet(), env.documentProperties()),
  );
}

// ---------------------------------------------------------------------------------------------
// Show

function groupBySheetAndCell(findings: readonly Finding[]): Map<string, CellMark[]> {
  const bySheet = new Map<string, Map<string, CellMark>>();
  for (const f of findings) {
    if (f.waived || !f.sheet || !f.row || !f.column) continue;
    const cells = bySheet.get(f.sheet) ?? new Map<string, CellMark>();
    bySheet.set(f.sheet, cells);
    const key = `${f.row},${f.column}`;
    const mark = cells.get(key);
    if (mark) {
      mark.findings.push(f);
      mark.severity = worst(mark.severity, f.severity);
    } else {
      cells.set(key, { row: f.row, column: f.column, severity: f.severity, findings: [f] });
    }
  }
  const result = new Map<string, CellMark[]>();
  for (const [sheet, cells] of bySheet) result.set(sheet, [...cells.values()]);
  return result;
}

function markSheet(
  sheet: SheetLike,
  cells: CellMark[],
  budget: { left: number },
): { stored: SheetMarks; notShown: number; write: () => void } {
  const stored: SheetMarks = { id: sheet.getSheetId(), name: sheet.getName(), cells: [] };
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const c of cells) {
    top = Math.min(top, c.row);
    left = Math.min(left, c.column);
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.column);
  }
  const range = sheet.getRange(top, left, bottom - top + 1, right - left + 1);
  const backgrounds = range.getBackgrounds();
  const notes = range.getNotes();
  const newNotes = notes.map((line) => line.slice());
  const byColour = new Map<string, string[]>();
  let notShown = 0;
  for (const mark of cells) {
    const r = mark.row - top;
    const c = mark.column - left;
    const previousBackground = (backgrounds[r][c] || DEFAULT_BACKGROUND).toLowerCase();
    const previousNote = notes[r][c] ?? '';
    const colour = MARK_COLOURS[mark.severity];
    const note = markNote(mark, previousNote);
    const entry: StoredCell = [
      mark.row,
      mark.column,
      previousBackground,
      previousNote,
      colour,
      textHash(note),
    ];
    const size = asciiJson(entry).length + 1;
    if (size > budget.left) {
      notShown += mark.findings.length;
      continue;
    }
    budget.left -= size;
    stored.cells.push(entry);
    newNotes[r][c] = note;
    const list = byColour.get(colour) ?? [];
    list.push(toA1(mark.row, mark.column));
    byColour.set(colour, list);
  }
  const write = () => {
    if (stored.cells.length === 0) return;
    range.setNotes(newNotes);
    setBackgroundsByColour(sheet, byColour);
  };
  return { stored, notShown, write };
}

/**
 * Validates, then marks every finding's cell (first restoring any earlier marks), all under the
 * document lock; returns how many cells were marked.
 */
export function showFindingsInSheet(env: AddonEnv): ShowResult {
  return withDocumentLock(env, () => {
    const spreadsheet = env.app.getActiveSpreadsheet();
    const properties = env.documentProperties();
    const restoredFirst = restoreMarks(spreadsheet, properties).restored;
    const { result } = analyseActiveSpreadsheet(env);
    const grouped = groupBySheetAndCell(result.findings);
    const budget = { left: MARKS_BUDGET };
    const allMarks: SheetMarks[] = [];
    const sheets: string[] = [];
    const writes: (() => void)[] = [];
    let marked = 0;
    let notShown = 0;
    for (const name of result.workbook.sheetNames) {
      const cells = grouped.get(name);
      if (!cells) continue;
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) continue;
      const outcome = markSheet(sheet, cells, budget);
      notShown += outcome.notShown;
      if (outcome.stored.cells.length === 0) continue;
      allMarks.push(outcome.stored);
      writes.push(outcome.write);
      sheets.push(name);
      marked += outcome.stored.cells.length;
    }
    // Record first, write second: a cell is never marked without its previous state stored.
    saveMarks(properties, allMarks);
    for (const write of writes) write();
    let message =
      marked === 0
        ? 'No finding points at a cell: nothing to mark.'
        : `Marked ${marked} cell${marked === 1 ? '' : 's'} on ${sheets.join(', ')}. Clear findings puts everything back.`;
    if (notShown > 0) {
      message += ` ${notShown} finding${notShown === 1 ? ' was' : 's were'} not marked: the record of previous cell colours and notes is full. Fix some findings and show again.`;
    }
    return { marked, sheets, notShown, restoredFirst, message };
  });
}
