/**
 * Insert template: adds the sheets a RACI workbook needs, pre-filled so a manager sees what
 * goes where: Register, Roles (the generic ITIL roles), Leadership, Reviews and an example RACI
 * matrix for Incident Management. Only missing sheets are added: a sheet is skipped when one of
 * that name exists or when the core already recognises a sheet of that kind by its content.
 * Existing sheets are never touched. Example people are marked "(example)"; the example's
 * review, sponsor review and sign-off are dated today, so it validates clean.
 */
import type { WorkbookModel } from '../core/model';
import type { AddonEnv } from './env';
import { withDocumentLock } from './env';
import type { SpreadsheetLike } from './gas-types';
import { analyseActiveSpreadsheet } from './validate';

/** The generic ITIL roles of the SPEC, in its order. */
export const GENERIC_ITIL_ROLES = [
  'LT Sponsor',
  'Process Owner',
  'Process Manager',
  'Process Practitioner',
  'Service Owner',
  'Configuration Item Owner',
  'Business Owner',
  'Change Authority',
  'CAB Chair',
  'CAB Member',
  'Change Initiator',
  'Knowledge Management Librarian',
  'Knowledge Creator',
] as const;

export const EXAMPLE_MATRIX_SHEET = 'Incident Management RACI';
const EXAMPLE_ITEM = 'Incident Management';
const SPONSOR = 'Sam Rivera (example)';
const OWNER = 'Alex Kim (example)';
const MANAGER = 'Priya Shah (example)';
const PRACTITIONERS = 'Service desk team (example)';
const SERVICE_OWNER = 'Morgan Diaz (example)';

type TemplateRows = (string | number)[][];

interface TemplateSheet {
  name: string;
  /** Which recognised part of the workbook makes this sheet unnecessary. */
  present: (workbook: WorkbookModel) => boolean;
  /** The row holding the column headings (bold, frozen). */
  headerRow: number;
  /** The rows, with `reviewed` as the date of the example's reviews. */
  rows: (reviewed: string) => TemplateRows;
}

const EXAMPLE_ROLES: Record<string, string> = {
  'Process Owner': OWNER,
  'Process Manager': MANAGER,
  'Process Practitioner': PRACTITIONERS,
  'Service Owner': SERVICE_OWNER,
  'LT Sponsor': SPONSOR,
};

const TEMPLATE: TemplateSheet[] = [
  {
    name: 'Register',
    present: (w) => w.register !== undefined,
    headerRow: 1,
    rows: (reviewed) => [
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
        EXAMPLE_ITEM,
        'Process',
        OWNER,
        SPONSOR,
        MANAGER,
        EXAMPLE_MATRIX_SHEET,
        'Quarterly',
        reviewed,
        reviewed,
        reviewed,
      ],
    ],
  },
  {
    name: 'Roles',
    present: (w) => w.roles !== undefined,
    headerRow: 1,
    rows: () => [
      ['Role', 'Category', 'Holder(s)', 'Deputy'],
      ...GENERIC_ITIL_ROLES.map((role) => [role, role, EXAMPLE_ROLES[role] ?? '', '']),
    ],
  },
  {
    name: 'Leadership',
    present: (w) => w.leadership !== undefined,
    headerRow: 1,
    rows: () => [
      ['Name', 'Email', 'Active', 'Until'],
      [SPONSOR, 'sam.rivera@example.com', 'Yes', ''],
    ],
  },
  {
    name: 'Reviews',
    present: (w) => w.reviews !== undefined,
    headerRow: 1,
    rows: (reviewed) => [
      ['Item', 'Review type', 'Date', 'Reviewer', 'Notes'],
      [
        EXAMPLE_ITEM,
        'Sponsor review',
        reviewed,
        SPONSOR,
        'Adoption and compliance reviewed (example).',
      ],
    ],
  },
  {
    name: EXAMPLE_MATRIX_SHEET,
    present: (w) => w.matrices.length > 0,
    headerRow: 7,
    rows: (reviewed) => [
      ['Process: Incident Management', '', '', '', '', ''],
      [`Owner: ${OWNER}`, '', '', '', '', ''],
      [`LT Sponsor: ${SPONSOR}`, '', '', '', '', ''],
      [`Last reviewed: ${reviewed}`, '', '', '', '', ''],
      ['Review cadence: Quarterly', '', '', '', '', ''],
      ['', '', '', '', '', ''],
      [
        'Activity',
        'Process Owner',
        'Process Manager',
        'Process Practitioner',
        'Service Owner',
        'Notes',
      ],
      ['Log and categorise the incident', 'I', 'A', 'R', '', ''],
      ['Prioritise the incident', 'I', 'A', 'R', 'C', ''],
      ['Diagnose and resolve', '', 'A', 'R', 'C', ''],
      [
        'Escalate a major incident',
        'I',
        'R',
        'C',
        'A',
        'Service Owner decides on major incidents.',
      ],
      ['Close the incident', 'I', 'R', 'R', 'A', ''],
      ['Review process performance', 'A', 'R', 'C', 'C', 'Quarterly, with the LT sponsor.'],
    ],
  },
];

export interface TemplateResult {
  created: string[];
  /** Template sheets not added, and why. */
  skipped: { sheet: string; reason: string }[];
  message: string;
}

function hasSheetNamed(spreadsheet: SpreadsheetLike, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return spreadsheet.getSheets().some((s) => s.getName().trim().toLowerCase() === wanted);
}

/** Adds the missing template sheets at the end of the spreadsheet; returns what it did. */
export function insertTemplate(env: AddonEnv): TemplateResult {
  return withDocumentLock(env, () => {
    const spreadsheet = env.app.getActiveSpreadsheet();
    // Validation judges as of today, so the example is reviewed and signed off today: its
    // review counts, its sponsor review covers the running quarter, and no date is in the future.
    const { result, today: reviewed } = analyseActiveSpreadsheet(env);
    const outcome: TemplateResult = { created: [], skipped: [], message: '' };
    for (const part of TEMPLATE) {
      if (hasSheetNamed(spreadsheet, part.name)) {
        outcome.skipped.push({ sheet: part.name, reason: 'a sheet of that name exists' });
        continue;
      }
      if (part.present(result.workbook)) {
        outcome.skipped.push({ sheet: part.name, reason: 'the workbook already has one' });
        continue;
      }
      const rows = part.rows(reviewed);
      const width = Math.max(...rows.map((r) => r.length));
      const values = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
      const sheet = spreadsheet.insertSheet(part.name, spreadsheet.getSheets().length);
      sheet.getRange(1, 1, values.length, width).setValues(values);
      sheet.getRange(part.headerRow, 1, 1, width).setFontWeight('bold').setBackground('#e8eaed');
      if (part.headerRow === 1) sheet.setFrozenRows(1);
      sheet.setColumnWidth(1, 240);
      outcome.created.push(part.name);
    }
    outcome.message =
      outcome.created.length === 0
        ? 'Nothing added: the workbook already has every template sheet.'
        : `Added ${outcome.created.join(', ')}. Replace the "(example)" entries with your own.`;
    return outcome;
  });
}
