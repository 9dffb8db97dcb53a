/**
 * Keeps one workbook's analysis small once the core is done with it. An audit of a thousand
 * workbooks holds every file's result until the report is built, and the core's full result
 * carries the whole recognised workbook (every matrix cell with its raw text and address,
 * every roster and review row). `slimAnalysisResult` keeps exactly what the report model
 * (`audit/report/model.ts`) reads: the items (with their failed checks only), sponsors,
 * findings and Config-sheet problems, the register rows' cells (for `register/duplicate-item`),
 * the Roles sheet's holders and, of each matrix, only the role names and the R and A letters
 * (for the people load). The report built
 * from a slim result is identical to the one built from the full result (tested).
 */
import type {
  AnalysisResult,
  CodeLetter,
  Finding,
  ItemResult,
  MatrixActivity,
  MatrixCell,
  RaciMatrix,
  RegisterItem,
  RoleEntry,
  WorkbookModel,
} from '../../src/core/model';

/** The letters the people load counts; every other letter is dropped from a slim matrix. */
const LOAD_LETTERS: readonly CodeLetter[] = ['R', 'A'];

function slimCell(cell: MatrixCell | undefined): MatrixCell | undefined {
  if (!cell) return undefined;
  const letters = cell.letters.filter((l) => LOAD_LETTERS.includes(l));
  if (letters.length === 0) return undefined;
  // Only `letters` is read downstream; the other fields are emptied, not invented.
  return { raw: '', letters, unknown: [], row: 0, column: 0, cell: '' };
}

function slimActivity(activity: MatrixActivity): MatrixActivity {
  const cells: MatrixCell[] = [];
  activity.cells.forEach((cell, index) => {
    const slim = slimCell(cell);
    // Keep the index of each role column: a sparse array holds only the R and A cells.
    if (slim) cells[index] = slim;
  });
  return { name: '', row: 0, cell: '', cells };
}

function slimMatrix(matrix: RaciMatrix): RaciMatrix {
  return {
    sheet: matrix.sheet,
    index: matrix.index,
    headerRow: matrix.headerRow,
    lastRow: matrix.lastRow,
    activityColumn: matrix.activityColumn,
    activityHeader: '',
    roles: matrix.roles.map((role) => ({ name: role.name, column: role.column, cell: '' })),
    activities: matrix.activities
      .map(slimActivity)
      .filter((a) => a.cells.some((c) => c !== undefined)),
    metadata: {},
  };
}

function slimRegisterItem(item: RegisterItem): RegisterItem {
  return {
    name: item.name,
    kind: item.kind,
    kindRaw: '',
    sheet: item.sheet,
    row: item.row,
    cell: item.cell,
    owners: [],
    sponsor: '',
    managers: [],
  };
}

function slimRoleEntry(entry: RoleEntry): RoleEntry {
  return {
    role: entry.role,
    category: '',
    holders: entry.holders,
    deputies: [],
    sheet: entry.sheet,
    row: entry.row,
    cell: entry.cell,
  };
}

function slimFinding(finding: Finding): Finding {
  const out: Finding = { rule: finding.rule, severity: finding.severity, message: finding.message };
  if (finding.sheet !== undefined) out.sheet = finding.sheet;
  if (finding.cell !== undefined) out.cell = finding.cell;
  if (finding.item !== undefined) out.item = finding.item;
  if (finding.activity !== undefined) out.activity = finding.activity;
  if (finding.role !== undefined) out.role = finding.role;
  if (finding.suggestion !== undefined) out.suggestion = finding.suggestion;
  if (finding.waived) out.waived = true;
  return out;
}

function slimItem(item: ItemResult): ItemResult {
  // The report lists the labels of failed checks only; passed checks and the linked matrices
  // are not read.
  return { ...item, matrices: [], checks: item.checks.filter((c) => !c.passed) };
}

function slimWorkbook(workbook: WorkbookModel): WorkbookModel {
  const slim: WorkbookModel = {
    sheetNames: workbook.sheetNames,
    matrices: workbook.matrices.map(slimMatrix),
  };
  if (workbook.register) {
    slim.register = {
      sheet: workbook.register.sheet,
      headerRow: workbook.register.headerRow,
      items: workbook.register.items.map(slimRegisterItem),
    };
  }
  if (workbook.roles) {
    slim.roles = {
      sheet: workbook.roles.sheet,
      entries: workbook.roles.entries.map(slimRoleEntry),
    };
  }
  return slim;
}

/**
 * Returns a copy of `result` holding only what the audit's report model reads (see the file
 * comment); the original is not changed. Dropped text fields are emptied rather than invented,
 * so a slim result is never mistaken for the core's full view of a workbook.
 */
export function slimAnalysisResult(result: AnalysisResult): AnalysisResult {
  // Spread first: a field added to the result later is kept whole until it is known here.
  return {
    ...result,
    workbook: slimWorkbook(result.workbook),
    items: result.items.map(slimItem),
    findings: result.findings.map(slimFinding),
  };
}
