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

/** Returns a finding about a whole activity row, pointing at its activity name cell. */
export function activityFinding(
  matrix: RaciMatrix,
  activity: MatrixActivity,
  message: string,
  suggestion?: string,
): FindingDraft {
  return {
    sheet: matrix.sheet,
    cell: activity.cell,
    row: activity.row,
    column: matrix.activityColumn,
    ...(activity.name ? { activity: activity.name } : {}),
    message,
    ...(suggestion ? { suggestion } : {}),
  };
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
  return {
    sheet: matrix.sheet,
    cell: cell.cell,
    row: cell.row,
    column: cell.column,
    ...(activity.name ? { activity: activity.name } : {}),
    ...(role.name ? { role: role.name } : {}),
    message,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Returns a finding about a role column, pointing at the role's header cell. */
export function roleFinding(
  matrix: RaciMatrix,
  role: MatrixRole,
  message: string,
  suggestion?: string,
): FindingDraft {
  return {
    sheet: matrix.sheet,
    cell: role.cell,
    row: matrix.headerRow,
    column: role.column,
    ...(role.name ? { role: role.name } : {}),
    message,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Returns the indexes of the roles whose cell on this activity holds `letter`. */
export function rolesWithLetter(activity: MatrixActivity, letter: CodeLetter): number[] {
  const indexes: number[] = [];
  activity.cells.forEach((cell, i) => {
    if (cell.letters.includes(letter)) indexes.push(i);
  });
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
    for (const activity of matrix.activities) {
      if (countRolesWithLetter(activity, letter) <= max) continue;
      over.push({ matrix, activity, roles: rolesWithLetter(activity, letter) });
    }
  }
  return over;
}

/** Returns the role names (or labels) at these indexes, quoted and joined for a message. */
export function listRoles(matrix: RaciMatrix, indexes: number[]): string {
  const labels = indexes.map((i) => roleLabel(matrix.roles[i]));
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

const countsByMatrix = new WeakMap<RaciMatrix, Map<CodeLetter, number>[]>();

/**
 * Returns, for the role at `roleIndex`, how many activities hold each letter (a cell counts
 * once per letter). Computed once per matrix for all roles and shared by the role rules.
 */
export function letterCounts(matrix: RaciMatrix, roleIndex: number): Map<CodeLetter, number> {
  let all = countsByMatrix.get(matrix);
  if (!all) {
    all = matrix.roles.map(() => new Map<CodeLetter, number>());
    for (const activity of matrix.activities) {
      const cells = activity.cells;
      for (let i = 0; i < cells.length && i < all.length; i++) {
        const letters = cells[i].letters;
        for (let k = 0; k < letters.length; k++) {
          const letter = letters[k];
          if (letters.indexOf(letter) !== k) continue;
          all[i].set(letter, (all[i].get(letter) ?? 0) + 1);
        }
      }
    }
    countsByMatrix.set(matrix, all);
  }
  return all[roleIndex] ?? new Map();
}
