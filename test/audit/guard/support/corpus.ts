/**
 * The adversarial corpus: every kind of broken or hostile .xlsx the audit must refuse, each
 * built on demand into a folder from a valid exceljs workbook (then damaged) or from a
 * hand-built zip, with the words and the limit its refusal must name. Also the good files that
 * must still pass alongside them. Nothing here is a checked-in binary.
 */
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Limits } from '../../../../audit/guard/limits';
import {
  buildZip,
  deflateGenerated,
  deflateRepeated,
  replaceParts,
  unzip,
  type ZipPart,
} from './zip-builder';
import { RACI_PART, raciWorkbook } from './workbooks';

/** One corpus file: how to make it and what the guard must say about it. */
export interface CorpusCase {
  file: string;
  /** Writes the file into `dir` and returns its path. */
  build(dir: string): Promise<string>;
  /** For a bad file: words the reason must contain. Absent for a good file. */
  reason?: RegExp;
  /** The limit the refusal must name, when it is a limit. */
  limit?: keyof Limits;
}

const MB = 1024 * 1024;
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

async function write(dir: string, file: string, bytes: Buffer): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, bytes);
  return path;
}

/** Returns a workbook whose parts were changed: a Buffer or deflated body replaces, null removes. */
async function damaged(
  changes: Parameters<typeof replaceParts>[1],
  extra: ZipPart[] = [],
): Promise<Buffer> {
  const parts = await unzip(await raciWorkbook());
  return buildZip([...replaceParts(parts, changes), ...extra]);
}

/** Returns a minimal OLE/CFB header; with `encrypted`, its directory names the streams of an encrypted workbook. */
function cfbFile(encrypted: boolean): Buffer {
  const header = Buffer.alloc(1536);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  const names = encrypted
    ? ['Root Entry', 'EncryptionInfo', 'EncryptedPackage']
    : ['Root Entry', 'Workbook'];
  names.forEach((name, i) => Buffer.from(name, 'utf16le').copy(header, 512 + i * 128));
  return header;
}

function* rows(count: number, row: (r: number) => string): Iterable<string> {
  yield SHEET_HEAD;
  const perPiece = 10_000;
  for (let start = 1; start <= count; start += perPiece) {
    let text = '';
    for (let r = start; r < Math.min(start + perPiece, count + 1); r++) text += row(r);
    yield text;
  }
  yield SHEET_TAIL;
}

function columnName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** The good files: they must pass the guard. */
export const GOOD_CASES: CorpusCase[] = [
  {
    file: 'good-raci.xlsx',
    build: async (dir) => write(dir, 'good-raci.xlsx', await raciWorkbook()),
  },
  {
    file: 'good-longest-allowed-cell.xlsx',
    build: async (dir) =>
      write(
        dir,
        'good-longest-allowed-cell.xlsx',
        await raciWorkbook({ longText: 'x'.repeat(32_767) }),
      ),
  },
];

/** The bad files: each must be refused with its reason. */
export const BAD_CASES: CorpusCase[] = [
  {
    file: 'empty.xlsx',
    reason: /the file is empty \(0 bytes\)/,
    build: (dir) => write(dir, 'empty.xlsx', Buffer.alloc(0)),
  },
  ...[0.1, 0.5, 0.9, 0.999].map((share): CorpusCase => ({
    file: `truncated-${share * 100}pct.xlsx`,
    reason: /truncated or damaged/,
    build: async (dir) => {
      const bytes = await raciWorkbook();
      return write(
        dir,
        `truncated-${share * 100}pct.xlsx`,
        bytes.subarray(0, Math.floor(bytes.length * share)),
      );
    },
  })),
  {
    file: 'truncated-last-byte.xlsx',
    reason: /truncated or damaged/,
    build: async (dir) => {
      const bytes = await raciWorkbook();
      return write(dir, 'truncated-last-byte.xlsx', bytes.subarray(0, bytes.length - 1));
    },
  },
  {
    file: 'csv-renamed.xlsx',
    reason: /comma-separated \(CSV\) text renamed as \.xlsx/,
    build: (dir) =>
      write(
        dir,
        'csv-renamed.xlsx',
        Buffer.from('Activity,Service Desk,Process Owner\nLog incident,R,A\n'),
      ),
  },
  {
    file: 'html-renamed.xlsx',
    reason: /HTML page/,
    build: (dir) =>
      write(
        dir,
        'html-renamed.xlsx',
        Buffer.from(
          '<!DOCTYPE html>\n<html><body><table><tr><td>R</td></tr></table></body></html>',
        ),
      ),
  },
  {
    file: 'encrypted.xlsx',
    reason: /password-protected/,
    build: (dir) => write(dir, 'encrypted.xlsx', cfbFile(true)),
  },
  {
    file: 'old-xls-renamed.xlsx',
    reason: /Excel 97-2003 \.xls/,
    build: (dir) => write(dir, 'old-xls-renamed.xlsx', cfbFile(false)),
  },
  {
    file: 'zip-encrypted-entries.xlsx',
    reason: /password-protected \(its zip entries are encrypted\)/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const zip = buildZip(
        [...parts].map(([name, data]) => ({ name, data, flags: name === RACI_PART ? 1 : 0 })),
      );
      return write(dir, 'zip-encrypted-entries.xlsx', zip);
    },
  },
  {
    file: 'missing-workbook-xml.xlsx',
    reason: /xl\/workbook\.xml is missing/,
    build: async (dir) =>
      write(dir, 'missing-workbook-xml.xlsx', await damaged({ 'xl/workbook.xml': null })),
  },
  {
    file: 'missing-sheet-part.xlsx',
    reason: /names sheet "RACI" but its part xl\/worksheets\/sheet2\.xml is missing/,
    build: async (dir) =>
      write(dir, 'missing-sheet-part.xlsx', await damaged({ [RACI_PART]: null })),
  },
  {
    file: 'missing-workbook-rels.xlsx',
    reason: /relationships part xl\/_rels\/workbook\.xml\.rels is missing/,
    build: async (dir) =>
      write(
        dir,
        'missing-workbook-rels.xlsx',
        await damaged({ 'xl/_rels/workbook.xml.rels': null }),
      ),
  },
  {
    file: 'sheet-name-too-long.xlsx',
    reason:
      /sheet "RACI for Incident and Problem Management \(2026\)" has a name of 47 characters, more than the 31 an \.xlsx sheet name may have/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const workbook = (parts.get('xl/workbook.xml') as Buffer)
        .toString('utf8')
        .replace('name="RACI"', 'name="RACI for Incident and Problem Management (2026)"');
      return write(
        dir,
        'sheet-name-too-long.xlsx',
        await damaged({ 'xl/workbook.xml': Buffer.from(workbook) }),
      );
    },
  },
  {
    file: 'word-document-renamed.xlsx',
    reason: /Word document renamed as \.xlsx/,
    build: (dir) =>
      write(
        dir,
        'word-document-renamed.xlsx',
        buildZip([
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
        ]),
      ),
  },
  {
    file: 'zip-bomb-1gb-part.xlsx',
    reason:
      /part xl\/worksheets\/sheet2\.xml would expand to 1\.00 GB, more than the limit of 200\.0 MB/,
    limit: 'maxPartBytes',
    build: async (dir) => {
      const bomb = deflateRepeated(
        Buffer.from(SHEET_HEAD),
        Buffer.alloc(MB, 0x20),
        1024,
        Buffer.from(SHEET_TAIL),
      );
      return write(dir, 'zip-bomb-1gb-part.xlsx', await damaged({ [RACI_PART]: bomb }));
    },
  },
  {
    file: 'zip-bomb-ratio.xlsx',
    reason:
      /expands from .* to 150\.0 MB, a compression ratio of [\d,]+:1, more than the 100:1 allowed/,
    limit: 'maxCompressionRatio',
    build: async (dir) => {
      const bomb = deflateRepeated(
        Buffer.from(SHEET_HEAD),
        Buffer.alloc(MB, 0x20),
        150,
        Buffer.from(SHEET_TAIL),
      );
      return write(dir, 'zip-bomb-ratio.xlsx', await damaged({ [RACI_PART]: bomb }));
    },
  },
  {
    file: 'zip-bomb-lying-sizes.xlsx',
    reason: /inflates to more than the 100\.0 KB its zip entry declares \(a zip bomb/,
    build: async (dir) => {
      const bomb = deflateRepeated(
        Buffer.from(SHEET_HEAD),
        Buffer.alloc(MB, 0x20),
        1024,
        Buffer.from(SHEET_TAIL),
      );
      const parts = await unzip(await raciWorkbook());
      const zip = buildZip([
        ...replaceParts(parts, { [RACI_PART]: null }),
        { name: RACI_PART, body: bomb, declaredSize: 100 * 1024 },
      ]);
      return write(dir, 'zip-bomb-lying-sizes.xlsx', zip);
    },
  },
  {
    file: 'zip-data-beyond-end.xlsx',
    reason:
      /the zip directory says part xl\/worksheets\/sheet2\.xml lies beyond the end of the file/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const zip = buildZip([
        ...replaceParts(parts, { [RACI_PART]: null }),
        { name: RACI_PART, data: parts.get(RACI_PART), declaredCompressedSize: 0x7fffffff },
      ]);
      return write(dir, 'zip-data-beyond-end.xlsx', zip);
    },
  },
  {
    file: 'zip-declared-larger-than-data.xlsx',
    reason:
      /part xl\/worksheets\/sheet2\.xml is shorter than the .* its zip entry declares: the file is damaged/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const sheet = parts.get(RACI_PART) as Buffer;
      const zip = buildZip([
        ...replaceParts(parts, { [RACI_PART]: null }),
        { name: RACI_PART, data: sheet, declaredSize: sheet.length + 1000 },
      ]);
      return write(dir, 'zip-declared-larger-than-data.xlsx', zip);
    },
  },
  {
    file: 'million-styled-empty-rows.xlsx',
    reason:
      /sheet "RACI" \(xl\/worksheets\/sheet2\.xml\) has more than 200,000 rows, the limit per sheet/,
    limit: 'maxRowsPerSheet',
    build: async (dir) => {
      const sheet = deflateGenerated(() =>
        rows(1_000_000, (r) => `<row r="${r}" s="1" customFormat="1" ht="15" customHeight="1"/>`),
      );
      return write(dir, 'million-styled-empty-rows.xlsx', await damaged({ [RACI_PART]: sheet }));
    },
  },
  {
    file: 'formatted-empty-cells.xlsx',
    reason: /more than 1,000,000 cells, the limit for one workbook \(reached in sheet "RACI"/,
    limit: 'maxCellsPerWorkbook',
    build: async (dir) => {
      const columns = Array.from({ length: 20 }, (_, c) => columnName(c + 1));
      const cellsOfRow = (r: number) => {
        let row = `<row r="${r}">`;
        for (const column of columns) row += `<c r="${column}${r}" s="1"/>`;
        return `${row}</row>`;
      };
      const sheet = deflateGenerated(() => rows(55_000, cellsOfRow));
      return write(dir, 'formatted-empty-cells.xlsx', await damaged({ [RACI_PART]: sheet }));
    },
  },
  {
    file: 'merge-bomb.xlsx',
    reason: /merged range A1:XFD1048576 in sheet "RACI" .* covers 17,179,869,184 cells/,
    limit: 'maxCellsPerWorkbook',
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const sheet = (parts.get(RACI_PART) as Buffer)
        .toString('utf8')
        .replace('ref="A1:D1"', 'ref="A1:XFD1048576"');
      return write(dir, 'merge-bomb.xlsx', await damaged({ [RACI_PART]: Buffer.from(sheet) }));
    },
  },
  {
    file: 'defined-name-bomb.xlsx',
    reason: /the defined name "Everything" over \$A\$1:\$XFD\$1048576 covers 17,179,869,184 cells/,
    limit: 'maxCellsPerWorkbook',
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const names =
        '<definedNames><definedName name="Everything">RACI!$A$1:$XFD$1048576</definedName></definedNames>';
      const workbook = (parts.get('xl/workbook.xml') as Buffer)
        .toString('utf8')
        .replace('</sheets>', `</sheets>${names}`);
      return write(
        dir,
        'defined-name-bomb.xlsx',
        await damaged({ 'xl/workbook.xml': Buffer.from(workbook) }),
      );
    },
  },
  {
    file: 'whole-sheet-validation.xlsx',
    reason:
      /data validations cover more than 2,097,152 cells, the limit for one workbook \(the data validation over A1:XFD1048576 in sheet "RACI" .* covers 17,179,869,184 cells\); limit them to the rows in use/,
    limit: 'maxValidatedCells',
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const validation =
        '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"R,A,C,I"</formula1></dataValidation></dataValidations>';
      const sheet = (parts.get(RACI_PART) as Buffer)
        .toString('utf8')
        .replace('<pageMargins', `${validation}<pageMargins`);
      return write(
        dir,
        'whole-sheet-validation.xlsx',
        await damaged({ [RACI_PART]: Buffer.from(sheet) }),
      );
    },
  },
  {
    file: 'oversized-shared-strings.xlsx',
    reason: /shared strings table \(xl\/sharedStrings\.xml\) holds more than 1,000,000 strings/,
    limit: 'maxSharedStrings',
    build: async (dir) => {
      const strings = deflateGenerated(function* () {
        yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
        for (let start = 0; start < 1_200_000; start += 10_000) {
          let text = '';
          for (let i = start; i < start + 10_000; i++) text += `<si><t>Activity ${i}</t></si>`;
          yield text;
        }
        yield '</sst>';
      });
      return write(
        dir,
        'oversized-shared-strings.xlsx',
        await damaged({ 'xl/sharedStrings.xml': strings }),
      );
    },
  },
  {
    file: 'cell-40000-chars.xlsx',
    reason:
      /cell B5 of sheet "RACI" \(xl\/worksheets\/sheet2\.xml\) holds a text of 40,000 characters, more than the limit of 32,767 characters \(over by 7,233\), Excel's own limit/,
    limit: 'maxCellTextChars',
    build: async (dir) =>
      write(dir, 'cell-40000-chars.xlsx', await raciWorkbook({ longText: 'y'.repeat(40_000) })),
  },
  {
    file: 'inline-cell-40000-chars.xlsx',
    reason: /cell C9 of sheet "RACI" .* holds more than 32,767 characters of text/,
    limit: 'maxCellTextChars',
    build: async (dir) => {
      const sheet = `${SHEET_HEAD}<row r="9"><c r="C9" t="inlineStr"><is><t>${'z'.repeat(40_000)}</t></is></c></row>${SHEET_TAIL}`;
      return write(
        dir,
        'inline-cell-40000-chars.xlsx',
        await damaged({ [RACI_PART]: Buffer.from(sheet) }),
      );
    },
  },
  {
    file: 'entity-bomb.xlsx',
    reason: /xl\/workbook\.xml is not well-formed XML: it holds a DOCTYPE declaration/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const bomb =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
      const workbook = (parts.get('xl/workbook.xml') as Buffer)
        .toString('utf8')
        .replace(/^<\?xml[^>]*\?>/, bomb);
      return write(
        dir,
        'entity-bomb.xlsx',
        await damaged({ 'xl/workbook.xml': Buffer.from(workbook) }),
      );
    },
  },
  {
    file: 'corrupt-deflate-data.xlsx',
    reason: /part xl\/worksheets\/sheet2\.xml is damaged/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const zip = buildZip(replaceParts(parts, {}));
      // Overwrite the middle of the RACI sheet's compressed data with garbage.
      const at = zip.indexOf(Buffer.from(RACI_PART)) + RACI_PART.length + 40;
      for (let i = 0; i < 64; i++) zip[at + i] = (i * 37) & 0xff;
      return write(dir, 'corrupt-deflate-data.xlsx', zip);
    },
  },
  {
    file: 'cut-off-sheet-xml.xlsx',
    reason: /xl\/worksheets\/sheet2\.xml is not well-formed XML: .*cut off/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const sheet = parts.get(RACI_PART) as Buffer;
      return write(
        dir,
        'cut-off-sheet-xml.xlsx',
        await damaged({ [RACI_PART]: sheet.subarray(0, sheet.indexOf('</sheetData>')) }),
      );
    },
  },
  {
    file: 'shared-string-out-of-range.xlsx',
    reason: /cell A5 of sheet "RACI" .* refers to shared string #999/,
    build: async (dir) => {
      const parts = await unzip(await raciWorkbook());
      const sheet = (parts.get(RACI_PART) as Buffer)
        .toString('utf8')
        .replace('<c r="A5" t="s"><v>21</v>', '<c r="A5" t="s"><v>999</v>');
      return write(
        dir,
        'shared-string-out-of-range.xlsx',
        await damaged({ [RACI_PART]: Buffer.from(sheet) }),
      );
    },
  },
  {
    file: 'duplicate-part-names.xlsx',
    reason: /two parts named xl\/worksheets\/sheet2\.xml/,
    build: async (dir) =>
      write(
        dir,
        'duplicate-part-names.xlsx',
        await damaged({}, [{ name: RACI_PART, data: Buffer.from(`${SHEET_HEAD}${SHEET_TAIL}`) }]),
      ),
  },
  {
    file: 'too-many-entries.xlsx',
    reason:
      /the zip archive holds 10,0\d\d entries, more than the limit of 10,000 entries \(over by \d+\)/,
    limit: 'maxZipEntries',
    build: async (dir) => {
      const extra = Array.from({ length: 10_016 }, (_, i) => ({
        name: `xl/media/pad${i}.txt`,
        data: Buffer.from('x'),
      }));
      return write(dir, 'too-many-entries.xlsx', await damaged({}, extra));
    },
  },
  {
    file: 'too-large.xlsx',
    reason:
      /the file is 60\.0 MB, larger than the 50\.0 MB limit for one workbook \(over by 10\.0 MB\)/,
    limit: 'maxFileBytes',
    build: async (dir) => {
      const path = await write(dir, 'too-large.xlsx', await raciWorkbook());
      await truncate(path, 60 * MB);
      return path;
    },
  },
];
