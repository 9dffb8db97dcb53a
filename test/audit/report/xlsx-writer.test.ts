/**
 * The report's .xlsx writer (`audit/report/xlsx-writer.ts`) against exceljs's own streaming
 * writer as the oracle: the same sheets written both ways, through exceljs in the ordinary way
 * (column formats, row fonts, fills and alignment set with exceljs's setters, a cell's fill on
 * the cell), must give byte-identical parts (worksheets, shared strings, styles, theme, workbook,
 * relationships, content types, app properties), with every kind of value the reports hold and
 * the awkward ones (text to escape, to preserve, control characters, dates in formatted and
 * unformatted columns, empty rows, rows of empty cells, merged column ranges). The zip itself is
 * checked entry by entry (sizes, CRC-32), and a failing sink rejects instead of hanging.
 */
import { Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import {
  XlsxBookWriter,
  columnLetters,
  xmlEncode,
  type CellValue,
  type Look,
  type SheetColumn,
} from '../../../audit/report/xlsx-writer';

interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  frozenRows: number;
  rows: { values: CellValue[]; look: Look; fills?: Record<number, string> }[];
}

const TITLE: Look = { font: { bold: true, size: 14 } };
const SUBTITLE: Look = { font: { bold: false, size: 11 } };
const HEADER: Look = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: 'FF1F3864',
  alignment: { vertical: 'middle', wrapText: true },
};
const ROW: Look = { alignment: { vertical: 'top', wrapText: true } };
const NONE: Look = {};

const AWKWARD_TEXT = [
  'plain',
  '',
  '=HYPERLINK("http://evil.example","click")',
  `<b> & "quotes" & 'apostrophes'`,
  ' leading space',
  'trailing space ',
  'two\nlines',
  'tab\tinside',
  'control \u0001\u0008\u000b\u001f\u007f gone, CR \r kept',
  'Zoë Ørsted — 東京 😀',
];

function specs(): SheetSpec[] {
  const columns: SheetColumn[] = [
    { width: 28 },
    { width: 20 },
    { width: 20 },
    { width: 9 },
    { width: 9, numFmt: '0.00' },
    { width: 8, numFmt: '0%' },
    { width: 12, numFmt: 'yyyy-mm-dd' },
    { width: 10, numFmt: '+0%;-0%;0%' },
    { width: 14 },
  ];
  const rows: SheetSpec['rows'] = [
    { values: ['Report & title'], look: TITLE },
    { values: ['Second line'], look: SUBTITLE },
    { values: [], look: NONE },
    { values: columns.map((_, i) => `Column ${i + 1}`), look: HEADER },
  ];
  AWKWARD_TEXT.forEach((text, i) => {
    rows.push({
      values: [
        text,
        i,
        i % 2 === 0,
        i === 3 ? null : 0.1 + 0.2 * i,
        -i / 7,
        i / 10,
        new Date(Date.UTC(2026, i, 1 + i)),
        i === 4 ? null : (i - 5) / 100,
        // A date with a time, in a column without a number format.
        new Date(Date.UTC(2026, 0, 2, 3, 4, 5 + i)),
      ],
      look: ROW,
      fills: i % 3 === 0 ? { 1: 'FFFFC7CE', 6: 'FFC6EFCE' } : i % 3 === 1 ? { 8: 'FFDDEBF7' } : {},
    });
  });
  rows.push({ values: [null, null, null], look: ROW });
  rows.push({ values: [1e21, 1e-7, -0, 123456789012, 2 ** 53], look: ROW });
  return [
    { name: 'Findings & more', columns, frozenRows: 4, rows },
    {
      name: 'Second',
      columns: [{ width: 10 }, { width: 10 }, { width: 30, numFmt: '0%' }],
      frozenRows: 1,
      rows: [
        { values: ['A', 'B', 'C'], look: HEADER },
        { values: ['plain', 'Report & title', 0.5], look: ROW, fills: { 3: 'FFFFEB9C' } },
      ],
    },
  ];
}

function merged(look: Look, numFmt: string | undefined, fill: string | undefined): Look {
  const out: Look = { ...look };
  if (numFmt) out.numFmt = numFmt;
  if (fill) out.fill = fill;
  return out;
}

/** Writes the sheets with the report writer; returns the file's bytes. */
async function writeOurs(sheets: SheetSpec[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const book = new XlsxBookWriter(sink, {
    creator: 'Test',
    created: new Date(Date.UTC(2000, 0, 1)),
  });
  for (const spec of sheets) {
    const sheet = await book.addSheet(spec.name, {
      columns: spec.columns,
      frozenRows: spec.frozenRows,
      autoFilter: {
        headerRow: spec.frozenRows,
        lastRow: spec.rows.length,
        lastColumn: spec.columns.length,
      },
    });
    for (const row of spec.rows) {
      const looks = row.values.map((_, i) =>
        merged(row.look, spec.columns[i]?.numFmt, row.fills?.[i + 1] ?? row.look.fill),
      );
      await sheet.addRow(row.values, row.look, looks);
    }
    await sheet.end();
  }
  await book.finish();
  return Buffer.concat(chunks);
}

function exceljsFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Writes the same sheets the ordinary way through exceljs's streaming writer (the oracle). */
async function writeWithExceljs(sheets: SheetSpec[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  wb.creator = 'Test';
  wb.lastModifiedBy = 'Test';
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', ySplit: spec.frozenRows, xSplit: 0 }],
    });
    spec.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    ws.autoFilter = {
      from: { row: spec.frozenRows, column: 1 },
      to: { row: spec.rows.length, column: spec.columns.length },
    };
    for (const row of spec.rows) {
      const r = ws.addRow(row.values);
      if (row.look.font) r.font = { ...row.look.font };
      if (row.look.fill) r.fill = exceljsFill(row.look.fill);
      if (row.look.alignment) r.alignment = { ...row.look.alignment };
      for (const [column, argb] of Object.entries(row.fills ?? {})) {
        r.getCell(Number(column)).fill = exceljsFill(argb);
      }
      r.commit();
    }
    ws.commit();
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

interface Part {
  text: string;
  crcMatches: boolean;
  method: number;
}

/** Returns the parts of a zip by name, inflated, with whether each one's CRC-32 is right. */
function unzip(bytes: Buffer): Promise<Map<string, Part>> {
  return new Promise((resolveParts, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const parts = new Map<string, Part>();
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (openErr, stream) => {
          if (openErr || !stream) return reject(openErr ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            const data = Buffer.concat(chunks);
            parts.set(entry.fileName.replace(/^\//, ''), {
              text: data.toString('utf8'),
              crcMatches: crc32(data) >>> 0 === entry.crc32,
              method: entry.compressionMethod,
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolveParts(parts));
      zip.readEntry();
    });
  });
}

describe('the report .xlsx writer', () => {
  it("writes the same parts as exceljs's streaming writer, byte for byte", async () => {
    const [ours, theirs] = await Promise.all([
      writeOurs(specs()).then(unzip),
      writeWithExceljs(specs()).then(unzip),
    ]);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, part] of theirs) {
      expect([name, ours.get(name)?.text]).toEqual([name, part.text]);
    }
    // What the test covers is really there: escaping, preserved spaces, dropped controls.
    const strings = ours.get('xl/sharedStrings.xml')!.text;
    expect(strings).toContain('&lt;b&gt; &amp; &quot;quotes&quot; &amp; &apos;apostrophes&apos;');
    expect(strings).toContain('<t xml:space="preserve"> leading space</t>');
    expect(strings).toContain('control  gone, CR \r kept');
    expect(ours.get('xl/worksheets/sheet1.xml')!.text).toContain('<col min="2" max="3" width="20"');
  });

  it('reads back in exceljs with the values, formats and fills written', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeOurs(specs())) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Findings & more')!;
    expect(ws.getCell('A5').value).toBe('plain');
    expect(ws.getCell('A7').value).toBe(AWKWARD_TEXT[2]);
    expect(ws.getCell('A7').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C5').value).toBe(true);
    expect((ws.getCell('G6').value as Date).toISOString()).toBe('2026-02-02T00:00:00.000Z');
    expect(ws.getCell('G6').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('I5').numFmt).toBe('mm-dd-yy');
    expect((ws.getCell('A5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('B5').font?.bold).toBeUndefined();
    expect(ws.getCell('A4').font).toEqual({ bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getColumn(8).width).toBe(10);
    expect(ws.autoFilter).toBe('A4:I16');
  });

  it('writes a well-formed zip: every entry deflated, sizes and CRC-32 right', async () => {
    const parts = await unzip(await writeOurs(specs()));
    expect(parts.size).toBe(11);
    for (const [name, part] of parts) {
      expect([name, part.method, part.crcMatches]).toEqual([name, 8, true]);
    }
  });

  it('rejects, without hanging, when the sink fails part-way', async () => {
    let writes = 0;
    const sink = new Writable({
      highWaterMark: 1024,
      write(_chunk: Buffer, _encoding, done) {
        writes += 1;
        setImmediate(() => done(writes > 3 ? new Error('disk full') : null));
      },
    });
    const book = new XlsxBookWriter(sink, { creator: 'Test', created: new Date(0) });
    const writing = (async () => {
      const sheet = await book.addSheet('Big', {
        columns: [{ width: 40 }],
        frozenRows: 1,
        autoFilter: { headerRow: 1, lastRow: 20001, lastColumn: 1 },
      });
      for (let i = 0; i < 20000; i++)
        await sheet.addRow([`row ${i} ${'x'.repeat(i % 50)}`], ROW, [ROW]);
      await sheet.end();
      await book.finish();
    })();
    await expect(writing).rejects.toThrow('disk full');
  });

  it.each([
    ['', 'is not a worksheet name'],
    ['x'.repeat(32), 'is not a worksheet name'],
    ['Q3/Q4', 'is not a worksheet name'],
    ['[draft]', 'is not a worksheet name'],
    ['items', 'already has a worksheet named'],
  ])('refuses the sheet name %j', async (name, message) => {
    const book = new XlsxBookWriter(new Writable({ write: (_c, _e, done) => done() }), {
      creator: 'Test',
      created: new Date(0),
    });
    const sheet = await book.addSheet('Items', {
      columns: [{ width: 10 }],
      frozenRows: 1,
      autoFilter: { headerRow: 1, lastRow: 1, lastColumn: 1 },
    });
    await sheet.end();
    await expect(
      book.addSheet(name, {
        columns: [{ width: 10 }],
        frozenRows: 1,
        autoFilter: { headerRow: 1, lastRow: 1, lastColumn: 1 },
      }),
    ).rejects.toThrow(message);
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('names column %i %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });

  it.each([
    ['plain', 'plain'],
    ['a<b>&"\'', 'a&lt;b&gt;&amp;&quot;&apos;'],
    ['\u0000x\u0009\u000a\u000d\u007f', 'x\u0009\u000a\u000d'],
    // Noncharacters XML 1.0 cannot hold (exceljs would write them); U+FFFD is a character.
    ['a\ufffeb\uffffc\ufffd', 'abc\ufffd'],
  ])('encodes %j for XML', (text, encoded) => {
    expect(xmlEncode(text)).toBe(encoded);
  });
});
