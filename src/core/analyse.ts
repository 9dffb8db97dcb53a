/**
 * The core's entry point: both shells call `analyse` once per workbook with the sheets as
 * plain grids, and get back plain JSON: the matrices and governance sheets it recognised,
 * every finding, each item's review state, score and compliance, and each sponsor's figures.
 */
import { configFromPairs, defaultConfig, resolveConfig, type Config } from './config';
import { runRules, sortFindings } from './engine';
import { readConfigSheet, recogniseGovernanceSheets } from './governance/sheets';
import { computeReviews } from './governance/review';
import { applyWaivers } from './governance/waivers';
import { computeItems, computeSponsors } from './governance/compliance';
import { attributeFindings } from './governance/links';
import { findMatrices } from './matrix/find';
import type { AnalysisResult, ConfigError, SheetInput, WorkbookModel } from './model';
import { resolvePeriod } from './quarters';
import { RULE_IDS } from './rules';

export interface AnalyseOptions {
  /** Today's calendar date, `YYYY-MM-DD`: time is an input, never read inside the core. */
  today: string;
  /** `YYYY-Qn`; default: the last quarter that has ended as of `today`. */
  quarter?: string;
  /** `YYYY-MM-DD`; default: the quarter's last day, or `today` if the quarter is still running. */
  asOf?: string;
  /** A configuration already resolved by the shell (from a file or settings); default: the defaults. */
  config?: Config;
  /** A leadership roster shared by all workbooks (the audit's `--leadership`), as sheets. */
  leadership?: SheetInput[];
}

/** Analyses one workbook. Throws only on a programming error, never on bad sheet content. */
export function analyse(sheets: SheetInput[], options: AnalyseOptions): AnalysisResult {
  const base = options.config ?? defaultConfig();
  const configErrors: ConfigError[] = [];
  let config = base;
  const configSheet = readConfigSheet(sheets);
  if (configSheet) {
    const resolved = resolveConfig(
      configFromPairs(configSheet.pairs),
      RULE_IDS,
      base,
      configSheet.where,
    );
    config = resolved.config;
    configErrors.push(...resolved.errors);
  }

  const governance = recogniseGovernanceSheets(sheets, config, options.leadership ?? []);
  const workbook: WorkbookModel = {
    ...governance.model,
    sheetNames: sheets.map((s) => s.name),
    configSheet: configSheet?.sheet,
    matrices: [],
  };
  for (const sheet of sheets) {
    if (governance.claimed.has(sheet.name) || sheet.name === configSheet?.sheet) continue;
    workbook.matrices.push(...findMatrices(sheet, config));
  }

  const { quarter, asOf } = resolvePeriod({
    today: options.today,
    quarter: options.quarter,
    asOf: options.asOf,
    fiscalYearStartMonth: config.fiscalYearStartMonth,
  });
  const reviews = computeReviews(workbook, config, asOf, quarter);
  const raw = runRules({ workbook, config, asOf, quarter, reviews });
  const attributed = attributeFindings(raw, workbook);
  const findings = sortFindings(applyWaivers(attributed, workbook, asOf), workbook.sheetNames);
  const items = computeItems(workbook, findings, reviews, config);
  const sponsors = computeSponsors(items, workbook);
  return { quarter, asOf, workbook, items, sponsors, findings, configErrors };
}
