/**
 * A streaming .xlsx writer for the report tables, written for speed: each row becomes its XML
 * text at once and is deflated into the file as it goes (`zip-writer.ts`), so a report with
 * tens of thousands of findings is never held whole; only the shared strings and the few styles
 * are kept until the end. It writes exactly the parts exceljs's streaming writer
 * (`stream.xlsx.WorkbookWriter`, exceljs 4.4.0, with shared strings and styles) writes for the
 * same sheets, byte for byte: the same XML, the same style table in the same order, the same
 * shared strings, so Excel, LibreOffice and exceljs read the reports as before (tested against
 * exceljs's own output). What it does not need it does not support: sheets have frozen header
 * rows, an auto filter and column widths and formats; cells hold text (always a shared string,
 * never a formula), numbers, booleans, dates or nothing; looks are a font (bold, size, colour),
 * a solid fill, a vertical alignment with wrapping and a number format.
 */
import type { Writable } from 'node:stream';
import { THEME1_XML } from './xlsx-theme';
import { ZipWriter, type ZipEntryWriter } from './zip-writer';

/** What a cell can hold. */
export type CellValue = string | number | boolean | Date | null;

/**
 * What a cell or a row looks like; each part optional. Pass the same object for the same look,
 * and do not change it once used: the style table knows a look it has seen by its identity.
 */
export interface Look {
  /** Excel number format, e.g. `0%` or `yyyy-mm-dd`. */
  numFmt?: string;
  font?: { bold?: boolean; size?: number; color?: { argb: string } };
  /** A solid fill's colour, ARGB (`FFFFC7CE`). */
  fill?: string;
  alignment?: { vertical: 'top' | 'middle' | 'bottom'; wrapText?: boolean };
}

export interface SheetColumn {
  width: number;
  /** Excel number format of the column, e.g. `0%`. */
  numFmt?: string;
}

export interface SheetOptions {
  columns: readonly SheetColumn[];
  /** Rows frozen at the top (the header row's number). */
  frozenRows: number;
  /** The auto filter's range: its header row, last row and last column (from 1). */
  autoFilter: { headerRow: number; lastRow: number; lastColumn: number };
}

export interface BookProperties {
  creator: string;
  /** Written as both the created and the modified date. */
  created: Date;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
/** Excel's default column width: a column of this width without a format is not written. */
const DEFAULT_COLUMN_WIDTH = 9;
/** Custom number formats are numbered from here. */
const FIRST_CUSTOM_NUMFMT = 164;
/** Excel's built-in number formats, by format code (the ones exceljs knows). */
const BUILT_IN_NUMFMTS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};
/** The format a date without a number format gets (as exceljs gives it). */
const DATE_NUMFMT_ID = 14;
const DEFAULT_FONT_XML =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const MS_PER_DAY = 24 * 3600 * 1000;
/** Excel's serial day number of 1970-01-01 (the 1900 date system). */
const EXCEL_UNIX_EPOCH = 25569;
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const ESCAPED = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\uFFFE\uFFFF]/;

/**
 * Returns text safe inside XML text or a quoted attribute: `< > & ' "` escaped, and characters
 * XML cannot hold left out: the control characters below space but tab, new line and carriage
 * return, and DEL (as exceljs writes them), and the noncharacters U+FFFE and U+FFFF (which
 * exceljs would write, making the part unreadable).
 */
export function xmlEncode(text: string): string {
  if (!ESCAPED.test(text)) return text;
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escape: string;
    if (code === 34) escape = '&quot;';
    else if (code === 38) escape = '&amp;';
    else if (code === 39) escape = '&apos;';
    else if (code === 60) escape = '&lt;';
    else if (code === 62) escape = '&gt;';
    else if (
      code === 127 ||
      code === 0xfffe ||
      code === 0xffff ||
      (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))
    )
      escape = '';
    else continue;
    if (last !== i) out += text.substring(last, i);
    last = i + 1;
    out += escape;
  }
  return last !== text.length ? out + text.substring(last) : out;
}

/** Returns a column's letters: 1 is A, 27 is AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * The workbook's style table (xl/styles.xml): number formats, fonts, fills and cell formats
 * (xf), each kept once and numbered in order of first use, as exceljs numbers them. A look is
 * looked up by identity first, so a cell with a look already seen costs one map lookup.
 */
class StyleTable {
  private readonly numFmts: string[] = [];
  private readonly numFmtIds = new Map<string, number>();
  private readonly fonts: string[] = [];
  private readonly fontIds = new Map<string, number>();
  private readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly fillIds = new Map(this.fills.map((xml, i) => [xml, i]));
  private readonly xfs: string[] = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ];
  private readonly xfIds = new Map(this.xfs.map((xml, i) => [xml, i]));
  private readonly byLook = new Map<Look, number>();
  private readonly byDateLook = new Map<Look, number>();

  /** Returns the id (the `s` attribute) of a look; `date` for a cell holding a Date. */
  id(look: Look, date = false): number {
    if (this.fonts.length === 0) this.indexOf(this.fonts, this.fontIds, DEFAULT_FONT_XML);
    const dated = date && !look.numFmt;
    const cache = dated ? this.byDateLook : this.byLook;
    const known = cache.get(look);
    if (known !== undefined) return known;
    const numFmtId = look.numFmt ? this.numFmtId(look.numFmt) : dated ? DATE_NUMFMT_ID : 0;
    const fontId = look.font ? this.indexOf(this.fonts, this.fontIds, fontXml(look.font)) : 0;
    const fillId = look.fill ? this.indexOf(this.fills, this.fillIds, fillXml(look.fill)) : 0;
    let xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"`;
    if (numFmtId) xml += ' applyNumberFormat="1"';
    if (fontId) xml += ' applyFont="1"';
    if (fillId) xml += ' applyFill="1"';
    xml += look.alignment ? ` applyAlignment="1">${alignmentXml(look.alignment)}</xf>` : '/>';
    const id = this.indexOf(this.xfs, this.xfIds, xml);
    cache.set(look, id);
    return id;
  }

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_NUMFMTS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmtIds.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUMFMT + this.numFmts.length;
      this.numFmtIds.set(code, id);
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEncode(code)}"/>`);
    }
    return id;
  }

  private indexOf(list: string[], ids: Map<string, number>, xml: string): number {
    let id = ids.get(xml);
    if (id === undefined) {
      id = list.length;
      ids.set(xml, id);
      list.push(xml);
    }
    return id;
  }

  /** Returns xl/styles.xml. */
  xml(): string {
    if (this.fonts.length === 0) this.fonts.push(DEFAULT_FONT_XML);
    const numFmts = this.numFmts.length
      ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>`
      : '';
    return (
      `${XML_DECLARATION}\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      numFmts +
      `<fonts count="${this.fonts.length}" x14ac:knownFonts="1">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext><ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>'
    );
  }
}

function fontXml(font: NonNullable<Look['font']>): string {
  return (
    '<font>' +
    (font.bold ? '<b/>' : '') +
    (font.color ? `<color rgb="${xmlEncode(font.color.argb)}"/>` : '') +
    (font.size ? `<sz val="${font.size}"/>` : '') +
    '</font>'
  );
}

function fillXml(argb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${xmlEncode(argb)}"/></patternFill></fill>`;
}

function alignmentXml(alignment: NonNullable<Look['alignment']>): string {
  const vertical = alignment.vertical === 'middle' ? 'center' : alignment.vertical;
  return `<alignment vertical="${vertical}"${alignment.wrapText ? ' wrapText="1"' : ''}/>`;
}

/** The shared strings (xl/sharedStrings.xml): each distinct text once, numbered in order. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** Returns the text's number, adding it when new. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(text, id);
      this.values.push(text);
    }
    return id;
  }
}

/** Writes the rows of one sheet; obtained from `XlsxBookWriter.addSheet`. */
export class XlsxSheetWriter {
  private rowNumber = 0;

  constructor(
    private readonly entry: ZipEntryWriter,
    private readonly styles: StyleTable,
    private readonly strings: SharedStrings,
    private readonly options: SheetOptions,
  ) {}

  /**
   * Adds the next row: `values` from column 1, the row's own look and each cell's (by column,
   * from 0). A row of nothing but empty cells is numbered but not written, as exceljs does. Returns
   * a promise only when the file needs a moment to take what was written (await it).
   */
  addRow(
    values: readonly CellValue[],
    rowLook: Look,
    cellLooks: readonly Look[],
  ): Promise<void> | undefined {
    const r = ++this.rowNumber;
    if (!values.some((v) => v !== null && v !== undefined)) return undefined;
    const rowStyle = this.styles.id(rowLook);
    let xml = `<row r="${r}" spans="1:${values.length}"`;
    if (rowStyle) xml += ` s="${rowStyle}" customFormat="1"`;
    xml += ' x14ac:dyDescent="0.25">';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const style = this.styles.id(cellLooks[i], value instanceof Date);
      if (value === null || value === undefined) {
        if (style) xml += `<c r="${columnLetters(i + 1)}${r}" s="${style}"/>`;
        continue;
      }
      xml += `<c r="${columnLetters(i + 1)}${r}"`;
      if (style) xml += ` s="${style}"`;
      if (typeof value === 'string') {
        xml += ` t="s"><v>${this.strings.id(value)}</v></c>`;
      } else if (typeof value === 'number') {
        xml += `><v>${xmlEncode(String(value))}</v></c>`;
      } else if (typeof value === 'boolean') {
        xml += ` t="b"><v>${value ? '1' : '0'}</v></c>`;
      } else {
        xml += `><v>${EXCEL_UNIX_EPOCH + value.getTime() / MS_PER_DAY}</v></c>`;
      }
    }
    return this.entry.write(`${xml}</row>`);
  }

  /** Writes the sheet's end (filter, margins, page setup) and closes its part. */
  async end(): Promise<void> {
    const { headerRow, lastRow, lastColumn } = this.options.autoFilter;
    await this.entry.write(
      `</sheetData><autoFilter ref="A${headerRow}:${columnLetters(lastColumn)}${lastRow}"/>` +
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
        '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/></worksheet>',
    );
    await this.entry.end();
  }
}

/**
 * Writes one workbook into `sink` (a file stream or a collector): sheets one after another,
 * then `finish` writes the shared strings, styles, theme, workbook and package parts and ends
 * the sink.
 */
export class XlsxBookWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new StyleTable();
  private readonly strings = new SharedStrings();
  private readonly sheetNames: string[] = [];

  constructor(
    sink: Writable,
    private readonly properties: BookProperties,
  ) {
    this.zip = new ZipWriter(sink);
  }

  /**
   * Returns the writer of a new sheet, after its head (view, columns) is written. Throws when
   * the name is not one Excel accepts (1 to 31 characters, none of `* ? : / \ [ ]`, unique).
   */
  async addSheet(name: string, options: SheetOptions): Promise<XlsxSheetWriter> {
    if (name.length === 0 || name.length > 31 || /[*?:/\\[\]]/.test(name)) {
      throw new Error(`"${name}" is not a worksheet name Excel accepts.`);
    }
    if (this.sheetNames.some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw new Error(`The workbook already has a worksheet named "${name}".`);
    }
    this.sheetNames.push(name);
    const entry = await this.zip.entry(`xl/worksheets/sheet${this.sheetNames.length}.xml`);
    const split = options.frozenRows;
    let xml =
      `${XML_DECLARATION}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${split}" topLeftCell="A${split + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
    // Columns: neighbours alike (width and format) are one <col> range, as exceljs writes them.
    let cols = '';
    const columns = options.columns;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (c.width === DEFAULT_COLUMN_WIDTH && !c.numFmt) continue;
      let last = i;
      while (
        last + 1 < columns.length &&
        columns[last + 1].width === c.width &&
        columns[last + 1].numFmt === c.numFmt
      )
        last++;
      const style = this.styles.id(columnLook(c.numFmt));
      cols += `<col min="${i + 1}" max="${last + 1}" width="${c.width}"${style ? ` style="${style}"` : ''} customWidth="1"/>`;
      i = last;
    }
    if (cols) xml += `<cols>${cols}</cols>`;
    await entry.write(`${xml}<sheetData>`);
    return new XlsxSheetWriter(entry, this.styles, this.strings, options);
  }

  /** Writes the remaining parts and the zip's directory; returns when the sink has finished. */
  async finish(): Promise<void> {
    const names = this.sheetNames;
    const hasStrings = this.strings.values.length > 0;
    if (hasStrings) {
      const entry = await this.zip.entry('xl/sharedStrings.xml');
      const count = this.strings.values.length;
      await entry.write(
        `${XML_DECLARATION}\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`,
      );
      for (const text of this.strings.values) {
        const preserve = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
        await entry.write(`<si><t${preserve}>${xmlEncode(text)}</t></si>`);
      }
      await entry.write('</sst>');
      await entry.end();
    }
    await this.zip.add('xl/styles.xml', this.styles.xml());
    await this.zip.add('xl/theme/theme1.xml', THEME1_XML);
    const firstSheetRel = hasStrings ? 4 : 3;
    const rel = (id: number, type: string, target: string) =>
      `<Relationship Id="rId${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    await this.zip.add(
      'xl/_rels/workbook.xml.rels',
      `${XML_DECLARATION}\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        rel(1, 'styles', 'styles.xml') +
        rel(2, 'theme', 'theme/theme1.xml') +
        (hasStrings ? rel(3, 'sharedStrings', 'sharedStrings.xml') : '') +
        names
          .map((_, i) => rel(firstSheetRel + i, 'worksheet', `worksheets/sheet${i + 1}.xml`))
          .join('') +
        '</Relationships>',
    );
    await this.zip.add(
      'xl/workbook.xml',
      `${XML_DECLARATION}\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>` +
        names
          .map(
            (name, i) =>
              `<sheet sheetId="${i + 1}" name="${xmlEncode(name)}" state="visible" r:id="rId${firstSheetRel + i}"/>`,
          )
          .join('') +
        '</sheets><calcPr calcId="171027"/></workbook>',
    );
    const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
    await this.zip.add(
      '[Content_Types].xml',
      `${XML_DECLARATION}\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        names
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`,
          )
          .join('') +
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        (hasStrings
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    );
    await this.zip.add(
      '_rels/.rels',
      `${XML_DECLARATION}\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    await this.zip.add(
      'docProps/app.xml',
      `${XML_DECLARATION}\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">` +
        names.map((name) => `<vt:lpstr>${xmlEncode(name)}</vt:lpstr>`).join('') +
        '</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
    );
    const when = this.properties.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const creator = xmlEncode(this.properties.creator);
    await this.zip.add(
      'docProps/core.xml',
      `${XML_DECLARATION}\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    );
    await this.zip.finish();
  }
}

/** One look per column format, the same object each time (the style table's identity cache). */
const COLUMN_LOOKS = new Map<string, Look>();
const PLAIN_COLUMN: Look = Object.freeze({});

function columnLook(numFmt: string | undefined): Look {
  if (!numFmt) return PLAIN_COLUMN;
  let look = COLUMN_LOOKS.get(numFmt);
  if (!look) {
    look = Object.freeze({ numFmt });
    COLUMN_LOOKS.set(numFmt, look);
  }
  return look;
}
