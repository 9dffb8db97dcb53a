/**
 * Review state per item as of the audit date: the last review from the Register, the matrix
 * metadata and the Reviews log (never a date after the audit date), cadence status, adherence
 * in the quarter, and the sponsor's quarterly review (done, missing once the quarter has
 * ended, pending while it runs).
 */
import { analyse } from '../../../src/core/analyse';
import type { ItemResult, SheetInput } from '../../../src/core/model';

const header = [
  'Name',
  'Kind',
  'Owner',
  'LT Sponsor',
  'Review cadence',
  'Last reviewed',
  'Sponsor review',
];
function run(
  rows: (string | null)[][],
  log: (string | null)[][] = [],
  options: { today?: string; quarter?: string; asOf?: string } = {},
) {
  const sheets: SheetInput[] = [{ name: 'Register', rows: [header, ...rows] }];
  if (log.length) sheets.push({ name: 'Reviews', rows: [['Item', 'Review type', 'Date'], ...log] });
  const result = analyse(sheets, { today: options.today ?? '2026-10-01', ...options });
  return new Map(result.items.map((i) => [i.name, i] as [string, ItemResult]));
}

describe('review status', () => {
  it('takes the latest review on or before the audit date from the Register and the log', () => {
    const items = run(
      [['A', 'Process', 'Ann', 'Bob', 'monthly', '2026-07-15', '']],
      [
        ['A', 'RACI review', '2026-09-10'],
        ['a', 'Service review', '2026-10-05'],
        ['A', 'Sponsor review', '2026-09-29'],
      ],
    );
    expect(items.get('A')!.review).toEqual({
      cadence: 'monthly',
      lastReviewed: '2026-09-10',
      nextDue: '2026-10-10',
      status: 'due-soon',
      daysOverdue: null,
      adherence: 0.6667,
    });
  });

  it('reports never when the only review is after the audit date', () => {
    const items = run([['A', 'Process', 'Ann', 'Bob', 'quarterly', '2026-10-02', '']]);
    expect(items.get('A')!.review).toMatchObject({
      status: 'never',
      lastReviewed: null,
      nextDue: null,
    });
  });

  it('counts the days overdue and keeps an unreadable cadence as written', () => {
    const items = run([
      ['A', 'Process', 'Ann', 'Bob', 'quarterly', '2026-05-31', ''],
      ['B', 'Process', 'Ann', 'Bob', 'now and then', '2026-05-31', ''],
      ['C', 'Process', 'Ann', 'Bob', '', '2026-05-31', ''],
    ]);
    expect(items.get('A')!.review).toMatchObject({
      status: 'overdue',
      nextDue: '2026-08-31',
      daysOverdue: 30,
    });
    expect(items.get('B')!.review).toMatchObject({
      status: 'unknown',
      cadence: 'now and then',
      nextDue: null,
    });
    expect(items.get('C')!.review).toMatchObject({ status: 'unknown', cadence: null });
  });

  it('reads cadence and last review from the linked matrix metadata when the Register has none', () => {
    const result = analyse(
      [
        {
          name: 'Register',
          rows: [
            ['Name', 'Kind', 'Owner', 'RACI sheet'],
            ['Access', 'Process', 'Ann', 'Access RACI'],
          ],
        },
        {
          name: 'Access RACI',
          rows: [
            ['Process:', 'Access'],
            ['Review cadence:', 'semiannual'],
            ['Last reviewed:', '2026-04-30'],
            [],
            ['Activity', 'Desk', 'Lead'],
            ['Grant', 'R', 'A'],
          ],
        },
      ],
      { today: '2026-10-01' },
    );
    expect(result.items[0].review).toMatchObject({
      cadence: 'semiannual',
      lastReviewed: '2026-04-30',
      nextDue: '2026-10-30',
      status: 'due-soon',
    });
  });

  it('measures adherence in the quarter from the log: weekly expects 13, annual 1 only when due', () => {
    const weekly = Array.from({ length: 10 }, (_, i) => [
      'W',
      'Service review',
      `2026-07-${String(1 + i * 3).padStart(2, '0')}`,
    ]);
    const items = run(
      [
        ['W', 'Service', 'Ann', 'Bob', 'weekly', '', ''],
        ['Y', 'Service', 'Ann', 'Bob', 'annual', '2026-03-01', ''],
        ['Z', 'Service', 'Ann', 'Bob', 'annual', '2025-08-01', ''],
      ],
      [...weekly, ['Z', 'CSI review', '2026-08-20'], ['W', 'Service review', '2026-06-30']],
    );
    expect(items.get('W')!.review.adherence).toBe(0.7692);
    expect(items.get('Y')!.review.adherence).toBeNull();
    expect(items.get('Z')!.review.adherence).toBe(1);
  });

  it('has no adherence without a Reviews log', () => {
    expect(
      run([['A', 'Process', 'Ann', 'Bob', 'monthly', '2026-09-01', '']]).get('A')!.review.adherence,
    ).toBeNull();
  });
});

describe('sponsor review', () => {
  it.each([
    ['on the quarter start', '2026-07-01', [], 'done', '2026-07-01'],
    ['on the quarter end', '2026-09-30', [], 'done', '2026-09-30'],
    ['before the quarter only', '2026-06-30', [], 'missing', '2026-06-30'],
    ['never', '', [], 'missing', null],
    ['only after the audit date', '2026-10-01', [], 'missing', null],
    [
      'in the log, not the Register',
      '',
      [['A', 'LT sponsor review', '2026-08-01']],
      'done',
      '2026-08-01',
    ],
  ])('%s', (_name, date, log, status, shown) => {
    const items = run(
      [['A', 'Process', 'Ann', 'Bob', 'annual', '2026-09-01', date]],
      log as string[][],
    );
    expect(items.get('A')!.sponsorReview).toEqual({ status, date: shown });
  });

  it('is pending while the quarter runs and missing from its last day', () => {
    const row = [['A', 'Process', 'Ann', 'Bob', 'annual', '2026-09-01', '2026-06-15']];
    expect(
      run(row, [], { quarter: '2026-Q3', asOf: '2026-09-29' }).get('A')!.sponsorReview.status,
    ).toBe('pending');
    expect(
      run(row, [], { quarter: '2026-Q3', asOf: '2026-09-30' }).get('A')!.sponsorReview.status,
    ).toBe('missing');
    expect(
      run(row, [], { today: '2026-08-15', quarter: '2026-Q3' }).get('A')!.sponsorReview,
    ).toEqual({
      status: 'pending',
      date: '2026-06-15',
    });
  });

  it('uses fiscal quarters', () => {
    const sheets: SheetInput[] = [
      {
        name: 'Register',
        rows: [header, ['A', 'Process', 'Ann', 'Bob', 'annual', '2026-09-01', '2026-07-10']],
      },
      {
        name: 'Config',
        rows: [
          ['Key', 'Value'],
          ['fiscalYearStartMonth', 7],
        ],
      },
    ];
    const result = analyse(sheets, { today: '2026-10-01' });
    expect(result.quarter).toEqual({ id: '2027-Q1', start: '2026-07-01', end: '2026-09-30' });
    expect(result.items[0].sponsorReview.status).toBe('done');
  });
});
