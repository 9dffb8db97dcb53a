/**
 * Recognises the governance sheets of a workbook by their header row, not by name or
 * position: Register, Roles, Leadership, Reviews, Waivers and Config. The header row may sit
 * anywhere in the first rows (titles above it are fine), its columns in any order, and each
 * column is known by several spellings (matched ignoring case, spaces and punctuation).
 * Data rows are read until the sheet ends; blank rows are skipped.
 */
import type { Config } from '../config';
import { parseDateCell } from '../dates';
import type {
  CellValue,
  DateField,
  Grid,
  ItemKind,
  LeadershipMember,
  Register,
  RegisterItem,
  ReviewEntry,
  RoleEntry,
  SheetInput,
  TextField,
  WaiverEntry,
  WorkbookModel,
} from '../model';
import { cellText, foldSpaces, toA1 } from '../text';
import { splitPeople } from './people';

/** How many rows from the top are searched for a header row. */
const HEADER_SCAN_ROWS = 20;

type Columns<F extends string> = Partial<Record<F, number>>;

/** True for the characters a header key keeps: `a`-`z` and `0`-`9`. */
function isKeyChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Returns header text reduced to letters and digits, lowercased: `Holder(s)` -> `holders`. */
export function headerKey(value: CellValue | undefined): string {
  // Lowercased first, as a whole: a few non-ASCII letters lowercase to ASCII ones (the Kelvin
  // sign K to k). Then the runs of letters and digits are kept, everything else dropped.
  const lower = cellText(value).toLowerCase();
  let key = '';
  let runStart = -1;
  for (let i = 0; i < lower.length; i++) {
    if (isKeyChar(lower.charCodeAt(i))) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      key += lower.slice(runStart, i);
      runStart = -1;
    }
  }
  return runStart < 0 ? key : key + lower.slice(runStart);
}

const REGISTER_HEADERS = {
  name: [
    'name',
    'item',
    'itemname',
    'processservice',
    'processorservice',
    'processname',
    'servicename',
    'title',
    'process',
    'service',
    'practice',
  ],
  kind: ['kind', 'type', 'itemtype', 'itemkind'],
  owner: ['owner', 'owners', 'processowner', 'serviceowner', 'itemowner'],
  sponsor: [
    'ltsponsor',
    'sponsor',
    'ltsponsors',
    'leadershipsponsor',
    'executivesponsor',
    'leadershipteamsponsor',
  ],
  manager: ['manager', 'managers', 'processmanager', 'servicemanager'],
  raciSheet: ['racisheet', 'raci', 'racimatrix', 'matrix', 'matrixsheet', 'racitab', 'sheet'],
  reviewCadence: ['reviewcadence', 'cadence', 'reviewfrequency', 'frequency'],
  lastReviewed: ['lastreviewed', 'lastreview', 'lastreviewdate', 'reviewed', 'lastreviewedon'],
  sponsorReview: [
    'sponsorreview',
    'lastsponsorreview',
    'sponsorreviewdate',
    'ltsponsorreview',
    'sponsorreviewed',
  ],
  signOff: ['signoff', 'signedoff', 'sponsorsignoff', 'signoffdate', 'signedoffon'],
};

const ROLE_HEADERS = {
  role: ['role', 'rolename', 'roletitle', 'racirole'],
  category: ['category', 'itilrole', 'genericrole', 'rolecategory', 'roletype'],
  holders: [
    'holders',
    'holder',
    'heldby',
    'people',
    'person',
    'assignee',
    'assignees',
    'roleholders',
    'roleholder',
  ],
  deputy: ['deputy', 'deputies', 'backup', 'backups', 'delegate'],
};

const LEADERSHIP_HEADERS = {
  name: ['name', 'member', 'fullname', 'person', 'leader'],
  email: ['email', 'emailaddress', 'mail', 'workemail'],
  active: ['active', 'sitting', 'status', 'current'],
  until: ['until', 'activeuntil', 'enddate', 'termends', 'termend', 'to', 'leaves', 'end'],
};

const REVIEW_HEADERS = {
  item: ['item', 'process', 'service', 'processservice', 'processorservice', 'name', 'itemname'],
  type: ['reviewtype', 'type', 'kind', 'review'],
  date: ['date', 'reviewdate', 'reviewedon', 'when', 'dateofreview'],
  reviewer: ['reviewer', 'reviewedby', 'by', 'reviewers'],
  notes: ['notes', 'note', 'comments', 'comment', 'outcome'],
};

const WAIVER_HEADERS = {
  rule: ['rule', 'ruleid', 'rules'],
  target: ['itemorsheet', 'sheetoritem', 'item', 'sheet', 'target', 'itemsheet', 'appliesto'],
  where: ['celloractivity', 'activityorcell', 'cell', 'activity', 'where', 'location', 'scope'],
  reason: ['reason', 'justification', 'rationale', 'why'],
  approvedBy: ['approvedby', 'approver', 'approved', 'signedoffby'],
  expires: ['expires', 'expiry', 'expirydate', 'expireson', 'validuntil', 'until', 'expiration'],
};

const CONFIG_HEADERS = {
  key: ['key', 'setting', 'option', 'parameter'],
  value: ['value', 'settingvalue', 'val'],
};

/** Every header key any governance sheet kind looks for: the only keys worth indexing. */
export const HEADER_WORDS: ReadonlySet<string> = new Set(
  [
    REGISTER_HEADERS,
    ROLE_HEADERS,
    LEADERSHIP_HEADERS,
    REVIEW_HEADERS,
    WAIVER_HEADERS,
    CONFIG_HEADERS,
  ].flatMap((headers) => Object.values<string[]>(headers).flat()),
);

/**
 * The header keys of a sheet's first rows: for each of the first `HEADER_SCAN_ROWS` rows, every
 * key on it that some sheet kind looks for (a synonym of one of its columns) and the columns
 * (0-based, left to right) where it appears. Worked out once per sheet and shared by the
 * searches for each sheet kind, so a cell's text is reduced once, not once per synonym and kind.
 * Rows holding no such key (most rows) have an empty map.
 */
export type HeaderIndex = ReadonlyMap<string, number[]>[];

const NO_HEADER_KEYS: ReadonlyMap<string, number[]> = new Map();

/** The length of the longest header word. */
const LONGEST_HEADER_WORD = Math.max(...[...HEADER_WORDS].map((word) => word.length));

/**
 * False when a text cell cannot reduce to a header word, so its key need not be worked out.
 * Every ASCII letter and digit of a text stays in its key, and header words are letters only,
 * at most `LONGEST_HEADER_WORD` of them: a text holding a digit (dates, numbered activities)
 * or more ASCII letters than that is no header. Other values: true (their key decides).
 */
function mayBeHeaderWord(value: CellValue | undefined): boolean {
  if (typeof value !== 'string') return true;
  let letters = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return false;
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      letters++;
      if (letters > LONGEST_HEADER_WORD) return false;
    }
  }
  return true;
}

/** Returns the header index of the sheet's first rows (see `HeaderIndex`). */
export function headerIndex(rows: Grid): HeaderIndex {
  const index: HeaderIndex = [];
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const row = rows[r] ?? [];
    let byKey: Map<string, number[]> | undefined;
    for (let i = 0; i < row.length; i++) {
      if (!mayBeHeaderWord(row[i])) continue;
      const key = headerKey(row[i]);
      if (!HEADER_WORDS.has(key)) continue;
      if (!byKey) byKey = new Map();
      const columns = byKey.get(key);
      if (columns) columns.push(i);
      else byKey.set(key, [i]);
    }
    index.push(byKey ?? NO_HEADER_KEYS);
  }
  return index;
}

/**
 * Returns each sheet's header index (see `HeaderIndex`), worked out once per sheet for both the
 * Config sheet search and the recognition of the other governance sheets.
 */
export function headerIndexes(sheets: readonly SheetInput[]): Map<SheetInput, HeaderIndex> {
  return new Map(sheets.map((sheet) => [sheet, headerIndex(sheet.rows)]));
}

/** Each sheet kind's synonyms, all fields together, worked out once per kind. */
const wordsByKind = new Map<Record<string, string[]>, ReadonlySet<string>>();

/** Returns every synonym of every field of a sheet kind. */
function wordsOf(synonyms: Record<string, string[]>): ReadonlySet<string> {
  let words = wordsByKind.get(synonyms);
  if (!words) {
    words = new Set(Object.values(synonyms).flat());
    wordsByKind.set(synonyms, words);
  }
  return words;
}

/** True when the row holds at least one of the words. */
function holdsAnyWord(byKey: ReadonlyMap<string, number[]>, words: ReadonlySet<string>): boolean {
  for (const key of byKey.keys()) if (words.has(key)) return true;
  return false;
}

/**
 * Returns the header row (1-based) and the column of each field, or undefined. For each field
 * the earliest synonym found wins, at its leftmost column not already taken by another field.
 */
function findHeader<F extends string>(
  index: HeaderIndex,
  synonyms: Record<F, string[]>,
  accept: (cols: Columns<F>) => boolean,
): { headerRow: number; columns: Columns<F> } | undefined {
  const fields = Object.keys(synonyms) as F[];
  const words = wordsOf(synonyms);
  // Most rows hold no header word of this kind: whether such a row is accepted is asked once.
  let acceptsNoColumns: boolean | undefined;
  for (let r = 0; r < index.length; r++) {
    const byKey = index[r];
    if (!holdsAnyWord(byKey, words)) {
      if (acceptsNoColumns === undefined) acceptsNoColumns = accept({});
      if (acceptsNoColumns) return { headerRow: r + 1, columns: {} };
      continue;
    }
    const columns: Columns<F> = {};
    const taken = new Set<number>();
    for (const field of fields) {
      // Earlier synonyms are better matches: "LT Sponsor" beats "Sponsor review" for sponsor.
      for (const word of synonyms[field]) {
        const c = byKey.get(word)?.find((i) => !taken.has(i));
        if (c !== undefined) {
          columns[field] = c + 1;
          taken.add(c);
          break;
        }
      }
    }
    if (accept(columns)) return { headerRow: r + 1, columns };
  }
  return undefined;
}

function has<F extends string>(cols: Columns<F>, ...fields: F[]): number {
  return fields.filter((f) => cols[f] !== undefined).length;
}

interface RowReader {
  text(column: number | undefined): string;
  value(column: number | undefined): CellValue;
  cell(column: number | undefined): string | undefined;
  row: number;
}

function eachDataRow(
  rows: Grid,
  headerRow: number,
  columns: number[],
  visit: (reader: RowReader) => void,
): void {
  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (columns.every((c) => cellText(cells[c - 1]) === '')) continue;
    const row = r + 1;
    visit({
      row,
      value: (c) => (c === undefined ? null : (cells[c - 1] ?? null)),
      text: (c) => (c === undefined ? '' : foldSpaces(cellText(cells[c - 1]))),
      cell: (c) => (c === undefined ? undefined : toA1(row, c)),
    });
  }
}

const CODE_ONLY = /^[RACISV](?:[\s/,+&-]*[RACISV])*$/i;

/**
 * Returns true when the people columns below the header hold mostly RACI codes: the header
 * row then belongs to a matrix whose roles happen to be called Owner or Manager, not to a
 * Register or Roles sheet.
 */
function holdsCodes(rows: Grid, headerRow: number, columns: (number | undefined)[]): boolean {
  let codes = 0;
  let filled = 0;
  for (let r = headerRow; r < Math.min(rows.length, headerRow + 200); r++) {
    for (const c of columns) {
      if (c === undefined) continue;
      const text = cellText(rows[r]?.[c - 1]);
      if (text === '') continue;
      filled += 1;
      if (CODE_ONLY.test(text)) codes += 1;
    }
  }
  return filled > 0 && codes * 2 > filled;
}

function columnList<F extends string>(cols: Columns<F>): number[] {
  return Object.values(cols).filter((c): c is number => typeof c === 'number');
}

function dateField(
  reader: RowReader,
  column: number | undefined,
  config: Config,
): DateField | undefined {
  if (column === undefined) return undefined;
  const value = reader.value(column);
  const parsed = parseDateCell(value, config.dateOrder);
  return { ...parsed, raw: cellText(value), cell: reader.cell(column) as string };
}

function textField(reader: RowReader, column: number | undefined): TextField | undefined {
  if (column === undefined) return undefined;
  return { value: reader.text(column), cell: reader.cell(column) as string };
}

/** Returns the kind of a register item from its Kind cell. */
export function itemKind(text: string): ItemKind {
  const t = text.toLowerCase();
  if (t.includes('process')) return 'process';
  if (t.includes('service')) return 'service';
  if (t.includes('practice')) return 'practice';
  return 'other';
}

/** Returns the register found on the sheet, or undefined when the sheet is not a register. */
export function readRegister(
  sheet: SheetInput,
  config: Config,
  index: HeaderIndex = headerIndex(sheet.rows),
): Register | undefined {
  const header = findHeader(
    index,
    REGISTER_HEADERS,
    (c) =>
      c.name !== undefined &&
      has(c, 'kind', 'owner', 'sponsor', 'raciSheet', 'manager', 'reviewCadence', 'lastReviewed') >=
        2,
  );
  if (!header) return undefined;
  const c = header.columns;
  if (holdsCodes(sheet.rows, header.headerRow, [c.owner, c.sponsor, c.manager])) return undefined;
  const items: RegisterItem[] = [];
  // Without a Kind column, a name column headed "Process" or "Service" says what the items are.
  const nameHeader = cellText(sheet.rows[header.headerRow - 1]?.[(c.name as number) - 1]);
  eachDataRow(sheet.rows, header.headerRow, [c.name as number], (r) => {
    const kindRaw = r.text(c.kind);
    items.push({
      name: r.text(c.name),
      kind: itemKind(kindRaw !== '' || c.kind !== undefined ? kindRaw : nameHeader),
      kindRaw,
      sheet: sheet.name,
      row: r.row,
      cell: r.cell(c.name) as string,
      owners: splitPeople(r.value(c.owner)),
      ownerCell: r.cell(c.owner),
      sponsor: foldSpaces(r.text(c.sponsor)),
      sponsorCell: r.cell(c.sponsor),
      managers: splitPeople(r.value(c.manager)),
      managerCell: r.cell(c.manager),
      raciSheet: textField(r, c.raciSheet),
      reviewCadence: textField(r, c.reviewCadence),
      lastReviewed: dateField(r, c.lastReviewed, config),
      sponsorReview: dateField(r, c.sponsorReview, config),
      signOff: dateField(r, c.signOff, config),
    });
  });
  return { sheet: sheet.name, headerRow: header.headerRow, items };
}

/** Returns the Roles sheet's entries, or undefined when the sheet is not a Roles sheet. */
export function readRoles(
  sheet: SheetInput,
  index: HeaderIndex = headerIndex(sheet.rows),
): RoleEntry[] | undefined {
  const header = findHeader(
    index,
    ROLE_HEADERS,
    (c) => c.role !== undefined && c.holders !== undefined,
  );
  if (!header) return undefined;
  const c = header.columns;
  if (holdsCodes(sheet.rows, header.headerRow, [c.holders])) return undefined;
  const entries: RoleEntry[] = [];
  eachDataRow(sheet.rows, header.headerRow, [c.role as number], (r) => {
    entries.push({
      role: r.text(c.role),
      category: r.text(c.category),
      holders: splitPeople(r.value(c.holders)),
      deputies: splitPeople(r.value(c.deputy)),
      sheet: sheet.name,
      row: r.row,
      cell: r.cell(c.role) as string,
    });
  });
  return entries;
}

const NOT_ACTIVE = /^(no|n|false|0|inactive|former|left|retired|ex|departed|off)$/i;

/** Returns the Leadership sheet's members, or undefined when the sheet is not a roster. */
export function readLeadership(
  sheet: SheetInput,
  config: Config,
  index: HeaderIndex = headerIndex(sheet.rows),
): LeadershipMember[] | undefined {
  const namedLikeRoster = /leader|roster|\blt\b|exec|board/i.test(sheet.name);
  const header = findHeader(
    index,
    LEADERSHIP_HEADERS,
    (c) =>
      c.name !== undefined &&
      (c.email !== undefined || (namedLikeRoster && has(c, 'active', 'until') > 0)),
  );
  if (!header) return undefined;
  const c = header.columns;
  const members: LeadershipMember[] = [];
  eachDataRow(
    sheet.rows,
    header.headerRow,
    [c.name as number, ...(c.email ? [c.email] : [])],
    (r) => {
      const activeText = r.text(c.active);
      members.push({
        name: r.text(c.name),
        email: r.text(c.email).replace(/^mailto:/i, ''),
        active: !NOT_ACTIVE.test(activeText),
        until: dateField(r, c.until, config),
        sheet: sheet.name,
        row: r.row,
      });
    },
  );
  return members;
}

/** Returns the Reviews log's entries, or undefined when the sheet is not a Reviews log. */
export function readReviews(
  sheet: SheetInput,
  config: Config,
  index: HeaderIndex = headerIndex(sheet.rows),
): ReviewEntry[] | undefined {
  const header = findHeader(
    index,
    REVIEW_HEADERS,
    (c) => c.item !== undefined && c.date !== undefined && c.type !== undefined,
  );
  if (!header) return undefined;
  const c = header.columns;
  const entries: ReviewEntry[] = [];
  eachDataRow(sheet.rows, header.headerRow, [c.item as number, c.date as number], (r) => {
    entries.push({
      item: r.text(c.item),
      type: r.text(c.type),
      date: dateField(r, c.date, config) as DateField,
      reviewer: r.text(c.reviewer),
      notes: r.text(c.notes),
      sheet: sheet.name,
      row: r.row,
    });
  });
  return entries;
}

/** Returns the Waivers sheet's entries, or undefined when the sheet is not a Waivers sheet. */
export function readWaivers(
  sheet: SheetInput,
  config: Config,
  index: HeaderIndex = headerIndex(sheet.rows),
): WaiverEntry[] | undefined {
  const header = findHeader(
    index,
    WAIVER_HEADERS,
    (c) => c.rule !== undefined && has(c, 'reason', 'approvedBy') > 0,
  );
  if (!header) return undefined;
  const c = header.columns;
  const entries: WaiverEntry[] = [];
  eachDataRow(sheet.rows, header.headerRow, columnList(c), (r) => {
    entries.push({
      rule: r.text(c.rule),
      target: r.text(c.target),
      where: r.text(c.where),
      reason: r.text(c.reason),
      approvedBy: r.text(c.approvedBy),
      expires: dateField(r, c.expires, config),
      sheet: sheet.name,
      row: r.row,
      cell: r.cell(c.rule),
    });
  });
  return entries;
}

/**
 * Returns the Config sheet's key/value pairs and where each key sits (for error messages), or
 * undefined when no sheet has a Key and a Value column. A sheet named "Config" (or "Settings")
 * is preferred when several qualify. `indexes`: the sheets' header indexes when already worked
 * out (see `headerIndexes`).
 */
export function readConfigSheet(
  sheets: SheetInput[],
  indexes?: ReadonlyMap<SheetInput, HeaderIndex>,
):
  | {
      sheet: string;
      pairs: { key: string; value: CellValue }[];
      where: Record<string, { sheet?: string; cell?: string }>;
    }
  | undefined {
  const ordered = [...sheets].sort(
    (a, b) => Number(!/config|settings/i.test(a.name)) - Number(!/config|settings/i.test(b.name)),
  );
  for (const sheet of ordered) {
    const header = findHeader(
      indexes?.get(sheet) ?? headerIndex(sheet.rows),
      CONFIG_HEADERS,
      (c) => c.key !== undefined && c.value !== undefined,
    );
    if (!header) continue;
    const { key, value } = header.columns as { key: number; value: number };
    const pairs: { key: string; value: CellValue }[] = [];
    const where: Record<string, { sheet?: string; cell?: string }> = {};
    eachDataRow(sheet.rows, header.headerRow, [key], (r) => {
      const k = r.text(key);
      const v = r.value(value);
      pairs.push({ key: k, value: typeof v === 'string' ? v.trim() : v });
      where[k] = { sheet: sheet.name, cell: r.cell(value) };
    });
    return { sheet: sheet.name, pairs, where };
  }
  return undefined;
}

/**
 * Returns the governance part of the workbook model (register, roles, leadership, reviews,
 * waivers) and the names of the sheets that are governance sheets, which must not be searched
 * for matrices. Several sheets of one kind (say a process register and a service register)
 * are merged in workbook order; the model names the first. `leadership` is an extra roster
 * workbook shared by all workbooks; its members are added to the workbook's own. `indexes`: the
 * sheets' header indexes when already worked out (see `headerIndexes`).
 */
export function recogniseGovernanceSheets(
  sheets: SheetInput[],
  config: Config,
  leadership: SheetInput[],
  indexes?: ReadonlyMap<SheetInput, HeaderIndex>,
): { model: Partial<WorkbookModel>; claimed: Set<string> } {
  const model: Partial<WorkbookModel> = {};
  const claimed = new Set<string>();
  const addMembers = (sheet: SheetInput, members: LeadershipMember[]) => {
    if (model.leadership) model.leadership.members.push(...members);
    else model.leadership = { sheet: sheet.name, members };
  };
  for (const sheet of sheets) {
    claimed.add(sheet.name);
    // The sheet's header keys, worked out once for all five kinds.
    const index = indexes?.get(sheet) ?? headerIndex(sheet.rows);
    const register = readRegister(sheet, config, index);
    if (register) {
      if (model.register) model.register.items.push(...register.items);
      else model.register = register;
      continue;
    }
    const reviews = readReviews(sheet, config, index);
    if (reviews) {
      if (model.reviews) model.reviews.entries.push(...reviews);
      else model.reviews = { sheet: sheet.name, entries: reviews };
      continue;
    }
    const waivers = readWaivers(sheet, config, index);
    if (waivers) {
      if (model.waivers) model.waivers.entries.push(...waivers);
      else model.waivers = { sheet: sheet.name, entries: waivers };
      continue;
    }
    const roles = readRoles(sheet, index);
    if (roles) {
      if (model.roles) model.roles.entries.push(...roles);
      else model.roles = { sheet: sheet.name, entries: roles };
      continue;
    }
    const members = readLeadership(sheet, config, index);
    if (members) {
      addMembers(sheet, members);
      continue;
    }
    claimed.delete(sheet.name);
  }
  for (const sheet of leadership) {
    const members = readLeadership(sheet, config);
    if (members) addMembers(sheet, members);
  }
  return { model, claimed };
}
