/**
 * runAudit keeps findings and items in temp files past `spillAbove` (`FileRecords`): the
 * reports are byte for byte those of a run that held them in memory, the trend against last
 * quarter included (whose findings are kept the same way), and the temp files are gone when the
 * run ends, also when it fails; those a killed run left behind are removed by the next.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  findWorkbooks,
  removeStaleSpills,
  runAudit,
  type AuditOptions,
} from '../../audit/run-audit';
import { writeRealisticWorkbook } from '../../bench/corpus';
import { organisation, tempDir, writeWorkbook } from './support/workbooks';

const ROOT = resolve(__dirname, '..', '..');
const tmp = tempDir('raci-run-audit-');
let inputs: string;

beforeAll(async () => {
  inputs = join(tmp.dir, 'inputs');
  mkdirSync(inputs, { recursive: true });
  for (let i = 0; i < 5; i++) await writeRealisticWorkbook(join(inputs, `workbook-${i}.xlsx`), i);
  await writeWorkbook(join(inputs, 'org.xlsx'), organisation());
  writeFileSync(join(inputs, 'broken.xlsx'), 'not a workbook');
});
afterAll(() => tmp.cleanup());

/** Spill folders in the system temp folder (`FileRecords` names them raci-audit-<what>-...). */
function spillFolders(): string[] {
  return readdirSync(tmpdir()).filter((n) => /^raci-audit-(sponsor-)?(findings|items)-/.test(n));
}

/** Runs 2026-Q2 and then 2026-Q3 (its trend against Q2) into `out`. */
async function twoQuarters(out: string, spillAbove?: number) {
  const common: AuditOptions = {
    paths: [inputs, join(ROOT, 'examples/workbooks')],
    today: '2026-11-22',
    outDir: out,
    workers: 0,
    spillAbove,
  };
  await runAudit({ ...common, quarter: '2026-Q2' });
  return runAudit({ ...common, quarter: '2026-Q3' });
}

function text(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

it('writes the same reports with every finding and item in temp files as held in memory', async () => {
  const before = new Set(spillFolders());
  const held = await twoQuarters(join(tmp.dir, 'held'));
  const spilled = await twoQuarters(join(tmp.dir, 'spilled'), 0);
  expect(spilled.written).toEqual(held.written);
  expect(held.previousFile).toBeDefined();
  for (const name of held.written.filter((n) => /\.(json|html|txt)$/.test(n))) {
    expect({ name, text: text(spilled.outputDir, name) }).toEqual({
      name,
      text: text(held.outputDir, name),
    });
  }
  const report = JSON.parse(text(held.outputDir, 'report.json'));
  expect(report.previousQuarter).toBe('2026-Q2');
  expect(report.findings.length).toBeGreaterThan(20);
  expect(report.sponsors.some((s: { newFindings?: unknown[] }) => s.newFindings)).toBe(true);
  expect(spilled.report).toEqual(held.report);
  expect(spillFolders().filter((n) => !before.has(n))).toEqual([]);
});

it('removes its temp files when the run fails', async () => {
  const before = new Set(spillFolders());
  const blocked = join(tmp.dir, 'a-file');
  writeFileSync(blocked, 'not a folder');
  await expect(
    runAudit({
      paths: [inputs],
      today: '2026-11-22',
      quarter: '2026-Q3',
      outDir: join(blocked, 'out'),
      workers: 0,
      spillAbove: 0,
    }),
  ).rejects.toThrow();
  expect(spillFolders().filter((n) => !before.has(n))).toEqual([]);
});

/** Every file under `dir` whose name is a writer's temp file (`.<name>.<pid>.<ms>.tmp`). */
function tempFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) =>
    /(^|\/)\.[^/]+\.\d+\.\d+\.tmp$/.test(n),
  );
}

describe('the compliance workbook is written alongside the other reports', () => {
  const run = (outDir: string) =>
    runAudit({
      paths: [inputs],
      today: '2026-11-22',
      quarter: '2026-Q3',
      outDir,
      workers: 0,
      spillAbove: 0,
    });

  it('fails the run when it cannot be put in place, once the other reports are done', async () => {
    const before = new Set(spillFolders());
    const out = join(tmp.dir, 'compliance-blocked');
    // A folder (not empty) where the workbook goes: its temp file cannot be renamed over it.
    mkdirSync(join(out, '2026-Q3', 'compliance-2026-Q3.xlsx', 'taken'), { recursive: true });
    await expect(run(out)).rejects.toThrow(/compliance-2026-Q3\.xlsx/);
    const dir = join(out, '2026-Q3');
    expect(JSON.parse(text(dir, 'report.json')).summary.inputs).toBe(7);
    expect(readdirSync(join(dir, 'sponsors')).filter((n) => n.endsWith('.eml')).length).toBe(
      readdirSync(join(dir, 'sponsors')).filter((n) => n.endsWith('.html')).length,
    );
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(tempFilesUnder(dir)).toEqual([]);
    expect(spillFolders().filter((n) => !before.has(n))).toEqual([]);
  });

  it('fails the run when a summary cannot be written, with the workbook still in place', async () => {
    const before = new Set(spillFolders());
    const out = join(tmp.dir, 'sponsors-blocked');
    mkdirSync(join(out, '2026-Q3'), { recursive: true });
    writeFileSync(join(out, '2026-Q3', 'sponsors'), 'a file where the folder goes');
    await expect(run(out)).rejects.toThrow(/sponsors/);
    const dir = join(out, '2026-Q3');
    expect(readFileSync(join(dir, 'compliance-2026-Q3.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(tempFilesUnder(dir)).toEqual([]);
    expect(spillFolders().filter((n) => !before.has(n))).toEqual([]);
  });
});

it('tells every failure when several reports cannot be written', async () => {
  const out = join(tmp.dir, 'both-blocked');
  mkdirSync(join(out, '2026-Q3', 'compliance-2026-Q3.xlsx', 'taken'), { recursive: true });
  writeFileSync(join(out, '2026-Q3', 'sponsors'), 'a file where the folder goes');
  const failure = await runAudit({
    paths: [inputs],
    today: '2026-11-22',
    quarter: '2026-Q3',
    outDir: out,
    workers: 0,
  }).catch((e: unknown) => e as Error);
  expect(failure).toBeInstanceOf(Error);
  expect((failure as Error).message).toMatch(
    /failed 2 times: .*compliance-2026-Q3\.xlsx.*; .*sponsors/,
  );
  expect(tempFilesUnder(join(out, '2026-Q3'))).toEqual([]);
});

/** Returns a process id that no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 1000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free process id found');
}

it("removes the spill folders of ended runs, and old ones, but not a running audit's", async () => {
  const dir = join(tmp.dir, 'system-temp');
  const dead = `raci-audit-findings-${deadPid()}-aB3dE9`;
  const mine = `raci-audit-items-${process.pid}-Zz9Yy8`;
  const running = `raci-audit-sponsor-findings-${process.ppid}-Qq1Ww2`;
  const oldRunning = `raci-audit-items-${process.ppid}-Old123`;
  const other = 'raci-audit-Xq1234';
  for (const name of [dead, mine, running, oldRunning, other]) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'findings.bin'), 'x');
  }
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(join(dir, oldRunning), twoDaysAgo, twoDaysAgo);
  expect(await removeStaleSpills(dir)).toEqual([dead, oldRunning].sort());
  expect(readdirSync(dir).sort()).toEqual([mine, other, running].sort());
  expect(existsSync(join(dir, dead))).toBe(false);
  expect(await removeStaleSpills(join(dir, 'missing'))).toEqual([]);
});

it('names every workbook found once, even when paths hold files of the same name', async () => {
  const dir = join(tmp.dir, 'same-names');
  for (const folder of ['a', 'b', 'c']) {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'x.xlsx'), 'x');
  }
  writeFileSync(join(dir, 'x.xlsx (2)'), 'x');
  const found = await findWorkbooks(
    [join(dir, 'a'), join(dir, 'b'), join(dir, 'x.xlsx (2)'), join(dir, 'c')],
    join(tmp.dir, 'out'),
  );
  expect(found.map((f) => f.file)).toEqual([
    'x.xlsx',
    'x.xlsx (2)',
    'x.xlsx (2) (2)',
    'x.xlsx (3)',
  ]);
});

it("keeps the order of last quarter's findings for the trend, even when a file's findings are apart", async () => {
  const out = join(tmp.dir, 'trend-order');
  const common: AuditOptions = {
    paths: [inputs],
    today: '2026-11-22',
    outDir: out,
    workers: 0,
    spillAbove: 0,
  };
  const q2 = await runAudit({ ...common, quarter: '2026-Q2' });
  const previous = JSON.parse(text(q2.outputDir, 'report.json'));
  // Three findings that are gone this quarter, on items of one sponsor in two files, listed
  // first file, second file, first file again (not as this tool writes them).
  const sponsor = previous.sponsors.find(
    (s: { itemList: { file: string }[] }) => new Set(s.itemList.map((i) => i.file)).size > 1,
  );
  const a = sponsor.itemList[0];
  const b = sponsor.itemList.find((i: { file: string }) => i.file !== a.file);
  const gone = (at: { file: string; name: string }, message: string) => ({
    rule: 'matrix/no-accountable',
    severity: 'error',
    message,
    file: at.file,
    sheet: 'Gone',
    item: at.name,
  });
  previous.findings.unshift(gone(a, 'first'), gone(b, 'second'), gone(a, 'third'));
  const previousFile = join(tmp.dir, 'previous-apart.json');
  writeFileSync(previousFile, JSON.stringify(previous));
  const q3 = await runAudit({ ...common, quarter: '2026-Q3', previous: previousFile });
  const report = JSON.parse(text(q3.outputDir, 'report.json'));
  const resolved = report.sponsors
    .find((s: { slug: string }) => s.slug === sponsor.slug)
    .resolvedFindings.filter((f: { sheet: string }) => f.sheet === 'Gone');
  expect(resolved.map((f: { message: string }) => f.message)).toEqual(['first', 'second', 'third']);
});
