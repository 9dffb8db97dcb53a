/**
 * Small workbook builders for the governance rule tests: a Register with the standard columns
 * (A Name, B Kind, C Owner, D LT Sponsor, E Manager, F RACI sheet, G Review cadence, H Last
 * reviewed, I Sponsor review, J Sign-off; first item on row 2), a clean matrix for each item,
 * and Roles, Leadership, Reviews and Waivers sheets. The default audit is 2026-Q3 as of
 * 2026-09-30 (today 2026-10-01), and `item()` is compliant for it.
 */
import type { CellValue, SheetInput } from '../../../src/core/model';

export interface ItemRow {
  name: string;
  kind: string;
  owner: string;
  sponsor: string;
  manager: string;
  raciSheet: string;
  cadence: string;
  lastReviewed: CellValue;
  sponsorReview: CellValue;
  signOff: CellValue;
}

export const REGISTER_HEADER = [
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
];

/** Returns a well-kept register row for the item, with the given fields replaced. */
export function item(over: Partial<ItemRow> = {}): ItemRow {
  const name = over.name ?? 'Incident Management';
  return {
    name,
    kind: 'Process',
    owner: 'Ann Owner',
    sponsor: 'Bob Boss',
    manager: 'Cy Manager',
    raciSheet: `${name} RACI`,
    cadence: 'annual',
    lastReviewed: '2026-09-01',
    sponsorReview: '2026-09-02',
    signOff: '2026-01-01',
    ...over,
  };
}

/** Returns the Register sheet holding the rows. */
export function register(rows: ItemRow[], name = 'Register'): SheetInput {
  return {
    name,
    rows: [
      REGISTER_HEADER,
      ...rows.map((r) => [
        r.name,
        r.kind,
        r.owner,
        r.sponsor,
        r.manager,
        r.raciSheet,
        r.cadence,
        r.lastReviewed,
        r.sponsorReview,
        r.signOff,
      ]),
    ],
  };
}

/** Returns a clean two-activity matrix sheet (roles Desk and Lead, Lead accountable). */
export function matrix(name: string, roles: [string, string] = ['Desk', 'Lead']): SheetInput {
  return {
    name,
    rows: [
      ['Activity', ...roles],
      ['Log the call', 'R', 'A'],
      ['Close the call', 'R', 'A'],
    ],
  };
}

/** Returns the Register plus one clean matrix per item that names a RACI sheet. */
export function workbook(rows: ItemRow[], ...extra: SheetInput[]): SheetInput[] {
  const matrices = rows.filter((r) => r.raciSheet !== '').map((r) => matrix(r.raciSheet));
  const unique = matrices.filter((m, i) => matrices.findIndex((n) => n.name === m.name) === i);
  return [register(rows), ...unique, ...extra];
}

/** Returns a Roles sheet (Role, Category, Holder(s)); holders as one cell's text. */
export function roles(entries: [role: string, category: string, holders: string][]): SheetInput {
  return { name: 'Roles', rows: [['Role', 'Category', 'Holder(s)'], ...entries] };
}

/** Returns a Leadership sheet (Name, Email, Active, Until). */
export function leadership(
  members: [name: string, email: string, active?: string, until?: string][],
): SheetInput {
  return {
    name: 'Leadership',
    rows: [
      ['Name', 'Email', 'Active', 'Until'],
      ...members.map((m) => [m[0], m[1], m[2] ?? 'yes', m[3] ?? '']),
    ],
  };
}

/** Returns a Reviews log (Item, Review type, Date). */
export function reviews(entries: [item: string, type: string, date: CellValue][]): SheetInput {
  return { name: 'Reviews', rows: [['Item', 'Review type', 'Date'], ...entries] };
}

/** Returns a Waivers sheet (A Rule, B Item or Sheet, C Cell or Activity, D Reason, E Approved by, F Expires). */
export function waivers(
  entries: [
    rule: string,
    target: string,
    where: string,
    reason: string,
    approvedBy: string,
    expires: string,
  ][],
): SheetInput {
  return {
    name: 'Waivers',
    rows: [
      ['Rule', 'Item or Sheet', 'Cell or Activity', 'Reason', 'Approved by', 'Expires'],
      ...entries,
    ],
  };
}
