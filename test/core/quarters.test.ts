/**
 * Quarters: `YYYY-Qn` ids, calendar and fiscal quarters (a fiscal year is named by the year it
 * ends in), quarter boundaries, and the default audited period (the last quarter that has
 * ended; as-of its last day, or today while it runs).
 */
import {
  isQuarterId,
  lastEndedQuarter,
  nextQuarter,
  parseQuarterId,
  previousQuarter,
  quarterFromId,
  quarterOfDate,
  resolvePeriod,
} from '../../src/core/quarters';

describe('quarter ids', () => {
  it('parses YYYY-Qn and refuses anything else', () => {
    expect(parseQuarterId('2026-Q3')).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarterId(' 2026-q1 ')).toEqual({ year: 2026, quarter: 1 });
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q3', '26-Q3', 'Q3-2026', '']) {
      expect(isQuarterId(bad)).toBe(false);
    }
    expect(() => quarterFromId('2026-Q5')).toThrow(/2026-Q5/);
  });
});

describe('calendar quarters (fiscal year start month 1)', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
  ])('%s runs from %s to %s', (id, start, end) => {
    expect(quarterFromId(id)).toEqual({ id, start, end });
  });

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
    ['2026-12-31', '2026-Q4'],
    ['2028-02-29', '2028-Q1'],
  ])('%s lies in %s (first and last days included)', (date, id) => {
    expect(quarterOfDate(date).id).toBe(id);
  });
});

describe('fiscal quarters', () => {
  it('names a July fiscal year by the year it ends: 2027-Q1 is July to September 2026', () => {
    expect(quarterFromId('2027-Q1', 7)).toEqual({
      id: '2027-Q1',
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(quarterFromId('2027-Q2', 7)).toEqual({
      id: '2027-Q2',
      start: '2026-10-01',
      end: '2026-12-31',
    });
    expect(quarterFromId('2027-Q3', 7)).toEqual({
      id: '2027-Q3',
      start: '2027-01-01',
      end: '2027-03-31',
    });
    expect(quarterFromId('2027-Q4', 7)).toEqual({
      id: '2027-Q4',
      start: '2027-04-01',
      end: '2027-06-30',
    });
  });

  it.each([
    [7, '2026-06-30', '2026-Q4'],
    [7, '2026-07-01', '2027-Q1'],
    [7, '2026-12-31', '2027-Q2'],
    [4, '2026-04-01', '2027-Q1'],
    [4, '2026-03-31', '2026-Q4'],
    [4, '2027-02-28', '2027-Q4'],
    [2, '2028-02-29', '2029-Q1'],
    [2, '2028-01-31', '2028-Q4'],
    [12, '2026-12-01', '2027-Q1'],
    [12, '2026-11-30', '2026-Q4'],
  ])('with start month %i, %s lies in %s', (month, date, id) => {
    expect(quarterOfDate(date, month).id).toBe(id);
  });

  it('gives the leap day to the quarter that holds February', () => {
    expect(quarterFromId('2028-Q4', 5)).toEqual({
      id: '2028-Q4',
      start: '2028-02-01',
      end: '2028-04-30',
    });
    expect(quarterFromId('2028-Q3', 12)).toEqual({
      id: '2028-Q3',
      start: '2028-06-01',
      end: '2028-08-31',
    });
    expect(quarterFromId('2028-Q1', 12).end).toBe('2028-02-29');
  });

  it('steps to the previous and next quarter across fiscal and calendar year ends', () => {
    expect(previousQuarter(quarterFromId('2027-Q1', 7), 7).id).toBe('2026-Q4');
    expect(nextQuarter(quarterFromId('2026-Q4', 7), 7).id).toBe('2027-Q1');
    expect(previousQuarter(quarterFromId('2026-Q1')).id).toBe('2025-Q4');
    expect(nextQuarter(quarterFromId('2026-Q4')).id).toBe('2027-Q1');
  });

  it('refuses a start month outside 1 to 12', () => {
    expect(() => quarterOfDate('2026-01-01', 13)).toThrow(RangeError);
  });
});

describe('resolvePeriod', () => {
  it('audits the quarter just closed on the first day of a quarter, as of its last day', () => {
    expect(resolvePeriod({ today: '2026-10-01', fiscalYearStartMonth: 1 })).toEqual({
      quarter: { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-09-30',
    });
  });

  it('on the last day of a quarter the quarter has not ended yet', () => {
    expect(lastEndedQuarter('2026-09-30').id).toBe('2026-Q2');
    expect(resolvePeriod({ today: '2026-09-30', fiscalYearStartMonth: 1 }).asOf).toBe('2026-06-30');
  });

  it('uses today as the audit date while the chosen quarter runs', () => {
    expect(
      resolvePeriod({ today: '2026-08-15', quarter: '2026-Q3', fiscalYearStartMonth: 1 }),
    ).toEqual({
      quarter: { id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-08-15',
    });
  });

  it('uses the quarter end when the chosen quarter is over, and a given as-of as is', () => {
    expect(
      resolvePeriod({ today: '2027-01-10', quarter: '2026-Q2', fiscalYearStartMonth: 1 }).asOf,
    ).toBe('2026-06-30');
    expect(
      resolvePeriod({
        today: '2027-01-10',
        quarter: '2026-Q2',
        asOf: '2026-07-04',
        fiscalYearStartMonth: 1,
      }).asOf,
    ).toBe('2026-07-04');
  });

  it('uses fiscal quarters for the default quarter', () => {
    expect(resolvePeriod({ today: '2026-10-01', fiscalYearStartMonth: 7 }).quarter.id).toBe(
      '2027-Q1',
    );
    expect(resolvePeriod({ today: '2026-07-01', fiscalYearStartMonth: 7 })).toEqual({
      quarter: { id: '2026-Q4', start: '2026-04-01', end: '2026-06-30' },
      asOf: '2026-06-30',
    });
  });

  it('names the bad value when today, quarter or as-of is malformed', () => {
    expect(() => resolvePeriod({ today: '2026-13-01', fiscalYearStartMonth: 1 })).toThrow(
      /2026-13-01/,
    );
    expect(() =>
      resolvePeriod({ today: '2026-10-01', quarter: 'Q3', fiscalYearStartMonth: 1 }),
    ).toThrow(/Q3/);
    expect(() =>
      resolvePeriod({ today: '2026-10-01', asOf: '30/09/2026', fiscalYearStartMonth: 1 }),
    ).toThrow(/30\/09\/2026/);
  });
});
