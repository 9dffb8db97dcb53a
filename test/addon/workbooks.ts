/**
 * Realistic spreadsheets for the add-on tests, built on the fake Spreadsheet service: a
 * governance workbook (Register, Roles, Leadership, Reviews) with a Change Enablement matrix
 * that has a title, a metadata block, an ID column, a section row, a Notes column and known
 * mistakes; and a plain matrix of any number of rows for call-count comparisons.
 */
import { FakeSpreadsheet, type FakeSheet } from '../support/fake-apps-script';

export const MATRIX_SHEET = 'Change Enablement RACI';
export const XSS_ACTIVITY =
  '<img src=x onerror="window.__raciXss=1;alert(1)"><script>window.__raciXss=2</script>';

/**
 * Returns a governance workbook. Known mistakes in the matrix (header on row 8, roles in C..G):
 * row 11 has no A, row 12 has two A, row 13 holds the unknown code X in D13, row 14's activity
 * name is markup.
 */
export function governanceWorkbook(timeZone = 'Asia/Tokyo'): FakeSpreadsheet {
  const ss = new FakeSpreadsheet(timeZone);
  const d = (ymd: string) => ss.date(ymd);
  ss.addSheet('Register', [
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
      'Change Enablement',
      'Process',
      'Dana Fox',
      'Sam Rivera',
      'Lee Park',
      MATRIX_SHEET,
      'Quarterly',
      d('2026-09-30'),
      d('2026-09-15'),
      d('2026-01-10'),
    ],
  ]);
  ss.addSheet('Roles', [
    ['Role', 'Category', 'Holder(s)', 'Deputy'],
    ['Change Manager', 'Process Manager', 'Lee Park', ''],
    ['Change Authority', 'Change Authority', 'Avery Stone', ''],
    ['CAB Member', 'CAB Member', 'Jo Brandt; Kim Ode', ''],
    ['Change Initiator', 'Change Initiator', 'Requesters', ''],
    ['Process Owner', 'Process Owner', 'Dana Fox', ''],
  ]);
  ss.addSheet('Leadership', [
    ['Name', 'Email', 'Active'],
    ['Sam Rivera', 'sam.rivera@example.com', 'Yes'],
  ]);
  ss.addSheet('Reviews', [
    ['Item', 'Review type', 'Date', 'Reviewer', 'Notes'],
    ['Change Enablement', 'Sponsor review', d('2026-09-15'), 'Sam Rivera', ''],
  ]);
  ss.addSheet(MATRIX_SHEET, [
    ['Change Enablement: RACI matrix'],
    [],
    ['Process:', 'Change Enablement'],
    ['Owner:', 'Dana Fox'],
    ['LT Sponsor:', 'Sam Rivera'],
    ['Last reviewed:', d('2026-09-30')],
    [],
    [
      'Ref',
      'Activity',
      'Change Manager',
      'Change Authority',
      'CAB Member',
      'Change Initiator',
      'Process Owner',
      'Notes',
    ],
    ['', 'Assess', '', '', '', '', '', ''],
    ['CH-1', 'Raise a change request', 'I', '', '', 'A/R', '', ''],
    ['CH-2', 'Assess the change', 'R', 'C', 'C', 'I', '', 'no A on purpose'],
    ['CH-3', 'Authorise the change', 'R', 'A', 'C', 'I', 'A', ''],
    ['CH-4', 'Schedule the change', 'A', 'X', '', 'I', '', ''],
    ['CH-5', XSS_ACTIVITY, 'A', 'R', '', '', 'I', ''],
    ['CH-6', 'Review the change', 'R', 'I', 'C', 'I', 'A', ''],
  ]);
  return ss;
}

/** Returns a spreadsheet with one matrix of `rows` activities (each with one A and one R). */
export function plainMatrix(rows: number, timeZone = 'Europe/London'): FakeSpreadsheet {
  const ss = new FakeSpreadsheet(timeZone);
  const grid: unknown[][] = [
    ['Activity', 'Service Owner', 'Process Manager', 'Practitioner', 'Analyst', 'Notes'],
  ];
  for (let i = 1; i <= rows; i++) {
    const codes = i % 7 === 0 ? ['A', 'A', 'R', 'C'] : ['A', 'R', 'C', 'I'];
    grid.push([`Activity number ${i}`, ...codes, i % 5 === 0 ? 'check' : '']);
  }
  const sheet: FakeSheet = ss.addSheet('RACI', grid);
  sheet.merges.push({ row: 1, column: 6, numRows: 1, numColumns: 1 });
  return ss;
}
