/**
 * `npm run bench`: RACI Guard's benchmark, run in one go and bounded in time (each measured
 * process is killed after `CHILD_TIMEOUT_MS`). It builds the audit CLI and the add-on, writes
 * synthetic corpora to a temporary folder (removed at the end, also on failure), and prints:
 * - the whole `raci-audit` run (every report written) on 200 and 1,000 realistic workbooks,
 *   each against a plain sequential exceljs load of the same files (what a hand-written script
 *   does), as a ratio, and on 3,000 alone for how memory grows past 1,000; all run as child processes started the same way, timed from start to
 *   exit, with peak memory = VmHWM of that process (main thread and all worker threads); the
 *   200-workbook pair runs twice and keeps each side's faster run;
 * - the per-file p50/p95 of auditing one workbook (read + analyse), one at a time in this process;
 * - the audit of one 50,000-row matrix sheet, its time and peak memory;
 * - the core's analysis time of a 5,000-activity x 40-role matrix (median of 7 after warm-up);
 * - the Spreadsheet service calls of one add-on validation of a 10-row and a 2,000-row sheet
 *   (the real built bundle in node:vm over the counting fake);
 * and then one line saying which targets hold.
 */
import { spawn, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../src/core/analyse';
import { defaultConfig } from '../src/core/config';
import { auditFile } from '../audit/audit-file';
import { loadAddon, readBuiltAddon } from '../test/support/addon-harness';
import { plainMatrix } from '../test/addon/workbooks';
import { matrixGrid, writeLargeMatrixWorkbook, writeRealisticWorkbook } from './corpus';

const ROOT = resolve(__dirname, '..');
const CHILD_TIMEOUT_MS = 180_000;
const QUARTER = '2026-Q3';
const TODAY = '2026-11-22';
const MB = 1024 * 1024;

/** What a plain hand-written script does: load every workbook with exceljs, one after another. */
const PLAIN_EXCELJS_LOAD = `
const ExcelJS = require('exceljs');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
(async () => {
  const dir = process.env.BENCH_DIR;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort()) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, name));
  }
})();
`;

interface ChildRun {
  seconds: number;
  peakBytes: number;
  exitCode: number | null;
}

/** Runs `node --require bench/peak-rss.js ...args` and returns its wall time, peak memory and exit code. */
function runMeasured(
  args: string[],
  env: Record<string, string>,
  peakFile: string,
): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--require', join(ROOT, 'bench', 'peak-rss.js'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, BENCH_PEAK_FILE: peakFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (signal) {
        reject(
          new Error(
            `${args.join(' ')} was stopped (${signal}) after ${seconds.toFixed(0)} s\n${stderr}`,
          ),
        );
        return;
      }
      const peak = Number(await readFile(peakFile, 'utf8').catch(() => '0'));
      resolvePromise({ seconds, peakBytes: peak, exitCode: code });
    });
  });
}

function plainLoad(dir: string, work: string): Promise<ChildRun> {
  return runMeasured(['-e', PLAIN_EXCELJS_LOAD], { BENCH_DIR: dir }, join(work, 'peak-plain'));
}

async function wholeAudit(dir: string | string[], work: string, out: string): Promise<ChildRun> {
  const dirs = typeof dir === 'string' ? [dir] : dir;
  const run = await runMeasured(
    [join(ROOT, 'bin', 'raci-audit.js'), ...dirs, '--quarter', QUARTER, '--out', out, '--quiet'],
    {},
    join(work, 'peak-audit'),
  );
  // 0 and 1 are finished audits; 3 means some input was unreadable, which a corpus never is.
  if (run.exitCode !== 0 && run.exitCode !== 1) {
    throw new Error(`raci-audit ${dir} exited ${run.exitCode}`);
  }
  const written = await readdir(join(out, QUARTER));
  if (!written.includes('report.json'))
    throw new Error(`raci-audit wrote no report.json under ${out}`);
  return run;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function perFileTimes(dir: string): Promise<{ p50: number; p95: number }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.xlsx')).sort();
  const options = { today: TODAY, quarter: QUARTER, asOf: '2026-09-30', config: defaultConfig() };
  const times: number[] = [];
  for (const name of names) {
    const t = performance.now();
    await auditFile({ path: join(dir, name), file: name }, options);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function coreMatrixMs(): { median: number; findings: number } {
  const sheet = matrixGrid(5000, 40);
  const options = { today: TODAY, quarter: QUARTER, asOf: '2026-09-30' };
  let findings = 0;
  for (let i = 0; i < 2; i++) findings = analyse([sheet], options).findings.length;
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    analyse([sheet], options);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[3], findings };
}

function addonCalls(addonDir: string): { small: number; large: number; same: boolean } {
  const build = readBuiltAddon(addonDir);
  const now = new Date('2026-11-20T03:00:00Z');
  const small = loadAddon(plainMatrix(10), { now, build });
  const large = loadAddon(plainMatrix(2000), { now, build });
  small.fake.calls.reset();
  large.fake.calls.reset();
  small.call('validate');
  large.call('validate');
  const a = JSON.stringify(small.fake.calls.snapshot());
  const b = JSON.stringify(large.fake.calls.snapshot());
  return { small: small.fake.calls.count(), large: large.fake.calls.count(), same: a === b };
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const sec = (s: number) => `${s.toFixed(2)} s`;

/** Runs the benchmark and prints the figures; returns when the temporary folder is removed. */
export async function main(): Promise<void> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'raci-bench-'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log(
      `RACI Guard benchmark: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${mb(totalmem())} RAM`,
    );
    log('Building the audit CLI and the add-on...');
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'audit/tsconfig.json'],
      { cwd: ROOT, stdio: 'inherit' },
    );
    const addonDir = join(work, 'addon');
    await mkdir(addonDir);
    execFileSync(
      process.execPath,
      [join(ROOT, 'scripts/run-ts.js'), join(ROOT, 'scripts/build-addon.ts'), addonDir],
      { cwd: ROOT, stdio: 'pipe' },
    );

    log(
      'Writing the corpora (3,000 workbooks: 1,000 apart and 200 of those again apart; one 50,000-row sheet)...',
    );
    const dir1000 = join(work, 'w1000');
    const dir200 = join(work, 'w200');
    // With dir1000, the 3,000-workbook corpus.
    const dirMore = join(work, 'w2000');
    const dirBig = join(work, 'big');
    await Promise.all([mkdir(dir1000), mkdir(dir200), mkdir(dirMore), mkdir(dirBig)]);
    for (let i = 0; i < 3000; i++) {
      const name = `workbook-${String(i + 1).padStart(4, '0')}.xlsx`;
      await writeRealisticWorkbook(join(i < 1000 ? dir1000 : dirMore, name), i);
      if (i < 200) await copyFile(join(dir1000, name), join(dir200, name));
    }
    const bigFile = join(dirBig, 'matrix-50000-rows.xlsx');
    await writeLargeMatrixWorkbook(bigFile, 50_000, 12);
    const bigSize = (await stat(bigFile)).size;

    log(
      `Measuring (each run is a fresh child process; load average before: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')})...`,
    );
    // The 200-workbook pair runs twice, alternating, and each keeps its faster run: other work
    // on the machine only ever adds time.
    const faster = (a: ChildRun, b: ChildRun) => (a.seconds <= b.seconds ? a : b);
    let plain200 = await plainLoad(dir200, work);
    let audit200 = await wholeAudit(dir200, work, join(work, 'out200'));
    plain200 = faster(plain200, await plainLoad(dir200, work));
    audit200 = faster(audit200, await wholeAudit(dir200, work, join(work, 'out200b')));
    const plain1000 = await plainLoad(dir1000, work);
    const audit1000 = await wholeAudit(dir1000, work, join(work, 'out1000'));
    const audit3000 = await wholeAudit([dir1000, dirMore], work, join(work, 'out3000'));
    const big = await wholeAudit(dirBig, work, join(work, 'outBig'));
    const perFile = await perFileTimes(dir200);
    const core = coreMatrixMs();
    const calls = addonCalls(addonDir);

    const ratio200 = audit200.seconds / plain200.seconds;
    const ratio1000 = audit1000.seconds / plain1000.seconds;
    log('');
    log('| Measure | raci-audit (all reports) | plain sequential exceljs load | ratio |');
    log('|---|---|---|---|');
    log(
      `| 200 workbooks: time | ${sec(audit200.seconds)} | ${sec(plain200.seconds)} | ${ratio200.toFixed(2)}x |`,
    );
    log(`| 200 workbooks: peak memory | ${mb(audit200.peakBytes)} | ${mb(plain200.peakBytes)} | |`);
    log(
      `| 1,000 workbooks: time | ${sec(audit1000.seconds)} | ${sec(plain1000.seconds)} | ${ratio1000.toFixed(2)}x |`,
    );
    log(
      `| 1,000 workbooks: peak memory | ${mb(audit1000.peakBytes)} | ${mb(plain1000.peakBytes)} | |`,
    );
    log(
      `| 3,000 workbooks: time, peak memory | ${sec(audit3000.seconds)}, ${mb(audit3000.peakBytes)} | | |`,
    );
    log(
      `| 50,000-row sheet (${mb(bigSize)} file): time, peak memory | ${sec(big.seconds)}, ${mb(big.peakBytes)} | | |`,
    );
    log('');
    log(
      `Per-file audit time (read + analyse, one at a time, 200 workbooks): p50 ${perFile.p50.toFixed(1)} ms, p95 ${perFile.p95.toFixed(1)} ms`,
    );
    log(
      `Core analysis of the 5,000 x 40 matrix: ${core.median.toFixed(1)} ms (median of 7; ${core.findings} findings)`,
    );
    log(
      `Add-on Spreadsheet calls per validation: ${calls.small} for 10 rows, ${calls.large} for 2,000 rows (${calls.same ? 'the same calls' : 'different calls'})`,
    );
    log('Peak memory is VmHWM of the measured process: main thread and worker threads together.');
    const growth = (from: ChildRun, to: ChildRun) =>
      `${mb(to.peakBytes - from.peakBytes)} (${(((to.peakBytes - from.peakBytes) / from.peakBytes) * 100).toFixed(0)}%)`;
    log(
      `Peak memory growth: 200 to 1,000 workbooks ${growth(audit200, audit1000)}; 1,000 to 3,000 workbooks ${growth(audit1000, audit3000)}.`,
    );

    const targets: [string, boolean][] = [
      ['200 workbooks <= 1.0x plain exceljs load', ratio200 <= 1.0],
      ['1,000 workbooks <= 60 s', audit1000.seconds <= 60],
      ['1,000 workbooks <= 300 MB', audit1000.peakBytes <= 300 * MB],
      [
        'memory not growing with count (1,000 within 20% of 200)',
        audit1000.peakBytes <= audit200.peakBytes * 1.2,
      ],
      ['50,000-row sheet <= 512 MB', big.peakBytes <= 512 * MB],
      ['core 5,000 x 40 <= 100 ms', core.median <= 100],
      ['add-on calls the same for 10 and 2,000 rows', calls.same],
    ];
    const held = targets.filter(([, ok]) => ok).length;
    log('');
    log(
      `Targets: ${held} of ${targets.length} hold: ${targets.map(([name, ok]) => `${ok ? 'HOLDS' : 'MISSED'} ${name}`).join('; ')}`,
    );
    log(`Benchmark took ${sec((performance.now() - started) / 1000)}.`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
