/**
 * Where matrix findings point and how they are shaped: an activity finding at the activity's
 * name cell, a cell finding at the cell, a role finding at the role's header cell, each with
 * its fields in one order (sheet, cell, row, column, activity, role, message, suggestion) and
 * the names left out when the activity or role has none. Also the letter counts per activity
 * and per role that the matrix and role rules share.
 */
import { defaultConfig } from '../../../src/core/config';
import {
  activitiesOverLimit,
  activityFinding,
  activityLetterCount,
  cellFinding,
  cellsWithSeveralLetters,
  cellsWithUnknownTokens,
  countRolesWithLetter,
  letterCounts,
  listRoles,
  roleFinding,
  rolesWithLetter,
} from '../../../src/core/matrix/describe';
import { findMatrices } from '../../../src/core/matrix/find';
import type { RaciMatrix } from '../../../src/core/model';

function matrix(): RaciMatrix {
  const [found] = findMatrices(
    {
      name: 'RACI',
      rows: [
        ['Activity', 'Owner', '', 'Analyst', 'Desk'],
        ['Draft policy', 'A', 'R', 'C', 'C/C'],
        [null, 'R/A', 'I', null, 'C'],
      ],
    },
    defaultConfig(),
  );
  return found;
}

describe('finding places and shapes', () => {
  const m = matrix();
  const [named, unnamed] = m.activities;

  it('points an activity finding at the activity name cell, named when it has a name', () => {
    const withName = activityFinding(m, named, 'message', 'suggestion');
    expect(withName).toEqual({
      sheet: 'RACI',
      cell: 'A2',
      row: 2,
      column: 1,
      activity: 'Draft policy',
      message: 'message',
      suggestion: 'suggestion',
    });
    expect(Object.keys(withName)).toEqual([
      'sheet',
      'cell',
      'row',
      'column',
      'activity',
      'message',
      'suggestion',
    ]);
    expect(Object.keys(activityFinding(m, unnamed, 'message'))).toEqual([
      'sheet',
      'cell',
      'row',
      'column',
      'message',
    ]);
  });

  it('points a cell finding at the cell, naming activity and role when they have names', () => {
    const finding = cellFinding(m, named, 0, 'message', 'suggestion');
    expect(finding).toEqual({
      sheet: 'RACI',
      cell: 'B2',
      row: 2,
      column: 2,
      activity: 'Draft policy',
      role: 'Owner',
      message: 'message',
      suggestion: 'suggestion',
    });
    expect(Object.keys(finding)).toEqual([
      'sheet',
      'cell',
      'row',
      'column',
      'activity',
      'role',
      'message',
      'suggestion',
    ]);
    expect(cellFinding(m, unnamed, 1, 'message')).toEqual({
      sheet: 'RACI',
      cell: 'C3',
      row: 3,
      column: 3,
      message: 'message',
    });
  });

  it('points a role finding at the role header cell', () => {
    expect(roleFinding(m, m.roles[2], 'message')).toEqual({
      sheet: 'RACI',
      cell: 'D1',
      row: 1,
      column: 4,
      role: 'Analyst',
      message: 'message',
    });
    expect(Object.keys(roleFinding(m, m.roles[1], 'message', 'fix'))).toEqual([
      'sheet',
      'cell',
      'row',
      'column',
      'message',
      'suggestion',
    ]);
  });
});

describe('letter counts', () => {
  const m = matrix();

  it('counts the roles holding a letter on each activity, a repeated letter once', () => {
    expect(rolesWithLetter(m.activities[0], 'C')).toEqual([2, 3]);
    expect(countRolesWithLetter(m.activities[0], 'C')).toBe(2);
    expect(activityLetterCount(m, 0, 'C')).toBe(2);
    expect(activityLetterCount(m, 1, 'R')).toBe(1);
    expect(activityLetterCount(m, 1, 'S')).toBe(0);
  });

  it('counts the activities holding each letter per role', () => {
    expect([...letterCounts(m, 0)]).toEqual([
      ['R', 1],
      ['A', 2],
    ]);
    expect([...letterCounts(m, 2)]).toEqual([['C', 1]]);
    expect(letterCounts(m, 9).size).toBe(0);
  });

  it('lists the activities over a limit with their roles, and names the roles in words', () => {
    const over = activitiesOverLimit([m], 'C', 1);
    expect(over.map((o) => [o.activity.row, o.roles])).toEqual([[2, [2, 3]]]);
    expect(listRoles(m, [0, 1, 2])).toBe('"Owner", the unnamed role in column C and "Analyst"');
    expect(listRoles(m, [3])).toBe('"Desk"');
    expect(listRoles(m, [3, 0])).toBe('"Desk" and "Owner"');
    expect(listRoles(m, [])).toBe('');
  });
});

describe('cells the cell rules look at', () => {
  it('lists the cells with several letters and with unknown tokens, row by row, left to right', () => {
    const [m] = findMatrices(
      {
        name: 'RACI',
        rows: [
          ['Activity', 'Owner', 'Analyst', 'Desk'],
          ['Draft policy', 'A/R', 'X', 'C/C'],
          ['Approve policy', 'A', 'R', 'I'],
          ['Publish policy', 'R, S', 'A', 'TBD'],
        ],
      },
      defaultConfig(),
    );
    expect(cellsWithSeveralLetters(m)).toEqual([
      { activity: 0, role: 0 },
      { activity: 0, role: 2 },
    ]);
    expect(cellsWithUnknownTokens(m)).toEqual([
      { activity: 0, role: 1 },
      { activity: 2, role: 0 },
      { activity: 2, role: 2 },
    ]);
    expect(cellsWithSeveralLetters(m)).toBe(cellsWithSeveralLetters(m));
  });
});
