/**
 * What the matrix and matrix-role rules share: how an activity, a role and a matrix are named
 * in messages (an activity with no name is "the unnamed activity on row 7"), where a finding
 * points (row findings at the activity name cell, cell findings at the cell, role findings at
 * the role's header cell), and counting the letters of an activity or a role column.
 */
import type { CodeLetter, FindingDraft, MatrixActivity, MatrixRole, RaciMatrix } from '../model';
import { columnLetter } from '../text';

/** Returns how a message names the activity: `"Draft policy"`, or the unnamed activity's row. */
export function activityLabel(activity: MatrixActivity): string {
  return activity.name ? `"${activity.name}"` : `the unnamed activity on row ${activity.row}`;
}

/** Returns how a message names the role: `"Change Manager"`, or the unnamed role's column. */
export function roleLabel(role: MatrixRole): string {
  return role.name ? `"${role.name}"` : `the unnamed role in column ${columnLetter(role.column)}`;
}

/**
 * Returns how a sentence that starts with the role names it: `Role "Change Manager"`, or
 * `The unnamed role in column C`.
 */
export function roleSubject(role: MatrixRole): string {
  return role.name
    ? `Role "${role.name}"`
    : `The unnamed role in column ${columnLetter(role.column)}`;
}

/** Returns how a message names the matrix: its sheet, and its header row when stacked. */
export function matrixLabel(matrix: RaciMatrix): string {
  return matrix.index === 0
    ? `sheet "${matrix.sheet}"`
    : `sheet "${matrix.sheet}" (matrix with header row ${matrix.headerRow})`;
}

/**
 * Returns a finding at a place, naming the activity and the role when they have names, with
 * its fields always in one order (sheet, cell, row, column, activity, role, message,
 * suggestion), set one by one: big matrices make thousands of findings, and spreading
 * optional parts into a literal is slow.
 */
function draftAt(
  place: Pick<FindingDraft, 'sheet' | 'cell' | 'row' | 'column'>,
  activityName: string,
  roleName: string,
  message: string,
  suggestion: string | undefined,
): FindingDraft {
  const draft: Partial<FindingDraft> = {
    sheet: place.sheet,
    cell: place.cell,
    row: place.row,
    column: place.column,
  };
  if (activityName) draft.activity = activityName;
  if (roleName) draft.role = roleName;
  draft.message = message;
  if (suggestion) draft.suggestion = suggestion;
  return draft as FindingDraft;
}

/** Returns a finding about a whole activity row, pointing at its activity name cell. */
export function activityFinding(
  matrix: RaciMatrix,
  activity: MatrixActivity,
  message: string,
  suggestion?: string,
): FindingDraft {
  const place = {
    sheet: matrix.sheet,
    cell: activity.cell,
    row: activity.row,
    column: matrix.activityColumn,
  };
  return draftAt(place, activity.name, '', message, suggestion);
}

/** Returns a finding about one matrix cell (the activity's cell for the role at `roleIndex`). */
export function cellFinding(
  matrix: RaciMatrix,
  activity: MatrixActivity,
  roleIndex: number,
  message: string,
  suggestion?: string,
): FindingDraft {
  const cell = activity.cells[roleIndex];
  const role = matrix.roles[roleIndex];
  const place = { sheet: matrix.sheet, cell: cell.cell, row: cell.row, column: cell.column };
  return draftAt(place, activity.name, role.name, message, suggestion);
}

/** Returns a finding about a role column, pointing at the role's header cell. */
export function roleFinding(
  matrix: RaciMatrix,
  role: MatrixRole,
  message: string,
  suggestion?: string,
): FindingDraft {
  const place = {
    sheet: matrix.sheet,
    cell: role.cell,
    row: matrix.headerRow,
    column: role.column,
  };
  return draftAt(place, '', role.name, message, suggestion);
}

/** Returns the indexes of the roles whose cell on this activity holds `letter`. */
export function rolesWithLetter(activity: MatrixActivity, letter: CodeLetter): number[] {
  const indexes: number[] = [];
  const cells = activity.cells;
  for (let i = 0; i < cells.length; i++) if (cells[i].letters.includes(letter)) indexes.push(i);
  return indexes;
}

/** Returns how many roles' cells on this activity hold `letter` (without building a list). */
export function countRolesWithLetter(activity: MatrixActivity, letter: CodeLetter): number {
  let count = 0;
  const cells = activity.cells;
  for (let i = 0; i < cells.length; i++) if (cells[i].letters.includes(letter)) count++;
  return count;
}

/** One activity whose cells hold a letter for more roles than allowed, and those roles. */
export interface ActivityOverLimit {
  matrix: RaciMatrix;
  activity: MatrixActivity;
  /** Indexes (into `matrix.roles`) of the roles whose cell holds the letter. */
  roles: number[];
}

/**
 * Returns every activity of the matrices whose cells hold `letter` for more than `max` roles,
 * in matrix and row order, with the indexes of those roles (`too-many-consulted`, `-responsible`).
 */
export function activitiesOverLimit(
  matrices: readonly RaciMatrix[],
  letter: CodeLetter,
  max: number,
): ActivityOverLimit[] {
  const over: ActivityOverLimit[] = [];
  for (const matrix of matrices) {
    const activities = matrix.activities;
    for (let a = 0; a < activities.length; a++) {
      if (activityLetterCount(matrix, a, letter) <= max) continue;
      over.push({ matrix, activity: activities[a], roles: rolesWithLetter(activities[a], letter) });
    }
  }
  return over;
}

/** Returns the role names (or labels) at these indexes, quoted and joined for a message. */
export function listRoles(matrix: RaciMatrix, indexes: number[]): string {
  let list = '';
  for (let k = 0; k < indexes.length; k++) {
    const label = roleLabel(matrix.roles[indexes[k]]);
    if (k === 0) list = label;
    else if (k === indexes.length - 1) list = `${list} and ${label}`;
    else list = `${list}, ${label}`;
  }
  return list;
}

/** Each code letter's slot in a tally: R, A, C, I, S, V. */
const LETTER_SLOT: Record<CodeLetter, number> = { R: 0, A: 1, C: 2, I: 3, S: 4, V: 5 };
const LETTERS: readonly CodeLetter[] = ['R', 'A', 'C', 'I', 'S', 'V'];
const SLOTS = LETTERS.length;

/** Where a cell is in its matrix: the index of its activity and of its role (its column). */
export interface CellPosition {
  activity: number;
  role: number;
}

/**
 * How many cells hold each letter, per activity and per role, and where the cells that the
 * cell rules look at are, all found in one pass over the cells.
 */
interface MatrixTally {
  /** `byActivity[a * SLOTS + slot]`: roles whose cell on activity `a` holds the letter. */
  byActivity: Uint32Array;
  /** Per role (by index): activities whose cell holds each letter (letters never seen left out). */
  byRole: Map<CodeLetter, number>[];
  /** The cells holding two letters or more, in row order then column order. */
  severalLetters: CellPosition[];
  /** The cells holding something that is no code of the model, in row order then column order. */
  unknownTokens: CellPosition[];
}

const talliesByMatrix = new WeakMap<RaciMatrix, MatrixTally>();

/**
 * Returns the matrix's letter tally, counting its cells once for every rule that asks (the
 * matrix rules and the role rules each read it; recounting per rule was a large share of
 * analysing a big matrix). A cell holding a letter twice (`R/R`) counts once for it.
 */
function tallyOf(matrix: RaciMatrix): MatrixTally {
  const known = talliesByMatrix.get(matrix);
  if (known) return known;
  const roleCount = matrix.roles.length;
  const byActivity = new Uint32Array(matrix.activities.length * SLOTS);
  const byRoleFlat = new Uint32Array(roleCount * SLOTS);
  const severalLetters: CellPosition[] = [];
  const unknownTokens: CellPosition[] = [];
  for (let a = 0; a < matrix.activities.length; a++) {
    const cells = matrix.activities[a].cells;
    for (let i = 0; i < cells.length; i++) {
      const letters = cells[i].letters;
      if (letters.length >= 2) severalLetters.push({ activity: a, role: i });
      if (cells[i].unknown.length > 0) unknownTokens.push({ activity: a, role: i });
      let seen = 0;
      for (let k = 0; k < letters.length; k++) {
        const slot = LETTER_SLOT[letters[k]];
        if (slot === undefined || seen & (1 << slot)) continue;
        seen |= 1 << slot;
        byActivity[a * SLOTS + slot] += 1;
        if (i < roleCount) byRoleFlat[i * SLOTS + slot] += 1;
      }
    }
  }
  const byRole = matrix.roles.map((_, i) => {
    const counts = new Map<CodeLetter, number>();
    LETTERS.forEach((letter, slot) => {
      const n = byRoleFlat[i * SLOTS + slot];
      if (n > 0) counts.set(letter, n);
    });
    return counts;
  });
  const tally = { byActivity, byRole, severalLetters, unknownTokens };
  talliesByMatrix.set(matrix, tally);
  return tally;
}

/**
 * Returns how many roles' cells on the matrix's activity at `activityIndex` hold `letter`, from
 * the matrix's tally (counted once per matrix): what `countRolesWithLetter` gives, without
 * recounting the row for every rule.
 */
export function activityLetterCount(
  matrix: RaciMatrix,
  activityIndex: number,
  letter: CodeLetter,
): number {
  return tallyOf(matrix).byActivity[activityIndex * SLOTS + LETTER_SLOT[letter]] ?? 0;
}

/**
 * Returns, for the role at `roleIndex`, how many activities hold each letter (a cell counts
 * once per letter). Computed once per matrix for all roles and shared by the role rules.
 */
export function letterCounts(matrix: RaciMatrix, roleIndex: number): Map<CodeLetter, number> {
  return tallyOf(matrix).byRole[roleIndex] ?? new Map();
}

/**
 * Returns where the matrix's cells holding two letters or more are (`A/R`, `R/R`), in row then
 * column order, from the matrix's tally: what `matrix/redundant-code` looks at, without walking
 * every cell again.
 */
export function cellsWithSeveralLetters(matrix: RaciMatrix): readonly CellPosition[] {
  return tallyOf(matrix).severalLetters;
}

/**
 * Returns where the matrix's cells holding tokens that are no code of the model are, in row
 * then column order, from the matrix's tally: what `matrix/unknown-code` looks at.
 */
export function cellsWithUnknownTokens(matrix: RaciMatrix): readonly CellPosition[] {
  return tallyOf(matrix).unknownTokens;
}
