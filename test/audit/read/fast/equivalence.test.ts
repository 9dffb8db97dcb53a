/**
 * The switch's proof: the one-pass reader gives deep-equal `SheetInput[]` to `readWorkbook`
 * (exceljs behind the guard) on the bundled examples, the workbooks the audit tests build
 * (`test/audit/support/workbooks.ts`, the guard's RACI workbooks), a few hundred workbooks of
 * the bench corpus generator, and targeted hand-written files: dates in both date systems
 * and every kind of date format, formulas with cached results of every type, rich text and
 * phonetic runs, hyperlinks, merges, inline strings, booleans, errors, and a Google Sheets
 * style export with a huge empty used range. For all of these the one pass must really read
 * the file (`kind: 'read'`), not fall back. Files it does not copy exceljs on must fall back
 * and still end exactly as the original path does. Every file goes through both ways of
 * reading it: streamed from disk (`readOnePass`) and from its bytes in memory
 * (`readOnePassFromBytes`, what `auditFile` uses for files up to 2 MB).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { writeLargeMatrixWorkbook, writeRealisticWorkbook } from '../../../../bench/corpus';
import { readGuarded } from '../../../../audit/guard/guarded-read';
import {
  readOnePass,
  readOnePassFromBytes,
  readWorkbookFromBytes,
  readWorkbookOnePass,
} from '../../../../audit/read/fast/one-pass';
import { readWorkbook } from '../../../../audit/read/xlsx';
import { raciWorkbook } from '../../guard/support/workbooks';
import {
  organisation,
  tempDir,
  utcDate,
  workbookBytes,
  type XSheet,
} from '../../support/workbooks';
import { rawWorkbook, type RawWorkbook } from './raw-xlsx';

const EXAMPLES = join(__dirname, '../../../../examples');

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('raci-one-pass-')));
afterAll(() => cleanup());

let counter = 0;
function save(bytes: Buffer): string {
  const path = join(dir, `w${++counter}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

/**
 * Expects the one pass to read `path` itself, streamed and from its bytes in memory, giving
 * exactly what exceljs gives.
 */
async function expectSameRead(path: string): Promise<void> {
  const expected = await readWorkbook(path);
  const outcome = await readOnePass(path);
  expect(outcome).toStrictEqual({ kind: 'read', sheets: expected });
  expect(await readOnePassFromBytes(readFileSync(path))).toStrictEqual({
    kind: 'read',
    sheets: expected,
  });
}

async function settle(read: () => Promise<unknown>): Promise<unknown> {
  try {
    return { sheets: await read() };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

describe('bundled examples', () => {
  const files = [
    join(EXAMPLES, 'leadership.xlsx'),
    ...readdirSync(join(EXAMPLES, 'workbooks'))
      .filter((f) => f.endsWith('.xlsx'))
      .map((f) => join(EXAMPLES, 'workbooks', f)),
  ];
  it('finds the examples', () => expect(files.length).toBeGreaterThanOrEqual(3));
  test.each(files)('%s', (path) => expectSameRead(path));
});

describe('workbooks the audit tests build', () => {
  const variants: [string, XSheet[]][] = [
    ['organisation', organisation()],
    ['organisation, formula text', organisation({ activityText: '=HYPERLINK("http://x","y")' })],
    ['organisation, escaping', organisation({ activityText: '<b>Tom & "Jerry"</b> \'x\'' })],
    [
      'organisation, other holders',
      organisation({ prefix: 'B ', sponsorOfSecond: 'Grace Okafor', ownerHolders: 'ann@x.org' }),
    ],
    ['organisation, leadership rows', organisation({ leadership: [['Ann', 'a@x.org', false]] })],
  ];
  test.each(variants)('%s', async (_name, sheets) =>
    expectSameRead(save(await workbookBytes(sheets))),
  );

  it("the guard's RACI workbooks (merged title, styles, a 32,767-character cell)", async () => {
    await expectSameRead(save(await raciWorkbook()));
    await expectSameRead(save(await raciWorkbook({ longText: 'x'.repeat(32_767) })));
  });

  it('every cell value exceljs writes, hyperlinks and merges included', async () => {
    const values: ExcelJS.CellValue[] = [
      'A/R',
      42,
      -0.5,
      true,
      false,
      utcDate('2026-09-30'),
      new Date(Date.UTC(2026, 0, 1, 23, 30)),
      utcDate('1900-01-01'),
      utcDate('1900-03-01'),
      { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue,
      { formula: 'TODAY()', result: utcDate('2026-07-01') } as ExcelJS.CellFormulaValue,
      { formula: 'A1' } as ExcelJS.CellFormulaValue,
      { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue,
      { formula: '"x"&"y"', result: 'xy' } as ExcelJS.CellFormulaValue,
      { formula: 'TRUE()', result: true } as ExcelJS.CellFormulaValue,
      { richText: [{ text: 'Log ' }, { text: 'the incident', font: { bold: true } }] },
      { text: 'Run the review', hyperlink: 'https://example.org' },
      { text: 'Internal', hyperlink: '#Roles!A1' },
      {
        text: { richText: [{ text: 'Rich' }, { text: 'Link' }] },
        hyperlink: 'https://x',
      } as unknown as ExcelJS.CellValue,
      { error: '#N/A' } as ExcelJS.CellErrorValue,
      '   ',
      ' padded ',
      'line\nbreak',
      'tab\there',
      '_x000D_ literal',
      'emoji 🧭 and ü',
    ];
    const sheets: XSheet[] = [
      { name: 'Values', rows: values.map((v, i) => [`row ${i}`, v, null, v]) },
      {
        name: 'Merged',
        rows: [['Title', 'lost'], [], ['a', 'b', 'c'], ['d', 'e', 'f'], [null, null, 'only slave']],
        merges: ['A1:D1', 'A3:C4', 'B5:C5'],
      },
      { name: 'Empty', rows: [] },
    ];
    await expectSameRead(save(await workbookBytes(sheets)));
  });
});

describe('bench corpus workbooks', () => {
  it("a 3,000-activity matrix from exceljs's streaming writer (shared strings, no styles)", async () => {
    const path = join(dir, 'large-matrix.xlsx');
    await writeLargeMatrixWorkbook(path, 3000, 12);
    await expectSameRead(path);
  });

  const COUNT = 240;
  it(`${COUNT} seeded realistic workbooks read the same`, async () => {
    for (let i = 0; i < COUNT; i++) {
      const path = join(dir, `corpus-${i}.xlsx`);
      await writeRealisticWorkbook(path, i);
      await expectSameRead(path);
    }
  }, 60_000);
});

const DATE_SERIALS = [
  '0',
  '1',
  '59',
  '60',
  '61',
  '45000.75',
  '45000.99999999',
  '-5',
  '3000000',
  '1e20',
  '2024-01-02',
];

function datesWorkbook(date1904: boolean): RawWorkbook {
  // Styles: 1 = 14, 2 = yyyy-mm-dd, 3 = "day"0 (quoted), 4 = [Red]0.00, 5 = \d0 (escaped),
  // 6 = 22, 7 = 47, 8 = 2 (0.00), 9 = a built-in id with no code (99), 10 = [h]:mm.
  const styles = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const rows = DATE_SERIALS.map(
    (serial, r) =>
      `<row r="${r + 1}">` +
      styles
        .map(
          (s, c) => `<c r="${String.fromCharCode(65 + c)}${r + 1}" s="${s}"><v>${serial}</v></c>`,
        )
        .join('') +
      `<c r="K${r + 1}"><v>${serial}</v></c><c r="L${r + 1}" s="0"><v>${serial}</v></c></row>`,
  );
  return {
    date1904,
    numFmts: { 164: 'yyyy-mm-dd', 165: '"day"0', 166: '[Red]0.00', 167: '\\d0', 168: '[h]:mm' },
    cellXfs: [14, 164, 165, 166, 167, 22, 47, 2, 99, 168],
    sheets: [{ name: 'Dates', sheetData: rows.join('') }],
  };
}

describe('targeted hand-written files', () => {
  const cases: [string, RawWorkbook][] = [
    ['dates, 1900 system', datesWorkbook(false)],
    ['dates, 1904 system', datesWorkbook(true)],
    [
      'formulas with cached results',
      {
        cellXfs: [14],
        sheets: [
          {
            name: 'Formulas',
            sheetData:
              '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"x"</f><v>a &amp;amp;lt; b &amp;amp;amp; c</v></c>' +
              '<c r="C1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
              '<c r="E1"><f>A1</f></c><c r="F1"><f>A1</f><v></v></c><c r="G1" t="str"><f>""</f><v></v></c></row>' +
              '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">B1</f><v>3</v></c><c r="B2" s="1"><f>TODAY()</f><v>46000.5</v></c>' +
              '<c r="C2" s="1" t="e"><f>NA()</f><v>#N/A</v></c><c r="D2" s="1" t="str"><f>"12"</f><v>12</v></c><c r="E2" s="1" t="b"><f>TRUE()</f><v>1</v></c></row>' +
              '<row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c><c r="B3"><f t="shared" si="0"/></c><c r="C3" t="str"><f t="array" ref="C3">"arr"</f><v>arr</v></c></row>' +
              '<row r="5"><c r="A5" t="str"><f>" "</f><v> </v></c></row>',
          },
        ],
      },
    ],
    [
      'shared strings: rich text, phonetic runs, escapes, blanks',
      {
        sharedStrings: [
          '<si><t>Plain</t></si>',
          '<si><r><t>Log </t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">the incident</t></r></si>',
          '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>',
          '<si><t>Line_x000D__x000A_two _x00e9_</t></si>',
          '<si/>',
          '<si><t/></si>',
          '<si><t xml:space="preserve">   </t></si>',
          '<si><t>Tom &amp; &quot;Jerry&quot; &#233; &#x1F9ED;</t></si>',
          '<si><r><t>A</t></r><r><rPr><i/></rPr></r><r><t>B</t><t>C</t></r></si>',
        ],
        sheets: [
          {
            name: 'Strings',
            sheetData: Array.from(
              { length: 9 },
              (_, i) =>
                `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="C${i + 1}">  <v>${i}</v>  </c></row>`,
            ).join(''),
          },
        ],
      },
    ],
    [
      'inline strings, booleans, errors, odd numbers',
      {
        sheets: [
          {
            name: 'Cells',
            sheetData:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>Inline</t></is></c><c r="B1" t="inlineStr"><is><r><t>Ri</t></r><r><rPr><b/></rPr><t>ch_x0041_</t></r></is></c>' +
              '<c r="C1" t="inlineStr"><is><t xml:space="preserve">  </t></is></c><c r="D1" t="str"><v>plain &amp;amp;gt; str</v></c></row>' +
              '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="b"><v>true</v></c><c r="D2" t="e"><v>#REF!</v></c></row>' +
              '<row r="3"><c r="A3"><v>1e3</v></c><c r="B3"><v>12abc</v></c><c r="C3"><v>abc</v></c><c r="D3"><v>-0</v></c><c r="E3" t="d"><v>2024-01-02</v></c><c r="F3" t="n"><v>0.1</v></c></row>' +
              '<row r="4" spans="1:3"><c r="A4" s="0"/><c r="B4"/><c r="C4" t="s"/></row>',
          },
        ],
      },
    ],
    [
      'merges with values under them',
      {
        sheets: [
          {
            name: 'Merges',
            sheetData:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="B1" t="inlineStr"><is><t>lost</t></is></c></row>' +
              '<row r="3"><c r="B3"><v>1</v></c><c r="C3"><v>2</v></c></row>' +
              '<row r="4"><c r="B4"><v>3</v></c><c r="E4"><v>4</v></c></row>' +
              '<row r="10"><c r="C10"><v>5</v></c></row><row r="12"><c r="A12"><v>6</v></c></row>',
            after:
              '<mergeCells count="4"><mergeCell ref="A1:D1"/><mergeCell ref="C4:B3"/><mergeCell ref="B10:C10"/><mergeCell ref="AA100:AB200"/></mergeCells>',
          },
        ],
      },
    ],
    [
      'Google Sheets export: 1000 x 26 styled empty cells, hidden sheet, ids out of order',
      {
        cellXfs: [0, 164],
        numFmts: { 164: 'dd/mm/yyyy' },
        sharedStrings: [
          '<si><t>Activity</t></si>',
          '<si><t>Owner</t></si>',
          '<si><t>Log</t></si>',
          '<si><t>R</t></si>',
        ],
        sheets: [
          {
            name: 'RACI',
            sheetId: 7,
            sheetData: Array.from({ length: 1000 }, (_, r) => {
              const cells = Array.from({ length: 26 }, (_, c) => {
                const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
                if (r < 2 && c < 2) return `<c r="${ref}" s="1" t="s"><v>${r * 2 + c}</v></c>`;
                if (r === 2 && c === 2) return `<c r="${ref}" s="2"><v>46000</v></c>`;
                return `<c r="${ref}" s="1"/>`;
              });
              return `<row r="${r + 1}">${cells.join('')}</row>`;
            }).join(''),
          },
          {
            name: 'Hidden notes',
            sheetId: 2,
            state: 'hidden',
            sheetData: '<row r="2"><c r="B2" t="inlineStr"><is><t>secret</t></is></c></row>',
          },
          { name: "Tab & 'x", sheetId: 5, sheetData: '' },
        ],
      },
    ],
  ];
  test.each(cases)('%s', (_name, spec) => expectSameRead(save(rawWorkbook(spec))));
});

describe('files the one pass does not copy exceljs on fall back, ending as the original path does', () => {
  const cases: [string, RawWorkbook][] = [
    [
      'a cell without a reference',
      { sheets: [{ name: 'S', sheetData: '<row r="1"><c><v>1</v></c><c><v>2</v></c></row>' }] },
    ],
    [
      'rows out of order',
      {
        sheets: [
          {
            name: 'S',
            sheetData:
              '<row r="2"><c r="A2"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>',
          },
        ],
      },
    ],
    [
      'overlapping merges',
      {
        sheets: [
          {
            name: 'S',
            sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>',
            after: '<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
          },
        ],
      },
    ],
    [
      'a phonetic run inside a cell',
      {
        sheets: [
          {
            name: 'S',
            sheetData:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh><t>b</t></rPh></is></c></row>',
          },
        ],
      },
    ],
    [
      'duplicate sheet ids',
      {
        sheets: [
          { name: 'A', sheetId: 1, sheetData: '' },
          { name: 'B', sheetId: 1, sheetData: '' },
        ],
      },
    ],
    [
      'a carriage return in text',
      {
        sheets: [
          {
            name: 'S',
            sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
          },
        ],
      },
    ],
  ];
  test.each(cases)('%s', async (_name, spec) => {
    const path = save(rawWorkbook(spec));
    const outcome = await readOnePass(path);
    expect(outcome.kind).toBe('unsupported');
    expect((await readOnePassFromBytes(readFileSync(path))).kind).toBe('unsupported');
    const original = await settle(() => readGuarded(path, 'x.xlsx', () => readWorkbook(path)));
    expect(await settle(() => readWorkbookOnePass(path, 'x.xlsx'))).toStrictEqual(original);
    expect(
      await settle(() => readWorkbookFromBytes(readFileSync(path), path, 'x.xlsx')),
    ).toStrictEqual(original);
  });
});
