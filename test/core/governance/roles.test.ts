/**
 * The Roles sheet as the role rules use it: which entries a matrix role column refers to (by
 * role name, else by category, ignoring case and spacing) and the closest known role. Entries'
 * normalised names are remembered per entry, so the tests also change an entry after a lookup
 * and expect the next lookup to see the change.
 */
import { closestRole, roleEntriesFor } from '../../../src/core/governance/roles';
import type { RoleEntry } from '../../../src/core/model';

function entry(role: string, category: string, row: number, holders: string[] = []): RoleEntry {
  return { role, category, holders, deputies: [], sheet: 'Roles', row, cell: `A${row}` };
}

describe('roleEntriesFor', () => {
  const entries = [
    entry('Change Manager', 'Process Manager', 2, ['Ann Lee']),
    entry('CAB  Member', 'Role', 3),
    entry('change manager', 'Role', 4),
    entry('Release Manager', 'Process Manager', 5),
  ];

  const cases: [string, number[]][] = [
    ['Change Manager', [2, 4]],
    ['  CHANGE\u00a0manager ', [2, 4]],
    ['cab member', [3]],
    ['Process Manager', [2, 5]],
    ['Role', [3, 4]],
    ['Service Desk', []],
    ['', []],
    ['   ', []],
  ];
  it.each(cases)('finds %j on rows %j', (name, rows) => {
    expect(roleEntriesFor(name, entries).map((e) => e.row)).toEqual(rows);
  });

  it('prefers entries named like the role over entries of that category', () => {
    const named = [entry('Role', 'Other', 7), entry('Analyst', 'Role', 8)];
    expect(roleEntriesFor('role', named).map((e) => e.row)).toEqual([7]);
  });

  it('sees an entry renamed or recategorised after an earlier lookup', () => {
    const changing = entry('Service Owner', 'Owner', 9);
    expect(roleEntriesFor('Service Owner', [changing])).toEqual([changing]);
    changing.role = 'Product Owner';
    expect(roleEntriesFor('Service Owner', [changing])).toEqual([]);
    expect(roleEntriesFor('product owner', [changing])).toEqual([changing]);
    changing.category = 'Service Owner';
    expect(roleEntriesFor('Service Owner', [changing])).toEqual([changing]);
  });
});

describe('closestRole', () => {
  const entries = [
    entry('Change Manager', 'Role', 2),
    entry('', 'Role', 3),
    entry('CAB', 'Role', 4),
  ];

  it('suggests the known role with the fewest edits, ignoring case', () => {
    expect(closestRole('change manger', entries)).toBe('Change Manager');
    expect(closestRole('CAV', entries)).toBe('CAB');
  });

  it('suggests nothing when more than half the letters differ', () => {
    expect(closestRole('Finance Controller', entries)).toBeUndefined();
  });
});
