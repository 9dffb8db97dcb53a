/**
 * Live checks: feedback while typing with no script running. On every RACI matrix the core
 * recognised, role cells get a dropdown of the valid codes for the configured model (invalid
 * input is warned, not rejected), and a conditional-format rule colours activity rows that do
 * not have exactly one Accountable.
 *
 * Idempotent: our dropdowns carry help text starting with `RACI Guard:` and our format rules
 * carry the marker `N("raci-guard:one-accountable")` in their formula; a new run first removes
 * its own earlier dropdowns and rules, then adds the new ones. A cell that already has a
 * dropdown of the user's own keeps it. Per sheet: one read and one write of data validations
 * over one range, one read and one write of the conditional-format rules.
 */
import type { Config } from '../core/config';
import type { RaciMatrix } from '../core/model';
import { columnLetter } from '../core/text';
import type { AddonEnv } from './env';
import { withDocumentLock } from './env';
import type { ConditionalFormatRuleLike, DataValidationLike, SheetLike } from './gas-types';
import { analyseActiveSpreadsheet } from './validate';

export const DROPDOWN_HELP_PREFIX = 'RACI Guard: ';
export const FORMAT_RULE_MARKER = 'raci-guard:one-accountable';
/** The colour of rows without exactly one Accountable. */
export const ROW_WARNING_COLOUR = '#fce8e6';

export interface LiveChecksResult {
  matrices: number;
  sheets: string[];
  /** Cells that now have the RACI Guard dropdown. */
  dropdownCells: number;
  /** Role cells that kept a dropdown of the user's own. */
  keptUserDropdowns: number;
  /** Conditional-format rules now in place (one per matrix). */
  formatRules: number;
  message: string;
}

/** Returns the codes a role cell may hold under the configured model, for the dropdown. */
export function validCodes(config: Config): string[] {
  const letters =
    config.model === 'RASCI'
      ? ['R', 'A', 'S', 'C', 'I']
      : config.model === 'RACI-VS'
        ? ['R', 'A', 'C', 'I', 'V', 'S']
        : ['R', 'A', 'C', 'I'];
  return config.allowAccountableResponsible ? [...letters, 'A/R', 'R/A'] : letters;
}

function modelLetters(config: Config): string {
  return config.model === 'RASCI' ? 'RASCI' : config.model === 'RACI-VS' ? 'RACIVS' : 'RACI';
}

/**
 * Returns the custom formula, relative to the first activity row, that is true on a row with a
 * named activity and some codes but not exactly one cell holding an A.
 */
export function oneAccountableFormula(
  row: number,
  activityColumn: number,
  firstRoleColumn: number,
  lastRoleColumn: number,
  letters: string,
): string {
  const activity = `$${columnLetter(activityColumn)}${row}`;
  const roles = `$${columnLetter(firstRoleColumn)}${row}:$${columnLetter(lastRoleColumn)}${row}`;
  const anyCode = `^[${letters}/,+ ]+$`;
  const hasA = `^[${letters}/,+ ]*A[${letters}/,+ ]*$`;
  return (
    `=AND(LEN(TRIM(${activity}))>0,` +
    `SUMPRODUCT(--REGEXMATCH(UPPER(TRIM(${roles})),"${anyCode}"))>0,` +
    `SUMPRODUCT(--REGEXMATCH(UPPER(TRIM(${roles})),"${hasA}"))<>1,` +
    `N("${FORMAT_RULE_MARKER}")=0)`
  );
}

interface MatrixSpan {
  matrix: RaciMatrix;
  firstRow: number;
  lastRow: number;
  roleColumns: number[];
}

/** The rows each matrix owns: to the next matrix's header, or to the sheet's data end. */
function spansOf(matrices: RaciMatrix[], dataLastRow: number): MatrixSpan[] {
  const sorted = [...matrices].sort((a, b) => a.headerRow - b.headerRow);
  return sorted
    .map((matrix, i) => {
      const isLast = i === sorted.length - 1;
      return {
        matrix,
        firstRow: matrix.headerRow + 1,
        lastRow: isLast ? Math.max(matrix.lastRow, dataLastRow) : matrix.lastRow,
        roleColumns: matrix.roles.map((r) => r.column),
      };
    })
    .filter((s) => s.roleColumns.length > 0 && s.lastRow >= s.firstRow);
}

function isOurDropdown(rule: DataValidationLike | null): boolean {
  const help = rule ? rule.getHelpText() : null;
  return typeof help === 'string' && help.startsWith(DROPDOWN_HELP_PREFIX);
}

function isOurFormatRule(rule: ConditionalFormatRuleLike): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition) return false;
  return condition
    .getCriteriaValues()
    .some((v) => typeof v === 'string' && v.includes(FORMAT_RULE_MARKER));
}

function applyToSheet(
  env: AddonEnv,
  sheet: SheetLike,
  spans: MatrixSpan[],
  config: Config,
): { dropdownCells: number; kept: number } {
  const codes = validCodes(config);
  const dropdown = env.app
    .newDataValidation()
    .requireValueInList(codes, true)
    .setAllowInvalid(true)
    .setHelpText(
      `${DROPDOWN_HELP_PREFIX}a RACI code (${codes.join(', ')}). Other text is flagged, not rejected.`,
    )
    .build();

  const rows = Math.max(...spans.map((s) => s.lastRow));
  const columns = Math.max(...spans.map((s) => Math.max(...s.roleColumns)));
  const range = sheet.getRange(1, 1, rows, columns);
  const current = range.getDataValidations();
  const next: (DataValidationLike | null)[][] = current.map((line) =>
    line.map((rule) => (isOurDropdown(rule) ? null : rule)),
  );
  let dropdownCells = 0;
  let kept = 0;
  for (const span of spans) {
    for (let row = span.firstRow; row <= span.lastRow; row++) {
      for (const column of span.roleColumns) {
        if (next[row - 1][column - 1] === null) {
          next[row - 1][column - 1] = dropdown;
          dropdownCells++;
        } else {
          kept++;
        }
      }
    }
  }
  range.setDataValidations(next);

  const letters = modelLetters(config);
  const rules = sheet.getConditionalFormatRules().filter((rule) => !isOurFormatRule(rule));
  for (const span of spans) {
    const first = Math.min(...span.roleColumns);
    const last = Math.max(...span.roleColumns);
    const left = Math.min(span.matrix.activityColumn, first);
    const rowRange = sheet.getRange(
      span.firstRow,
      left,
      span.lastRow - span.firstRow + 1,
      last - left + 1,
    );
    rules.push(
      env.app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(
          oneAccountableFormula(span.firstRow, span.matrix.activityColumn, first, last, letters),
        )
        .setBackground(ROW_WARNING_COLOUR)
        .setRanges([rowRange])
        .build(),
    );
  }
  sheet.setConditionalFormatRules(rules);
  return { dropdownCells, kept };
}

/** Sets up (or refreshes) the dropdowns and the one-Accountable rule on every matrix. */
export function setUpLiveChecks(env: AddonEnv): LiveChecksResult {
  return withDocumentLock(env, () => {
    const spreadsheet = env.app.getActiveSpreadsheet();
    const { result } = analyseActiveSpreadsheet(env);
    const bySheet = new Map<string, RaciMatrix[]>();
    for (const m of result.workbook.matrices) {
      bySheet.set(m.sheet, [...(bySheet.get(m.sheet) ?? []), m]);
    }
    const outcome: LiveChecksResult = {
      matrices: 0,
      sheets: [],
      dropdownCells: 0,
      keptUserDropdowns: 0,
      formatRules: 0,
      message: '',
    };
    for (const [name, matrices] of bySheet) {
      const sheet = spreadsheet.getSheetByName(name);
      if (!sheet) continue;
      const data = sheet.getDataRange();
      const spans = spansOf(matrices, data.getRow() + data.getNumRows() - 1);
      if (spans.length === 0) continue;
      const { dropdownCells, kept } = applyToSheet(env, sheet, spans, result.config);
      outcome.matrices += spans.length;
      outcome.formatRules += spans.length;
      outcome.dropdownCells += dropdownCells;
      outcome.keptUserDropdowns += kept;
      outcome.sheets.push(name);
    }
    outcome.message =
      outcome.matrices === 0
        ? 'No RACI matrix found: nothing to set up. Insert template adds an example matrix.'
        : `Live checks are on for ${outcome.matrices} matri${outcome.matrices === 1 ? 'x' : 'ces'} on ${outcome.sheets.join(', ')}: code dropdowns and a colour on rows without exactly one A.` +
          (outcome.keptUserDropdowns > 0
            ? ` ${outcome.keptUserDropdowns} cells kept your own dropdowns.`
            : '');
    return outcome;
  });
}
