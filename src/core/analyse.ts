/**
 * The core's entry point: both shells call `analyse` once per workbook with the sheets as
 * plain grids, and get back plain JSON: the matrices and governance sheets it recognised,
 * every finding, each item's review state, score and compliance, and each sponsor's figures.
 */
import { configFromPairs, defaultConfig, resolveConfig, type Config } from './config';
import { runRules, sortFindings } from './engine';
import { headerIndexes, readConfigSheet, recogniseGovernanceSheets } from './governance/sheets';
import { computeReviews } from './governance/review';
import { applyWaivers } from './governance/waivers';
import { computeItems, computeSponsors } from './governance/compliance';
import { attributeFindings } from './governance/links';
import { findMatrices } from './matrix/find';
import type { AnalysisResult, ConfigError, Quarter, SheetInput, WorkbookModel } from './model';
import { resolvePeriod } from './quarters';
import { RULE_IDS } from './rules';

export interface AnalyseOptions {
  /** Today's calendar date, `YYYY-MM-DD`: time is an input, never read inside the core. */
  today: string;
  /**
   * The audited quarter, fixed by the caller: `YYYY-Qn`, read with the fiscal year start month
   * of `config` (never the workbook's Config sheet), or a quarter already resolved (id, first
   * and last day), taken as given. `'current'`: the quarter containing `asOf` (or `today`), by
   * the effective configuration (the workbook's Config sheet applies), as the add-on judges a
   * workbook while it is edited. Default: the last quarter that has ended as of `today`, by
   * the effective configuration.
   */
  quarter?: string | Quarter | 'current';
  /** `YYYY-MM-DD`; default: the quarter's last day, or `today` if the quarter is still running. */
  asOf?: string;
  /** A configuration already resolved by the shell (from a file or settings); default: the defaults. */
  config?: Config;
  /** A leadership roster shared by all workbooks (the audit's `--leadership`), as sheets. */
  leadership?: SheetInput[];
}

/**
 * Analyses one workbook and returns its result (see `AnalysisResult`), with the effective
 * configuration: `options.config` with the workbook's Config sheet applied. When the caller
 * fixes the quarter, the fiscal year start month stays the caller's: a Config sheet setting
 * another month is a `ConfigError` on `fiscalYearStartMonth` and is not applied, so the
 * quarter means the same in every workbook of a run.
 * Throws only on a programming error, never on bad sheet content.
 */
export function analyse(sheets: SheetInput[], options: AnalyseOptions): AnalysisResult {
  const base = options.config ?? defaultConfig();
  const configErrors: ConfigError[] = [];
  let config = base;
  // Each sheet's header keys, read once for the Config sheet and the other governance sheets.
  const indexes = headerIndexes(sheets);
  const configSheet = readConfigSheet(sheets, indexes);
  if (configSheet) {
    const resolved = resolveConfig(
      configFromPairs(configSheet.pairs),
      RULE_IDS,
      base,
      configSheet.where,
    );
    config = resolved.config;
    configErrors.push(...resolved.errors);
    const month = base.fiscalYearStartMonth;
    const callerFixedQuarter = options.quarter !== undefined && options.quarter !== 'current';
    if (callerFixedQuarter && config.fiscalYearStartMonth !== month) {
      const where = configSheet.where.fiscalYearStartMonth ?? {};
      const sheet = where.sheet ?? configSheet.sheet;
      configErrors.push({
        key: 'fiscalYearStartMonth',
        message: `Sheet "${sheet}" sets fiscalYearStartMonth to ${config.fiscalYearStartMonth}${where.cell ? ` in cell ${where.cell}` : ''}, but the audit runs with month ${month} for every workbook, so that a quarter means the same in all of them; remove the setting or make it ${month}.`,
        sheet,
        ...(where.cell ? { cell: where.cell } : {}),
      });
      config = { ...config, fiscalYearStartMonth: month };
    }
  }

  const governance = recogniseGovernanceSheets(sheets, config, options.leadership ?? [], indexes);
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
  return { quarter, asOf, config, workbook, items, sponsors, findings, configErrors };
}
