/**
 * The CLI as a user runs it, in-process (`main(argv, io)` with captured output and a fixed
 * clock), on workbooks the tests build and on the bundled examples, with the real core:
 * every exit code, every flag, the files written (the xlsx read back, report.json parsed),
 * `--json` keeping stdout pure, progress on a terminal and off it, reruns giving the same
 * bytes, the trend against last quarter, duplicates across workbooks, and `file` paths.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { auditPeriod, EXIT, exitCodeFor, main } from '../../audit/cli';
import { runCli, type CliRun } from './support/run-cli';
import type { ReportJson } from '../../audit/report/model';
import { organisation, tempDir, writeWorkbook } from './support/workbooks';

/** Runs the CLI with a clock fixed at noon on `today` (local time). */
function run(argv: string[], options: { today?: string; tty?: boolean } = {}): Promise<CliRun> {
  return runCli(argv, options);
}

function readReport(out: string, quarter = '2026-Q3'): ReportJson {
  return JSON.parse(readFileSync(join(out, quarter, 'report.json'), 'utf8')) as ReportJson;
}

let dir: string;
let cleanup: () => void;
let orgDir: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  orgDir = join(dir, 'org');
  await writeWorkbook(
    join(orgDir, 'ops.xlsx'),
    organisation({ activityText: '=HYPERLINK("http://x","y")' }),
  );
  await writeWorkbook(join(orgDir, 'finance', 'fin.xlsx'), organisation({ prefix: 'Fin ' }));
});
afterAll(() => cleanup());

describe('exitCodeFor', () => {
  const base = {
    failOn: 'never' as const,
    errors: 0,
    warnings: 0,
    unreadableInputs: 0,
    configErrors: 0,
  };
  it.each([
    ['nothing found', base, EXIT.ok],
    ['errors with --fail-on never', { ...base, errors: 3 }, EXIT.ok],
    [
      'errors with --fail-on error',
      { ...base, failOn: 'error' as const, errors: 1 },
      EXIT.threshold,
    ],
    [
      'warnings only with --fail-on error',
      { ...base, failOn: 'error' as const, warnings: 2 },
      EXIT.ok,
    ],
    [
      'warnings with --fail-on warning',
      { ...base, failOn: 'warning' as const, warnings: 2 },
      EXIT.threshold,
    ],
    [
      'unreadable beats the threshold',
      { ...base, failOn: 'error' as const, errors: 1, unreadableInputs: 1 },
      EXIT.unreadable,
    ],
    [
      'a config error beats everything',
      { ...base, failOn: 'error' as const, errors: 1, unreadableInputs: 1, configErrors: 1 },
      EXIT.usage,
    ],
  ])('%s', (_name, facts, code) => {
    expect(exitCodeFor(facts)).toBe(code);
  });
});

describe('auditPeriod', () => {
  const today = '2026-11-22';
  it.each<
    [string, { quarter?: string; asOf?: string }, number, { quarter: string; asOf?: string }]
  >([
    ['neither: the last quarter that ended', {}, 1, { quarter: '2026-Q3' }],
    [
      'as-of on a quarter end: that quarter',
      { asOf: '2026-09-30' },
      1,
      { quarter: '2026-Q3', asOf: '2026-09-30' },
    ],
    [
      'as-of inside a quarter: the one before',
      { asOf: '2026-11-22' },
      1,
      { quarter: '2026-Q3', asOf: '2026-11-22' },
    ],
    ['as-of on a first day', { asOf: '2026-10-01' }, 1, { quarter: '2026-Q3', asOf: '2026-10-01' }],
    [
      'as-of across a year end',
      { asOf: '2026-02-01' },
      1,
      { quarter: '2025-Q4', asOf: '2026-02-01' },
    ],
    [
      'fiscal year from July',
      { asOf: '2026-09-30' },
      7,
      { quarter: '2027-Q1', asOf: '2026-09-30' },
    ],
    [
      'a quarter and an as-of on its first day',
      { quarter: '2026-Q2', asOf: '2026-04-01' },
      1,
      { quarter: '2026-Q2', asOf: '2026-04-01' },
    ],
    ['a running quarter with no as-of', { quarter: '2026-Q4' }, 1, { quarter: '2026-Q4' }],
  ])('%s', (_name, flags, month, expected) => {
    expect(auditPeriod(flags, today, month)).toEqual(expected);
  });

  it('accepts a quarter that starts today', () => {
    expect(auditPeriod({ quarter: '2027-Q1' }, '2027-01-01', 1)).toEqual({ quarter: '2027-Q1' });
  });

  it.each<[string, { quarter?: string; asOf?: string }, string, RegExp]>([
    [
      'as-of the day before the quarter',
      { quarter: '2026-Q2', asOf: '2026-03-31' },
      today,
      /before 2026-Q2 starts \(2026-04-01\)/,
    ],
    [
      'a quarter starting tomorrow',
      { quarter: '2027-Q1' },
      '2026-12-31',
      /2027-Q1 starts on 2027-01-01, after today \(2026-12-31\)/,
    ],
    [
      'a fiscal quarter that has not started',
      { quarter: '2027-Q2' },
      today,
      /2027-Q2 starts on 2027-04-01/,
    ],
  ])('refuses %s', (_name, flags, day, message) => {
    expect(() => auditPeriod(flags, day, 1)).toThrow(message);
  });
});

describe('raci-audit', () => {
  it('audits a folder: exit 0, every report written, report.json as the SPEC says', async () => {
    const out = join(dir, 'out-basic');
    const r = await run([orgDir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Audited 2 workbooks for 2026-Q3 as of 2026-09-30');
    const base = join(out, '2026-Q3');
    for (const f of ['report.json', 'compliance-2026-Q3.xlsx', 'index.html'])
      expect(existsSync(join(base, f))).toBe(true);
    const report = readReport(out);
    expect(report).toMatchObject({
      schemaVersion: 1,
      quarter: '2026-Q3',
      period: { start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-09-30',
    });
    expect(report.inputs.map((i) => [i.file, i.status])).toEqual([
      ['finance/fin.xlsx', 'ok'],
      ['ops.xlsx', 'ok'],
    ]);
    expect(report.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const payments = report.items.find((i) => i.name === 'Payments')!;
    expect(payments).toMatchObject({
      kind: 'process',
      file: 'ops.xlsx',
      owner: 'Cy Dunn',
      sponsor: 'Ravi Menon',
      compliant: false,
    });
    expect(payments.review).toMatchObject({
      cadence: 'quarterly',
      lastReviewed: '2026-01-10',
      status: 'overdue',
    });
    expect(payments.sponsorReview.status).toBe('missing');
    expect(report.items.find((i) => i.name === 'Incident')?.compliant).toBe(true);
    const dana = report.sponsors.find((s) => s.name === 'Dana Whitfield')!;
    expect(dana).toMatchObject({
      email: 'dana@example.org',
      items: 2,
      compliant: 2,
      compliance: 1,
    });
    for (const s of report.sponsors) {
      for (const ext of ['html', 'txt', 'eml'])
        expect(existsSync(join(base, 'sponsors', `${s.slug}.${ext}`))).toBe(true);
    }
    const accountable = report.findings.filter((f) => f.rule === 'matrix/no-accountable');
    expect(accountable.map((f) => [f.file, f.sheet, f.cell])).toEqual(
      expect.arrayContaining([['ops.xlsx', 'Payments', expect.any(String)]]),
    );
    for (const f of report.findings) expect(typeof f.file).toBe('string');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(base, 'compliance-2026-Q3.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Items',
      'Findings',
      'Review cadence',
      'People',
      'Inputs',
    ]);
    let formulaCells = 0;
    let hyperlinkText = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulaCells += 1;
          if (typeof cell.value === 'string' && cell.value.includes('=HYPERLINK('))
            hyperlinkText += 1;
        }),
      );
    }
    expect(formulaCells).toBe(0);
    expect(hyperlinkText).toBeGreaterThan(0);
    const people = wb.getWorksheet('People')!;
    const names: unknown[] = [];
    people.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toEqual(expect.arrayContaining(['Bo Chan', 'Cy Dunn', 'Di Evans', 'Ann Lee']));
  });

  it('gives the same report.json bytes on a rerun', async () => {
    const a = join(dir, 'rerun-a');
    const b = join(dir, 'rerun-b');
    expect((await run([orgDir, '--out', a, '--as-of', '2026-09-30', '--quiet'])).code).toBe(0);
    expect((await run([orgDir, '--out', b, '--as-of', '2026-09-30', '--quiet'])).code).toBe(0);
    expect(readFileSync(join(a, '2026-Q3', 'report.json'))).toEqual(
      readFileSync(join(b, '2026-Q3', 'report.json')),
    );
    // a rerun into the same folder replaces the files atomically (no temp files left).
    expect((await run([orgDir, '--out', a, '--as-of', '2026-09-30', '--quiet'])).code).toBe(0);
    expect(readFileSync(join(a, '2026-Q3', 'report.json'))).toEqual(
      readFileSync(join(b, '2026-Q3', 'report.json')),
    );
  });

  it('--fail-on error and warning exit 1; never exits 0', async () => {
    const out = join(dir, 'out-fail');
    expect((await run([orgDir, '--out', out, '--fail-on', 'error', '--quiet'])).code).toBe(1);
    expect((await run([orgDir, '--out', out, '--fail-on', 'warning', '--quiet'])).code).toBe(1);
    expect((await run([orgDir, '--out', out, '--fail-on', 'never', '--quiet'])).code).toBe(0);
  });

  it('exits 3 when an input is unreadable, and still audits the rest', async () => {
    const input = join(dir, 'with-broken');
    await writeWorkbook(join(input, 'ops.xlsx'), organisation());
    writeFileSync(join(input, 'broken.xlsx'), 'this is not a workbook');
    const out = join(dir, 'out-broken');
    const r = await run([input, '--out', out, '--fail-on', 'error']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Unreadable: broken.xlsx: the file is not an .xlsx workbook');
    const report = readReport(out);
    expect(report.inputs.find((i) => i.file === 'broken.xlsx')).toMatchObject({
      status: 'unreadable',
    });
    expect(report.items.length).toBe(2);
    expect(
      report.findings.some((f) => f.rule === 'workbook/unreadable' && f.file === 'broken.xlsx'),
    ).toBe(true);
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown flag', ['--frobnicate'], /unknown option '--frobnicate'/],
    ['a malformed quarter', ['--quarter', '2026Q3'], /--quarter must look like 2026-Q3/],
    ['an impossible as-of date', ['--as-of', '2026-02-30'], /--as-of must be a real date/],
    ['a bad --fail-on', ['--fail-on', 'sometimes'], /argument 'sometimes' is invalid/],
    ['a path that does not exist', ['no/such/folder'], /no\/such\/folder does not exist/],
    ['a missing option value', ['--out'], /argument missing/],
    [
      'an as-of before the quarter starts',
      ['--quarter', '2026-Q2', '--as-of', '2026-01-01'],
      /--as-of 2026-01-01 is before 2026-Q2 starts \(2026-04-01\)/,
    ],
    [
      'a quarter that starts after today, with no as-of',
      ['--quarter', '2027-Q4'],
      /2027-Q4 starts on 2027-10-01, after today \(2026-10-01\)/,
    ],
  ];
  for (const [name, argv, message] of usage) {
    it(`exits 2 on ${name}`, async () => {
      const r = await run(
        argv[0] === 'no/such/folder'
          ? argv
          : [orgDir, ...argv, ...(argv.includes('--out') ? [] : ['--out', join(dir, 'never')])],
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('exits 2 on a bad configuration file, naming the key', async () => {
    const config = join(dir, 'bad-config.json');
    writeFileSync(
      config,
      JSON.stringify({ model: 'RACI', dueSoonDays: -3, rules: { 'matrix/nope': 'off' } }),
    );
    const r = await run([orgDir, '--config', config, '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dueSoonDays');
    expect(r.stderr).toContain('rules.matrix/nope');
    writeFileSync(config, '{ not json');
    const r2 = await run([orgDir, '--config', config, '--out', join(dir, 'never')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/bad-config\.json is not valid JSON/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('applies a good configuration file (a rule switched off)', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'matrix/no-accountable': 'off' } }));
    const out = join(dir, 'out-config');
    expect((await run([orgDir, '--config', config, '--out', out, '--quiet'])).code).toBe(0);
    expect(readReport(out).findings.some((f) => f.rule === 'matrix/no-accountable')).toBe(false);
  });

  it('exits 2 on a bad Config sheet in a workbook, naming file, sheet and key', async () => {
    const input = join(dir, 'bad-sheet');
    await writeWorkbook(join(input, 'ops.xlsx'), [
      ...organisation(),
      {
        name: 'Config',
        rows: [
          ['Key', 'Value'],
          ['dueSoonDays', 'soon'],
        ],
      },
    ]);
    const r = await run([input, '--out', join(dir, 'out-bad-sheet')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Configuration error in ops\.xlsx, sheet Config.*dueSoonDays/);
  });

  it('exits 2 on an unusable --previous or --leadership file', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"schemaVersion": 9}');
    const r = await run([orgDir, '--previous', junk, '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a raci-audit report.json');
    const r2 = await run([orgDir, '--leadership', junk, '--out', join(dir, 'never')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/leadership roster .*junk\.json cannot be read/);
  });

  it('--help shows the examples and exit codes, and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: raci-audit');
    expect(r.stdout).toContain('--fail-on <level>');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('3  some input unreadable');
    expect(r.stdout).toContain('4  some sponsor summary not delivered');
  });

  it('--json prints only report.json on stdout', async () => {
    const out = join(dir, 'out-json');
    const r = await run([orgDir, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, '2026-Q3', 'report.json'), 'utf8'));
    expect(JSON.parse(r.stdout).schemaVersion).toBe(1);
    expect(r.stderr).toContain('Audited 2 workbooks');
  });

  it('--json waits for a slow stdout and gives it all of report.json', async () => {
    const out = join(dir, 'out-json-slow');
    const chunks: string[] = [];
    let mostWaiting = 0;
    // A pipe that takes 256 characters before it asks the writer to wait, and drains slowly.
    const stdout = new Writable({
      highWaterMark: 256,
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        chunks.push(chunk);
        mostWaiting = Math.max(mostWaiting, stdout.writableLength);
        setTimeout(done, 5);
      },
    });
    const examples = join(__dirname, '..', '..', 'examples', 'workbooks');
    const code = await main([examples, '--out', out, '--json', '--quiet'], {
      stdout,
      stderr: { write: () => true },
      env: {},
      now: () => new Date(2026, 9, 1, 12),
    });
    await new Promise<void>((resolveEnd) => stdout.end(resolveEnd));
    expect(code).toBe(0);
    const written = readFileSync(join(out, '2026-Q3', 'report.json'), 'utf8');
    expect(chunks.join('')).toBe(written);
    // Several pieces, and never more than one of them waiting in the pipe.
    expect(written.length).toBeGreaterThan(2 * 16 * 1024);
    expect(mostWaiting).toBeLessThanOrEqual(16 * 1024);
  });

  it('--quiet prints nothing on success', async () => {
    const r = await run([orgDir, '--out', join(dir, 'out-quiet'), '--quiet']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('draws a progress bar on a terminal and plain lines otherwise', async () => {
    const tty = await run([orgDir, '--out', join(dir, 'out-tty')], { tty: true });
    const ESC = String.fromCharCode(27);
    expect(tty.stderr).toContain(`\r${ESC}[2K[`);
    expect(tty.stderr).toMatch(/\[#+-*\] 1\/2 finance\/fin\.xlsx/);
    const plain = await run([orgDir, '--out', join(dir, 'out-plain')]);
    expect(plain.stderr).not.toContain('\r');
    expect(plain.stderr).toContain('[1/2] finance/fin.xlsx: read\n');
    expect(plain.stderr).toContain('[2/2] ops.xlsx: read\n');
  });

  it('defaults to the last quarter that ended, and uses as-of = today while a quarter runs', async () => {
    const out = join(dir, 'out-default-quarter');
    expect((await run([orgDir, '--out', out, '--quiet'], { today: '2027-01-01' })).code).toBe(0);
    expect(readReport(out, '2026-Q4')).toMatchObject({ quarter: '2026-Q4', asOf: '2026-12-31' });
    expect(
      (
        await run([orgDir, '--out', out, '--quiet', '--quarter', '2027-Q1'], {
          today: '2027-02-10',
        })
      ).code,
    ).toBe(0);
    expect(readReport(out, '2027-Q1')).toMatchObject({ quarter: '2027-Q1', asOf: '2027-02-10' });
  });

  it('with only --as-of audits the last quarter that ended by then, as of that date', async () => {
    const out = join(dir, 'out-as-of-only');
    const today = { today: '2026-11-22' };
    for (const [asOf, quarter] of [
      ['2026-09-30', '2026-Q3'],
      ['2026-11-22', '2026-Q3'],
      ['2026-05-15', '2026-Q1'],
    ]) {
      const r = await run([orgDir, '--out', out, '--as-of', asOf], today);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`for ${quarter} as of ${asOf}`);
      expect(readReport(out, quarter)).toMatchObject({ quarter, asOf });
    }
  });

  it('audits a future quarter when --as-of falls inside it or later', async () => {
    const out = join(dir, 'out-future-as-of');
    const r = await run(
      [orgDir, '--out', out, '--quiet', '--quarter', '2027-Q4', '--as-of', '2027-10-01'],
      {
        today: '2026-11-22',
      },
    );
    expect(r.code).toBe(0);
    expect(readReport(out, '2027-Q4')).toMatchObject({ quarter: '2027-Q4', asOf: '2027-10-01' });
  });

  it("reports the trend against last quarter's report found under --out", async () => {
    const out = join(dir, 'out-trend');
    expect((await run([orgDir, '--out', out, '--quarter', '2026-Q2', '--quiet'])).code).toBe(0);
    const r = await run([orgDir, '--out', out, '--quarter', '2026-Q3']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Trend against');
    const q2 = readReport(out, '2026-Q2');
    const q3 = readReport(out);
    expect(q3.previousQuarter).toBe('2026-Q2');
    expect(q3.history).toEqual([{ quarter: '2026-Q2', compliance: q2.summary.compliance }]);
    for (const s of q3.sponsors) {
      const before = q2.sponsors.find((p) => p.name === s.name);
      expect(s.previousCompliance).toBe(before?.compliance);
      expect(Array.isArray(s.newFindings)).toBe(true);
      expect(Array.isArray(s.resolvedFindings)).toBe(true);
    }
    // As of 2026-06-30 the reviews dated in Q3 lie in the future: the findings differ.
    const moved = q3.sponsors.reduce(
      (n, s) => n + (s.newFindings?.length ?? 0) + (s.resolvedFindings?.length ?? 0),
      0,
    );
    expect(moved).toBeGreaterThan(0);
    // An explicit --previous wins.
    const copy = join(dir, 'prev.json');
    writeFileSync(copy, readFileSync(join(out, '2026-Q2', 'report.json')));
    const r2 = await run([
      orgDir,
      '--out',
      join(dir, 'out-trend-2'),
      '--quarter',
      '2026-Q3',
      '--previous',
      copy,
    ]);
    expect(r2.stderr).toContain(`Trend against ${copy}`);
  });

  it('reports an item registered in two workbooks as register/duplicate-item in both', async () => {
    const input = join(dir, 'dupes');
    await writeWorkbook(join(input, 'a.xlsx'), organisation());
    await writeWorkbook(join(input, 'b.xlsx'), organisation());
    const out = join(dir, 'out-dupes');
    await run([input, '--out', out, '--quiet']);
    const dupes = readReport(out).findings.filter((f) => f.rule === 'register/duplicate-item');
    expect(dupes.map((f) => [f.file, f.item]).sort()).toEqual([
      ['a.xlsx', 'Incident'],
      ['a.xlsx', 'Payments'],
      ['b.xlsx', 'Incident'],
      ['b.xlsx', 'Payments'],
    ]);
    expect(dupes[0].message).toContain('b.xlsx');
    expect(readReport(out).items.every((i) => !i.compliant)).toBe(true);
  });

  it('with no path audits the bundled examples with their leadership roster', async () => {
    const out = join(dir, 'out-examples');
    const r = await run(['--out', out, '--quarter', '2026-Q3']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('auditing the bundled examples');
    const report = readReport(out);
    expect(report.inputs.length).toBeGreaterThanOrEqual(2);
    expect(report.sponsors.length).toBeGreaterThanOrEqual(4);
    expect(report.items.some((i) => i.compliant)).toBe(true);
    expect(report.items.some((i) => !i.compliant)).toBe(true);
    expect(report.findings.some((f) => f.rule === 'register/sponsor-not-in-leadership')).toBe(true);
    expect(report.findings.some((f) => f.rule === 'register/duplicate-item')).toBe(true);
    // Waivers row 2 waives the unknown code on Change!G8; it no longer counts as an error.
    expect(report.findings.filter((f) => f.waived).map((f) => [f.rule, f.sheet, f.cell])).toEqual([
      ['matrix/unknown-code', 'Change', 'G8'],
    ]);
    expect(report.summary.findings.waived).toBe(1);
    expect(r.stderr).toContain(', 1 waived.');
  });

  it('one sponsor and one People row per person across workbooks that write them differently', async () => {
    const input = join(dir, 'people');
    await writeWorkbook(
      join(input, 'a.xlsx'),
      organisation({
        prefix: 'A ',
        sponsorOfSecond: 'Grace Okafor',
        ownerHolders: 'Ann Lee <ann@x.org>',
        leadership: [
          ['Dana Whitfield', 'dana@example.org', 'yes'],
          ['Grace Okafor', 'grace@example.org', 'yes'],
        ],
      }),
    );
    await writeWorkbook(
      join(input, 'b.xlsx'),
      organisation({ prefix: 'B ', sponsorOfSecond: 'Grace Okafor', ownerHolders: 'ann@x.org' }),
    );
    await writeWorkbook(
      join(input, 'c.xlsx'),
      organisation({ prefix: 'C ', ownerHolders: 'ann lee' }),
    );
    const out = join(dir, 'out-people');
    expect((await run([input, '--out', out, '--quiet'])).code).toBe(0);
    const report = readReport(out);
    const graces = report.sponsors.filter((s) => s.slug.startsWith('grace-okafor'));
    expect(graces.map((s) => [s.slug, s.email, s.items])).toEqual([
      ['grace-okafor', 'grace@example.org', 2],
    ]);
    expect(existsSync(join(out, '2026-Q3', 'sponsors', 'grace-okafor-2.txt'))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '2026-Q3', 'compliance-2026-Q3.xlsx'));
    const names: string[] = [];
    wb.getWorksheet('People')?.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names.filter((n) => /ann/i.test(n))).toEqual(['Ann Lee <ann@x.org>']);
  });

  it('never audits its own output folder', async () => {
    const input = join(dir, 'self');
    await writeWorkbook(join(input, 'ops.xlsx'), organisation());
    const out = join(input, 'reports');
    mkdirSync(out, { recursive: true });
    await run([input, '--out', out, '--quiet']);
    await run([input, '--out', out, '--quiet']);
    expect(readReport(out).inputs.map((i) => i.file)).toEqual(['ops.xlsx']);
  });
});
