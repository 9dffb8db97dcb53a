/**
 * Generates the bundled example workbooks the audit runs on when given no path
 * (`examples/workbooks/*.xlsx`) and the shared leadership roster (`examples/leadership.xlsx`):
 * a realistic organisation with processes and services, four LT sponsors, clean items and
 * items with the defects people really make, plus the quirks of real files (title rows,
 * merged cells, formulas with cached results, rich text, hyperlinks, a Google Sheets export's
 * oversized used range). The defects are listed in `examples/README.md`; keep both in step.
 * The dates are set for the 2026-Q3 audit (as of 2026-09-30).
 *
 * Run: `npm run make:examples`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

// npm runs scripts from the package root.
const ROOT = join(process.cwd(), 'examples');

type Value = ExcelJS.CellValue;

/** Calendar dates as exceljs writes them: UTC midnight. */
function d(iso: string): Date {
  const [y, m, day] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}

/** Returns a new workbook with fixed dates, so regenerating gives the same content. */
function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RACI Guard examples';
  wb.created = d('2026-09-01');
  wb.modified = d('2026-09-01');
  return wb;
}

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  rows: Value[][],
  widths: number[] = [],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== '')
        ws.getCell(r + 1, c + 1).value = value;
    });
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

function boldRow(ws: ExcelJS.Worksheet, row: number): void {
  ws.getRow(row).font = { bold: true };
}

// ------------------------------------------------------------------------------------------

async function serviceManagement(): Promise<void> {
  const wb = workbook();
  const register = sheet(
    wb,
    'Register',
    [
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
        'Incident Management',
        'Process',
        'Priya Shah',
        'Dana Whitfield',
        'Leo Martins',
        'Incident',
        'Quarterly',
        d('2026-08-12'),
        d('2026-09-15'),
        d('2025-11-03'),
      ],
      [
        'Change Enablement',
        'Process',
        'Marco Rossi',
        'Dana Whitfield',
        'Aisha Bello',
        'Change',
        'Quarterly',
        d('2026-03-02'),
        d('2026-09-22'),
        d('2025-10-20'),
      ],
      [
        'Problem Management',
        'Process',
        'Priya Shah; Sam Keller',
        'Ravi Menon',
        '',
        'Problem',
        'Semiannual',
        d('2026-05-18'),
        null,
        null,
      ],
      [
        'Service Level Management',
        'Process',
        'Hannah Berg',
        'Ravi Menon',
        'Leo Martins',
        'SLM',
        'Every 6 months',
        d('2026-07-01'),
        d('2026-09-03'),
        d('2026-01-12'),
      ],
      [
        'Knowledge Management',
        'Process',
        'Hannah Berg',
        'Tom Berger',
        'Olu Adeyemi',
        '',
        'Annual',
        null,
        null,
        d('2026-02-01'),
      ],
      [
        'Continual Improvement',
        'Practice',
        'Marco Rossi',
        '',
        'Aisha Bello',
        'CSI',
        'Monthly',
        d('2026-09-01'),
        null,
        d('2026-03-01'),
      ],
    ],
    [28, 10, 22, 18, 14, 12, 16, 14, 15, 12],
  );
  boldRow(register, 1);
  // A formula with its cached result, as Sheets and Excel save them.
  register.getCell('H5').value = {
    formula: 'DATE(2026,7,1)',
    result: d('2026-07-01'),
  } as ExcelJS.CellFormulaValue;

  const roles = sheet(
    wb,
    'Roles',
    [
      ['Role', 'Category', 'Holder(s)', 'Deputy'],
      ['Process Owner', 'Process Owner', 'Priya Shah', 'Marco Rossi'],
      ['Incident Manager', 'Process Manager', 'Leo Martins', 'Nina Kowalski'],
      ['Service Desk Analyst', 'Process Practitioner', 'Nina Kowalski, Omar Haddad', ''],
      ['Change Manager', 'Process Manager', 'Aisha Bello', ''],
      ['Change Initiator', 'Change Initiator', 'Omar Haddad', ''],
      ['Change Authority', 'Change Authority', 'Omar Haddad; Marco Rossi', ''],
      ['CAB Member', 'CAB Member', 'Hannah Berg; Leo Martins; Sam Keller', ''],
      ['Service Owner', 'Service Owner', 'Hannah Berg', ''],
      ['Problem Manager', 'Process Manager', '', ''],
      ['Problem Analyst', 'Process Practitioner', 'Sam Keller', ''],
      ['Technical Support', 'Process Practitioner', 'Olu Adeyemi', ''],
      ['SLM Manager', 'Process Manager', 'Leo Martins', ''],
      ['Customer Representative', 'Business Owner', 'Grace Okafor', ''],
      ['CSI Manager', 'Process Manager', 'Aisha Bello', ''],
    ],
    [24, 22, 36, 16],
  );
  boldRow(roles, 1);

  const incident = sheet(
    wb,
    'Incident',
    [
      ['Incident Management RACI'],
      ['Process: Incident Management'],
      ['Owner: Priya Shah'],
      [],
      [
        'Ref',
        'Activity',
        'Process Owner',
        'Incident Manager',
        'Service Desk Analyst',
        'Technical Support',
        'Notes',
      ],
      ['INC-1', 'Log and categorise the incident', 'I', 'A', 'R', 'I', ''],
      ['INC-2', 'Prioritise by impact and urgency', 'I', 'A', 'R', 'C', ''],
      ['INC-3', 'Diagnose and resolve', 'I', 'A', 'C', 'R', 'Escalate after 30 minutes'],
      ['INC-4', 'Close the incident and confirm with the user', 'I', 'A/R', 'R', 'I', ''],
      ['INC-5', 'Review major incidents', 'A', 'R', 'I', 'C', ''],
    ],
    [8, 44, 14, 16, 20, 18, 26],
  );
  incident.mergeCells('A1:G1');
  incident.getCell('A1').font = { bold: true, size: 14 };
  boldRow(incident, 5);
  // Rich text, as a formatted cell comes back from an export.
  incident.getCell('B8').value = {
    richText: [{ text: 'Diagnose ', font: { bold: true } }, { text: 'and resolve' }],
  };

  const change = sheet(
    wb,
    'Change',
    [
      ['Change Enablement RACI'],
      [],
      [
        'Activity',
        'Process Owner',
        'Change Manager',
        'Change Initiator',
        'Change Authority',
        'CAB Member',
        'Service Desk Analyst',
      ],
      ['Raise a request for change', 'I', 'I', 'R', 'A', 'I', 'C'],
      ['Assess risk and impact', 'I', 'A', 'C', 'C', 'R', ''],
      ['Approve high-risk changes', 'I', 'A', 'I', 'A', 'C', 'I'],
      ['Schedule the change window', 'I', 'R', 'I', '', 'C', 'I'],
      ['Implement and review the change', 'I', 'A', 'R', 'I', 'I', 'x'],
      ['Inform users', 'I', 'I', 'I', 'I', 'I', 'R'],
    ],
    [36, 14, 16, 16, 16, 12, 20],
  );
  boldRow(change, 3);

  const problem = sheet(
    wb,
    'Problem',
    [
      ['Problem Management RACI'],
      ['Process', 'Problem Management'],
      ['LT Sponsor', 'Ravi Menon'],
      [],
      [
        'Step',
        'Problem Manager',
        'Problem Analyst',
        'Technical Support',
        'Service Owner',
        'Knowledge Librarian',
      ],
      ['Detection'],
      ['Identify problems from incident trends', 'A', 'R', 'C', 'I', ''],
      ['Log the problem record', 'A', 'R', '', 'I', ''],
      ['Analysis'],
      ['Find the root cause', 'A', 'R', 'R', 'C', ''],
      ['Record the known error and workaround', 'A', 'R', 'C', 'I', ''],
      ['Close the problem', 'A', 'R/R', '', 'I', ''],
    ],
    [40, 16, 16, 18, 14, 20],
  );
  boldRow(problem, 5);

  const slm = sheet(
    wb,
    'SLM',
    [
      ['Activity', 'SLM Manager', 'Service Owner', 'Customer Representative'],
      ['Agree service level targets', 'R', 'A', 'C'],
      ['Monitor and report service levels', 'R', 'A', 'I'],
      ['Run the service review', 'R', 'A', 'C'],
    ],
    [40, 14, 14, 24],
  );
  boldRow(slm, 1);
  // A hyperlinked activity name, as people paste them from the intranet.
  slm.getCell('A4').value = {
    text: 'Run the service review',
    hyperlink: 'https://intranet.example.org/slm/review',
  };

  const csi = sheet(
    wb,
    'CSI',
    [
      ['Activity', 'CSI Manager', 'Process Owner', 'Service Owner'],
      ['Keep the improvement register', 'A/R', 'C', 'C'],
      ['Measure improvements', 'A', 'R', 'I'],
    ],
    [36, 14, 14, 14],
  );
  boldRow(csi, 1);

  const reviews = sheet(
    wb,
    'Reviews',
    [
      ['Item', 'Review type', 'Date', 'Reviewer', 'Notes'],
      ['Incident Management', 'Process review', d('2026-08-12'), 'Priya Shah', 'KPIs on target'],
      ['Incident Management', 'Sponsor review', d('2026-09-15'), 'Dana Whitfield', 'Adoption good'],
      [
        'Change Enablement',
        'Sponsor review',
        d('2026-09-22'),
        'Dana Whitfield',
        'CAB attendance low',
      ],
      ['Service Level Management', 'Service review', d('2026-07-01'), 'Hannah Berg', ''],
      ['Continual Improvement', 'CSI review', d('2026-07-06'), 'Marco Rossi', ''],
      [
        'Continual Improvement',
        'CSI review',
        d('2026-09-01'),
        'Marco Rossi',
        'August review skipped',
      ],
    ],
    [28, 16, 12, 18, 30],
  );
  boldRow(reviews, 1);

  const waivers = sheet(
    wb,
    'Waivers',
    [
      ['Rule', 'Item or Sheet', 'Cell or Activity', 'Reason', 'Approved by', 'Expires'],
      [
        'matrix/unknown-code',
        'Change',
        'G8',
        'The Service Desk part in implementation is being redefined',
        'Dana Whitfield',
        d('2027-03-31'),
      ],
      ['role/unused', 'Problem', '', 'Librarian joins next quarter', '', d('2026-06-30')],
    ],
    [28, 16, 28, 36, 16, 12],
  );
  boldRow(waivers, 1);

  await wb.xlsx.writeFile(join(ROOT, 'workbooks', 'service-management.xlsx'));
}

async function businessServices(): Promise<void> {
  const wb = workbook();
  const register = sheet(
    wb,
    'Services',
    [
      ['Service catalogue'],
      [],
      [
        'Service name',
        'Type',
        'Service Owner',
        'LT Sponsor',
        'RACI',
        'Cadence',
        'Last reviewed',
        'Sponsor review',
        'Signed off',
      ],
      [
        'Email and Calendar',
        'Service',
        'Olu Adeyemi',
        'Ravi Menon',
        'Email',
        'Quarterly',
        d('2026-09-05'),
        d('2026-09-18'),
        d('2025-06-30'),
      ],
      [
        'HR Portal',
        'Service',
        'Grace Okafor',
        'Grace Okafor',
        'HR Portal',
        'Quarterly',
        d('2026-07-10'),
        d('2026-09-29'),
        d('2026-01-15'),
      ],
      [
        'Payroll',
        'Service',
        '',
        'Grace Okafor',
        'Payroll',
        'Monthly',
        '31/07/2026',
        '',
        d('2026-02-20'),
      ],
      ['Field Service App', 'Service', 'Sam Keller', '', 'Field', 'Quartely', '', '', ''],
      [
        'Change Enablement',
        'Process',
        'Marco Rossi',
        'Dana Whitfield',
        '',
        'Quarterly',
        d('2026-03-02'),
        d('2026-09-22'),
        d('2025-10-20'),
      ],
    ],
    [24, 10, 16, 16, 12, 12, 14, 15, 12],
  );
  register.mergeCells('A1:I1');
  register.getCell('A1').font = { bold: true, size: 14 };
  boldRow(register, 3);

  const email = sheet(
    wb,
    'Email',
    [
      ['Activity', 'Service Owner', 'Messaging Engineer', 'Service Desk', 'Security Officer'],
      ['Run the mail platform', 'A', 'R', 'I', 'C'],
      ['Handle user requests', 'A', 'C', 'R', ''],
      ['Review phishing reports', 'I', 'R', 'C', 'A'],
    ],
    [32, 14, 18, 14, 16],
  );
  boldRow(email, 1);

  const hr = sheet(
    wb,
    'HR Portal',
    [
      [
        'Task',
        'Service Owner',
        'HR Business Partner',
        'Application Team',
        'Service Desk',
        'Legal',
        'Works Council',
        'Finance',
        'Auditor',
      ],
      ['Publish policy updates', 'A', 'R', 'C', 'C', 'C', 'C', 'C', ''],
      ['Onboard new starters', 'A', 'R', 'R', 'I', '', '', '', ''],
      ['Fix portal defects', 'I', 'I', 'A/R', 'R', '', '', '', ''],
    ],
    [28, 14, 18, 16, 12, 8, 14, 8, 8],
  );
  boldRow(hr, 1);

  const payroll = sheet(
    wb,
    'Payroll',
    [
      ['Activity', 'Payroll Manager', 'Finance Controller', 'HR Business Partner'],
      ['Run the monthly payroll', 'R', 'A', 'I'],
      ['Approve off-cycle payments', 'R', 'A/R', 'C'],
      ['', 'R', 'A', ''],
      ['Reconcile payroll accounts', 'R', '', 'I'],
    ],
    [32, 16, 18, 20],
  );
  boldRow(payroll, 1);
  // Google Sheets exports a used range of 1000 rows x 26 columns whatever the data: a styled
  // empty cell far away reproduces that.
  payroll.getCell('Z1000').fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: 'FFFFFFFF' },
  };

  const incidentCopy = sheet(
    wb,
    'Incident',
    [
      ['Activity', 'Incident Manager', 'Service Desk'],
      ['Log the incident', 'A', 'R'],
      ['Resolve the incident', 'A', 'R'],
    ],
    [28, 16, 14],
  );
  boldRow(incidentCopy, 1);

  await wb.xlsx.writeFile(join(ROOT, 'workbooks', 'business-services.xlsx'));
}

async function leadership(): Promise<void> {
  const wb = workbook();
  const ws = sheet(
    wb,
    'Leadership',
    [
      ['Name', 'Email', 'Active', 'Until'],
      ['Dana Whitfield', 'dana.whitfield@example.org', 'yes', null],
      ['Ravi Menon', 'ravi.menon@example.org', 'yes', null],
      ['Grace Okafor', null, 'yes', null],
      ['Tom Berger', 'tom.berger@example.org', 'yes', d('2026-06-30')],
    ],
    [20, 30, 8, 12],
  );
  boldRow(ws, 1);
  ws.getCell('B2').value = {
    text: 'dana.whitfield@example.org',
    hyperlink: 'mailto:dana.whitfield@example.org',
  };
  await wb.xlsx.writeFile(join(ROOT, 'leadership.xlsx'));
}

async function main(): Promise<void> {
  mkdirSync(join(ROOT, 'workbooks'), { recursive: true });
  await serviceManagement();
  await businessServices();
  await leadership();
  process.stdout.write(`Example workbooks written to ${ROOT}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
