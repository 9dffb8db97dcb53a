/**
 * The value collectors of the one-pass reader: XML handlers that ride along the guard's own
 * counting scanners (`TeeHandler` feeds both, the guard's first, so its limits stop the scan
 * before anything is kept) and keep what `readWorkbook` would return. `WorkbookCollector`
 * keeps each sheet's id and the 1904 date system, `StylesCollector` the number format of each
 * cell style, `SharedStringsCollector` the text of each shared string (rich text runs joined),
 * `WorksheetCollector` a worksheet's cells as the core's values and its merged ranges. Each
 * follows exceljs 4.4's parsing of the same elements; whatever exceljs would treat in a way
 * not copied here (a cell without a reference, rows out of order, phonetic runs inside a cell,
 * overlapping merges...) throws `UnsupportedWorkbookError`, so the caller falls back to
 * exceljs instead of guessing.
 */
import type { CellValue, Grid, SheetInput } from '../../../src/core/model';
import { GuardFailure } from '../../guard/messages';
import { attribute, type XmlHandler } from '../../guard/xml-scan';
import {
  columnLetters,
  decodeStringResult,
  decodeTextEscapes,
  isDateFormat,
  parseCellRef,
  serialToDate,
} from './exceljs-rules';

/** Something in the workbook this reader does not copy exceljs on; the caller falls back. */
export class UnsupportedWorkbookError extends GuardFailure {
  constructor(readonly why: string) {
    // A GuardFailure so the guard's zip streaming passes it through unchanged.
    super(`not read in one pass: ${why}`);
    this.name = 'UnsupportedWorkbookError';
  }
}

function unsupported(why: string): never {
  throw new UnsupportedWorkbookError(why);
}

/** Refuses text a standard XML parser would change (carriage returns are normalised to \n). */
function checkText(value: string): void {
  if (value.includes('\r')) unsupported('a carriage return in text');
}

/** Feeds every event to two handlers, `first` (the guard's counter) before `second`. */
export class TeeHandler implements XmlHandler {
  constructor(
    private readonly first: XmlHandler,
    private readonly second: XmlHandler,
  ) {}

  open(name: string, attributes: string, selfClosing: boolean): void {
    this.first.open(name, attributes, selfClosing);
    this.second.open(name, attributes, selfClosing);
  }

  close(name: string): void {
    this.first.close(name);
    this.second.close(name);
  }

  text(length: number, nonBlank: boolean, value: string): void {
    this.first.text(length, nonBlank, value);
    this.second.text(length, nonBlank, value);
  }
}

/** `xl/workbook.xml`: the sheet ids in declaration order and whether dates count from 1904. */
export class WorkbookCollector implements XmlHandler {
  readonly sheetIds: number[] = [];
  date1904 = false;

  open(name: string, attributes: string): void {
    if (name === 'sheet') {
      this.sheetIds.push(parseInt(attribute(attributes, 'sheetId') ?? '', 10));
    } else if (name === 'workbookPr') {
      this.date1904 = attribute(attributes, 'date1904') === '1';
    }
  }

  close(): void {}

  text(): void {}
}

/** `xl/styles.xml`: the workbook's custom number format codes and each cell style's format id. */
export class StylesCollector implements XmlHandler {
  readonly customCodes = new Map<number, string>();
  /** Number format id of cell style `i` (`cellXfs`), NaN when it names none. */
  readonly styleFormats: number[] = [];
  private inCellXfs = false;
  private xfDepth = 0;

  open(name: string, attributes: string, selfClosing: boolean): void {
    if (name === 'numFmt') {
      const code = attribute(attributes, 'formatCode');
      if (code === null) unsupported('a number format without a code');
      this.customCodes.set(
        parseInt(attribute(attributes, 'numFmtId') ?? '', 10),
        code.replace(/[\\](.)/g, '$1'),
      );
    } else if (name === 'cellXfs') {
      this.inCellXfs = !selfClosing;
    } else if (name === 'xf' && this.inCellXfs) {
      if (this.xfDepth === 0)
        this.styleFormats.push(parseInt(attribute(attributes, 'numFmtId') ?? '', 10));
      if (!selfClosing) this.xfDepth++;
    }
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellXfs = false;
    else if (name === 'xf' && this.xfDepth > 0) this.xfDepth--;
  }

  text(): void {}

  /** Returns true when cell style `styleId` shows numbers as dates. */
  isDateStyle(styleId: number): boolean {
    if (!styleId || styleId >= this.styleFormats.length) return false;
    return isDateFormat(this.styleFormats[styleId], this.customCodes);
  }
}

/**
 * `xl/sharedStrings.xml`: each entry's text as `toCellValue` gives it: a plain `<t>`, or the
 * runs of rich text joined; null for an entry with neither. Phonetic runs (`rPh`) are left out.
 */
export class SharedStringsCollector implements XmlHandler {
  readonly values: (string | null)[] = [];
  private inItem = false;
  private itemValue: string | null = null;
  private itemKind: 'none' | 'text' | 'runs' = 'none';
  private runs: string[] = [];
  private ignoredDepth = 0;
  private inRun = false;
  private runText = '';
  private text_: string[] | null = null;

  open(name: string): void {
    if (!this.inItem) {
      if (name === 'si') {
        this.inItem = true;
        this.itemValue = null;
        this.itemKind = 'none';
        this.runs = [];
      }
      return;
    }
    if (this.ignoredDepth > 0) {
      this.ignoredDepth++;
      return;
    }
    if (this.inRun) {
      if (name === 't') this.text_ = [];
      return;
    }
    if (name === 't') {
      if (this.itemKind !== 'none') unsupported('a shared string with text after text or runs');
      this.text_ = [];
    } else if (name === 'r') {
      if (this.itemKind === 'text') unsupported('a shared string with runs after plain text');
      this.inRun = true;
      this.runText = '';
    } else {
      // rPh (phonetic runs), phoneticPr and anything else: exceljs keeps none of its text.
      this.ignoredDepth = 1;
    }
  }

  close(name: string): void {
    if (!this.inItem) return;
    if (this.ignoredDepth > 0) {
      this.ignoredDepth--;
      return;
    }
    if (name === 't' && this.text_) {
      const text = decodeTextEscapes(this.text_.join(''));
      this.text_ = null;
      if (this.inRun) {
        this.runText = text;
      } else {
        this.itemKind = 'text';
        this.itemValue = text;
      }
    } else if (name === 'r' && this.inRun) {
      this.inRun = false;
      this.itemKind = 'runs';
      this.runs.push(this.runText);
    } else if (name === 'si') {
      this.inItem = false;
      this.values.push(this.itemKind === 'runs' ? this.runs.join('') : this.itemValue);
    }
  }

  text(_length: number, _nonBlank: boolean, value: string): void {
    if (this.text_ && this.ignoredDepth === 0) {
      checkText(value);
      this.text_.push(value);
    }
  }
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** A merged range as numbers. */
interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Elements exceljs's cell parser understands inside `<c>` (font elements live inside `rPr`). */
const CELL_CHILDREN = new Set(['f', 'v', 'is', 't', 'r', 'rPr']);

/** One worksheet part: its cells as the core's values (see the file's opening comment). */
export class WorksheetCollector implements XmlHandler {
  private readonly rows: Grid = [];
  private readonly mergeRefs: string[] = [];
  private rowNumber = 0;
  private lastCol = 0;
  private inSheetData = false;
  // The cell being read.
  private inCell = false;
  private col = 0;
  private type: string | null = null;
  private styleId = NaN;
  private formula = '';
  private shareType: string | null = null;
  private node: 'f' | 'v' | 't' | null = null;
  private value: string | undefined;
  private runs: string[] | null = null;
  private inRun = false;
  private runText = '';
  private runTextParts: string[] | null = null;
  private rPrDepth = 0;

  constructor(
    private readonly sheet: string,
    private readonly strings: readonly (string | null)[],
    private readonly styles: StylesCollector | null,
    private readonly date1904: boolean,
  ) {}

  open(name: string, attributes: string, selfClosing: boolean): void {
    if (this.inCell) {
      this.openInCell(name, attributes);
      return;
    }
    switch (name) {
      case 'sheetData':
        this.inSheetData = !selfClosing;
        break;
      case 'row': {
        if (!this.inSheetData) return;
        const r = parseInt(attribute(attributes, 'r') ?? '', 10);
        if (!(r > this.rowNumber)) unsupported(`a row out of order or without a number`);
        this.rowNumber = r;
        this.lastCol = 0;
        break;
      }
      case 'c': {
        if (!this.inSheetData || this.rowNumber === 0) unsupported('a cell outside a row');
        const ref = attribute(attributes, 'r');
        const address = ref === null ? null : parseCellRef(ref);
        if (!address || address.row !== this.rowNumber || address.col <= this.lastCol)
          unsupported(`a cell without a reference, or out of order (${ref ?? 'none'})`);
        this.lastCol = address.col;
        this.col = address.col;
        this.type = attribute(attributes, 't');
        this.styleId = parseInt(attribute(attributes, 's') ?? '', 10);
        this.formula = '';
        this.shareType = null;
        this.node = null;
        this.value = undefined;
        this.runs = null;
        this.inRun = false;
        this.rPrDepth = 0;
        this.inCell = true;
        if (selfClosing) this.finishCell();
        break;
      }
      case 'mergeCell':
        this.mergeRefs.push(attribute(attributes, 'ref') ?? '');
        break;
    }
  }

  private openInCell(name: string, attributes: string): void {
    if (this.rPrDepth > 0) {
      this.rPrDepth++;
      return;
    }
    if (!CELL_CHILDREN.has(name)) unsupported(`a <${name}> element inside a cell`);
    if (this.inRun) {
      if (name === 't') this.runTextParts = [];
      else if (name === 'rPr') this.rPrDepth = 1;
      else unsupported(`a <${name}> element inside a rich text run`);
      return;
    }
    switch (name) {
      case 'f':
        this.node = 'f';
        this.shareType = attribute(attributes, 't');
        break;
      case 'v':
        this.node = 'v';
        break;
      case 't':
        if (this.runs) unsupported('plain text after rich text runs in a cell');
        this.node = 't';
        break;
      case 'r':
        if (this.value !== undefined) unsupported('rich text runs after plain text in a cell');
        this.inRun = true;
        this.runText = '';
        this.runTextParts = null;
        break;
      case 'rPr':
        unsupported('run properties outside a rich text run');
    }
  }

  close(name: string): void {
    if (!this.inCell) {
      if (name === 'sheetData') this.inSheetData = false;
      return;
    }
    if (this.rPrDepth > 0) {
      this.rPrDepth--;
      return;
    }
    if (this.inRun) {
      if (name === 't' && this.runTextParts) {
        this.runText = decodeTextEscapes(this.runTextParts.join(''));
        this.runTextParts = null;
      } else if (name === 'r') {
        this.inRun = false;
        (this.runs ??= []).push(this.runText);
      }
      return;
    }
    if (name === 'c') this.finishCell();
    else if (name === 'f' || name === 'v' || name === 'is' || name === 't') this.node = null;
  }

  text(_length: number, _nonBlank: boolean, value: string): void {
    if (!this.inCell) return;
    if (this.inRun) {
      if (this.runTextParts && this.rPrDepth === 0) {
        checkText(value);
        this.runTextParts.push(value);
      }
      return;
    }
    if (this.node === 'f') {
      this.formula += value;
    } else if (this.node === 'v' || this.node === 't') {
      checkText(value);
      this.value = (this.value ?? '') + value;
    }
  }

  /** Returns the cell's value as `toCellValue` would give it for what exceljs loads. */
  private cellValue(): CellValue {
    const isDate = this.styles !== null && this.styles.isDateStyle(this.styleId);
    const isFormula = this.formula !== '' || !!this.shareType;
    if (this.runs) {
      if (isFormula || this.type !== 'inlineStr')
        unsupported('rich text runs in a cell that is not an inline string');
      return this.runs.join('');
    }
    const raw = this.value;
    if (isFormula) {
      if (!raw) return null;
      let result: unknown;
      if (this.type === 'str') result = decodeStringResult(raw);
      else if (this.type === 'b') result = parseInt(raw, 10) !== 0;
      else if (this.type === 'e') return isDate ? null : raw;
      else result = parseFloat(raw);
      if (isDate) return serialToDate(result, this.date1904);
      if (typeof result === 'number') return Number.isFinite(result) ? result : null;
      return result as string | boolean;
    }
    if (raw === undefined) return null;
    switch (this.type) {
      case 's': {
        const index = parseInt(raw, 10);
        if (!(index >= 0 && index < this.strings.length))
          unsupported(`shared string #${raw} out of range`);
        return this.strings[index];
      }
      case 'str':
        return decodeStringResult(raw);
      case 'inlineStr':
        return raw;
      case 'b':
        return parseInt(raw, 10) !== 0;
      case 'e':
        return raw;
      default: {
        const n = parseFloat(raw);
        if (isDate) return serialToDate(n, this.date1904);
        return Number.isFinite(n) ? n : null;
      }
    }
  }

  private finishCell(): void {
    this.inCell = false;
    const v = this.cellValue();
    if (isBlank(v)) return;
    const index = this.rowNumber - 1;
    let cells = this.rows[index];
    if (!cells) {
      cells = [];
      this.rows[index] = cells;
    }
    while (cells.length < this.col - 1) cells.push(null);
    cells[this.col - 1] = v;
  }

  /** Returns the worksheet as `sheetFromWorksheet` gives it: merges applied, blank rows filled. */
  result(): SheetInput {
    const merges = this.mergeRanges();
    for (const m of merges) {
      for (let r = m.top; r <= m.bottom && r <= this.rows.length; r++) {
        const cells = this.rows[r - 1];
        if (!cells) continue;
        for (let c = m.left; c <= m.right && c <= cells.length; c++) {
          if (r !== m.top || c !== m.left) cells[c - 1] = null;
        }
      }
    }
    const rows: Grid = [];
    for (let i = 0; i < this.rows.length; i++) {
      const cells = this.rows[i];
      if (!cells) continue;
      let end = cells.length;
      while (end > 0 && cells[end - 1] === null) end--;
      if (end === 0) continue;
      if (end < cells.length) cells.length = end;
      while (rows.length < i) rows.push([]);
      rows[i] = cells;
    }
    const sheet: SheetInput = { name: this.sheet, rows };
    if (merges.length > 0) {
      sheet.merges = merges
        .map((m) => `${columnLetters(m.left)}${m.top}:${columnLetters(m.right)}${m.bottom}`)
        .sort();
    }
    return sheet;
  }

  /** Returns the merged ranges; unsupported when one is not a plain `A1:B2` or two overlap. */
  private mergeRanges(): MergeRange[] {
    if (this.mergeRefs.length > 2000) unsupported('more than 2,000 merged ranges');
    const ranges: MergeRange[] = [];
    for (const ref of this.mergeRefs) {
      const [a, b, extra] = ref.split(':');
      const start = a ? parseCellRef(a) : null;
      const end = b ? parseCellRef(b) : null;
      if (!start || !end || extra !== undefined) unsupported(`a merged range "${ref}"`);
      const range = {
        top: Math.min(start.row, end.row),
        left: Math.min(start.col, end.col),
        bottom: Math.max(start.row, end.row),
        right: Math.max(start.col, end.col),
      };
      for (const other of ranges) {
        if (
          range.left <= other.right &&
          other.left <= range.right &&
          range.top <= other.bottom &&
          other.top <= range.bottom
        )
          unsupported(`overlapping merged ranges (${ref})`);
      }
      ranges.push(range);
    }
    return ranges;
  }
}
