/**
 * Scenario: Harbour Logistics, a small invented organisation, audited for 2026-Q3 on
 * 2026-10-01 (as of 2026-09-30). The workbook holds a Register of five items, their matrices,
 * Roles, Leadership, a Reviews log and Waivers. Each item's expected compliance, score, review
 * and sponsor-review status, and each finding, is written next to the data that causes it;
 * sponsors' figures follow. Findings are compared as sets of rule@sheet!cell.
 */
import { analyse } from '../../../src/core/analyse';
import type { ItemResult, SheetInput } from '../../../src/core/model';

const REGISTER: SheetInput = {
  name: 'Register',
  rows: [
    ['Harbour Logistics: process and service register'],
    [],
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
    // Row 4. All checks pass (11 of 11): compliant, 100. Sponsor written as an email.
    [
      'Incident Management',
      'Process',
      'Ann Owner',
      'bob@harbour.test',
      'Cy Manager',
      'Incident',
      'annual',
      '2026-09-01',
      '2026-08-15',
      '2026-01-10',
    ],
    // Row 5. No manager (E5 warning); monthly, last 31 Jul -> due 31 Aug, 30 days overdue (H5);
    // no sponsor review (I5); its matrix has an activity with no A (Change!A3).
    // Checks failing: manager, RACI clean, review on cadence, sponsor review -> 7/11 = 64.
    [
      'Change Enablement',
      'Process',
      'Dee Owner',
      'Bob  Boss',
      '',
      'Change',
      'monthly',
      '31/07/2026',
      '',
      '2026-02-01',
    ],
    // Row 6. Two owners (C6); sponsor Old Timer is inactive (D6); linked by its sheet's name;
    // quarterly from 5 Jul -> due 5 Oct, due soon (H6 info); no sign-off (J6 warning); its log
    // entry has an impossible date (Reviews!C3). Failing: single owner, sitting, sign-off -> 7/10 = 70.
    [
      'Email Service',
      'Service',
      'Ann Owner; Fay',
      'Old Timer',
      '',
      '',
      'quarterly',
      '2026-07-05',
      '2026-09-20',
      '',
    ],
    // Row 7. No sponsor (D7); no RACI (F7); cadence unreadable (G7), so status unknown;
    // no sponsor review (I7). Passing: owner, single owner, sign-off -> 3/10 = 30.
    [
      'Service Desk',
      'Service',
      'Gus Owner',
      '',
      '',
      '',
      'whenever',
      '2026-09-10',
      '',
      '2026-03-03',
    ],
    // Row 8. Sponsor review only in the log (done); its analyst role is vacant (Problem!B1)
    // but waived until 31 Dec: compliant, 100 (roles staffed passes through the waiver).
    [
      'Problem Management',
      'Process',
      'Hal Owner',
      'Ivy Lead',
      'Jo Manager',
      'Problem',
      'semiannual',
      '2026-05-01',
      '',
      '2026-04-04',
    ],
  ],
};

const matrix = (
  name: string,
  roles: [string, string],
  rows: [string, string, string][],
): SheetInput => ({
  name,
  rows: [['Activity', ...roles], ...rows],
});

const SHEETS: SheetInput[] = [
  REGISTER,
  matrix(
    'Incident',
    ['Service Desk', 'Incident Manager'],
    [
      ['Log the incident', 'R', 'A'],
      ['Resolve the incident', 'R', 'A'],
    ],
  ),
  matrix(
    'Change',
    ['Change Initiator', 'Change Authority'],
    [
      ['Raise the change', 'R', 'A'],
      ['Approve the change', '', 'R'], // row 3: no A -> matrix/no-accountable
    ],
  ),
  matrix(
    'Email Service',
    ['Email Admin', 'Service Owner'],
    [
      ['Run the mail platform', 'R', 'A'],
      ['Patch the mail platform', 'R', 'A'],
    ],
  ),
  matrix(
    'Problem',
    ['Problem Analyst', 'Problem Manager'],
    [
      ['Analyse the problem', 'R', 'A'],
      ['Fix the problem', 'R', 'A'],
    ],
  ),
  // Belongs to no item: register/orphan-raci at A1.
  matrix(
    'Old Access',
    ['Access Clerk', 'Service Desk'],
    [
      ['Grant access', 'R', 'A'],
      ['Revoke access', 'R', 'A'],
    ],
  ),
  {
    name: 'Roles',
    rows: [
      ['Role', 'Category', 'Holder(s)'],
      ['Service Desk', 'Process Practitioner', 'Kim'],
      ['Incident Manager', 'Process Manager', 'Cy Manager'],
      ['Change Initiator', 'Change Initiator', 'Eve'], // row 4
      ['Change Authority', 'Change Authority', 'eve'], // row 5: Eve holds both -> role/sod-conflict
      ['Email Admin', 'Process Practitioner', 'Lee'],
      ['Service Owner', 'Service Owner', 'Ann Owner'],
      ['Problem Analyst', 'Process Practitioner', ''], // vacant, waived
      ['Problem Manager', 'Process Manager', 'Jo Manager'],
      ['Access Clerk', 'Process Practitioner', 'Max'],
    ],
  },
  {
    name: 'Leadership',
    rows: [
      ['Name', 'Email', 'Active'],
      ['Bob Boss', 'bob@harbour.test', 'yes'],
      ['Ivy Lead', 'ivy@harbour.test', 'yes'],
      ['Old Timer', 'old@harbour.test', 'no'],
    ],
  },
  {
    name: 'Reviews',
    rows: [
      ['Item', 'Review type', 'Date', 'Reviewer'],
      ['Problem Management', 'Sponsor review', '2026-09-05', 'Ivy Lead'],
      ['email  service', 'Service review', '30/02/2026', 'Ann Owner'], // row 3: invalid date
      ['Incident Management', 'RACI review', '2026-09-01', 'Ann Owner'],
    ],
  },
  {
    name: 'Waivers',
    rows: [
      ['Rule', 'Item or Sheet', 'Cell or Activity', 'Reason', 'Approved by', 'Expires'],
      [
        'role/vacant',
        'Problem Management',
        'Problem Analyst',
        'Analyst starts in October',
        'Bob Boss',
        '2026-12-31',
      ],
      ['register/no-manager', 'Change Enablement', '', '', 'Bob Boss', ''], // row 3: no reason -> waiver/invalid
    ],
  },
];

const result = analyse(SHEETS, { today: '2026-10-01' });
const items = new Map(result.items.map((i) => [i.name, i] as [string, ItemResult]));

describe('Harbour Logistics, 2026-Q3', () => {
  it('audits 2026-Q3 as of its last day and recognises every sheet', () => {
    expect(result.quarter).toEqual({ id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(result.asOf).toBe('2026-09-30');
    expect(result.configErrors).toEqual([]);
    expect(result.workbook.register?.items).toHaveLength(5);
    expect(result.workbook.matrices.map((m) => m.sheet)).toEqual([
      'Incident',
      'Change',
      'Email Service',
      'Problem',
      'Old Access',
    ]);
  });

  it.each([
    ['Incident Management', true, 100, { error: 0, warning: 0, info: 0 }],
    ['Change Enablement', false, 64, { error: 3, warning: 1, info: 0 }],
    ['Email Service', false, 70, { error: 3, warning: 1, info: 1 }],
    ['Service Desk', false, 30, { error: 3, warning: 1, info: 0 }],
    ['Problem Management', true, 100, { error: 0, warning: 0, info: 0 }],
  ])('%s: compliant %p, score %p', (name, compliant, score, findings) => {
    const item = items.get(name)!;
    expect({ compliant: item.compliant, score: item.score, findings: item.findings }).toEqual({
      compliant,
      score,
      findings,
    });
  });

  it.each([
    [
      'Incident Management',
      {
        cadence: 'annual',
        lastReviewed: '2026-09-01',
        nextDue: '2027-09-01',
        status: 'ok',
        daysOverdue: null,
        adherence: 1,
      },
      { status: 'done', date: '2026-08-15' },
    ],
    [
      'Change Enablement',
      {
        cadence: 'monthly',
        lastReviewed: '2026-07-31',
        nextDue: '2026-08-31',
        status: 'overdue',
        daysOverdue: 30,
        adherence: 0.3333,
      },
      { status: 'missing', date: null },
    ],
    [
      'Email Service',
      {
        cadence: 'quarterly',
        lastReviewed: '2026-07-05',
        nextDue: '2026-10-05',
        status: 'due-soon',
        daysOverdue: null,
        adherence: 1,
      },
      { status: 'done', date: '2026-09-20' },
    ],
    [
      'Service Desk',
      {
        cadence: 'whenever',
        lastReviewed: '2026-09-10',
        nextDue: null,
        status: 'unknown',
        daysOverdue: null,
        adherence: null,
      },
      { status: 'missing', date: null },
    ],
    [
      'Problem Management',
      {
        cadence: 'semiannual',
        lastReviewed: '2026-05-01',
        nextDue: '2026-11-01',
        status: 'ok',
        daysOverdue: null,
        adherence: null,
      },
      { status: 'done', date: '2026-09-05' },
    ],
  ])('%s: review and sponsor review', (name, review, sponsorReview) => {
    expect(items.get(name)!.review).toEqual(review);
    expect(items.get(name)!.sponsorReview).toEqual(sponsorReview);
  });

  it('finds exactly the findings written next to the data', () => {
    const found = result.findings.map(
      (f) =>
        `${f.rule}@${f.sheet}!${f.cell}${f.item ? ` [${f.item}]` : ''}${f.waived ? ' waived' : ''}`,
    );
    expect(found.sort()).toEqual(
      [
        'register/no-manager@Register!E5 [Change Enablement]',
        'review/overdue@Register!H5 [Change Enablement]',
        'review/sponsor-review-missing@Register!I5 [Change Enablement]',
        'matrix/no-accountable@Change!A3 [Change Enablement]',
        'register/multiple-owners@Register!C6 [Email Service]',
        'register/sponsor-not-in-leadership@Register!D6 [Email Service]',
        'review/due-soon@Register!H6 [Email Service]',
        'review/no-signoff@Register!J6 [Email Service]',
        'review/invalid-date@Reviews!C3 [Email Service]',
        'register/no-sponsor@Register!D7 [Service Desk]',
        'register/no-raci@Register!F7 [Service Desk]',
        'review/invalid-cadence@Register!G7 [Service Desk]',
        'review/sponsor-review-missing@Register!I7 [Service Desk]',
        'role/vacant@Problem!B1 [Problem Management] waived',
        'role/sod-conflict@Roles!A5',
        'register/orphan-raci@Old Access!A1',
        'waiver/invalid@Waivers!A3',
      ].sort(),
    );
  });

  it('aggregates sponsors by person, the unsponsored item grouped last', () => {
    expect(result.sponsors).toEqual([
      {
        name: 'Bob Boss',
        email: 'bob@harbour.test',
        sitting: true,
        items: 2,
        compliant: 1,
        compliance: 0.5,
        itemNames: ['Incident Management', 'Change Enablement'],
      },
      {
        name: 'Ivy Lead',
        email: 'ivy@harbour.test',
        sitting: true,
        items: 1,
        compliant: 1,
        compliance: 1,
        itemNames: ['Problem Management'],
      },
      {
        name: 'Old Timer',
        email: 'old@harbour.test',
        sitting: false,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemNames: ['Email Service'],
      },
      {
        name: '(no sponsor)',
        unassigned: true,
        sitting: null,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemNames: ['Service Desk'],
      },
    ]);
  });

  it('gives the same plain-JSON result for the same inputs (no clock, no randomness)', () => {
    expect(analyse(SHEETS, { today: '2026-10-01' })).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
