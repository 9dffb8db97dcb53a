/**
 * The core's data model: the plain grid both shells hand in, the parsed workbook (RACI
 * matrices and governance sheets), findings, and the analysis result both shells render.
 * Everything here is plain JSON-able data: no Date objects, no class instances, so the same
 * objects cross `google.script.run`, go into report.json and into the xlsx reports.
 * Positions are 1-based; cells are in A1 form.
 */
import type { Config } from './config';

/** One cell as the shells hand it in. Dates are already calendar dates as `YYYY-MM-DD` text. */
export type CellValue = string | number | boolean | null;

/** Rows of cells. `rows[0]` is sheet row 1, `rows[r][0]` is column A. Rows may be ragged. */
export type Grid = CellValue[][];

/** One sheet as a shell hands it to the core. */
export interface SheetInput {
  name: string;
  rows: Grid;
  /** Merged ranges in A1 form (`A1:D1`); values sit in the top-left cell only. */
  merges?: string[];
}

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';
export type RaciModel = 'RACI' | 'RASCI' | 'RACI-VS';

/** A finding as JSON: the same object goes to the sidebar, report.json and the xlsx. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** One plain sentence naming the activity, role or item. */
  message: string;
  sheet?: string;
  /** A1 form, where one cell is the cause. */
  cell?: string;
  row?: number;
  column?: number;
  item?: string;
  activity?: string;
  role?: string;
  suggestion?: string;
  /** True when a valid waiver covers this finding; it then does not count against compliance. */
  waived?: boolean;
  /** The waiver that applied (its reason, approver and expiry). */
  waiver?: {
    reason: string;
    approvedBy: string;
    expires: string | null;
    sheet: string;
    row: number;
  };
}

/** What a rule reports; the engine adds `rule` and `severity`. */
export type FindingDraft = Omit<Finding, 'rule' | 'severity' | 'waived' | 'waiver'>;

// ---------------------------------------------------------------------------------------------
// RACI matrices

/** One letter of a RACI code. S (Support or Sign-off) and V (Verify) depend on the model. */
export type CodeLetter = 'R' | 'A' | 'C' | 'I' | 'S' | 'V';

/** One matrix cell, parsed. */
export interface MatrixCell {
  /** The text as written (trimmed). Empty for blank and for the spellings of "empty". */
  raw: string;
  /** Letters in the order written, repeats kept (so `redundant-code` can see `R/R`). */
  letters: CodeLetter[];
  /** Tokens that are not codes of the configured model (e.g. `X`, or `S` under plain RACI). */
  unknown: string[];
  row: number;
  column: number;
  cell: string;
}

export interface MatrixRole {
  /** The header text, trimmed and with inner white space folded. */
  name: string;
  column: number;
  /** A1 of the header cell. */
  cell: string;
}

export interface MatrixActivity {
  /** Activity name, trimmed; '' when the row has codes but no name. */
  name: string;
  row: number;
  /** A1 of the activity name cell. */
  cell: string;
  /** The section (phase) row above it, if any. */
  section?: string;
  /** Text from ID/Ref columns left of the activity column, if any. */
  ref?: string;
  /** One cell per role, in the order of `RaciMatrix.roles`. */
  cells: MatrixCell[];
}

/** Keys of the metadata block above a matrix, normalised. Unknown keys keep their text. */
export interface MatrixMetadataEntry {
  key: string;
  value: string;
  cell: string;
}

export interface RaciMatrix {
  sheet: string;
  /** 0-based index of this matrix within its sheet (matrices may be stacked). */
  index: number;
  headerRow: number;
  /** Last row that belongs to the matrix (its last activity). */
  lastRow: number;
  activityColumn: number;
  /** The activity column's header text ('' when empty). */
  activityHeader: string;
  roles: MatrixRole[];
  activities: MatrixActivity[];
  /**
   * The `Key: value` block above the header. Normalised keys used elsewhere: `process`,
   * `service`, `owner`, `ltSponsor`, `lastReviewed`, `reviewCadence`; others as written.
   */
  metadata: Record<string, MatrixMetadataEntry>;
}

// ---------------------------------------------------------------------------------------------
// Governance sheets

/** A date as found in a cell. */
export interface DateField {
  /** The calendar date, `YYYY-MM-DD`, or null when blank or invalid. */
  value: string | null;
  /** The text as written ('' when blank). */
  raw: string;
  /** True when the cell holds something that is not a valid date. */
  invalid: boolean;
  cell: string;
}

/** A text field with where it came from. */
export interface TextField {
  value: string;
  cell: string;
}

export type ItemKind = 'process' | 'service' | 'practice' | 'other';

export interface RegisterItem {
  name: string;
  kind: ItemKind;
  /** The Kind cell as written. */
  kindRaw: string;
  sheet: string;
  row: number;
  /** A1 of the name cell. */
  cell: string;
  /** People split on comma, semicolon and new line. */
  owners: string[];
  ownerCell?: string;
  sponsor: string;
  sponsorCell?: string;
  managers: string[];
  managerCell?: string;
  raciSheet?: TextField;
  reviewCadence?: TextField;
  lastReviewed?: DateField;
  sponsorReview?: DateField;
  signOff?: DateField;
}

export interface Register {
  sheet: string;
  headerRow: number;
  items: RegisterItem[];
}

export interface RoleEntry {
  role: string;
  category: string;
  holders: string[];
  deputies: string[];
  sheet: string;
  row: number;
  cell: string;
}

export interface LeadershipMember {
  name: string;
  email: string;
  /** False when Active says no. */
  active: boolean;
  until?: DateField;
  sheet: string;
  row: number;
}

export interface ReviewEntry {
  item: string;
  type: string;
  date: DateField;
  reviewer: string;
  notes: string;
  sheet: string;
  row: number;
}

export interface WaiverEntry {
  rule: string;
  /** Item name or sheet name the waiver targets ('' = any). */
  target: string;
  /** Cell (A1) or activity name ('' = any). */
  where: string;
  reason: string;
  approvedBy: string;
  expires?: DateField;
  sheet: string;
  row: number;
  /** A1 of the waiver's Rule cell (optional: added for `waiver/invalid` to point at it). */
  cell?: string;
}

/** Everything the core recognised in one workbook. */
export interface WorkbookModel {
  sheetNames: string[];
  matrices: RaciMatrix[];
  register?: Register;
  roles?: { sheet: string; entries: RoleEntry[] };
  leadership?: { sheet: string; members: LeadershipMember[] };
  reviews?: { sheet: string; entries: ReviewEntry[] };
  waivers?: { sheet: string; entries: WaiverEntry[] };
  /** The Config sheet, if the workbook has one. */
  configSheet?: string;
}

// ---------------------------------------------------------------------------------------------
// Results

export type ReviewStatus = 'never' | 'overdue' | 'due-soon' | 'ok' | 'unknown';
export type SponsorReviewStatus = 'done' | 'missing' | 'pending';

export interface ItemCheck {
  id:
    | 'owner-defined'
    | 'single-owner'
    | 'sponsor-defined'
    | 'sponsor-sitting'
    | 'manager-appointed'
    | 'raci-present'
    | 'raci-clean'
    | 'roles-staffed'
    | 'review-on-cadence'
    | 'sponsor-review-done'
    | 'signoff-recorded';
  label: string;
  passed: boolean;
}

export interface ItemResult {
  name: string;
  kind: ItemKind;
  sheet: string;
  row: number;
  owner: string;
  sponsor: string;
  manager: string;
  /** Matrices linked to the item: sheet and header row. */
  matrices: { sheet: string; headerRow: number }[];
  compliant: boolean;
  /** Percentage (0-100, whole number) of the item's checks that pass. */
  score: number;
  checks: ItemCheck[];
  /** Counts of the item's findings that are not waived. */
  findings: { error: number; warning: number; info: number };
  review: {
    cadence: string | null;
    lastReviewed: string | null;
    nextDue: string | null;
    status: ReviewStatus;
    daysOverdue: number | null;
    /** With a Reviews log: reviews done / expected in the quarter (null without a log or cadence). */
    adherence: number | null;
  };
  sponsorReview: { date: string | null; status: SponsorReviewStatus };
}

/** Review state of one register item as of the audit date, computed before the rules run. */
export interface ItemReviewState {
  review: ItemResult['review'];
  sponsorReview: ItemResult['sponsorReview'];
}

export interface SponsorResult {
  /** The sponsor as named in the roster where matched, else as written in the register. */
  name: string;
  email?: string;
  /** True for the group of items that have no sponsor (listed, never dropped). */
  unassigned?: boolean;
  /** Whether the sponsor sits on the leadership team (null without a Leadership sheet). */
  sitting: boolean | null;
  items: number;
  compliant: number;
  /** compliant / items, 0 to 1 (4 decimals). */
  compliance: number;
  itemNames: string[];
}

export interface Quarter {
  /** `YYYY-Qn` */
  id: string;
  /** First and last calendar day, `YYYY-MM-DD`. */
  start: string;
  end: string;
}

export interface AnalysisResult {
  quarter: Quarter;
  asOf: string;
  /** The configuration the analysis ran with: the caller's, with the workbook's Config sheet applied. */
  config: Config;
  workbook: WorkbookModel;
  items: ItemResult[];
  sponsors: SponsorResult[];
  /** All findings, waived ones included (marked), in sheet/row/column then rule order. */
  findings: Finding[];
  /** Problems with the Config sheet: the key, where, and why. Empty when fine. */
  configErrors: ConfigError[];
}

export interface ConfigError {
  key: string;
  message: string;
  sheet?: string;
  cell?: string;
}
