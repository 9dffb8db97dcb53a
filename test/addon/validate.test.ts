/**
 * The add-on's audit period on plain grids: validation judges as of today in the quarter that
 * contains today, under the fiscal year in force, whether the stored settings or the workbook's
 * Config sheet set it, without a configuration error for a Config sheet that sets its own year.
 */
import { analyseAsOfToday } from '../../src/addon/validate';
import { defaultConfig } from '../../src/core/config';
import type { SheetInput } from '../../src/core/model';

const REGISTER_HEADER = [
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

/** A register with one process reviewed (and sponsor-reviewed) on `reviewed`, and its matrix. */
function workbook(reviewed: string, fiscalYearStartMonth?: number): SheetInput[] {
  const sheets: SheetInput[] = [
    {
      name: 'Register',
      rows: [
        REGISTER_HEADER,
        [
          'Incident',
          'Process',
          'Ann Lee',
          'Sam Rivera',
          'Bo Chen',
          'Incident RACI',
          'Quarterly',
          reviewed,
          reviewed,
          reviewed,
        ],
      ],
    },
    {
      name: 'Incident RACI',
      rows: [
        ['Activity', 'Process Owner', 'Process Manager', 'Practitioner'],
        ['Log the incident', 'I', 'A', 'R'],
        ['Resolve the incident', 'I', 'A', 'R'],
      ],
    },
  ];
  if (fiscalYearStartMonth !== undefined) {
    sheets.push({
      name: 'Config',
      rows: [
        ['Key', 'Value'],
        ['fiscalYearStartMonth', fiscalYearStartMonth],
      ],
    });
  }
  return sheets;
}

const periodOf = (sheets: SheetInput[], today: string, month = 1) => {
  const result = analyseAsOfToday(sheets, today, {
    ...defaultConfig(),
    fiscalYearStartMonth: month,
  });
  return {
    quarter: result.quarter,
    asOf: result.asOf,
    month: result.config.fiscalYearStartMonth,
    configErrors: result.configErrors.map((e) => e.key),
  };
};

describe('analyseAsOfToday', () => {
  it.each([
    // today, stored month, Config sheet month, quarter id, first day, last day
    ['2026-11-22', 1, undefined, '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-01-01', 1, undefined, '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-03-31', 1, undefined, '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-08-20', 7, undefined, '2027-Q1', '2026-07-01', '2026-09-30'],
    ['2026-08-20', 1, 7, '2027-Q1', '2026-07-01', '2026-09-30'],
    ['2026-02-10', 7, 1, '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-01-10', 1, 2, '2026-Q4', '2025-11-01', '2026-01-31'],
  ] as const)(
    'on %s (stored month %i, Config sheet month %p) audits %s (%s..%s) as of today',
    (today, stored, sheetMonth, id, start, end) => {
      const period = periodOf(workbook('2025-06-01', sheetMonth), today, stored);
      expect(period).toEqual({
        quarter: { id, start, end },
        asOf: today,
        month: sheetMonth ?? stored,
        configErrors: [],
      });
    },
  );

  it('keeps the stored fiscal year, and the error, when the Config sheet sets an invalid month', () => {
    const period = periodOf(workbook('2025-06-01', 13), '2026-08-20', 7);
    expect(period).toEqual({
      quarter: { id: '2027-Q1', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-08-20',
      month: 7,
      configErrors: ['fiscalYearStartMonth'],
    });
  });

  it('counts reviews up to today and leaves the running quarter sponsor review pending', () => {
    // The reviewer's repro: today 2026-11-22, reviewed and sponsor-reviewed on 2026-11-20.
    const fresh = analyseAsOfToday(workbook('2026-11-20'), '2026-11-22', defaultConfig());
    const freshRules = fresh.findings.map((f) => f.rule);
    expect(freshRules).not.toContain('review/never');
    expect(freshRules).not.toContain('review/future-date');
    expect(freshRules).not.toContain('review/sponsor-review-missing');
    expect(fresh.items.map((i) => [i.name, i.compliant])).toEqual([['Incident', true]]);

    // Sponsor-reviewed last quarter: this quarter's review is due, as a reminder only.
    const sheets = workbook('2026-11-20');
    sheets[0].rows[1][8] = '2026-09-15';
    const pending = analyseAsOfToday(sheets, '2026-11-22', defaultConfig());
    expect(
      pending.findings
        .filter((f) => f.rule === 'review/sponsor-review-missing')
        .map((f) => `${f.severity}@${f.sheet}!${f.cell}`),
    ).toEqual(['info@Register!I2']);
    expect(pending.items.map((i) => i.compliant)).toEqual([true]);

    // A date after today is in the future.
    const future = analyseAsOfToday(workbook('2026-11-23'), '2026-11-22', defaultConfig());
    expect(
      future.findings.filter((f) => f.rule === 'review/future-date').map((f) => f.cell),
    ).toEqual(expect.arrayContaining(['H2', 'I2']));
  });
});
