/**
 * `groupPeople`: which mentions are one person, on the core's `parsePerson`. Table-driven: the
 * mentions as written and the expected person number of each.
 */
import { parsePerson } from '../../../src/core/governance/people';
import { groupPeople } from '../../../audit/report/people';

describe('groupPeople', () => {
  it.each<[string, string[], number[]]>([
    [
      'one person written three ways',
      ['Ann Lee <ann@x.org>', 'ann@x.org', ' ann   LEE '],
      [0, 0, 0],
    ],
    ['a name-only mention before the emailed one', ['Ann Lee', 'Ann Lee <ann@x.org>'], [0, 0]],
    ['emails decide over names', ['Ann Lee <a1@x.org>', 'Ann Lee <a2@x.org>'], [0, 1]],
    [
      'a name shared by two emailed people stays apart',
      ['Ann Lee <a1@x.org>', 'Ann Lee <a2@x.org>', 'ann lee', 'Ann Lee'],
      [0, 1, 2, 2],
    ],
    ['different names, no emails', ['Ann Lee', 'Bo Chan', 'ANN LEE'], [0, 1, 0]],
    ['an email in any case', ['ANN@X.ORG', 'ann@x.org'], [0, 0]],
    ['a bare email does not join a name', ['ann@x.org', 'Ann Lee'], [0, 1]],
  ])('%s', (_name, written, expected) => {
    expect(groupPeople(written.map((w) => parsePerson(w)))).toEqual(expected);
  });
});
