/**
 * Keeps one workbook's analysis small once the core is done with it: a worker copies each
 * result to the main thread, and the core's full result carries the whole recognised workbook (every matrix cell with its raw text and address,
 * every roster and review row). `slimAnalysisResult` keeps exactly what the report model
 * (`audit/report/model.ts`) reads: the items (with their failed checks only), sponsors,
 * findings and Config-sheet problems, the register rows' cells (for `register/duplicate-item`),
 * the Roles sheet's holders and, of each matrix, only the role names; each role's count of R
 * and A cells goes beside the result (`AuditedFile.roleCounts`, for the people load) instead
 * of the activities, some 17 KB per workbook to copy. The report built from a slim file is identical to the one built from the full
 * result (tested).
 */
import type { AuditedFile, RoleCounts } from '../report/model';
import type {
  AnalysisResult,
  Finding,
  ItemResult,
  RaciMatrix,
  RegisterItem,
  RoleEntry,
  WorkbookModel,
} from '../../src/core/model';

/**
 * Returns each role's number of activities marked R and marked A in `matrix`, in role order:
 * all the people load reads of a matrix's cells (`fileLoadsOf` in `report/model.ts`).
 */
export function roleCountsOf(matrix: RaciMatrix): RoleCounts {
  const responsible = matrix.roles.map(() => 0);
  const accountable = matrix.roles.map(() => 0);
  for (const activity of matrix.activities) {
    for (let index = 0; index < matrix.roles.length; index++) {
      const letters = activity.cells[index]?.letters;
      if (!letters) continue;
      if (letters.includes('R')) responsible[index] += 1;
      if (letters.includes('A')) accountable[index] += 1;
    }
  }
  return { responsible, accountable };
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
    activities: [],
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
 * so a slim result is never mistaken for the core's full view of a workbook: its matrices have
 * no activities, so pair it with `roleCountsOf` each matrix (`slimAuditedFile` does).
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

/**
 * Returns the audited file as the main thread keeps it until the report is built: the slim
 * result, and each matrix's role counts in place of its activities.
 */
export function slimAuditedFile(file: string, sha256: string, result: AnalysisResult): AuditedFile {
  return {
    file,
    sha256,
    result: slimAnalysisResult(result),
    roleCounts: result.workbook.matrices.map(roleCountsOf),
  };
}
