/**
 * Invariants of the matrix finder on many generated sheets (a seeded generator, so every run
 * sees the same sheets): it never throws, matrices do not overlap and come in order, every
 * activity lies between its header and last row with one cell per role, roles lie right of the
 * activity column, and each cell's A1 address matches its row and column. Generated sheets mix
 * real matrices (with sections, notes, legends, blank rows) with noise.
 */
import { defaultConfig } from '../../../src/core/config';
import { findMatrices } from '../../../src/core/matrix/find';
import type { CellValue, Grid } from '../../../src/core/model';
import { toA1 } from '../../../src/core/text';
import { seededRandom } from '../../support/seeded-random';

const CELLS: CellValue[] = [
  'R',
  'A',
  'C',
  'I',
  'A/R',
  'r, a',
  'S',
  'V',
  'X',
  '-',
  'n/a',
  '',
  null,
  null,
  null,
  'Notes about it',
  'Legend: R = Responsible',
  'Owner: Sam',
  'Phase 2',
  7,
  true,
  '2026-03-31',
];

function randomSheet(next: () => number): Grid {
  const rows: Grid = [];
  const height = Math.floor(next() * 40);
  for (let r = 0; r < height; r++) {
    const kind = next();
    if (kind < 0.15) {
      const roles = 2 + Math.floor(next() * 5);
      rows.push(['Activity', ...Array.from({ length: roles }, (_, i) => `Role ${i + 1}`), 'Notes']);
    } else if (kind < 0.6) {
      const width = Math.floor(next() * 8);
      const row: CellValue[] = [`Activity ${r}`];
      for (let c = 0; c < width; c++) row.push(CELLS[Math.floor(next() * CELLS.length)]);
      rows.push(row);
    } else if (kind < 0.75) {
      rows.push([]);
    } else {
      const width = 1 + Math.floor(next() * 6);
      rows.push(Array.from({ length: width }, () => CELLS[Math.floor(next() * CELLS.length)]));
    }
  }
  return rows;
}

describe('findMatrices invariants on generated sheets', () => {
  it('holds for 250 sheets', () => {
    const next = seededRandom(20261122);
    let matricesSeen = 0;
    const problems: string[] = [];
    for (let i = 0; i < 250; i++) {
      const rows = randomSheet(next);
      const model = (['RACI', 'RASCI', 'RACI-VS'] as const)[i % 3];
      const matrices = findMatrices({ name: `S${i}`, rows }, { ...defaultConfig(), model });
      let previousLast = 0;
      const fail = (what: string) => problems.push(`sheet ${i}: ${what}`);
      matrices.forEach((m, index) => {
        matricesSeen++;
        if (m.index !== index) fail(`index ${m.index} at ${index}`);
        if (m.headerRow <= previousLast) fail(`header ${m.headerRow} overlaps row ${previousLast}`);
        if (m.lastRow <= m.headerRow) fail(`last row ${m.lastRow} not below header`);
        if (m.roles.length < 2) fail(`${m.roles.length} roles`);
        if (m.activities.length === 0) fail('no activities');
        for (const role of m.roles) {
          if (role.column <= m.activityColumn)
            fail(`role column ${role.column} not right of activities`);
          if (role.cell !== toA1(m.headerRow, role.column)) fail(`role cell ${role.cell}`);
        }
        for (const a of m.activities) {
          if (a.row <= m.headerRow || a.row > m.lastRow) fail(`activity row ${a.row} outside`);
          if (a.cell !== toA1(a.row, m.activityColumn)) fail(`activity cell ${a.cell}`);
          if (a.cells.length !== m.roles.length) fail(`row ${a.row} has ${a.cells.length} cells`);
          a.cells.forEach((cell, k) => {
            if (cell.column !== m.roles[k].column || cell.cell !== toA1(a.row, cell.column)) {
              fail(`cell ${cell.cell} for role ${k}`);
            }
          });
        }
        previousLast = m.lastRow;
      });
    }
    expect(problems).toEqual([]);
    // The generator must produce real matrices, or the checks above prove nothing.
    expect(matricesSeen).toBeGreaterThan(100);
  });
});
