/**
 * Orchestrates one audit run and never prints: finds the workbooks under the given paths,
 * reads and analyses each one on its own, on all cores when there are several files (worker
 * threads, `audit/parallel/pool.ts`; the same work in-process when no compiled worker exists,
 * as under jest), keeps only the slim part of each result the report needs, builds the one
 * report model, and writes every report under `<out>/<quarter>/` atomically. One file's audit
 * (hash, guarded read, analysis) is `auditFile` in `audit-file.ts`. Progress goes to a
 * callback; problems a person must fix before the run can happen (a bad path, quarter,
 * previous report) throw an `AuditUsageError` (exit code 2).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultConfig, type Config } from '../src/core/config';
import type { SheetInput } from '../src/core/model';
import { isIsoDate, isQuarterId, resolvePeriod } from '../src/core';
import { ATOMIC_TEMP_NAME, atomicTempPath } from './atomic-path';
import { auditFile, type FoundFile } from './audit-file';
import { auditInWorkers, type FileDone } from './parallel/pool';
import { previousQuarterId } from './report/dates';
import { parseReportJson, renderReportJson } from './report/json';
import { buildReport, sponsorRowsOf, type AuditedFile, type ReportJson } from './report/model';

/** A problem with how the audit was asked for (exit code 2); the message says what to fix. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}

export type ProgressEvent =
  | { phase: 'found'; total: number }
  | { phase: 'file'; done: number; total: number; file: string; status: 'ok' | 'unreadable' }
  | { phase: 'writing'; what: string };

export interface AuditOptions {
  /** Files or folders (searched recursively for .xlsx). */
  paths: string[];
  /** Today's calendar date, `YYYY-MM-DD`, from the CLI. */
  today: string;
  quarter?: string;
  asOf?: string;
  outDir: string;
  config?: Config;
  /** A roster workbook's sheets shared by all workbooks. */
  leadership?: SheetInput[];
  /** Last quarter's report.json; default `<out>/<previous quarter>/report.json` when present. */
  previous?: string;
  /** The From address of the sponsor mails. */
  mailFrom?: string;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Threads reading files, this one included: this thread reads from the start and up to
   * `workers - 1` worker threads join when the run is long enough (`startWorkersAboveMs`); 0
   * or 1 reads every file in this thread. Default: one per core when there are two files or
   * more and the compiled worker (`worker.js`) exists.
   */
  workers?: number;
  /**
   * Workers join once the files left would take this thread longer than this (ms); 0 starts
   * them at once. Default `START_WORKERS_ABOVE_MS` (`audit/parallel/pool.ts`).
   */
  startWorkersAboveMs?: number;
  /** The worker entry to start; default `parallel/worker.js` next to this file. */
  workerScript?: string;
  /** Files larger than this (bytes) are read with the streaming reader; default `STREAM_ABOVE_BYTES`. */
  streamAboveBytes?: number;
}

/** Returns the compiled worker entry next to this file, or undefined when running from source. */
function compiledWorkerScript(): string | undefined {
  const script = join(__dirname, 'parallel', 'worker.js');
  return existsSync(script) ? script : undefined;
}

export interface AuditOutcome {
  report: ReportJson;
  /** report.json's exact text, as written. */
  reportJson: string;
  /** `<out>/<quarter>`. */
  outputDir: string;
  /** Every file written, relative to `outputDir`, sorted. */
  written: string[];
  /** The previous report used for the trend, if any. */
  previousFile?: string;
  /** Names of sponsors whose summary could not be addressed (no known email). */
  sponsorsWithoutEmail: string[];
}

export { ATOMIC_TEMP_NAME, atomicTempPath };

const DEFAULT_FROM = 'RACI Guard <raci-guard@localhost>';

/**
 * Loads the report writers (the HTML, mail and workbook renderers: exceljs and nodemailer,
 * about a third of a second of module loading). The audit starts its workers first and loads
 * these while the workers read, instead of before.
 */
async function loadReportWriters() {
  const [html, mail, xlsx] = await Promise.all([
    import('./report/html'),
    import('./report/mail'),
    import('./report/xlsx'),
  ]);
  return {
    renderIndexHtml: html.renderIndexHtml,
    renderSponsorSummary: mail.renderSponsorSummary,
    sponsorMailStream: mail.sponsorMailStream,
    renderSponsorWorkbook: xlsx.renderSponsorWorkbook,
    writeComplianceWorkbook: xlsx.writeComplianceWorkbook,
  };
}

function isWorkbookName(name: string): boolean {
  return /\.xlsx$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.');
}

async function walk(dir: string, root: string, skip: string, out: FoundFile[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (resolve(full) === skip) continue;
      await walk(full, root, skip, out);
    } else if (entry.isFile() && isWorkbookName(entry.name)) {
      out.push({ path: full, file: relative(root, full).split(sep).join('/') });
    }
  }
}

/** Returns the .xlsx files under the paths, each with its name relative to the path given. */
export async function findWorkbooks(paths: string[], outDir: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const skip = resolve(outDir);
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new AuditUsageError(`${p} does not exist.`);
    }
    if (info.isDirectory()) {
      const before = found.length;
      await walk(p, p, skip, found);
      if (found.length === before) throw new AuditUsageError(`No .xlsx workbook found under ${p}.`);
    } else {
      found.push({ path: p, file: basename(p) });
    }
  }
  const seen = new Map<string, number>();
  for (const f of found) {
    // Two paths may hold files of the same relative name: keep report names unique.
    const n = (seen.get(f.file) ?? 0) + 1;
    seen.set(f.file, n);
    if (n > 1) f.file = `${f.file} (${n})`;
  }
  return found;
}

/** A temp file older than this is stale even when its process id is in use again (ms). */
const STALE_TEMP_AGE_MS = 24 * 60 * 60 * 1000;

/** Returns whether a process with this id runs on this machine (possibly another user's). */
function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a killed or crashed run left behind in a quarter's output folder and
 * its `sponsors/` folder: only regular files named as `atomicTempPath` names them, whose
 * process has ended (or that are over a day old); a temp file of this process or of a run
 * still going is kept. Returns the names removed, relative to `outputDir`, sorted.
 */
export async function removeStaleTempFiles(
  outputDir: string,
  now: number = Date.now(),
): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of ['', 'sponsors']) {
    let entries;
    try {
      entries = await readdir(join(outputDir, folder), { withFileTypes: true });
    } catch {
      continue; // No such folder yet: nothing left behind.
    }
    for (const entry of entries) {
      const match = ATOMIC_TEMP_NAME.exec(entry.name);
      if (!match || !entry.isFile()) continue;
      const pid = Number(match[2]);
      const path = join(outputDir, folder, entry.name);
      if (pid === process.pid) continue;
      if (processRunning(pid)) {
        const info = await stat(path).catch(() => undefined);
        if (!info || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
      }
      await unlink(path).catch(() => undefined);
      removed.push(folder ? `${folder}/${entry.name}` : entry.name);
    }
  }
  return removed.sort();
}

/**
 * Writes a file atomically: a temp file in the same folder (`atomicTempPath`), then a rename
 * over the target, so a reader or a killed run finds the old file or the new one, never part
 * of one. The temp file is removed when the write fails.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = atomicTempPath(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/**
 * Writes a stream's bytes to `path` atomically, like `writeFileAtomic`: piped into a temp file in
 * the same folder (`atomicTempPath`), then renamed over the target, so the bytes are never held
 * whole. When the stream or the write fails, the stream is destroyed, the temp file removed and
 * the error thrown; the target is untouched.
 */
export async function writeStreamAtomic(path: string, source: Readable): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = atomicTempPath(path);
  try {
    await pipeline(source, createWriteStream(temp));
    await rename(temp, path);
  } catch (err) {
    source.destroy();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

async function loadPrevious(
  options: AuditOptions,
  quarter: string,
): Promise<{ report?: ReportJson; file?: string }> {
  const explicit = options.previous !== undefined;
  const file = options.previous ?? join(options.outDir, previousQuarterId(quarter), 'report.json');
  if (!explicit && !existsSync(file)) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AuditUsageError(`The previous report ${file} cannot be read.`);
  }
  try {
    return { report: parseReportJson(text, file), file };
  } catch (err) {
    throw new AuditUsageError(`The previous report is not usable: ${(err as Error).message}`);
  }
}

/** Runs the audit and returns what it found and wrote; throws `AuditUsageError` for usage problems. */
export async function runAudit(options: AuditOptions): Promise<AuditOutcome> {
  const config = options.config ?? defaultConfig();
  const progress = options.onProgress ?? (() => undefined);
  if (!isIsoDate(options.today))
    throw new AuditUsageError(`Today must be a YYYY-MM-DD date, not ${options.today}.`);
  if (options.quarter !== undefined && !isQuarterId(options.quarter)) {
    throw new AuditUsageError(`--quarter must look like 2026-Q3, not "${options.quarter}".`);
  }
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new AuditUsageError(
      `--as-of must be a real date written YYYY-MM-DD, not "${options.asOf}".`,
    );
  }
  let period: ReturnType<typeof resolvePeriod>;
  try {
    period = resolvePeriod({
      today: options.today,
      quarter: options.quarter,
      asOf: options.asOf,
      fiscalYearStartMonth: config.fiscalYearStartMonth,
    });
  } catch (err) {
    throw new AuditUsageError((err as Error).message);
  }
  const { quarter, asOf } = period;

  const found = await findWorkbooks(options.paths, options.outDir);
  const previous = await loadPrevious(options, quarter.id);
  progress({ phase: 'found', total: found.length });

  const shared = {
    today: options.today,
    quarter: quarter.id,
    asOf,
    config,
    leadership: options.leadership,
    streamAboveBytes: options.streamAboveBytes,
  };
  const fileDone = (one: FileDone, done: number) =>
    progress({
      phase: 'file',
      done,
      total: found.length,
      file: one.file,
      status: one.readable ? 'ok' : 'unreadable',
    });
  const workerScript = options.workerScript ?? compiledWorkerScript();
  const workers = Math.min(
    options.workers ?? (workerScript ? availableParallelism() : 0),
    found.length,
  );
  let audited: AuditedFile[];
  let writersLoading: ReturnType<typeof loadReportWriters>;
  if (workers >= 2 && workerScript) {
    const reading = auditInWorkers(found, {
      workerScript,
      workers: workers - 1,
      setup: shared,
      onFileDone: fileDone,
      inThisThread: (f) => auditFile(f, shared),
      startWorkersAboveMs: options.startWorkersAboveMs,
    });
    // The workers take their files themselves, so loading the writers now does not hold them up.
    writersLoading = loadReportWriters();
    // Awaited below; marked handled now so a failed load cannot end the process mid-read.
    writersLoading.catch(() => undefined);
    audited = await reading;
  } else {
    writersLoading = loadReportWriters();
    audited = [];
    for (const f of found) {
      const one = await auditFile(f, shared);
      audited.push(one);
      fileDone({ file: one.file, readable: one.result !== undefined }, audited.length);
    }
  }

  const {
    renderIndexHtml,
    renderSponsorSummary,
    sponsorMailStream,
    renderSponsorWorkbook,
    writeComplianceWorkbook,
  } = await writersLoading;
  const report = buildReport({ quarter, asOf, files: audited, config, previous: previous.report });
  // The report holds everything the renderers need: let the per-file results go before the
  // reports (the memory-hungry part of a large run) are rendered.
  audited.length = 0;
  const outputDir = join(options.outDir, quarter.id);
  // Temp files of an earlier run that was killed while writing: never renamed, now garbage.
  await removeStaleTempFiles(outputDir);
  const written: string[] = [];
  const write = async (name: string, data: string | Buffer) => {
    await writeFileAtomic(join(outputDir, name), data);
    written.push(name);
  };

  progress({ phase: 'writing', what: 'report.json' });
  const reportJson = renderReportJson(report);
  await write('report.json', reportJson);
  progress({ phase: 'writing', what: `compliance-${quarter.id}.xlsx` });
  // Streamed straight to its file (atomically): the largest report is never held in memory.
  await writeComplianceWorkbook(report, join(outputDir, `compliance-${quarter.id}.xlsx`));
  written.push(`compliance-${quarter.id}.xlsx`);
  await write('index.html', renderIndexHtml(report));
  const sponsorsWithoutEmail: string[] = [];
  // Each sponsor's items and findings, picked from the report in one pass for all sponsors.
  const rowsOf = sponsorRowsOf(report);
  for (const sponsor of report.sponsors) {
    progress({ phase: 'writing', what: `summary for ${sponsor.name}` });
    const rows = rowsOf.get(sponsor);
    // Worked out and rendered once for the .html, the .txt and the .eml; the .eml is streamed
    // to its file, so a large summary leaves little garbage behind (audit/report/mail.ts).
    const rendered = renderSponsorSummary(report, sponsor, rows);
    await write(`sponsors/${sponsor.slug}.html`, rendered.html);
    await write(`sponsors/${sponsor.slug}.txt`, rendered.text);
    const attachment = await renderSponsorWorkbook(report, sponsor, rows);
    const mail = sponsorMailStream(report, sponsor, {
      from: options.mailFrom ?? DEFAULT_FROM,
      attachment,
      rendered,
    });
    await writeStreamAtomic(join(outputDir, `sponsors/${sponsor.slug}.eml`), mail);
    written.push(`sponsors/${sponsor.slug}.eml`);
    if (!sponsor.email) sponsorsWithoutEmail.push(sponsor.name);
  }
  return {
    report,
    reportJson,
    outputDir,
    written: written.sort(),
    previousFile: previous.file,
    sponsorsWithoutEmail,
  };
}
