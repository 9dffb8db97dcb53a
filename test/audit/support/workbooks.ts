/**
 * Builds real .xlsx files for the audit tests with exceljs (in memory, then written to a
 * temporary folder), and a small organisation to put in them: a register of two processes
 * with their sponsors, roles, a leadership sheet and two matrices, one clean and one with
 * typical defects. Dates are written as exceljs writes them (UTC midnight Dates).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';

export type XValue = ExcelJS.CellValue;

export interface XSheet {
  name: string;
  rows: XValue[][];
  merges?: string[];
}

/** Returns a calendar date as exceljs writes it. */
export function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Returns the bytes of an .xlsx holding the sheets. */
export async function workbookBytes(sheets: XSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes an .xlsx holding the sheets to `path` (folders created). */
export async function writeWorkbook(path: string, sheets: XSheet[]): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await workbookBytes(sheets));
}

/** Returns a fresh temporary folder and a function that removes it. */
export function tempDir(prefix = 'raci-audit-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OrgOptions {
  /** Text of the Payments process's first activity (to test escaping and formula text). */
  activityText?: string;
  /** Prefix for item names, so two workbooks can hold different items. */
  prefix?: string;
  sponsorOfSecond?: string;
  /** Leadership roster rows (name, email, active); default Dana Whitfield and Ravi Menon. */
  leadership?: XValue[][];
  /** Holder(s) of the Process Owner role (default "Ann Lee") and of Practitioner. */
  ownerHolders?: string;
  practitionerHolders?: string;
}

/**
 * Returns a workbook of two processes: "<prefix>Incident" (clean: owner, sponsor on the LT,
 * reviewed on cadence, sponsor review and sign-off recorded, a clean matrix) and
 * "<prefix>Payments" (a matrix activity with no A, a second activity with two A, review
 * overdue, sponsor review missing).
 */
export function organisation(options: OrgOptions = {}): XSheet[] {
  const p = options.prefix ?? '';
  return [
    {
      name: 'Register',
      rows: [
        [
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
        ],
        [
          `${p}Incident`,
          'Process',
          'Ann Lee',
          'Dana Whitfield',
          'Bo Chan',
          'Incident',
          'Quarterly',
          utcDate('2026-08-12'),
          utcDate('2026-09-15'),
          utcDate('2025-11-03'),
        ],
        [
          `${p}Payments`,
          'Process',
          'Cy Dunn',
          options.sponsorOfSecond ?? 'Ravi Menon',
          'Di Evans',
          'Payments',
          'Quarterly',
          utcDate('2026-01-10'),
          null,
          utcDate('2025-11-03'),
        ],
      ],
    },
    {
      name: 'Roles',
      rows: [
        ['Role', 'Category', 'Holder(s)', 'Deputy'],
        ['Process Owner', 'Process Owner', options.ownerHolders ?? 'Ann Lee', ''],
        ['Process Manager', 'Process Manager', 'Bo Chan', ''],
        [
          'Practitioner',
          'Process Practitioner',
          options.practitionerHolders ?? 'Cy Dunn, Di Evans',
          '',
        ],
      ],
    },
    {
      name: 'Leadership',
      rows: [
        ['Name', 'Email', 'Active'],
        ...(options.leadership ?? [
          ['Dana Whitfield', 'dana@example.org', 'yes'],
          ['Ravi Menon', 'ravi@example.org', 'yes'],
        ]),
      ],
    },
    {
      name: 'Incident',
      rows: [
        ['Activity', 'Process Owner', 'Process Manager', 'Practitioner'],
        ['Log the incident', 'I', 'A', 'R'],
        ['Resolve the incident', 'I', 'A', 'R'],
        ['Review major incidents', 'A', 'R', 'C'],
      ],
    },
    {
      name: 'Payments',
      rows: [
        ['Activity', 'Process Owner', 'Process Manager', 'Practitioner'],
        [options.activityText ?? 'Approve the payment run', 'I', 'C', 'R'],
        ['Release the payments', 'A', 'A', 'R'],
        ['Reconcile accounts', 'I', 'A', 'R'],
      ],
    },
  ];
}
