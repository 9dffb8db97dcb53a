/**
 * Synthetic inputs for `npm run bench`, all from a seeded random generator so every run
 * audits the same files: realistic RACI workbooks (a register of three to five processes or
 * services with owners, LT sponsors, managers, review dates; a Roles sheet naming holders; one
 * RACI matrix per item of 12 to 30 activities across 6 to 10 roles, with the usual mistakes: a
 * missing A, two As, an empty row; a Reviews log), one 5,000-activity x 40-role matrix as a
 * plain grid for the core, and one 50,000-row matrix sheet written with exceljs's streaming
 * writer (it would not fit in memory as an exceljs workbook any more than it reads as one).
 */
import ExcelJS from 'exceljs';
import type { Grid, SheetInput } from '../src/core/model';

import { seededRandom } from '../test/support/seeded-random';

/** The corpora's seeded generator (mulberry32), shared with the tests. */
export { seededRandom };

const PEOPLE = [
  'Priya Shah',
  'Marco Rossi',
  'Leo Martins',
  'Aisha Bello',
  'Nina Kowalski',
  'Tom Berger',
  'Hannah Berg',
  'Omar Haddad',
  'Julia Novak',
  'Sven Larsen',
  'Mei Chen',
  'Carlos Ruiz',
  'Fatima Zahra',
  'Ivan Petrov',
  'Grace Okafor',
  'Dana Whitfield',
  'Ravi Menon',
  'Elena Costa',
];
const SPONSORS = ['Dana Whitfield', 'Ravi Menon', 'Grace Okafor', 'Tom Berger', 'Elena Costa'];
const ROLES = [
  'Process Owner',
  'Process Manager',
  'Service Owner',
  'Service Desk',
  'Change Manager',
  'CAB Member',
  'Security Officer',
  'Problem Analyst',
  'Application Team',
  'Finance Controller',
  'Supplier Manager',
  'Service Level Manager',
  'Capacity Manager',
  'Release Manager',
];
const VERBS = [
  'Log',
  'Classify',
  'Assess',
  'Approve',
  'Plan',
  'Build',
  'Test',
  'Deploy',
  'Review',
  'Report on',
  'Escalate',
  'Close',
  'Communicate',
  'Measure',
  'Improve',
];
const NOUNS = [
  'the request',
  'the incident',
  'the change',
  'the risk',
  'the release',
  'service levels',
  'the known error',
  'the budget',
  'the supplier contract',
  'capacity',
];
const CADENCES = ['Quarterly', 'Every 6 months', 'Yearly', 'Monthly'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function isoDay(rand: () => number, from: string, spanDays: number): string {
  const t = utcDate(from).getTime() + Math.floor(rand() * spanDays) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Returns the RACI codes of one activity row across `roles` columns (mostly clean, sometimes not). */
function activityCodes(rand: () => number, roles: number): string[] {
  const row = new Array<string>(roles).fill('');
  const mistake = rand();
  const a = Math.floor(rand() * roles);
  if (mistake > 0.06) row[a] = 'A';
  if (mistake > 0.97) row[(a + 1) % roles] = 'A';
  const r = Math.floor(rand() * roles);
  row[r] = row[r] === 'A' ? 'A/R' : 'R';
  for (let c = 0; c < roles; c++) {
    if (row[c]) continue;
    const x = rand();
    if (x < 0.2) row[c] = 'C';
    else if (x < 0.4) row[c] = 'I';
  }
  if (mistake < 0.02) row.fill('');
  return row;
}

/** Writes one realistic RACI workbook (number `index` of the corpus) to `path`. */
export async function writeRealisticWorkbook(path: string, index: number): Promise<void> {
  const rand = seededRandom(1000 + index);
  const wb = new ExcelJS.Workbook();
  const itemCount = 3 + Math.floor(rand() * 3);
  const items = Array.from({ length: itemCount }, (_, i) => ({
    name: `${pick(rand, ['Incident', 'Change', 'Problem', 'Release', 'Capacity', 'Supplier'])} Management ${index}-${i + 1}`,
    sheet: `RACI ${i + 1}`,
    roles: [...ROLES].sort(() => rand() - 0.5).slice(0, 6 + Math.floor(rand() * 5)),
  }));

  const register = wb.addWorksheet('Register');
  register.addRow([
    'Name',
    'Kind',
    'Owner',
    'LT Sponsor',
    'Manager',
    'RACI sheet',
    'Review cadence',
    'Last reviewed',
    'Sponsor review',
    'Sign-off',
  ]);
  for (const item of items) {
    const row = register.addRow([
      item.name,
      rand() < 0.8 ? 'Process' : 'Service',
      pick(rand, PEOPLE),
      rand() < 0.95 ? pick(rand, SPONSORS) : '',
      pick(rand, PEOPLE),
      item.sheet,
      pick(rand, CADENCES),
      utcDate(isoDay(rand, '2025-09-01', 400)),
      rand() < 0.7 ? utcDate(isoDay(rand, '2026-07-01', 90)) : null,
      utcDate(isoDay(rand, '2025-01-01', 500)),
    ]);
    for (const c of [8, 9, 10]) row.getCell(c).numFmt = 'yyyy-mm-dd';
  }

  const roles = wb.addWorksheet('Roles');
  roles.addRow(['Role', 'Category', 'Holder(s)', 'Deputy']);
  for (const role of ROLES) {
    roles.addRow([
      role,
      role.includes('Owner') ? 'Process Owner' : 'Role',
      rand() < 0.9 ? pick(rand, PEOPLE) : '',
      rand() < 0.5 ? pick(rand, PEOPLE) : '',
    ]);
  }

  for (const item of items) {
    const ws = wb.addWorksheet(item.sheet);
    ws.addRow([`${item.name} RACI`]);
    ws.mergeCells(1, 1, 1, item.roles.length + 1);
    ws.addRow([]);
    ws.addRow(['Activity', ...item.roles]);
    const activities = 12 + Math.floor(rand() * 19);
    for (let a = 0; a < activities; a++) {
      ws.addRow([
        `${pick(rand, VERBS)} ${pick(rand, NOUNS)} (${a + 1})`,
        ...activityCodes(rand, item.roles.length),
      ]);
    }
  }

  const reviews = wb.addWorksheet('Reviews');
  reviews.addRow(['Item', 'Review type', 'Date', 'Reviewer', 'Notes']);
  for (const item of items) {
    for (let r = 0; r < 2; r++) {
      const row = reviews.addRow([
        item.name,
        r === 0 ? 'Process review' : 'Sponsor review',
        utcDate(isoDay(rand, '2025-10-01', 360)),
        pick(rand, PEOPLE),
        'On track',
      ]);
      row.getCell(3).numFmt = 'yyyy-mm-dd';
    }
  }
  await wb.xlsx.writeFile(path);
}

/** Returns a `rows` x `roles` RACI matrix as the core's plain grid (header row first). */
export function matrixGrid(rows: number, roles: number, seed = 7): SheetInput {
  const rand = seededRandom(seed);
  const roleNames = Array.from({ length: roles }, (_, i) => `${ROLES[i % ROLES.length]} ${i + 1}`);
  const grid: Grid = [['Activity', ...roleNames]];
  for (let r = 0; r < rows; r++) {
    grid.push([
      `${pick(rand, VERBS)} ${pick(rand, NOUNS)} ${r + 1}`,
      ...activityCodes(rand, roles),
    ]);
  }
  return { name: 'RACI', rows: grid };
}

/** Writes a workbook with one `rows`-activity matrix sheet through exceljs's streaming writer. */
export async function writeLargeMatrixWorkbook(
  path: string,
  rows: number,
  roles: number,
): Promise<void> {
  const rand = seededRandom(50_000);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = writer.addWorksheet('RACI');
  const roleNames = Array.from({ length: roles }, (_, i) => `${ROLES[i % ROLES.length]} ${i + 1}`);
  ws.addRow(['Activity', ...roleNames]).commit();
  for (let r = 0; r < rows; r++) {
    ws.addRow([
      `${pick(rand, VERBS)} ${pick(rand, NOUNS)} ${r + 1}`,
      ...activityCodes(rand, roles),
    ]).commit();
  }
  ws.commit();
  await writer.commit();
}
