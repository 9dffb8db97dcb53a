/**
 * Builds .xlsx files from hand-written XML parts, for the one-pass reader's targeted cases:
 * what exceljs never writes itself but Excel and Google Sheets do (inline strings, the 1904
 * date system, phonetic runs, `_x000D_` escapes, cached formula results of every type, a
 * huge used range of styled empty cells). `rawWorkbook` returns the bytes of a zip holding the
 * content types, the workbook and its relationships, the styles, the shared strings and one
 * part per sheet.
 */
import { buildZip, type ZipPart } from '../../guard/support/zip-builder';

/** One sheet of a hand-written workbook: its name and the inside of `<sheetData>`. */
export interface RawSheet {
  name: string;
  sheetData: string;
  /** Extra XML after `</sheetData>` (merges, hyperlinks...). */
  after?: string;
  state?: 'hidden' | 'veryHidden';
  sheetId?: number;
}

export interface RawWorkbook {
  sheets: RawSheet[];
  /** The `<si>` elements of the shared strings table (no table when absent). */
  sharedStrings?: string[];
  /** Custom number formats, id to code. */
  numFmts?: Record<number, string>;
  /** Number format id of each cell style after style 0 (General). */
  cellXfs?: number[];
  date1904?: boolean;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Returns the bytes of an .xlsx holding exactly the parts `spec` describes. */
export function rawWorkbook(spec: RawWorkbook): Buffer {
  const xml = (s: string) =>
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheets = spec.sheets.map((s, i) => ({ ...s, part: `sheet${i + 1}.xml` }));
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${main}" xmlns:r="${rel}">` +
          (spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
          '<sheets>' +
          sheets
            .map(
              (s, i) =>
                `<sheet name="${escapeAttribute(s.name)}" sheetId="${s.sheetId ?? i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
            )
            .join('') +
          '</sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          sheets
            .map(
              (s, i) =>
                `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/${s.part}"/>`,
            )
            .join('') +
          `<Relationship Id="rIdS" Type="${rel}/styles" Target="styles.xml"/>` +
          (spec.sharedStrings
            ? `<Relationship Id="rIdT" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`
            : '') +
          '</Relationships>',
      ),
    },
    {
      name: 'xl/styles.xml',
      data: xml(
        `<styleSheet xmlns="${main}">` +
          (spec.numFmts
            ? `<numFmts count="${Object.keys(spec.numFmts).length}">` +
              Object.entries(spec.numFmts)
                .map(
                  ([id, code]) =>
                    `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`,
                )
                .join('') +
              '</numFmts>'
            : '') +
          '<fonts count="1"><font><sz val="11"/></font></fonts>' +
          '<cellStyleXfs count="1"><xf numFmtId="14" fontId="0"/></cellStyleXfs>' +
          `<cellXfs count="${1 + (spec.cellXfs?.length ?? 0)}"><xf numFmtId="0" fontId="0" xfId="0"/>` +
          (spec.cellXfs ?? [])
            .map(
              (id) =>
                `<xf numFmtId="${id}" fontId="0" xfId="0" applyNumberFormat="1"><alignment wrapText="1"/></xf>`,
            )
            .join('') +
          '</cellXfs></styleSheet>',
      ),
    },
  ];
  if (spec.sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      data: xml(
        `<sst xmlns="${main}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${spec.sharedStrings.join('')}</sst>`,
      ),
    });
  }
  for (const s of sheets) {
    parts.push({
      name: `xl/worksheets/${s.part}`,
      data: xml(
        `<worksheet xmlns="${main}" xmlns:r="${rel}"><sheetData>${s.sheetData}</sheetData>${s.after ?? ''}</worksheet>`,
      ),
    });
  }
  return buildZip(parts);
}
