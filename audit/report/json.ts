/**
 * report.json: the machine-readable report. Its text is exactly `JSON.stringify(report, null,
 * 2)` of the report model (whose builder fixes key order and sorts every array, so the same
 * inputs give the same bytes) and a new line, produced piece by piece so the items and findings,
 * read file by file from the report's stores, are never all held at once. Parsing checks a previous
 * quarter's report before its figures feed a trend.
 */
import type { RecordList } from './file-records';
import type { ReportJson, ReportModel } from './model';
import { gathered } from './pieces';

/** Returns `JSON.stringify(value, null, 2)` for a value nested `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  // Strings in JSON never hold a raw line break, so every one is between two lines.
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/** Yields a top-level array's text, one element at a time (`nested` at depth 1). */
function* arrayText(list: RecordList<unknown>): Generator<string> {
  if (list.length === 0) {
    yield '[]';
    return;
  }
  let first = true;
  for (const element of list) {
    yield `${first ? '[\n    ' : ',\n    '}${nested(element, 2)}`;
    first = false;
  }
  yield '\n  ]';
}

/** Yields report.json's text a value at a time (each item and finding on its own). */
function* reportJsonParts(report: ReportModel): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (key === 'items' || key === 'findings') yield* arrayText(value as RecordList<unknown>);
    else yield nested(value, 1);
  }
  yield '\n}\n';
}

/**
 * Yields report.json's text in pieces of about 64 KB: two-space indented, ending in a new
 * line, the same text as `JSON.stringify(report, null, 2)` of the report with its items and
 * findings in arrays.
 */
export function reportJsonPieces(report: ReportModel): Generator<string> {
  return gathered(reportJsonParts(report));
}

/** Returns report.json's text: two-space indented, ending in a new line. */
export function renderReportJson(report: ReportModel): string {
  return [...reportJsonPieces(report)].join('');
}

/** Returns the report in `text`, or throws an Error saying why it is not a usable report.json. */
export function parseReportJson(text: string, file: string): ReportJson {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON.`);
  }
  const r = data as Partial<ReportJson> | null;
  if (!r || typeof r !== 'object' || r.schemaVersion !== 1) {
    throw new Error(`${file} is not a raci-audit report.json (schemaVersion 1).`);
  }
  if (typeof r.quarter !== 'string' || !Array.isArray(r.sponsors) || !Array.isArray(r.findings)) {
    throw new Error(`${file} lacks quarter, sponsors or findings.`);
  }
  return r as ReportJson;
}
