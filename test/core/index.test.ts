/**
 * The core's public surface: the helpers the audit and the add-on import from `src/core`
 * instead of keeping their own copies are the core's own functions.
 */
import * as core from '../../src/core';
import * as dates from '../../src/core/dates';
import * as people from '../../src/core/governance/people';
import * as quarters from '../../src/core/quarters';

describe('src/core index', () => {
  it.each([
    ['resolvePeriod', quarters.resolvePeriod],
    ['quarterFromId', quarters.quarterFromId],
    ['quarterOfDate', quarters.quarterOfDate],
    ['previousQuarter', quarters.previousQuarter],
    ['nextQuarter', quarters.nextQuarter],
    ['lastEndedQuarter', quarters.lastEndedQuarter],
    ['isQuarterId', quarters.isQuarterId],
    ['isIsoDate', dates.isIsoDate],
    ['addDays', dates.addDays],
    ['daysBetween', dates.daysBetween],
    ['parsePerson', people.parsePerson],
    ['samePerson', people.samePerson],
    ['splitPeople', people.splitPeople],
  ])('exports %s', (name, fn) => {
    expect((core as Record<string, unknown>)[name]).toBe(fn);
  });

  it('gives the audit and the add-on the same quarter for the same inputs', () => {
    expect(core.lastEndedQuarter('2026-11-22', 7)).toEqual({
      id: '2027-Q1',
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(
      core.samePerson(core.parsePerson('Ann Lee <ann@x.org>'), core.parsePerson('ann lee')),
    ).toBe(true);
  });
});
