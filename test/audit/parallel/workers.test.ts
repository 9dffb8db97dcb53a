/**
 * The audit on worker threads against the audit in one thread, on real files: the worker entry
 * (audit/parallel/worker.ts, bundled by esbuild for the test since jest runs TypeScript) audits
 * the bundled examples and generated workbooks, and report.json, index.html and every sponsor
 * text and HTML summary must be byte-identical to the in-process run (the .xlsx and .eml files
 * carry zip times and MIME boundaries, so their content is compared through report.json).
 * Also: a file that exhausts a worker's memory ceiling is reported unreadable while the other
 * files are still audited, and the slim result builds the same report as the full one.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import ExcelJS from 'exceljs';
import { analyse } from '../../../src/core/analyse';
import { defaultConfig } from '../../../src/core/config';
import { auditFile } from '../../../audit/audit-file';
import { auditInWorkers, type PoolOptions } from '../../../audit/parallel/pool';
import type { WorkerFile } from '../../../audit/parallel/protocol';
import { slimAuditedFile } from '../../../audit/parallel/slim-result';
import { readWorkbook } from '../../../audit/read/xlsx';
import { buildReport, type AuditedFile, type ReportJson } from '../../../audit/report/model';
import { runAudit, type ProgressEvent } from '../../../audit/run-audit';
import { writeLargeMatrixWorkbook, writeRealisticWorkbook } from '../../../bench/corpus';
import { organisation, tempDir, writeWorkbook } from '../support/workbooks';

const ROOT = resolve(__dirname, '..', '..', '..');
const QUARTER = { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' };
const tmp = tempDir('raci-workers-');
const workerDir = join(ROOT, 'test-output', 'parallel-worker', String(process.pid));
const workerScript = join(workerDir, 'worker.js');
/** What every file of these audits shares (`WorkerSetup`). */
const setup = {
  today: '2026-11-22',
  quarter: '2026-Q3',
  asOf: '2026-09-30',
  config: defaultConfig(),
};

beforeAll(async () => {
  // Next to node_modules, so the bundle's external packages (exceljs, yauzl) resolve.
  mkdirSync(workerDir, { recursive: true });
  buildSync({
    entryPoints: [join(ROOT, 'audit/parallel/worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: workerScript,
    logLevel: 'warning',
  });
  const inputs = join(tmp.dir, 'inputs');
  mkdirSync(join(inputs, 'generated'), { recursive: true });
  for (let i = 0; i < 6; i++) {
    await writeRealisticWorkbook(join(inputs, 'generated', `workbook-${i}.xlsx`), i);
  }
  await writeWorkbook(join(inputs, 'org.xlsx'), organisation());
  // The same example twice: items registered in two workbooks (register/duplicate-item).
  for (const copy of ['a', 'b']) {
    const bytes = readFileSync(join(ROOT, 'examples/workbooks/service-management.xlsx'));
    mkdirSync(join(inputs, copy), { recursive: true });
    writeFileSync(join(inputs, copy, 'service-management.xlsx'), bytes);
  }
  writeFileSync(join(inputs, 'broken.xlsx'), 'not a workbook');
});

afterAll(() => {
  tmp.cleanup();
  rmSync(workerDir, { recursive: true, force: true });
});

/** Runs the pool and returns every file's result, in job order. */
async function auditAll(
  jobs: WorkerFile[],
  options: Omit<PoolOptions, 'onAudited'>,
): Promise<AuditedFile[]> {
  const results: AuditedFile[] = [];
  await auditInWorkers(jobs, {
    ...options,
    onAudited: (audited, index) => (results[index] = audited),
  });
  return results;
}

/** Returns every sheet's cell values of a workbook, row by row. */
async function sheetValues(path: string): Promise<Record<string, unknown[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const out: Record<string, unknown[]> = {};
  for (const sheet of workbook.worksheets) {
    out[sheet.name] = sheet.getSheetValues();
  }
  return out;
}

function comparableFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(d, entry.name), rel);
      else if (/\.(json|html|txt)$/.test(entry.name)) {
        out.set(rel, readFileSync(join(d, entry.name), 'utf8'));
      }
    }
  };
  walk(dir, '');
  return out;
}

describe('runAudit on worker threads', () => {
  it('writes byte-identical reports to the in-process run, in file order', async () => {
    const paths = [join(tmp.dir, 'inputs'), join(ROOT, 'examples/workbooks')];
    const common = { paths, today: '2026-11-22', quarter: '2026-Q3' };
    const inProcess = await runAudit({ ...common, outDir: join(tmp.dir, 'one'), workers: 0 });
    const events: ProgressEvent[] = [];
    // Every finding and item spilled to temp files: the same reports as held in memory.
    const parallel = await runAudit({
      ...common,
      outDir: join(tmp.dir, 'two'),
      workers: 3,
      workerScript,
      startWorkersAboveMs: 0,
      spillAbove: 0,
      onProgress: (e) => events.push(e),
    });
    const reportJson = (o: { outputDir: string }) =>
      readFileSync(join(o.outputDir, 'report.json'), 'utf8');
    expect(reportJson(parallel)).toBe(reportJson(inProcess));
    expect(parallel.written).toEqual(inProcess.written);
    const one = comparableFiles(inProcess.outputDir);
    const two = comparableFiles(parallel.outputDir);
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [name, text] of one) expect({ name, text: two.get(name) }).toEqual({ name, text });
    const workbook = (o: { outputDir: string }) =>
      sheetValues(join(o.outputDir, 'compliance-2026-Q3.xlsx'));
    const sheets = await workbook(inProcess);
    expect(await workbook(parallel)).toEqual(sheets);
    expect(sheets.Findings.length).toBeGreaterThan(20);
    expect(sheets['Review cadence'].length).toBeGreaterThan(10);

    // The run really covered the interesting cases.
    const report = inProcess.report;
    expect(report.summary.inputs).toBe(12);
    expect(report.inputs.find((i) => i.file === 'broken.xlsx')?.status).toBe('unreadable');
    const findings = (JSON.parse(reportJson(inProcess)) as ReportJson).findings;
    expect(findings.some((f) => f.rule === 'register/duplicate-item')).toBe(true);
    expect(report.people.length).toBeGreaterThan(5);
    const fileEvents = events.filter((e) => e.phase === 'file');
    expect(fileEvents.map((e) => (e.phase === 'file' ? e.done : 0))).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it('reports a file that exhausts a worker memory ceiling as unreadable and audits the rest', async () => {
    const big = join(tmp.dir, 'ceiling', 'big.xlsx');
    mkdirSync(join(tmp.dir, 'ceiling'), { recursive: true });
    await writeLargeMatrixWorkbook(big, 20_000, 12);
    const small = join(ROOT, 'examples/workbooks/business-services.xlsx');
    const results = await auditAll(
      [
        { path: big, file: 'big.xlsx' },
        { path: small, file: 'business-services.xlsx' },
        { path: small, file: 'again.xlsx' },
      ],
      {
        workerScript,
        workers: 2,
        heapMb: 16,
        // The whole-file loader, so the 20,000 rows must fit in the worker's heap at once.
        setup: { ...setup, streamAboveBytes: Number.MAX_SAFE_INTEGER },
      },
    );
    expect(results.map((r) => r.file)).toEqual([
      'big.xlsx',
      'business-services.xlsx',
      'again.xlsx',
    ]);
    expect(results[0].result).toBeUndefined();
    expect(results[0].error).toBe(
      'reading the workbook needed more than the 16 MB of memory the audit allows for one file',
    );
    expect(results[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results[1].result?.items.length).toBeGreaterThan(0);
    expect(results[2].result?.items).toEqual(results[1].result?.items);
  });
});

describe('auditInWorkers with this thread reading too', () => {
  const small = join(ROOT, 'examples/workbooks/business-services.xlsx');
  const jobs = Array.from({ length: 40 }, (_, i) => ({ path: small, file: `copy-${i}.xlsx` }));
  // A worker that answers every file it takes at once and says it was the one reading it.
  const quickWorker = () => {
    const script = join(tmp.dir, `quick-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(
      script,
      `const { parentPort, workerData } = require('node:worker_threads');
       const { serialize } = require('node:v8');
       const board = new Int32Array(workerData.board);
       for (;;) {
         const index = Atomics.add(board, 0, 1);
         if (index >= workerData.files.length) break;
         const audited = { file: workerData.files[index].file, sha256: 'worker', error: 'read by a worker' };
         parentPort.postMessage({ kind: 'done', index, packed: serialize(audited) });
       }`,
    );
    return script;
  };
  const inThisThread = (f: { path: string; file: string }) => auditFile(f, setup);

  it('reads every file here when the run is short, starting no worker', async () => {
    const results = await auditAll(jobs, {
      workerScript: join(tmp.dir, 'no-such-worker.js'),
      workers: 1,
      setup,
      inThisThread,
      startWorkersAboveMs: 60_000,
    });
    expect(results.map((r) => r.file)).toEqual(jobs.map((j) => j.file));
    expect(results.every((r) => r.result !== undefined)).toBe(true);
  });

  it('reports a file whose worker ran out of memory even when every other reader ends while it is hashed', async () => {
    // A worker takes a file and runs out of memory; hashing that 120 MB file to report it can
    // take longer than this thread needs to read every other file.
    const big = join(tmp.dir, 'big-to-hash.bin');
    writeFileSync(big, Buffer.alloc(120 * 1024 * 1024, 7));
    const hog = join(tmp.dir, `hog-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(
      hog,
      `const { workerData } = require('node:worker_threads');
       const board = new Int32Array(workerData.board);
       const index = Atomics.add(board, 0, 1);
       if (index < workerData.files.length) {
         Atomics.store(board, 1 + workerData.slot, index + 1);
         const kept = [];
         for (;;) kept.push(new Array(100000).fill(index));
       }`,
    );
    const files = Array.from({ length: 40 }, (_, i) => ({ path: big, file: `f${i}.xlsx` }));
    const readHere = new Set<string>();
    let firstReported!: () => void;
    const reported = new Promise<void>((resolveReported) => (firstReported = resolveReported));
    const results = await auditAll(files, {
      workerScript: hog,
      workers: 1,
      heapMb: 16,
      setup,
      startWorkersAboveMs: 0,
      onFileDone: (file) => {
        if (!readHere.has(file.file)) firstReported();
      },
      inThisThread: async (f) => {
        readHere.add(f.file);
        // After a few files, wait until a worker's out-of-memory file has been reported (so a
        // worker surely took one, however slowly workers start), then read on quickly while
        // its replacement runs out of memory in turn.
        if (readHere.size > 4) {
          await Promise.race([reported, new Promise((r) => setTimeout(r, 10_000))]);
        }
        await new Promise((resolveWait) => setTimeout(resolveWait, 2));
        return { file: f.file, sha256: 'here', error: 'read here' };
      },
    });
    expect(results.map((r) => r.file)).toEqual(files.map((f) => f.file));
    // Each replacement worker runs out of memory on its file too; every other file was read here.
    const outOfMemory = results.filter((r) => r.error?.includes('more than the 16 MB'));
    expect(outOfMemory.length).toBeGreaterThan(0);
    for (const r of outOfMemory) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results.filter((r) => r.sha256 === 'here')).toHaveLength(40 - outOfMemory.length);
  });

  it('lets workers join once the files left would take this thread longer than the threshold', async () => {
    // After its first 16 files (when it estimates), this thread waits for a worker's first
    // result before reading on, so the test does not depend on how fast a worker starts.
    let workerDelivered!: () => void;
    const delivered = new Promise<void>((resolveDelivered) => (workerDelivered = resolveDelivered));
    let readHere = 0;
    const results = await auditAll(jobs, {
      workerScript: quickWorker(),
      workers: 1,
      setup,
      startWorkersAboveMs: 1,
      onFileDone: (file) => {
        if (!file.readable) workerDelivered();
      },
      inThisThread: async (f) => {
        readHere += 1;
        if (readHere > 16) {
          await Promise.race([delivered, new Promise((r) => setTimeout(r, 10_000))]);
        }
        return inThisThread(f);
      },
    });
    expect(results.map((r) => r.file)).toEqual(jobs.map((j) => j.file));
    const byWorker = results.filter((r) => r.sha256 === 'worker').length;
    // This thread reads the first files alone, then the quick worker takes most of the rest.
    expect(byWorker).toBeGreaterThan(0);
    expect(byWorker).toBeLessThanOrEqual(jobs.length - 16);
    expect(results.slice(0, 16).every((r) => r.result !== undefined)).toBe(true);
  }, 30_000);
});

describe('auditInWorkers stops the run on an unexpected failure', () => {
  const jobs = [
    { path: join(ROOT, 'examples/workbooks/business-services.xlsx'), file: 'a.xlsx' },
    { path: join(ROOT, 'examples/workbooks/business-services.xlsx'), file: 'b.xlsx' },
  ];

  it.each([
    [
      'a worker that cannot start',
      'throw new Error("the worker entry is broken");',
      /the worker entry is broken/,
    ],
    [
      'an error a worker reports for a file',
      `const { parentPort, workerData } = require('node:worker_threads');
       const index = Atomics.add(new Int32Array(workerData.board), 0, 1);
       parentPort.postMessage({ kind: 'error', index,
         error: { name: 'TypeError', message: 'the core failed on ' + workerData.files[index].file } });`,
      /the core failed on [ab]\.xlsx/,
    ],
    [
      'a worker that exits in the middle of a file',
      `const { workerData } = require('node:worker_threads');
       const board = new Int32Array(workerData.board);
       Atomics.store(board, 1 + workerData.slot, Atomics.add(board, 0, 1) + 1);
       process.exit(7);`,
      /an audit worker stopped \(exit code 7\) while reading [ab]\.xlsx/,
    ],
    [
      'workers that end without reading every file',
      'process.exit(0);',
      /the audit workers stopped before reading every file \(a\.xlsx was never read\)/,
    ],
  ])('%s', async (_what, source, message) => {
    const script = join(tmp.dir, `failing-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(script, source);
    await expect(auditAll(jobs, { workerScript: script, workers: 2, setup })).rejects.toThrow(
      message,
    );
  });
});

describe('slimAuditedFile', () => {
  it('builds the same report as the full results, from a fraction of the data', async () => {
    const files = [
      join(ROOT, 'examples/workbooks/service-management.xlsx'),
      join(ROOT, 'examples/workbooks/business-services.xlsx'),
      join(tmp.dir, 'inputs/org.xlsx'),
      ...[0, 1, 2].map((i) => join(tmp.dir, `inputs/generated/workbook-${i}.xlsx`)),
    ];
    const full: AuditedFile[] = [];
    const slim: AuditedFile[] = [];
    for (const [n, path] of files.entries()) {
      const result = analyse(await readWorkbook(path), {
        today: '2026-11-22',
        quarter: '2026-Q3',
        asOf: '2026-09-30',
      });
      full.push({ file: `f${n}.xlsx`, sha256: String(n), result });
      slim.push(slimAuditedFile(`f${n}.xlsx`, String(n), result));
    }
    // The same example twice gives cross-workbook duplicates to compare too.
    full.push({ ...full[0], file: 'copy.xlsx' });
    slim.push({ ...slim[0], file: 'copy.xlsx' });
    const options = { quarter: QUARTER, asOf: '2026-09-30', config: defaultConfig() };
    const fromFull = buildReport({ ...options, files: full });
    expect(buildReport({ ...options, files: slim })).toEqual(fromFull);
    expect(fromFull.people.length).toBeGreaterThan(0);
    expect(fromFull.findings.some((f) => f.rule === 'register/duplicate-item')).toBe(true);
    const size = (files: AuditedFile[]) => JSON.stringify(files).length;
    expect(size(slim)).toBeLessThan(size(full) / 2);
  });

  it("keeps each role's R and A counts instead of the activities, however long the matrix", () => {
    const codes = ['A', 'R', 'R/A', 'C', '', 'I'];
    const rows = [['Activity', 'Owner', 'Analyst', 'Lead']];
    for (let i = 0; i < 60; i++) {
      rows.push([`Step ${i + 1}`, codes[i % 6], codes[(i + 1) % 6], codes[(i * 7) % 6]]);
    }
    const result = analyse([{ name: 'RACI', rows }], {
      today: '2026-11-22',
      quarter: '2026-Q3',
      asOf: '2026-09-30',
    });
    const full = result.workbook.matrices[0];
    const slim = slimAuditedFile('raci.xlsx', '0', result);
    const count = (index: number, letter: 'R' | 'A') =>
      full.activities.filter((a) => a.cells[index]?.letters.includes(letter)).length;
    expect(slim.roleCounts).toEqual([
      {
        responsible: full.roles.map((_, i) => count(i, 'R')),
        accountable: full.roles.map((_, i) => count(i, 'A')),
      },
    ]);
    expect(slim.roleCounts?.[0]).toEqual({ responsible: [20, 20, 20], accountable: [20, 20, 20] });
    expect(slim.result?.workbook.matrices[0].activities).toEqual([]);
    expect(slim.result?.workbook.matrices[0].roles.map((r) => r.name)).toEqual(
      full.roles.map((r) => r.name),
    );
  });

  it('leaves the full result untouched', () => {
    const result = analyse(
      [
        {
          name: 'RACI',
          rows: [
            ['Activity', 'Owner', 'Analyst'],
            ['Log', 'A', 'R/C'],
          ],
        },
      ],
      { today: '2026-11-22', quarter: '2026-Q3', asOf: '2026-09-30' },
    );
    const before = JSON.stringify(result);
    const slim = slimAuditedFile('raci.xlsx', '0', result);
    expect(JSON.stringify(result)).toBe(before);
    expect(slim.roleCounts).toEqual([{ responsible: [0, 1], accountable: [1, 0] }]);
    expect(result.workbook.matrices[0].activities).toHaveLength(1);
  });
});
