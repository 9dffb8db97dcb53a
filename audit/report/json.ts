/**
 * report.json: the machine-readable report. Rendering is plain `JSON.stringify` of the
 * report model, whose builder fixes key order and sorts every array, so the same inputs give
 * the same bytes. Parsing checks a previous quarter's report before its figures feed a trend.
 */
import type { ReportJson } from './model';

/** Returns report.json's text: two-space indented, ending in a new line. */
export function renderReportJson(report: ReportJson): string {
  return `${JSON.stringify(report, null, 2)}\n`;
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
