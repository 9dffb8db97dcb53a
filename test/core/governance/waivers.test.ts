/**
 * Waivers: which findings a waiver matches (rule or rule group, item or sheet, cell or
 * activity), when it applies (reason, approver, not expired: valid through its Expires date),
 * and that waived findings are kept, marked, and no longer count against compliance.
 */
import { analyse } from '../../../src/core/analyse';
import { waiverMatches, waiverProblem } from '../../../src/core/governance/waivers';
import type { Finding, SheetInput, WaiverEntry } from '../../../src/core/model';

const entry = (over: Partial<WaiverEntry>): WaiverEntry => ({
  rule: 'matrix/no-accountable',
  target: '',
  where: '',
  reason: 'Agreed exception',
  approvedBy: 'Bob',
  sheet: 'Waivers',
  row: 2,
  ...over,
});
const finding: Finding = {
  rule: 'matrix/no-accountable',
  severity: 'error',
  message: 'x',
  sheet: 'Incident',
  cell: 'A5',
  row: 5,
  column: 1,
  item: 'Incident Management',
  activity: 'Close  ticket',
};

describe('waiverMatches', () => {
  it.each([
    ['rule only', {}, true],
    ['rule group', { rule: 'matrix/*' }, true],
    ['other rule', { rule: 'matrix/no-responsible' }, false],
    ['other group', { rule: 'role/*' }, false],
    ['item', { target: 'incident management' }, true],
    ['sheet', { target: 'INCIDENT' }, true],
    ['other item', { target: 'Problem' }, false],
    ['cell', { where: 'A5' }, true],
    ['absolute cell', { where: '$A$5' }, true],
    ['other cell', { where: 'B5' }, false],
    ['sheet and cell', { where: "'incident'!A5" }, true],
    ['other sheet, same cell', { where: 'Problem!A5' }, false],
    ['activity, spacing and case ignored', { where: 'close ticket' }, true],
    ['other activity', { where: 'Open ticket' }, false],
  ])('%s', (_name, over, expected) => {
    expect(waiverMatches(entry(over as Partial<WaiverEntry>), finding)).toBe(expected);
  });
});

describe('waiverProblem', () => {
  const expires = (value: string | null, invalid = false) => ({
    value,
    raw: value ?? 'soon',
    invalid,
    cell: 'F2',
  });
  it.each([
    ['complete, no expiry', {}, undefined],
    ['expires on the audit date', { expires: expires('2026-09-30') }, undefined],
    ['expired the day before', { expires: expires('2026-09-29') }, /expired on 2026-09-29/],
    ['unreadable expiry', { expires: expires(null, true) }, /not a date/],
    ['no reason', { reason: '' }, /reason/],
    ['no approver', { approvedBy: ' ' }, /approver/],
    ['no rule', { rule: '' }, /rule/],
  ])('%s', (_name, over, expected) => {
    const problem = waiverProblem(entry(over as Partial<WaiverEntry>), '2026-09-30');
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('applyWaivers through analyse', () => {
  const sheets = (waivers: (string | null)[][]): SheetInput[] => [
    {
      name: 'Register',
      rows: [
        [
          'Name',
          'Kind',
          'Owner',
          'LT Sponsor',
          'RACI sheet',
          'Review cadence',
          'Last reviewed',
          'Sponsor review',
          'Sign-off',
          'Manager',
        ],
        [
          'Incident Management',
          'Process',
          'Ann',
          'Bob',
          'Incident',
          'annual',
          '2026-09-01',
          '2026-09-02',
          '2026-01-01',
          'Cy',
        ],
      ],
    },
    {
      name: 'Incident',
      rows: [
        ['Activity', 'Desk', 'Lead'],
        ['Log', 'R', 'A'],
        ['Close', 'R', ''],
      ],
    },
    {
      name: 'Waivers',
      rows: [
        ['Rule', 'Item or Sheet', 'Cell or Activity', 'Reason', 'Approved by', 'Expires'],
        ...waivers,
      ],
    },
  ];

  it('marks the matched finding waived, keeps it, and makes the item compliant', () => {
    const result = analyse(
      sheets([
        [
          'matrix/no-accountable',
          'Incident Management',
          'Close',
          'Closed by the desk',
          'Bob',
          '31/12/2026',
        ],
      ]),
      {
        today: '2026-10-01',
      },
    );
    const waived = result.findings.find((f) => f.rule === 'matrix/no-accountable');
    expect(waived).toMatchObject({
      waived: true,
      waiver: {
        reason: 'Closed by the desk',
        approvedBy: 'Bob',
        expires: '2026-12-31',
        sheet: 'Waivers',
        row: 2,
      },
    });
    expect(result.items[0]).toMatchObject({ compliant: true, findings: { error: 0 } });
    expect(result.items[0].checks.find((c) => c.id === 'raci-clean')?.passed).toBe(true);
    expect(result.findings.filter((f) => f.rule === 'waiver/invalid')).toEqual([]);
  });

  it('does not apply an expired waiver, and reports it', () => {
    const result = analyse(
      sheets([['matrix/no-accountable', '', 'A3', 'Old decision', 'Bob', '2026-06-30']]),
      { today: '2026-10-01' },
    );
    expect(result.findings.find((f) => f.rule === 'matrix/no-accountable')?.waived).toBeUndefined();
    expect(result.items[0].compliant).toBe(false);
    expect(
      result.findings.filter((f) => f.rule === 'waiver/invalid').map((f) => `${f.sheet}!${f.cell}`),
    ).toEqual(['Waivers!A2']);
  });
});
