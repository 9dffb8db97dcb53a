/**
 * `analyse` as the shells call it: the audited period (a quarter fixed by the caller is read
 * with the caller's fiscal year start month, never the workbook's Config sheet, which is then
 * a configuration error; without one the workbook's setting applies, as in the add-on), and
 * the effective configuration returned with the result.
 */
import { analyse } from '../../src/core/analyse';
import { defaultConfig } from '../../src/core/config';
import type { SheetInput } from '../../src/core/model';
import { item, workbook } from './governance/fixtures';

/** A Config sheet setting the fiscal year start month (in B3) and the due-soon window (in B4). */
function configSheet(month: number): SheetInput {
  return {
    name: 'Config',
    rows: [['Settings'], ['Key', 'Value'], ['fiscalYearStartMonth', month], ['dueSoonDays', 10]],
  };
}

// The reviewer's repro: a sponsor review on 2026-08-20, inside calendar 2026-Q3.
const sheets = [
  ...workbook([item({ lastReviewed: '2026-08-20', sponsorReview: '2026-08-20' })]),
  configSheet(7),
];

describe('analyse: a quarter fixed by the caller', () => {
  it.each([
    ['as an id', '2026-Q3' as const],
    ['already resolved', { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' }],
  ])('keeps the run month when the Config sheet sets another (quarter %s)', (_, quarter) => {
    const result = analyse(sheets, { today: '2026-11-22', quarter, config: defaultConfig() });
    expect(result.quarter).toEqual({ id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(result.asOf).toBe('2026-09-30');
    expect(result.items[0].sponsorReview).toEqual({ date: '2026-08-20', status: 'done' });
    expect(result.findings.filter((f) => f.rule === 'review/sponsor-review-missing')).toEqual([]);
    expect(result.configErrors).toEqual([
      {
        key: 'fiscalYearStartMonth',
        sheet: 'Config',
        cell: 'B3',
        message: expect.stringContaining('the audit runs with month 1'),
      },
    ]);
    expect(result.config.fiscalYearStartMonth).toBe(1);
    // The rest of the Config sheet still applies.
    expect(result.config.dueSoonDays).toBe(10);
  });

  it('reads the quarter id with the run month, here a fiscal year starting in July', () => {
    const result = analyse(sheets, {
      today: '2026-11-22',
      quarter: '2027-Q1',
      config: { ...defaultConfig(), fiscalYearStartMonth: 7 },
    });
    expect(result.quarter).toEqual({ id: '2027-Q1', start: '2026-07-01', end: '2026-09-30' });
    expect(result.configErrors).toEqual([]);
    expect(result.config.fiscalYearStartMonth).toBe(7);
    expect(result.items[0].sponsorReview.status).toBe('done');
  });

  it('takes an as-of date with the quarter as given', () => {
    const result = analyse(sheets, {
      today: '2026-11-22',
      quarter: { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-09-15',
    });
    expect(result.asOf).toBe('2026-09-15');
    expect(result.items[0].sponsorReview.status).toBe('done');
  });

  it('refuses a malformed resolved quarter', () => {
    expect(() =>
      analyse(sheets, {
        today: '2026-11-22',
        quarter: { id: '2026-Q3', start: '2026-09-30', end: '2026-07-01' },
      }),
    ).toThrow(RangeError);
  });
});

describe('analyse: no quarter given (the add-on)', () => {
  it("applies the Config sheet's fiscal year start month to the default period", () => {
    const result = analyse(sheets, { today: '2026-08-15', config: defaultConfig() });
    // With a July fiscal year, 2026-08-15 lies in 2027-Q1, so the last ended is 2026-Q4.
    expect(result.quarter).toEqual({ id: '2026-Q4', start: '2026-04-01', end: '2026-06-30' });
    expect(result.configErrors).toEqual([]);
    expect(result.config.fiscalYearStartMonth).toBe(7);
  });

  it('returns the base configuration when the workbook has no Config sheet', () => {
    const base = { ...defaultConfig(), dueSoonDays: 45 };
    const result = analyse(workbook([item()]), { today: '2026-10-01', config: base });
    expect(result.config).toEqual(base);
    expect(result.configErrors).toEqual([]);
  });
});

describe("analyse: quarter 'current' (the add-on judging a workbook as it is edited)", () => {
  it("takes the quarter containing as-of, by the Config sheet's fiscal year, with no config error", () => {
    const result = analyse(sheets, {
      today: '2026-11-22',
      asOf: '2026-11-22',
      quarter: 'current',
      config: defaultConfig(),
    });
    // Fiscal year from July, named by the year it ends: 2026-10-01..2026-12-31 is 2027-Q2.
    expect(result.quarter).toEqual({ id: '2027-Q2', start: '2026-10-01', end: '2026-12-31' });
    expect(result.asOf).toBe('2026-11-22');
    expect(result.config.fiscalYearStartMonth).toBe(7);
    expect(result.configErrors).toEqual([]);
    // No sponsor review yet in the running quarter: pending, reported as info.
    expect(result.items[0].sponsorReview.status).toBe('pending');
    expect(
      result.findings
        .filter((f) => f.rule === 'review/sponsor-review-missing')
        .map((f) => f.severity),
    ).toEqual(['info']);
  });

  it('uses today when no as-of is given, in calendar quarters without a Config sheet', () => {
    const result = analyse(sheets.slice(0, -1), {
      today: '2026-03-31',
      quarter: 'current',
      config: defaultConfig(),
    });
    expect(result.quarter.id).toBe('2026-Q1');
    expect(result.asOf).toBe('2026-03-31');
  });
});
