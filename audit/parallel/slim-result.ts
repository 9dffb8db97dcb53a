/**
 * Keeps one workbook's analysis small once the core is done with it. An audit of a thousand
 * workbooks holds every file's result until the report is built, and the core's full result
 * carries the whole recognised workbook (every matrix cell with its raw text and address,
 * every roster and review row). `slimAnalysisResult` keeps exactly what the report model
 * (`audit/report/model.ts`) reads: the items (with their failed checks only), sponsors,
 * findings and Config-sheet problems, the register rows' cells (for `register/duplicate-item`),
 * the Roles sheet's holders and, of each matrix, only the role names and each role's count of
 * R and A cells, as a few shared activities (for the people load). The report built
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

/**
 * The three slim cells a matrix can need, shared by every cell with the same R and A letters:
 * only `letters` is read downstream (`includes('R')`, `includes('A')`), so one frozen object per
 * kind replaces an object per cell. Structured cloning keeps the sharing within one file's
 * result, so the main thread holds three cell objects per file, not hundreds.
 */
function slimCellOf(letters: CodeLetter[]): MatrixCell {
  // The other fields are emptied, not invented.
  return Object.freeze({
    raw: '',
    letters: Object.freeze(letters) as CodeLetter[],
    unknown: [],
    row: 0,
    column: 0,
    cell: '',
  });
}
const SLIM_R = slimCellOf(['R']);
const SLIM_A = slimCellOf(['A']);
const SLIM_RA = slimCellOf(['R', 'A']);

function slimCell(cell: MatrixCell | undefined): MatrixCell | undefined {
  if (!cell) return undefined;
  const r = cell.letters.includes('R');
  const a = cell.letters.includes('A');
  return r && a ? SLIM_RA : r ? SLIM_R : a ? SLIM_A : undefined;
}

/**
 * Returns the slim activities of a matrix. The people load counts, role by role, how many
 * activities hold R and how many hold A in that role's column; which activity a cell sits on
 * does not matter. So each role's slim cells are stacked from the top (R and A, then R, then
 * A) and activities with the same cells are one shared object: a matrix keeps a handful of
 * activity objects however many rows it has, and every role's counts are unchanged.
 */
function slimActivities(matrix: RaciMatrix): MatrixActivity[] {
  const tallies = matrix.roles.map(() => ({ ra: 0, r: 0, a: 0 }));
  for (const activity of matrix.activities) {
    activity.cells.forEach((cell, index) => {
      const tally = tallies[index];
      const slim = slimCell(cell);
      if (!tally || !slim) return;
      if (slim === SLIM_RA) tally.ra += 1;
      else if (slim === SLIM_R) tally.r += 1;
      else tally.a += 1;
    });
  }
  const rows = Math.max(0, ...tallies.map((t) => t.ra + t.r + t.a));
  const shared = new Map<string, MatrixActivity>();
  const activities: MatrixActivity[] = [];
  for (let k = 0; k < rows; k++) {
    const cells: MatrixCell[] = [];
    let key = '';
    tallies.forEach((t, index) => {
      const cell =
        k < t.ra ? SLIM_RA : k < t.ra + t.r ? SLIM_R : k < t.ra + t.r + t.a ? SLIM_A : undefined;
      // Keep the index of each role column: a sparse array holds only the R and A cells.
      if (cell) cells[index] = cell;
      key += cell === SLIM_RA ? 'b' : cell === SLIM_R ? 'r' : cell === SLIM_A ? 'a' : '-';
    });
    let activity = shared.get(key);
    if (!activity) {
      activity = { name: '', row: 0, cell: '', cells };
      shared.set(key, activity);
    }
    activities.push(activity);
  }
  return activities;
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
    activities: slimActivities(matrix),
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
