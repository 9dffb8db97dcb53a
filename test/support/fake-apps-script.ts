/**
 * An in-memory fake of the Apps Script services the add-on uses (SpreadsheetApp and its
 * spreadsheet, sheets, ranges, range lists, data validations and conditional-format rules;
 * Ui and menus; HtmlService; PropertiesService; LockService; CacheService; Utilities), typed
 * against the add-on's narrow interfaces, which are themselves checked against
 * @types/google-apps-script. Every Spreadsheet service call is counted (`calls`), so tests can
 * prove that work is batched. Behaviour follows Google's documentation where tests rely on it:
 * `getValues()` returns Date objects at midnight of the typed day in the spreadsheet's zone,
 * `getBackgrounds()` reports `#ffffff` for cells without colour, blank notes are `''`,
 * property values are limited to 9 KB and a store to 500 KB, cache values to 100 KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BooleanConditionLike,
  CacheLike,
  ConditionalFormatRuleBuilderLike,
  ConditionalFormatRuleLike,
  DataValidationBuilderLike,
  DataValidationLike,
  HtmlOutputLike,
  LockLike,
  MenuLike,
  PropertiesLike,
  RangeLike,
  RangeListLike,
  SheetLike,
  SpreadsheetAppLike,
  SpreadsheetLike,
  UiLike,
} from '../../src/addon/gas-types';

// ---------------------------------------------------------------------------------------------
// Call counting

/** Counts Spreadsheet service calls by `Class.method`. */
export class CallCounter {
  readonly counts = new Map<string, number>();

  record(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Returns the number of calls of one method, or of all methods. */
  count(name?: string): number {
    if (name) return this.counts.get(name) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  /** Returns the counts as a plain object sorted by name. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  reset(): void {
    this.counts.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Dates and time zones

function zoneParts(date: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of parts) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = zoneParts(new Date(instant), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** Returns the instant of midnight of calendar date `ymd` (YYYY-MM-DD) in `timeZone`. */
export function midnightIn(ymd: string, timeZone: string): Date {
  const [y, m, d] = ymd.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}

/** `Utilities.formatDate` for the patterns the add-on uses (yyyy, MM, dd, HH, mm, ss). */
export function formatDateInZone(date: Date, timeZone: string, pattern: string): string {
  const p = zoneParts(date, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return pattern
    .replace(/yyyy/g, pad(p.year, 4))
    .replace(/MM/g, pad(p.month))
    .replace(/dd/g, pad(p.day))
    .replace(/HH/g, pad(p.hour))
    .replace(/mm/g, pad(p.minute))
    .replace(/ss/g, pad(p.second));
}

// ---------------------------------------------------------------------------------------------
// A1 notation

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(column: number): string {
  let s = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Returns the A1 notation of a rectangle. */
export function a1Of(row: number, column: number, numRows = 1, numColumns = 1): string {
  const first = `${columnLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return first;
  return `${first}:${columnLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Parses `B7` or `A1:C3` (with `$` signs) into a rectangle. */
export function parseA1(a1: string): {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
} {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a1.trim());
  if (!m) throw new Error(`Range not found: ${a1}`);
  const r1 = Number(m[2]);
  const c1 = columnNumber(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  return {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numColumns: Math.abs(c2 - c1) + 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Data validation and conditional formats

export class FakeDataValidation implements DataValidationLike {
  constructor(
    readonly values: string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
    readonly helpText: string | null,
  ) {}
  getHelpText(): string | null {
    return this.helpText;
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getCriteriaValues(): unknown[] {
    return [this.values.slice(), this.showDropdown];
  }
}

class FakeDataValidationBuilder implements DataValidationBuilderLike {
  private values: string[] = [];
  private showDropdown = true;
  private allowInvalid = true;
  private helpText: string | null = null;
  constructor(private readonly calls: CallCounter) {}
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderLike {
    this.calls.record('DataValidationBuilder.requireValueInList');
    this.values = values.slice();
    this.showDropdown = showDropdown;
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderLike {
    this.calls.record('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): DataValidationBuilderLike {
    this.calls.record('DataValidationBuilder.setHelpText');
    this.helpText = helpText;
    return this;
  }
  build(): DataValidationLike {
    this.calls.record('DataValidationBuilder.build');
    return new FakeDataValidation(this.values, this.showDropdown, this.allowInvalid, this.helpText);
  }
}

export class FakeConditionalFormatRule implements ConditionalFormatRuleLike {
  constructor(
    readonly formula: string,
    readonly background: string | null,
    readonly ranges: FakeRange[],
  ) {}
  getBooleanCondition(): BooleanConditionLike | null {
    const formula = this.formula;
    return { getCriteriaValues: () => [formula] };
  }
  getRanges(): RangeLike[] {
    return this.ranges.slice();
  }
}

class FakeConditionalFormatRuleBuilder implements ConditionalFormatRuleBuilderLike {
  private formula = '';
  private background: string | null = null;
  private ranges: FakeRange[] = [];
  constructor(private readonly calls: CallCounter) {}
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderLike {
    this.calls.record('ConditionalFormatRuleBuilder.whenFormulaSatisfied');
    this.formula = formula;
    return this;
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilderLike {
    this.calls.record('ConditionalFormatRuleBuilder.setBackground');
    this.background = color;
    return this;
  }
  setRanges(ranges: RangeLike[]): ConditionalFormatRuleBuilderLike {
    this.calls.record('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges.map((r) => {
      if (!(r instanceof FakeRange)) throw new Error('setRanges takes ranges of this spreadsheet.');
      return r;
    });
    return this;
  }
  build(): ConditionalFormatRuleLike {
    this.calls.record('ConditionalFormatRuleBuilder.build');
    if (!this.formula) throw new Error('A conditional format rule needs a condition.');
    return new FakeConditionalFormatRule(this.formula, this.background, this.ranges);
  }
}

// ---------------------------------------------------------------------------------------------
// Cells, ranges, sheets

interface FakeCell {
  value: unknown;
  background: string | null;
  note: string;
  validation: DataValidationLike | null;
  fontWeight: string | null;
}

function blankCell(): FakeCell {
  return { value: '', background: null, note: '', validation: null, fontWeight: null };
}

function isBlank(cell: FakeCell): boolean {
  return cell.value === '' || cell.value === null || cell.value === undefined;
}

export class FakeRange implements RangeLike {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(
        `The coordinates of the range are outside the dimensions of the sheet (${row}, ${column}, ${numRows}, ${numColumns}).`,
      );
    }
  }

  private record(method: string): void {
    this.sheet.calls.record(`Range.${method}`);
  }

  private map<T>(read: (cell: FakeCell) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numColumns; c++)
        line.push(read(this.sheet.peek(this.row + r, this.column + c)));
      out.push(line);
    }
    return out;
  }

  private write<T>(
    name: string,
    grid: T[][],
    apply: (cell: FakeCell, value: T) => void,
  ): RangeLike {
    if (grid.length !== this.numRows || grid.some((line) => line.length !== this.numColumns)) {
      throw new Error(
        `${name}: the data has ${grid.length} rows and ${grid[0]?.length ?? 0} columns but the range ${this.getA1NotationQuiet()} has ${this.numRows} and ${this.numColumns}.`,
      );
    }
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numColumns; c++)
        apply(this.sheet.cell(this.row + r, this.column + c), grid[r][c]);
    }
    return this;
  }

  private getA1NotationQuiet(): string {
    return a1Of(this.row, this.column, this.numRows, this.numColumns);
  }

  getValues(): unknown[][] {
    this.record('getValues');
    return this.map((cell) =>
      cell.value instanceof Date ? new Date(cell.value.getTime()) : cell.value,
    );
  }
  setValues(values: unknown[][]): RangeLike {
    this.record('setValues');
    return this.write('setValues', values, (cell, v) => {
      cell.value = v === null || v === undefined ? '' : v;
    });
  }
  getBackgrounds(): string[][] {
    this.record('getBackgrounds');
    return this.map((cell) => cell.background ?? '#ffffff');
  }
  setBackgrounds(colors: (string | null)[][]): RangeLike {
    this.record('setBackgrounds');
    return this.write('setBackgrounds', colors, (cell, v) => {
      cell.background = v ? v.toLowerCase() : null;
    });
  }
  setBackground(color: string | null): RangeLike {
    this.record('setBackground');
    this.sheet.fill(this, (cell) => {
      cell.background = color ? color.toLowerCase() : null;
    });
    return this;
  }
  getNotes(): string[][] {
    this.record('getNotes');
    return this.map((cell) => cell.note);
  }
  setNotes(notes: (string | null)[][]): RangeLike {
    this.record('setNotes');
    return this.write('setNotes', notes, (cell, v) => {
      cell.note = v ?? '';
    });
  }
  getDataValidations(): (DataValidationLike | null)[][] {
    this.record('getDataValidations');
    return this.map((cell) => cell.validation);
  }
  setDataValidations(rules: (DataValidationLike | null)[][]): RangeLike {
    this.record('setDataValidations');
    return this.write('setDataValidations', rules, (cell, v) => {
      cell.validation = v;
    });
  }
  getA1Notation(): string {
    this.record('getA1Notation');
    return this.getA1NotationQuiet();
  }
  getRow(): number {
    this.record('getRow');
    return this.row;
  }
  getColumn(): number {
    this.record('getColumn');
    return this.column;
  }
  getNumRows(): number {
    this.record('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.record('getNumColumns');
    return this.numColumns;
  }
  setFontWeight(fontWeight: string | null): RangeLike {
    this.record('setFontWeight');
    this.sheet.fill(this, (cell) => {
      cell.fontWeight = fontWeight;
    });
    return this;
  }
  activate(): RangeLike {
    this.record('activate');
    this.sheet.spreadsheet.activeSheet = this.sheet;
    this.sheet.spreadsheet.activeRange = this.getA1NotationQuiet();
    return this;
  }
}

class FakeRangeList implements RangeListLike {
  constructor(private readonly ranges: FakeRange[]) {}
  setBackground(color: string | null): RangeListLike {
    if (this.ranges[0]) this.ranges[0].sheet.calls.record('RangeList.setBackground');
    for (const range of this.ranges) {
      range.sheet.fill(range, (cell) => {
        cell.background = color ? color.toLowerCase() : null;
      });
    }
    return this;
  }
}

export class FakeSheet implements SheetLike {
  private readonly cells = new Map<string, FakeCell>();
  /** Merged ranges, as a workbook holds them; the add-on does not read them (no batch call). */
  merges: { row: number; column: number; numRows: number; numColumns: number }[] = [];
  conditionalFormatRules: ConditionalFormatRuleLike[] = [];
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  maxRows = 1000;
  maxColumns = 26;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
    readonly sheetId: number,
  ) {}

  get calls(): CallCounter {
    return this.spreadsheet.calls;
  }

  /** The cell at (row, column), created on first write. */
  cell(row: number, column: number): FakeCell {
    const key = `${row},${column}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = blankCell();
      this.cells.set(key, cell);
      this.maxRows = Math.max(this.maxRows, row);
      this.maxColumns = Math.max(this.maxColumns, column);
    }
    return cell;
  }

  /** The cell at (row, column) for reading (a blank one when never written). */
  peek(row: number, column: number): FakeCell {
    return this.cells.get(`${row},${column}`) ?? blankCell();
  }

  fill(range: FakeRange, apply: (cell: FakeCell) => void): void {
    for (let r = 0; r < range.numRows; r++) {
      for (let c = 0; c < range.numColumns; c++) apply(this.cell(range.row + r, range.column + c));
    }
  }

  /** Test helper (not counted): sets values from row 1, column 1 (or from `at`). */
  load(rows: unknown[][], at: { row: number; column: number } = { row: 1, column: 1 }): this {
    rows.forEach((line, r) =>
      line.forEach((value, c) => {
        this.cell(at.row + r, at.column + c).value =
          value === null || value === undefined ? '' : value;
      }),
    );
    return this;
  }

  /** Test helper (not counted): the state of one cell, by A1. */
  inspect(a1: string): {
    value: unknown;
    background: string;
    note: string;
    validation: DataValidationLike | null;
    fontWeight: string | null;
  } {
    const { row, column } = parseA1(a1);
    const cell = this.peek(row, column);
    return { ...cell, background: cell.background ?? '#ffffff' };
  }

  /** Test helper (not counted): sets a background or note directly, as a user would. */
  edit(a1: string, change: { value?: unknown; background?: string | null; note?: string }): void {
    const { row, column } = parseA1(a1);
    const cell = this.cell(row, column);
    if ('value' in change) cell.value = change.value;
    if ('background' in change)
      cell.background = change.background ? change.background.toLowerCase() : null;
    if ('note' in change) cell.note = change.note ?? '';
  }

  /** Test helper (not counted): inserts blank rows before `row`, shifting cells down like Sheets. */
  insertRowsBefore(row: number, count: number): void {
    const moved = [...this.cells.entries()].map(([key, cell]) => {
      const [r, c] = key.split(',').map(Number);
      return { r: r >= row ? r + count : r, c, cell };
    });
    this.cells.clear();
    for (const m of moved) this.cells.set(`${m.r},${m.c}`, m.cell);
    this.maxRows += count;
  }

  /** Test helper (not counted): every cell's state, for exact before/after comparisons. */
  snapshot(): Record<string, { value: unknown; background: string; note: string }> {
    const out: Record<string, { value: unknown; background: string; note: string }> = {};
    for (const [key, cell] of this.cells) {
      const [r, c] = key.split(',').map(Number);
      if (isBlank(cell) && cell.background === null && cell.note === '') continue;
      out[a1Of(r, c)] = {
        value: cell.value instanceof Date ? cell.value.toISOString() : cell.value,
        background: cell.background ?? '#ffffff',
        note: cell.note,
      };
    }
    return out;
  }

  private lastContent(): { row: number; column: number } {
    let row = 0;
    let column = 0;
    for (const [key, cell] of this.cells) {
      if (isBlank(cell)) continue;
      const [r, c] = key.split(',').map(Number);
      row = Math.max(row, r);
      column = Math.max(column, c);
    }
    return { row, column };
  }

  getName(): string {
    this.calls.record('Sheet.getName');
    return this.name;
  }
  getSheetId(): number {
    this.calls.record('Sheet.getSheetId');
    return this.sheetId;
  }
  getDataRange(): RangeLike {
    this.calls.record('Sheet.getDataRange');
    const last = this.lastContent();
    return new FakeRange(this, 1, 1, Math.max(1, last.row), Math.max(1, last.column));
  }
  getRange(a1Notation: string): RangeLike;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): RangeLike {
    this.calls.record('Sheet.getRange');
    if (typeof a === 'string') {
      const r = parseA1(a);
      return new FakeRange(this, r.row, r.column, r.numRows, r.numColumns);
    }
    return new FakeRange(this, a, column ?? 1, numRows ?? 1, numColumns ?? 1);
  }
  getRangeList(a1Notations: string[]): RangeListLike {
    this.calls.record('Sheet.getRangeList');
    return new FakeRangeList(
      a1Notations.map((a1) => {
        const r = parseA1(a1);
        return new FakeRange(this, r.row, r.column, r.numRows, r.numColumns);
      }),
    );
  }
  getMaxRows(): number {
    this.calls.record('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.calls.record('Sheet.getMaxColumns');
    return this.maxColumns;
  }
  getConditionalFormatRules(): ConditionalFormatRuleLike[] {
    this.calls.record('Sheet.getConditionalFormatRules');
    return this.conditionalFormatRules.slice();
  }
  setConditionalFormatRules(rules: ConditionalFormatRuleLike[]): void {
    this.calls.record('Sheet.setConditionalFormatRules');
    this.conditionalFormatRules = rules.slice();
  }
  setFrozenRows(rows: number): void {
    this.calls.record('Sheet.setFrozenRows');
    this.frozenRows = rows;
  }
  setColumnWidth(columnPosition: number, width: number): SheetLike {
    this.calls.record('Sheet.setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this;
  }
}

export class FakeSpreadsheet implements SpreadsheetLike {
  readonly calls = new CallCounter();
  readonly sheets: FakeSheet[] = [];
  readonly toasts: { message: string; title: string }[] = [];
  activeSheet: FakeSheet | null = null;
  /** A1 notation of the selected range on the active sheet. */
  activeRange: string | null = null;
  private nextId = 1001;

  constructor(readonly timeZone: string = 'Etc/UTC') {}

  /** Test helper (not counted): adds a sheet with values. */
  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(this, name, this.nextId++);
    sheet.load(rows);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** Test helper (not counted): the sheet of that name; throws when missing. */
  sheet(name: string): FakeSheet {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`No sheet "${name}" in the fake spreadsheet.`);
    return sheet;
  }

  /** Test helper: a date cell value as Sheets hands it out for calendar date `ymd`. */
  date(ymd: string): Date {
    return midnightIn(ymd, this.timeZone);
  }

  getSheets(): SheetLike[] {
    this.calls.record('Spreadsheet.getSheets');
    return this.sheets.slice();
  }
  getSheetByName(name: string): SheetLike | null {
    this.calls.record('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(sheetName: string, sheetIndex: number): SheetLike {
    this.calls.record('Spreadsheet.insertSheet');
    if (this.sheets.some((s) => s.name === sheetName)) {
      throw new Error(
        `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
      );
    }
    const sheet = new FakeSheet(this, sheetName, this.nextId++);
    this.sheets.splice(Math.max(0, Math.min(sheetIndex, this.sheets.length)), 0, sheet);
    this.activeSheet = sheet;
    return sheet;
  }
  getSpreadsheetTimeZone(): string {
    this.calls.record('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setActiveSheet(sheet: SheetLike): SheetLike {
    this.calls.record('Spreadsheet.setActiveSheet');
    if (!(sheet instanceof FakeSheet) || !this.sheets.includes(sheet))
      throw new Error('Not a sheet of this spreadsheet.');
    this.activeSheet = sheet;
    return sheet;
  }
  toast(msg: string, title: string, _timeoutSeconds: number): void {
    this.calls.record('Spreadsheet.toast');
    this.toasts.push({ message: msg, title });
  }
}

// ---------------------------------------------------------------------------------------------
// Ui, HtmlService, properties, lock, cache

export class FakeHtmlOutput implements HtmlOutputLike {
  title = '';
  constructor(public content: string) {}
  setTitle(title: string): HtmlOutputLike {
    this.title = title;
    return this;
  }
  append(addedContent: string): HtmlOutputLike {
    this.content += addedContent;
    return this;
  }
  getContent(): string {
    return this.content;
  }
}

class FakeMenu implements MenuLike {
  readonly items: ({ caption: string; functionName: string } | 'separator')[] = [];
  constructor(private readonly ui: FakeUi) {}
  addItem(caption: string, functionName: string): MenuLike {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): MenuLike {
    this.items.push('separator');
    return this;
  }
  addToUi(): void {
    this.ui.menus.push(this);
  }
}

export class FakeUi implements UiLike {
  readonly menus: FakeMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly alerts: string[] = [];
  createAddonMenu(): MenuLike {
    return new FakeMenu(this);
  }
  showSidebar(userInterface: HtmlOutputLike): void {
    if (!(userInterface instanceof FakeHtmlOutput))
      throw new Error('showSidebar takes an HtmlOutput.');
    this.sidebars.push(userInterface);
  }
  alert(prompt: string): unknown {
    this.alerts.push(prompt);
    return 'ok';
  }
}

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;

export class FakeProperties implements PropertiesLike {
  readonly store = new Map<string, string>();
  writes = 0;

  private check(next: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of next) {
      const size = Buffer.byteLength(k) + Buffer.byteLength(v);
      if (Buffer.byteLength(v) > PROPERTY_VALUE_LIMIT)
        throw new Error(`Argument too large: value of ${k}`);
      total += size;
    }
    if (total > PROPERTY_STORE_LIMIT)
      throw new Error('You have exceeded the property storage quota.');
  }

  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store);
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers: boolean): PropertiesLike {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.check(next);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    this.writes++;
    return this;
  }
  setProperty(key: string, value: string): PropertiesLike {
    return this.setProperties({ [key]: value }, false);
  }
  deleteProperty(key: string): PropertiesLike {
    this.store.delete(key);
    this.writes++;
    return this;
  }
  /** Total size in bytes, as Google counts it against the 500 KB quota. */
  size(): number {
    let total = 0;
    for (const [k, v] of this.store) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    return total;
  }
}

export class FakeLock implements LockLike {
  held = false;
  /** Set to make `waitLock` time out, as when another user holds the lock. */
  heldElsewhere = false;
  acquisitions = 0;
  waitLock(_timeoutInMillis: number): void {
    if (this.heldElsewhere)
      throw new Error('Lock timeout: another process was holding the lock for too long.');
    if (this.held) throw new Error('The lock is already held by this script.');
    this.held = true;
    this.acquisitions++;
  }
  releaseLock(): void {
    this.held = false;
  }
}

const CACHE_VALUE_LIMIT = 100 * 1024;

export class FakeCache implements CacheLike {
  readonly store = new Map<string, string>();
  get(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const k of keys) {
      const v = this.store.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  putAll(values: { [key: string]: string }, _expirationInSeconds: number): void {
    for (const [k, v] of Object.entries(values)) {
      if (v.length > CACHE_VALUE_LIMIT) throw new Error(`Argument too large: ${k}`);
    }
    for (const [k, v] of Object.entries(values)) this.store.set(k, v);
  }
}

// ---------------------------------------------------------------------------------------------
// The whole Apps Script environment

export interface FakeAppsScriptOptions {
  /** Folder holding the built `sidebar.html` (for HtmlService.createHtmlOutputFromFile). */
  htmlDir?: string;
  /** Simulates AuthMode.NONE: every service but SpreadsheetApp.getUi throws. */
  authModeNone?: boolean;
}

/** The fake services and the globals object to hand to a `node:vm` context. */
export interface FakeAppsScript {
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  properties: FakeProperties;
  lock: FakeLock;
  cache: FakeCache;
  calls: CallCounter;
  globals: Record<string, unknown>;
}

function denied(service: string): never {
  throw new Error(`You do not have permission to call ${service} (AuthMode.NONE).`);
}

/** Returns fake Apps Script services around `spreadsheet`. */
export function createFakeAppsScript(
  spreadsheet: FakeSpreadsheet,
  options: FakeAppsScriptOptions = {},
): FakeAppsScript {
  const ui = new FakeUi();
  const properties = new FakeProperties();
  const lock = new FakeLock();
  const cache = new FakeCache();
  const calls = spreadsheet.calls;
  const none = options.authModeNone === true;
  const spreadsheetApp: SpreadsheetAppLike = {
    getActiveSpreadsheet: () => {
      if (none) denied('SpreadsheetApp.getActiveSpreadsheet');
      calls.record('SpreadsheetApp.getActiveSpreadsheet');
      return spreadsheet;
    },
    getUi: () => {
      calls.record('SpreadsheetApp.getUi');
      return ui;
    },
    newDataValidation: () => {
      calls.record('SpreadsheetApp.newDataValidation');
      return new FakeDataValidationBuilder(calls);
    },
    newConditionalFormatRule: () => {
      calls.record('SpreadsheetApp.newConditionalFormatRule');
      return new FakeConditionalFormatRuleBuilder(calls);
    },
  };
  const globals: Record<string, unknown> = {
    SpreadsheetApp: spreadsheetApp,
    PropertiesService: {
      getDocumentProperties: (): PropertiesLike =>
        none ? denied('PropertiesService') : properties,
    },
    LockService: { getDocumentLock: (): LockLike => (none ? denied('LockService') : lock) },
    CacheService: { getDocumentCache: (): CacheLike => (none ? denied('CacheService') : cache) },
    HtmlService: {
      createHtmlOutputFromFile: (name: string): HtmlOutputLike => {
        if (!options.htmlDir) throw new Error('No htmlDir given to the fake HtmlService.');
        return new FakeHtmlOutput(readFileSync(join(options.htmlDir, `${name}.html`), 'utf8'));
      },
    },
    Utilities: { formatDate: formatDateInZone },
    Logger: { log: () => undefined },
    console: {
      log: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      info: () => undefined,
    },
  };
  return { spreadsheet, ui, properties, lock, cache, calls, globals };
}
