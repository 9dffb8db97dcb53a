/**
 * Reads the small parts that say what a workbook holds: `xl/workbook.xml` (the sheets, by
 * name and relationship id) and `xl/_rels/workbook.xml.rels` (where each relationship's part
 * lives), and resolves each sheet to its part name in the archive. Also names what a zip that
 * is not a workbook looks like (a Word or PowerPoint file, an OpenDocument spreadsheet, a
 * binary .xlsb).
 */
import { attribute, type XmlHandler } from './xml-scan';

/** A sheet as the workbook part declares it. */
export interface DeclaredSheet {
  name: string;
  relationshipId: string;
}

/** One relationship of the workbook part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A defined name (named range) of the workbook, with its formula text. */
export interface DefinedName {
  name: string;
  text: string;
}

/** Longest defined-name text kept; a longer one is cut (its ranges past this are not counted). */
const MAX_DEFINED_NAME_TEXT = 64 * 1024;

/**
 * Collects `<sheet name=".." r:id="..">` and `<definedName name="..">ranges</definedName>`
 * elements of `xl/workbook.xml`.
 */
export class WorkbookPartHandler implements XmlHandler {
  readonly sheets: DeclaredSheet[] = [];
  readonly definedNames: DefinedName[] = [];
  private current: DefinedName | null = null;

  open(name: string, attributes: string): void {
    if (name === 'sheet') {
      this.sheets.push({
        name: attribute(attributes, 'name') ?? '',
        relationshipId: attribute(attributes, 'id') ?? '',
      });
    } else if (name === 'definedName') {
      this.current = { name: attribute(attributes, 'name') ?? '', text: '' };
      this.definedNames.push(this.current);
    }
  }

  close(name: string): void {
    if (name === 'definedName') this.current = null;
  }

  text(_length: number, _nonBlank: boolean, value: string): void {
    if (this.current && this.current.text.length < MAX_DEFINED_NAME_TEXT)
      this.current.text += value;
  }
}

/**
 * Returns the absolute ranges (`$A$1:$C$9`) a defined name's text refers to, the form exceljs
 * spreads over every cell when it loads a workbook; sheet names and quotes are left out.
 */
export function definedNameRanges(text: string): string[] {
  const ranges: string[] = [];
  const pattern =
    /(?:^|[,!(\s])(\$[A-Za-z]{1,3}\$\d{1,7}(?::\$[A-Za-z]{1,3}\$\d{1,7})?)(?=$|[,)\s])/g;
  for (const match of text.matchAll(pattern)) ranges.push(match[1]);
  return ranges;
}

/** Collects `<Relationship Id Type Target>` elements of a relationships part. */
export class RelationshipsHandler implements XmlHandler {
  readonly relationships = new Map<string, Relationship>();

  open(name: string, attributes: string): void {
    if (name !== 'Relationship') return;
    const id = attribute(attributes, 'Id') ?? '';
    this.relationships.set(id, {
      id,
      type: attribute(attributes, 'Type') ?? '',
      target: attribute(attributes, 'Target') ?? '',
      external: (attribute(attributes, 'TargetMode') ?? '').toLowerCase() === 'external',
    });
  }

  close(): void {}

  text(): void {}
}

/**
 * Returns the archive part name a relationship target of `xl/workbook.xml` points to:
 * `worksheets/sheet1.xml` becomes `xl/worksheets/sheet1.xml`, `/xl/x.xml` becomes `xl/x.xml`,
 * and `.`/`..` segments are resolved. Returns null when the target climbs out of the archive.
 */
export function resolveWorkbookTarget(target: string): string | null {
  const absolute = target.startsWith('/');
  const segments = (absolute ? target.slice(1) : `xl/${target}`).split('/');
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return null;
      resolved.pop();
    } else {
      resolved.push(segment);
    }
  }
  return resolved.join('/');
}

/** Returns true when a relationship type names a worksheet (any namespace, strict or transitional). */
export function isWorksheetRelationship(type: string): boolean {
  return /\/worksheet$/i.test(type);
}

/** Returns true when a relationship type names a chart sheet (no cells to read). */
export function isChartsheetRelationship(type: string): boolean {
  return /\/chartsheet$/i.test(type);
}

/**
 * Returns a sentence saying what a zip archive without `xl/workbook.xml` is, judged by the
 * part names it holds.
 */
export function describeZipWithoutWorkbook(names: Set<string>): string {
  if (names.has('word/document.xml')) {
    return 'the file is a Word document renamed as .xlsx, not a workbook (it holds word/document.xml, no xl/workbook.xml)';
  }
  if (names.has('ppt/presentation.xml')) {
    return 'the file is a PowerPoint presentation renamed as .xlsx, not a workbook';
  }
  if (names.has('mimetype') || names.has('content.xml')) {
    return 'the file is an OpenDocument spreadsheet (.ods) renamed as .xlsx; open it and save it as .xlsx';
  }
  if (names.has('xl/workbook.bin')) {
    return 'the file is a binary Excel workbook (.xlsb) renamed as .xlsx; save it as .xlsx';
  }
  if (names.has('[Content_Types].xml') || [...names].some((n) => n.startsWith('xl/'))) {
    return 'the workbook part xl/workbook.xml is missing, so the file holds no readable workbook (it is damaged or was not written completely)';
  }
  return 'the file is a zip archive but not an .xlsx workbook (it has no xl/workbook.xml and no [Content_Types].xml)';
}
