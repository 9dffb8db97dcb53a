/**
 * Item checks, score and compliance, and sponsors' figures: one entry per person (matched by
 * email, else name, through the roster), items without a sponsor grouped and never dropped.
 */
import { analyse } from '../../../src/core/analyse';
import type { AnalyseOptions } from '../../../src/core/analyse';
import { resolveConfig } from '../../../src/core/config';
import type { ItemResult, SheetInput } from '../../../src/core/model';
import { RULE_IDS } from '../../../src/core/rules';

const header = [
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
const good = [
  'Incident',
  'Process',
  'Ann',
  'Bob Boss',
  'Cy',
  'Incident RACI',
  'annual',
  '2026-09-01',
  '2026-09-02',
  '2026-01-01',
];
const matrix: SheetInput = {
  name: 'Incident RACI',
  rows: [
    ['Activity', 'Desk', 'Lead'],
    ['Log', 'R', 'A'],
    ['Close', 'R', 'A'],
  ],
};

function run(
  rows: (string | null)[][],
  extra: SheetInput[] = [],
  options: Partial<AnalyseOptions> = {},
) {
  return analyse([{ name: 'Register', rows: [header, ...rows] }, matrix, ...extra], {
    today: '2026-10-01',
    ...options,
  });
}
const checks = (item: ItemResult) => Object.fromEntries(item.checks.map((c) => [c.id, c.passed]));

describe('computeItems', () => {
  it('passes every counted check for a well-kept process', () => {
    const [item] = run([good]).items;
    expect(item).toMatchObject({
      compliant: true,
      score: 100,
      owner: 'Ann',
      sponsor: 'Bob Boss',
      manager: 'Cy',
    });
    expect(item.matrices).toEqual([{ sheet: 'Incident RACI', headerRow: 1 }]);
    expect(Object.keys(checks(item))).toEqual([
      'owner-defined',
      'single-owner',
      'sponsor-defined',
      'manager-appointed',
      'raci-present',
      'raci-clean',
      'review-on-cadence',
      'sponsor-review-done',
      'signoff-recorded',
    ]);
  });

  it('scores the share of checks passed, rounded', () => {
    // No owner (2 checks fail), no sign-off (1 fails): 6 of 9 pass = 67.
    const [item] = run([
      [
        'Incident',
        'Process',
        '',
        'Bob Boss',
        'Cy',
        'Incident RACI',
        'annual',
        '2026-09-01',
        '2026-09-02',
        '',
      ],
    ]).items;
    expect(item.score).toBe(67);
    expect(item.compliant).toBe(false);
    expect(item.findings).toEqual({ error: 1, warning: 1, info: 0 });
  });

  it('counts the manager check for processes only, sitting with a roster only, staffing with a Roles sheet only', () => {
    const service = [
      'Email',
      'Service',
      'Ann',
      'Bob Boss',
      '',
      'Incident RACI',
      'annual',
      '2026-09-01',
      '2026-09-02',
      '2026-01-01',
    ];
    const roster: SheetInput = {
      name: 'Leadership',
      rows: [
        ['Name', 'Email'],
        ['Bob Boss', 'bob@x.org'],
      ],
    };
    const roles: SheetInput = {
      name: 'Roles',
      rows: [
        ['Role', 'Holder(s)'],
        ['Desk', 'Dee'],
        ['Lead', ''],
      ],
    };
    const [item] = run([service], [roster, roles]).items;
    expect(checks(item)).toMatchObject({ 'sponsor-sitting': true, 'roles-staffed': false });
    expect(checks(item)['manager-appointed']).toBeUndefined();
    expect(item.score).toBe(90);
  });

  it('does not count the manager check for a practice', () => {
    const practice = ['Service Desk', 'Practice', ...good.slice(2, 4), '', ...good.slice(5)];
    const [item] = run([practice]).items;
    expect(checks(item)['manager-appointed']).toBeUndefined();
    expect(item.findings).toEqual({ error: 0, warning: 0, info: 0 });
    expect(item.compliant).toBe(true);
  });

  it('counts the errors of a matrix shared by two items against both', () => {
    const ops: SheetInput = {
      name: 'Ops',
      rows: [
        ['Activity', 'Desk', 'Lead'],
        ['Log', 'R', 'A'],
        ['Close', 'R', 'I'],
      ],
    };
    const incident = ['Incident', ...good.slice(1, 5), 'Ops', ...good.slice(6)];
    const problem = ['Problem', ...good.slice(1, 5), 'Ops', ...good.slice(6)];
    const result = run([incident, problem], [ops]);
    const missingA = result.findings.filter((f) => f.rule === 'matrix/no-accountable');
    expect(missingA).toEqual([
      expect.objectContaining({ sheet: 'Ops', cell: 'A3', item: 'Incident' }),
    ]);
    for (const item of result.items) {
      expect(item.matrices).toEqual([{ sheet: 'Ops', headerRow: 1 }]);
      expect(item.compliant).toBe(false);
      expect(checks(item)['raci-clean']).toBe(false);
      expect(item.findings.error).toBe(1);
      expect(item.score).toBeLessThan(100);
    }
    expect(result.sponsors).toEqual([
      expect.objectContaining({ name: 'Bob Boss', items: 2, compliant: 0, compliance: 0 }),
    ]);
  });

  it('counts a finding of a shared matrix once for the item it names', () => {
    const ops: SheetInput = {
      name: 'Ops',
      rows: [
        ['Activity', 'Desk', 'Lead'],
        ['Log', 'R', 'A'],
        ['Close', 'R', 'I'],
      ],
    };
    const incident = ['Incident', ...good.slice(1, 5), 'Ops', ...good.slice(6)];
    const [item] = run([incident], [ops]).items;
    expect(item.findings.error).toBe(1);
  });

  it('keeps the review state and findings of two register rows with one name apart', () => {
    const neglected = [
      'Incident',
      'Process',
      '',
      'Bob Boss',
      'Cy',
      'Incident RACI',
      'annual',
      '',
      '2026-09-02',
      '2026-01-01',
    ];
    const result = run([good, neglected]);
    const [first, second] = result.items;
    expect([first.row, second.row]).toEqual([2, 3]);
    expect(first.review).toMatchObject({ lastReviewed: '2026-09-01', status: 'ok' });
    expect(second.review).toMatchObject({ lastReviewed: null, status: 'never' });
    expect(result.findings.filter((f) => f.rule === 'review/never').map((f) => f.cell)).toEqual([
      'H3',
    ]);
    expect(checks(first)).toMatchObject({ 'owner-defined': true, 'review-on-cadence': true });
    expect(checks(second)).toMatchObject({ 'owner-defined': false, 'review-on-cadence': false });
    expect(first.compliant).toBe(true);
    expect(first.findings).toEqual({ error: 0, warning: 0, info: 0 });
    // no owner, never reviewed and the duplicate row itself
    expect(second.findings.error).toBe(3);
    expect(second.compliant).toBe(false);
  });

  it('does not count the sponsor review while the quarter runs, nor a check whose rules are off', () => {
    const row = [...good.slice(0, 8), '', ''];
    const running = run([row], [], { today: '2026-08-15', quarter: '2026-Q3' }).items[0];
    expect(running.sponsorReview.status).toBe('pending');
    expect(checks(running)['sponsor-review-done']).toBeUndefined();
    const { config } = resolveConfig({ rules: { 'review/no-signoff': 'off' } }, RULE_IDS);
    const off = run([row], [], { config }).items[0];
    expect(checks(off)).toMatchObject({ 'sponsor-review-done': false });
    expect(checks(off)['signoff-recorded']).toBeUndefined();
  });

  it('treats a check as passed when every finding about it is waived', () => {
    const waivers: SheetInput = {
      name: 'Waivers',
      rows: [
        ['Rule', 'Item or Sheet', 'Reason', 'Approved by'],
        ['review/no-signoff', 'Incident', 'Design signed on paper', 'Bob Boss'],
      ],
    };
    const item = run([[...good.slice(0, 9), '']], [waivers]).items[0];
    expect(checks(item)['signoff-recorded']).toBe(true);
    expect(item.score).toBe(100);
  });
});

describe('computeSponsors', () => {
  const roster: SheetInput = {
    name: 'Leadership',
    rows: [
      ['Name', 'Email', 'Active'],
      ['Bob Boss', 'bob@x.org', 'yes'],
      ['Old Timer', 'old@x.org', 'no'],
    ],
  };
  const row = (name: string, sponsor: string, owner = 'Ann') => [
    name,
    'Service',
    owner,
    sponsor,
    '',
    'Incident RACI',
    'annual',
    '2026-09-01',
    '2026-09-02',
    '2026-01-01',
  ];

  it('groups one person written as an email and as a name, and keeps unsponsored items visible', () => {
    const result = run(
      [
        row('A', 'bob@x.org'),
        row('B', ' bob  BOSS '),
        row('C', 'Bob Boss <BOB@x.org>', ''),
        row('D', ''),
        row('E', 'Old Timer'),
        row('F', 'Zed Unknown'),
      ],
      [roster],
    );
    expect(result.sponsors).toEqual([
      {
        name: 'Bob Boss',
        email: 'bob@x.org',
        sitting: true,
        items: 3,
        compliant: 2,
        compliance: 0.6667,
        itemNames: ['A', 'B', 'C'],
      },
      {
        name: 'Old Timer',
        email: 'old@x.org',
        sitting: false,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemNames: ['E'],
      },
      {
        name: 'Zed Unknown',
        sitting: false,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemNames: ['F'],
      },
      {
        name: '(no sponsor)',
        unassigned: true,
        sitting: null,
        items: 1,
        compliant: 0,
        compliance: 0,
        itemNames: ['D'],
      },
    ]);
    expect(result.sponsors.reduce((n, s) => n + s.items, 0)).toBe(result.items.length);
  });

  it('has no sitting verdict without a roster and groups by name or email as written', () => {
    const result = run([
      row('A', 'Bob Boss'),
      row('B', 'bob boss'),
      row('C', 'cy@x.org'),
      row('D', 'CY@x.org'),
    ]);
    expect(result.sponsors.map((s) => [s.name, s.email, s.sitting, s.items])).toEqual([
      ['Bob Boss', undefined, null, 2],
      ['cy@x.org', 'cy@x.org', null, 2],
    ]);
  });
});
