/**
 * Orchestrates one audit run and never prints: finds the workbooks under the given paths,
 * reads and analyses each one on its own, on all cores when there are several files (worker
 * threads, `audit/parallel/pool.ts`; the same work in-process when no compiled worker exists,
 * as under jest), hands each slim result to the report builder as it comes (its findings and
 * items wait in temp files on a large run, `report/file-records.ts`), builds the one report
 * model, and writes every report under `<out>/<quarter>/` atomically, piece by piece. One file's audit
 * (hash, guarded read, analysis) is `auditFile` in `audit-file.ts`. Progress goes to a
 * callback; problems a person must fix before the run can happen (a bad path, quarter,
 * previous report) throw an `AuditUsageError` (exit code 2).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { defaultConfig, type Config } from '../src/core/config';
import type { SheetInput } from '../src/core/model';
import { isIsoDate, isQuarterId, resolvePeriod } from '../src/core';
import { ATOMIC_TEMP_NAME, atomicTempPath } from './atomic-path';
import { auditFile, type FoundFile } from './audit-file';
import { auditInWorkers, type FileDone } from './parallel/pool';
import { previousQuarterId } from './report/dates';
import { FileRecords, SPILL_FOLDER_NAME } from './report/file-records';
import { parseReportJson, reportJsonPieces } from './report/json';
import {
  ReportBuilder,
  reportStores,
  SponsorPartition,
  type AuditedFile,
  type PreviousReport,
  type ReportFinding,
  type ReportJson,
  type ReportModel,
  type ReportSponsor,
  type SponsorRows,
} from './report/model';

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
  /**
   * Findings (and items) kept in memory before they go to temp files; default
   * `SPILL_ABOVE_RECORDS`.
   */
  spillAbove?: number;
  /** Files larger than this (bytes) are read with the streaming reader; default `STREAM_ABOVE_BYTES`. */
  streamAboveBytes?: number;
}

/** Returns the compiled worker entry next to this file, or undefined when running from source. */
function compiledWorkerScript(): string | undefined {
  const script = join(__dirname, 'parallel', 'worker.js');
  return existsSync(script) ? script : undefined;
}

/** report.json's content without its items and findings (they are in the written file). */
export type ReportOverview = Omit<ReportJson, 'items' | 'findings'>;

export interface AuditOutcome {
  /**
   * The report as written, but for its items and findings: read report.json (or
   * compliance-<quarter>.xlsx) for those; `report.summary` counts them.
   */
  report: ReportOverview;
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
 * A run keeps up to this many findings (and as many items) in memory, some 3 MB, where the
 * writers read them again for free; past it they go to temp files (`FileRecords`), so memory does
 * not grow with the number of workbooks (about 400 workbooks' findings, measured on the bench
 * corpus).
 */
export const SPILL_ABOVE_RECORDS = 5000;

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
  // Two paths may hold files of the same relative name: keep report names unique, a name
  // already given going to the next free `name (n)` (so the report never depends on which file
  // finished first).
  const taken = new Set<string>();
  for (const f of found) {
    let name = f.file;
    for (let n = 2; taken.has(name); n++) name = `${f.file} (${n})`;
    taken.add(name);
    f.file = name;
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
 * Removes the temp folders of findings and items (`FileRecords`) that a killed audit left in
 * `dir` (the system temp folder): those whose process has ended, or that are over a day old.
 * Returns the names removed.
 */
export async function removeStaleSpills(
  dir: string = tmpdir(),
  now: number = Date.now(),
): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const match = SPILL_FOLDER_NAME.exec(entry.name);
    if (!match || !entry.isDirectory()) continue;
    const pid = Number(match[1]);
    if (pid === process.pid) continue;
    const path = join(dir, entry.name);
    if (processRunning(pid)) {
      const info = await stat(path).catch(() => undefined);
      if (!info || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
    }
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(entry.name);
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

/**
 * Keeps of last quarter's report only what the trend reads (`PreviousReport`): its quarter,
 * compliance, history and sponsors, and the findings that belong to an item and are not waived,
 * moved into `store` (spilled to disk) file by file in the report's order. The rest is let go,
 * so a large previous report does not stay in memory while this quarter's files are read.
 */
function keepForTrend(report: ReportJson, store: FileRecords<ReportFinding>): PreviousReport {
  const kept = report.findings.filter(
    (f) => f && typeof f === 'object' && f.item !== undefined && !f.waived,
  );
  // The store reads a file's findings together; a report that lists some file's findings in
  // two places (not one this tool wrote) keeps them as they are, in memory, in its own order.
  const seen = new Set<string>();
  let grouped = true;
  kept.forEach((f, i) => {
    if (i > 0 && kept[i - 1].file === f.file) return;
    if (seen.has(f.file)) grouped = false;
    seen.add(f.file);
  });
  let findings: PreviousReport['findings'] = kept;
  if (grouped) {
    for (let start = 0; start < kept.length;) {
      let end = start + 1;
      while (end < kept.length && kept[end].file === kept[start].file) end++;
      store.add(kept[start].file, kept.slice(start, end));
      start = end;
    }
    findings = store;
  }
  const sponsors = report.sponsors.map((sponsor): ReportSponsor => {
    if (!sponsor || typeof sponsor !== 'object') return sponsor;
    const { newFindings: _new, resolvedFindings: _resolved, ...rest } = sponsor;
    return rest;
  });
  return {
    quarter: report.quarter,
    history: report.history,
    summary: report.summary,
    sponsors,
    findings,
  };
}

async function loadPrevious(
  options: AuditOptions,
  quarter: string,
  store: FileRecords<ReportFinding>,
): Promise<{ report?: PreviousReport; file?: string }> {
  const explicit = options.previous !== undefined;
  const file = options.previous ?? join(options.outDir, previousQuarterId(quarter), 'report.json');
  if (!explicit && !existsSync(file)) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new AuditUsageError(`The previous report ${file} cannot be read.`);
  }
  let report: ReportJson;
  try {
    report = parseReportJson(text, file);
  } catch (err) {
    throw new AuditUsageError(`The previous report is not usable: ${(err as Error).message}`);
  }
  return { report: keepForTrend(report, store), file };
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
  // Temp folders of findings that a killed run left behind.
  await removeStaleSpills();
  // This quarter's items and findings, and last quarter's findings (for the trend), wait on disk,
  // not in memory, until the reports are written (`FileRecords`); the temp files go when the
  // run ends.
  const spillAbove = options.spillAbove ?? SPILL_ABOVE_RECORDS;
  const stores = reportStores(spillAbove);
  const previousFindings = new FileRecords<ReportFinding>('findings', { spillAbove });
  try {
    const previous = await loadPrevious(options, quarter.id, previousFindings);
    progress({ phase: 'found', total: found.length });
    const builder = new ReportBuilder(config, stores);
    const writers = await readAll(
      options,
      found,
      { quarter: quarter.id, asOf, config },
      builder,
      progress,
    );
    const report = builder.build({ quarter, asOf, previous: previous.report });
    const outcome = await writeReports(options, report, writers, progress);
    return { ...outcome, previousFile: previous.file };
  } finally {
    stores.findings.close();
    stores.items.close();
    previousFindings.close();
  }
}

/**
 * Reads and analyses every file, on all cores when there are several, adding each result to
 * `builder` as it comes (nothing else keeps it). Loads the report writers meanwhile and
 * returns them.
 */
async function readAll(
  options: AuditOptions,
  found: FoundFile[],
  period: { quarter: string; asOf: string; config: Config },
  builder: ReportBuilder,
  progress: (event: ProgressEvent) => void,
): ReturnType<typeof loadReportWriters> {
  const shared = {
    today: options.today,
    quarter: period.quarter,
    asOf: period.asOf,
    config: period.config,
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
  if (workers >= 2 && workerScript) {
    const reading = auditInWorkers(found, {
      workerScript,
      workers: workers - 1,
      setup: shared,
      onAudited: (audited) => builder.add(audited),
      onFileDone: fileDone,
      inThisThread: (f) => auditFile(f, shared),
      startWorkersAboveMs: options.startWorkersAboveMs,
    });
    // The workers take their files themselves, so loading the writers now does not hold them up.
    const writersLoading = loadReportWriters();
    // Awaited below; marked handled now so a failed load cannot end the process mid-read.
    writersLoading.catch(() => undefined);
    await reading;
    return writersLoading;
  }
  const writersLoading = loadReportWriters();
  writersLoading.catch(() => undefined);
  let done = 0;
  for (const f of found) {
    const one: AuditedFile = await auditFile(f, shared);
    builder.add(one);
    done += 1;
    fileDone({ file: one.file, readable: one.result !== undefined }, done);
  }
  return writersLoading;
}

/** Writes every report of `report` under `<out>/<quarter>/`, each atomically. */
async function writeReports(
  options: AuditOptions,
  report: ReportModel,
  writers: Awaited<ReturnType<typeof loadReportWriters>>,
  progress: (event: ProgressEvent) => void,
): Promise<Omit<AuditOutcome, 'previousFile'>> {
  const {
    renderIndexHtml,
    renderSponsorSummary,
    sponsorMailStream,
    renderSponsorWorkbook,
    writeComplianceWorkbook,
  } = writers;
  const outputDir = join(options.outDir, report.quarter);
  // Temp files of an earlier run that was killed while writing: never renamed, now garbage.
  await removeStaleTempFiles(outputDir);
  const written: string[] = [];
  const write = async (name: string, data: string | Buffer) => {
    await writeFileAtomic(join(outputDir, name), data);
    written.push(name);
  };
  const sponsorsWithoutEmail: string[] = [];

  // Three flows at once: the compliance workbook, report.json with index.html, and the sponsor
  // summaries. Much of each one's time is spent waiting (deflating on libuv's thread pool,
  // writing files), and this thread renders another meanwhile: for 200 workbooks the writing
  // took 0.32 s one file after another, a third of it idle. They read the stores with
  // synchronous reads only, so none sees another half done.
  const flows = await Promise.allSettled([
    (async () => {
      progress({ phase: 'writing', what: `compliance-${report.quarter}.xlsx` });
      const name = `compliance-${report.quarter}.xlsx`;
      await writeComplianceWorkbook(report, join(outputDir, name));
      written.push(name);
    })(),
    (async () => {
      progress({ phase: 'writing', what: 'report.json' });
      // Streamed, as is the compliance workbook: the findings are read from their store as
      // written.
      await writeStreamAtomic(
        join(outputDir, 'report.json'),
        Readable.from(reportJsonPieces(report)),
      );
      written.push('report.json');
      await write('index.html', renderIndexHtml(report));
    })(),
    writeSummaries(),
  ]);
  // All have settled, so nothing is left running. A flow that fails does not stop the others
  // (each output is written whole or not at all); every failure is told.
  const failures = flows.flatMap((flow) => (flow.status === 'rejected' ? [flow.reason] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new Error(
      `writing the reports failed ${failures.length} times: ${failures
        .map((e: unknown) => (e instanceof Error ? e.message : String(e)))
        .join('; ')}`,
      { cause: failures[0] },
    );
  }
  const { items: _items, findings: _findings, ...overview } = report;
  return { report: overview, outputDir, written: written.sort(), sponsorsWithoutEmail };

  async function writeSummaries(): Promise<void> {
    // Every sponsor's items and findings split in one pass, kept like the report's.
    const partition = new SponsorPartition(report, options.spillAbove ?? SPILL_ABOVE_RECORDS);
    try {
      for (const sponsor of report.sponsors) {
        progress({ phase: 'writing', what: `summary for ${sponsor.name}` });
        await writeSponsorFiles(sponsor, partition.rows(sponsor));
      }
    } finally {
      partition.close();
    }
  }

  async function writeSponsorFiles(sponsor: ReportSponsor, rows: SponsorRows): Promise<void> {
    // Worked out and rendered once for the .html, the .txt and the .eml, in pieces streamed to
    // the files: a large summary is never one string (audit/report/mail.ts).
    const rendered = renderSponsorSummary(report, sponsor, rows);
    for (const [extension, pieces] of [
      ['html', rendered.html],
      ['txt', rendered.text],
    ] as const) {
      const name = `sponsors/${sponsor.slug}.${extension}`;
      await writeStreamAtomic(join(outputDir, name), Readable.from(pieces()));
      written.push(name);
    }
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
}
