/**
 * Validation: reads the whole spreadsheet through the sheet adapter, runs the core's `analyse`
 * with the stored settings as of today in the spreadsheet's zone (in the quarter that contains
 * today, so a review dated today counts and the running quarter's sponsor review is pending
 * rather than missing), and hands the findings to the sidebar as plain JSON in pages of 500. The full list of one run is kept in the
 * document cache for ten minutes so later pages need no new read; when it has expired the
 * spreadsheet is read again and the page comes from the new run (its `runId` then differs, so
 * the sidebar knows to start over).
 */
import {
  analyse,
  type AnalysisResult,
  type Config,
  type ConfigError,
  type Finding,
  type SheetInput,
  type Severity,
} from '../core';
import type { AddonEnv } from './env';
import { todayInSpreadsheet } from './env';
import { readSpreadsheet } from './read-sheets';
import { loadSettings } from './settings';
import { textHash } from './text-hash';

export const PAGE_SIZE = 500;
const CACHE_SECONDS = 600;
const CACHE_CHUNK = 90000;

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
  /** Findings covered by a valid waiver (not counted in the severities). */
  waived: number;
}

/** One page of a validation run, as the sidebar receives it. */
export interface ValidationPage {
  /** Identifies the run; pages of one run share it. */
  runId: string;
  total: number;
  offset: number;
  /** Offset of the next page, or null on the last page. */
  nextOffset: number | null;
  counts: FindingCounts;
  findings: Finding[];
  /** Sheet names in workbook order (the sidebar groups findings in this order). */
  sheets: string[];
  matrices: number;
  quarter: string;
  asOf: string;
  /** Problems in the Config sheet and in the stored settings, each naming its key. */
  configErrors: ConfigError[];
}

interface StoredRun {
  runId: string;
  findings: Finding[];
  counts: FindingCounts;
  sheets: string[];
  matrices: number;
  quarter: string;
  asOf: string;
  configErrors: ConfigError[];
}

/**
 * Returns the analysis of the sheets as of `today`, in the quarter that contains today: dates up
 * to today are not in the future, and the sponsor's review of the running quarter is pending
 * (info) until the quarter ends. The quarter follows the fiscal year in force: the stored
 * settings', or the workbook's Config sheet's when it sets another start month (the core's
 * `quarter: 'current'`).
 */
export function analyseAsOfToday(
  sheets: SheetInput[],
  today: string,
  settings: Config,
): AnalysisResult {
  return analyse(sheets, { today, asOf: today, quarter: 'current', config: settings });
}

/**
 * Returns the analysis of the active spreadsheet as of today in the spreadsheet's zone (see
 * `analyseAsOfToday`) with the stored settings under the workbook's Config sheet, the problems
 * in the stored settings, and today's date. The configuration in force is `result.config`.
 */
export function analyseActiveSpreadsheet(env: AddonEnv): {
  result: AnalysisResult;
  settingsErrors: ConfigError[];
  today: string;
} {
  const spreadsheet = env.app.getActiveSpreadsheet();
  const { sheets, timeZone } = readSpreadsheet(spreadsheet, env.formatDate);
  const settings = loadSettings(env.documentProperties());
  const today = todayInSpreadsheet(env, timeZone);
  const result = analyseAsOfToday(sheets, today, settings.config);
  return { result, settingsErrors: settings.errors, today };
}

/** Returns the counts by severity of findings not waived, and the number waived. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const f of findings) {
    if (f.waived) counts.waived++;
    else counts[f.severity as Severity]++;
  }
  return counts;
}

function toStoredRun(result: AnalysisResult, settingsErrors: ConfigError[]): StoredRun {
  const findings = result.findings;
  const body = JSON.stringify(findings);
  const runId = `${textHash(body)}-${findings.length}-${textHash(result.asOf + body.length)}`;
  return {
    runId,
    findings,
    counts: countFindings(findings),
    sheets: result.workbook.sheetNames,
    matrices: result.workbook.matrices.length,
    quarter: result.quarter.id,
    asOf: result.asOf,
    configErrors: [
      ...settingsErrors.map((e) => ({ ...e, message: `Settings: ${e.message}` })),
      ...result.configErrors,
    ],
  };
}

function pageOf(run: StoredRun, offset: number): ValidationPage {
  const start = Math.max(0, Math.min(Math.floor(offset), run.findings.length));
  const end = Math.min(start + PAGE_SIZE, run.findings.length);
  return {
    runId: run.runId,
    total: run.findings.length,
    offset: start,
    nextOffset: end < run.findings.length ? end : null,
    counts: run.counts,
    findings: run.findings.slice(start, end),
    sheets: run.sheets,
    matrices: run.matrices,
    quarter: run.quarter,
    asOf: run.asOf,
    configErrors: run.configErrors,
  };
}

function cacheKey(runId: string): string {
  return `raciGuard.run.${runId}`;
}

function storeRun(env: AddonEnv, run: StoredRun): void {
  const cache = env.documentCache();
  if (!cache) return;
  const text = JSON.stringify(run);
  const entries: { [key: string]: string } = {};
  let count = 0;
  for (let i = 0; i < text.length; i += CACHE_CHUNK) {
    entries[`${cacheKey(run.runId)}.${count}`] = text.slice(i, i + CACHE_CHUNK);
    count++;
  }
  entries[`${cacheKey(run.runId)}.count`] = String(count);
  try {
    cache.putAll(entries, CACHE_SECONDS);
  } catch {
    // A full cache only costs a re-read for later pages.
  }
}

function loadRun(env: AddonEnv, runId: string): StoredRun | null {
  const cache = env.documentCache();
  if (!cache) return null;
  const count = Number(cache.get(`${cacheKey(runId)}.count`));
  if (!Number.isInteger(count) || count < 1) return null;
  const keys = Array.from({ length: count }, (_, i) => `${cacheKey(runId)}.${i}`);
  const parts = cache.getAll(keys);
  if (keys.some((k) => typeof parts[k] !== 'string')) return null;
  try {
    return JSON.parse(keys.map((k) => parts[k]).join('')) as StoredRun;
  } catch {
    return null;
  }
}

/** Validates the whole spreadsheet and returns the first page of findings. */
export function validateSpreadsheet(env: AddonEnv): ValidationPage {
  const { result, settingsErrors } = analyseActiveSpreadsheet(env);
  const run = toStoredRun(result, settingsErrors);
  if (run.findings.length > PAGE_SIZE) storeRun(env, run);
  return pageOf(run, 0);
}

/**
 * Returns the page at `offset` of run `runId`; when that run is no longer cached, validates
 * again and returns the page of the new run (with a new `runId`).
 */
export function findingsPage(env: AddonEnv, runId: string, offset: number): ValidationPage {
  const cached = typeof runId === 'string' ? loadRun(env, runId) : null;
  if (cached) return pageOf(cached, offset);
  const { result, settingsErrors } = analyseActiveSpreadsheet(env);
  const run = toStoredRun(result, settingsErrors);
  if (run.findings.length > PAGE_SIZE) storeRun(env, run);
  return pageOf(run, run.runId === runId ? offset : 0);
}
