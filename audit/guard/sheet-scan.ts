/**
 * The counting handlers the guard streams big parts through. `SharedStringsScan` counts the
 * shared strings table's entries and notes which are blank or longer than a cell may hold.
 * `WorksheetScan` counts a worksheet's rows and cells, the longest text of any cell (inline or
 * through the shared strings), the last row holding a value (to catch a reader that stops
 * early), and the cells merged ranges and data validations spread over, all against one
 * `WorkbookBudget` of cells. Each stops the scan with a `GuardFailure` at the first limit
 * broken, naming the sheet, the cell and the limit.
 */
import { rangeArea, rowOfRef, sqrefArea } from './cells';
import type { Limits } from './limits';
import { formatCount, GuardFailure, overLimit } from './messages';
import { attribute, type XmlHandler } from './xml-scan';

/**
 * Returns `rowOfRef(ref)`: at once for a plain reference (`B7`: up to three capital letters,
 * then up to seven digits), through `rowOfRef` for anything else.
 */
export function rowOfCellRef(ref: string): number | null {
  const n = ref.length;
  let i = 0;
  while (i < n && i < 3) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    i++;
  }
  if (i === n || n - i > 7) return rowOfRef(ref);
  let row = 0;
  for (let k = i; k < n; k++) {
    const d = ref.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return rowOfRef(ref);
    row = row * 10 + d;
  }
  return row;
}

/** The cell budget shared by every sheet of one workbook. */
export class WorkbookBudget {
  cells = 0;
  validatedCells = 0;

  constructor(private readonly limits: Limits) {}

  /** Counts `n` more cells; throws `GuardFailure` (saying `where`) once past the workbook's limit. */
  add(n: number, where: () => string): void {
    this.cells += n;
    if (this.cells > this.limits.maxCellsPerWorkbook) {
      throw new GuardFailure(
        `the workbook holds more than ${formatCount(this.limits.maxCellsPerWorkbook)} cells, the limit for one workbook (${where()})`,
        'maxCellsPerWorkbook',
      );
    }
  }

  /** Counts `n` more cells under a data validation; throws `GuardFailure` once past the limit. */
  addValidated(n: number, where: () => string): void {
    this.validatedCells += n;
    if (this.validatedCells > this.limits.maxValidatedCells) {
      throw new GuardFailure(
        `data validations cover more than ${formatCount(this.limits.maxValidatedCells)} cells, the limit for one workbook (${where()}); limit them to the rows in use`,
        'maxValidatedCells',
      );
    }
  }
}

/** What the shared strings table holds, as far as the guard needs it. */
export class SharedStringsScan implements XmlHandler {
  count = 0;
  longest = 0;
  /** Strings longer than the cell text limit: index to length (the first 1,000 only). */
  readonly overlong = new Map<number, number>();
  private blank = new Uint8Array(1024);
  private inItem = false;
  private inText = false;
  private phoneticDepth = 0;
  private length = 0;
  private nonBlank = false;

  constructor(
    private readonly part: string,
    private readonly limits: Limits,
  ) {}

  /** Returns true when string `index` holds only white space. */
  isBlank(index: number): boolean {
    return (this.blank[index >> 3] & (1 << (index & 7))) !== 0;
  }

  open(name: string): void {
    if (name === 'si') {
      this.count++;
      if (this.count > this.limits.maxSharedStrings) {
        throw new GuardFailure(
          `the shared strings table (${this.part}) holds more than ${formatCount(this.limits.maxSharedStrings)} strings, the limit for one workbook`,
          'maxSharedStrings',
          this.part,
        );
      }
      this.inItem = true;
      this.length = 0;
      this.nonBlank = false;
    } else if (name === 'rPh') {
      this.phoneticDepth++;
    } else if (name === 't' && this.inItem && this.phoneticDepth === 0) {
      this.inText = true;
    }
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.phoneticDepth--;
    else if (name === 'si' && this.inItem) {
      this.inItem = false;
      const index = this.count - 1;
      if (!this.nonBlank) this.markBlank(index);
      if (this.length > this.longest) this.longest = this.length;
      if (this.length > this.limits.maxCellTextChars && this.overlong.size < 1000) {
        this.overlong.set(index, this.length);
      }
    }
  }

  text(length: number, nonBlank: boolean): void {
    if (!this.inText) return;
    this.length += length;
    if (nonBlank) this.nonBlank = true;
  }

  private markBlank(index: number): void {
    const byte = index >> 3;
    if (byte >= this.blank.length) {
      const grown = new Uint8Array(Math.max(this.blank.length * 2, byte + 1));
      grown.set(this.blank);
      this.blank = grown;
    }
    this.blank[byte] |= 1 << (index & 7);
  }
}

/** One worksheet's counts once its part was scanned. */
export interface WorksheetCounts {
  rows: number;
  cells: number;
  /** The last row with a cell holding a non-blank value (0 when none). */
  lastValueRow: number;
  /** The longest inline text or cached value of any cell, in characters (shared strings are counted in their table). */
  longestText: number;
  /** Cells covered by merged ranges. */
  mergedCells: number;
}

/** Counts one worksheet part; see the file's opening comment. */
export class WorksheetScan implements XmlHandler {
  readonly counts: WorksheetCounts = {
    rows: 0,
    cells: 0,
    lastValueRow: 0,
    longestText: 0,
    mergedCells: 0,
  };
  private row = 0;
  private inCell = false;
  private cellRef: string | null = null;
  private cellType = 'n';
  private cellLength = 0;
  private cellHasValue = false;
  private indexText = '';
  private inValue = false;
  private inInline = false;
  private inText = false;

  constructor(
    private readonly sheet: string,
    private readonly part: string,
    private readonly limits: Limits,
    private readonly budget: WorkbookBudget,
    private readonly strings: SharedStringsScan | null,
  ) {}

  /** Says where the cell budget ran out at the cell being read (one closure for all cells). */
  private readonly cellWhere = () =>
    `reached in ${this.where()} at ${this.cellName()}; formatted empty cells count too`;

  private where(): string {
    return `sheet "${this.sheet}" (${this.part})`;
  }

  private cellName(): string {
    return this.cellRef ? `cell ${this.cellRef}` : `a cell in row ${this.row}`;
  }

  open(name: string, attributes: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        this.counts.rows++;
        if (this.counts.rows > this.limits.maxRowsPerSheet) {
          throw new GuardFailure(
            `${this.where()} has more than ${formatCount(this.limits.maxRowsPerSheet)} rows, the limit per sheet ` +
              `(formatted empty rows count too: delete the unused rows below the data)`,
            'maxRowsPerSheet',
            this.part,
          );
        }
        const r = Number(attribute(attributes, 'r'));
        this.row = Number.isSafeInteger(r) && r > 0 ? r : this.row + 1;
        break;
      }
      case 'c': {
        this.counts.cells++;
        this.cellRef = attribute(attributes, 'r');
        this.budget.add(1, this.cellWhere);
        this.cellType = attribute(attributes, 't') ?? 'n';
        this.cellLength = 0;
        this.cellHasValue = false;
        this.indexText = '';
        this.inCell = !selfClosing;
        break;
      }
      case 'v':
        if (this.inCell) this.inValue = true;
        break;
      case 'is':
        if (this.inCell) this.inInline = true;
        break;
      case 't':
        if (this.inInline) this.inText = true;
        break;
      case 'mergeCell': {
        const ref = attribute(attributes, 'ref') ?? '';
        const area = rangeArea(ref);
        if (area === null) {
          throw new GuardFailure(
            `${this.where()} has a merged range "${ref}" that is not a cell range`,
            undefined,
            this.part,
          );
        }
        this.counts.mergedCells += area;
        this.budget.add(
          area,
          () => `the merged range ${ref} in ${this.where()} covers ${formatCount(area)} cells`,
        );
        break;
      }
      case 'dataValidation': {
        const sqref = attribute(attributes, 'sqref') ?? '';
        const area = sqrefArea(sqref, true);
        if (area === null) {
          throw new GuardFailure(
            `${this.where()} has a data validation over "${sqref}", which is not a cell range`,
            undefined,
            this.part,
          );
        }
        this.budget.addValidated(
          area,
          () =>
            `the data validation over ${sqref} in ${this.where()} covers ${formatCount(area)} cells`,
        );
        break;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        this.inValue = false;
        break;
      case 't':
        this.inText = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        this.finishCell();
        break;
    }
  }

  text(length: number, nonBlank: boolean, value: string): void {
    if (this.inValue) {
      if (this.cellType === 's') {
        if (this.indexText.length < 24) this.indexText += value;
        return;
      }
      if (nonBlank) this.cellHasValue = true;
    } else if (this.inText) {
      if (nonBlank) this.cellHasValue = true;
    } else {
      return;
    }
    this.cellLength += length;
    if (this.cellLength > this.limits.maxCellTextChars) {
      throw new GuardFailure(
        `${this.cellName()} of ${this.where()} holds more than ${formatCount(this.limits.maxCellTextChars)} characters of text, the limit for one cell (Excel's own)`,
        'maxCellTextChars',
        this.part,
      );
    }
  }

  private finishCell(): void {
    if (!this.inCell) return;
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inText = false;
    if (this.cellType === 's' && this.indexText.trim() !== '') this.checkSharedString();
    if (this.cellLength > this.counts.longestText) this.counts.longestText = this.cellLength;
    if (this.cellHasValue) {
      // The row is worked out only for cells with a value: most cells of a big sheet have none.
      const row = (this.cellRef ? rowOfCellRef(this.cellRef) : null) ?? this.row;
      if (row > this.counts.lastValueRow) this.counts.lastValueRow = row;
    }
  }

  private checkSharedString(): void {
    const index = Number(this.indexText.trim());
    const count = this.strings?.count ?? 0;
    if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
      throw new GuardFailure(
        `${this.cellName()} of ${this.where()} refers to shared string #${this.indexText.trim()}, but the workbook's shared strings table holds ${formatCount(count)} (the file is damaged)`,
        undefined,
        this.part,
      );
    }
    const strings = this.strings as SharedStringsScan;
    const overlong = strings.overlong.get(index);
    if (overlong !== undefined) {
      throw new GuardFailure(
        `${this.cellName()} of ${this.where()} holds a text of ${overLimit(overlong, this.limits.maxCellTextChars, formatCount, 'characters')}, Excel's own limit for one cell`,
        'maxCellTextChars',
        this.part,
      );
    }
    if (!strings.isBlank(index)) this.cellHasValue = true;
  }
}
