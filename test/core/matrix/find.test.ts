/**
 * The matrix finder against every variation of SPEC section 1: title, legend and metadata rows
 * above the header; ID and phase columns; any activity header or none; section rows; blank
 * rows inside; trailing Notes columns; stacked matrices; code and "empty" spellings; RASCI and
 * RACI-VS; legends and notes below; and sheets that are not matrices at all.
 */
import { defaultConfig, type Config } from '../../../src/core/config';
import { findMatrices } from '../../../src/core/matrix/find';
import type { Grid, RaciMatrix, RaciModel } from '../../../src/core/model';

function find(rows: Grid, model: RaciModel = 'RACI', merges?: string[]): RaciMatrix[] {
  const config: Config = { ...defaultConfig(), model };
  return findMatrices({ name: 'Sheet', rows, merges }, config);
}

function only(rows: Grid, model?: RaciModel, merges?: string[]): RaciMatrix {
  const found = find(rows, model, merges);
  expect(found).toHaveLength(1);
  return found[0];
}

const names = (m: RaciMatrix) => m.activities.map((a) => a.name);
const roleNames = (m: RaciMatrix) => m.roles.map((r) => r.name);
const codes = (m: RaciMatrix) => m.activities.map((a) => a.cells.map((c) => c.letters.join('')));

describe('findMatrices: the plain matrix', () => {
  it('reads a matrix at A1: header, roles, activities and cells', () => {
    const m = only([
      ['Activity', 'Process Owner', 'Change Manager', 'Service Desk'],
      ['Draft policy', 'A', 'R', 'I'],
      ['Approve change', 'I', 'A/R', 'C'],
    ]);
    expect(m).toMatchObject({
      sheet: 'Sheet',
      index: 0,
      headerRow: 1,
      lastRow: 3,
      activityColumn: 1,
      activityHeader: 'Activity',
    });
    expect(m.roles).toEqual([
      { name: 'Process Owner', column: 2, cell: 'B1' },
      { name: 'Change Manager', column: 3, cell: 'C1' },
      { name: 'Service Desk', column: 4, cell: 'D1' },
    ]);
    expect(m.activities[1]).toMatchObject({ name: 'Approve change', row: 3, cell: 'A3' });
    expect(m.activities[1].cells[1]).toEqual({
      raw: 'A/R',
      letters: ['A', 'R'],
      unknown: [],
      row: 3,
      column: 3,
      cell: 'C3',
    });
    expect(m.metadata).toEqual({});
  });

  it.each(['Activity', 'Task', 'Deliverable', 'Step', 'Process item', 'Was machen wir?', ''])(
    'takes any activity header, here %j',
    (header) => {
      const m = only([
        [header, 'Owner', 'Manager'],
        ['Plan the work', 'A', 'R'],
        ['Do the work', 'I', 'A/R'],
      ]);
      expect(m.activityHeader).toBe(header);
      expect(m.activityColumn).toBe(1);
      expect(names(m)).toEqual(['Plan the work', 'Do the work']);
    },
  );

  it('folds white space in role and activity names', () => {
    const m = only([
      ['Activity', '  Process\nOwner ', 'Change   Manager'],
      ['  Draft\u00a0 policy ', 'A', 'R'],
    ]);
    expect(roleNames(m)).toEqual(['Process Owner', 'Change Manager']);
    expect(names(m)).toEqual(['Draft policy']);
  });

  it('reads a matrix that starts away from A1', () => {
    const m = only([
      [],
      [null, null, null],
      [null, null, 'Task', 'Owner', 'Manager'],
      [null, null, 'Plan', 'A', 'R'],
    ]);
    expect(m).toMatchObject({ headerRow: 3, activityColumn: 3, lastRow: 4 });
    expect(m.roles.map((r) => r.cell)).toEqual(['D3', 'E3']);
    expect(m.activities[0].cell).toBe('C4');
  });
});

describe('findMatrices: above the header', () => {
  it('skips title, logo, legend rows and reads the metadata block', () => {
    const m = only([
      ['Change Management RACI'],
      [],
      ['Process: Change Management'],
      ['Process Owner', 'Jane Doe'],
      ['LT Sponsor:', 'Sam Lee'],
      ['Last reviewed', '2026-03-31'],
      ['Review cadence: quarterly'],
      ['Legend: R = Responsible, A = Accountable, C = Consulted, I = Informed'],
      ['R = Responsible', 'A = Accountable', 'C = Consulted', 'I = Informed'],
      [],
      ['Activity', 'Change Manager', 'CAB', 'Requester'],
      ['Raise RFC', 'A', 'I', 'R'],
      ['Assess RFC', 'A/R', 'C', 'I'],
    ]);
    expect(m.headerRow).toBe(11);
    expect(names(m)).toEqual(['Raise RFC', 'Assess RFC']);
    expect(m.metadata.process).toEqual({ key: 'process', value: 'Change Management', cell: 'A3' });
    expect(m.metadata.owner).toEqual({ key: 'owner', value: 'Jane Doe', cell: 'B4' });
    expect(m.metadata.ltSponsor).toEqual({ key: 'ltSponsor', value: 'Sam Lee', cell: 'B5' });
    expect(m.metadata.lastReviewed).toEqual({
      key: 'lastReviewed',
      value: '2026-03-31',
      cell: 'B6',
    });
    expect(m.metadata.reviewCadence).toEqual({
      key: 'reviewCadence',
      value: 'quarterly',
      cell: 'A7',
    });
  });

  it('skips a legend laid out in cells above the header, and keeps it out of the metadata', () => {
    const m = only([
      ['Legend'],
      ['R', 'Responsible'],
      ['A', 'Accountable'],
      ['C', 'Consulted'],
      ['I', 'Informed'],
      [],
      ['Owner:', 'Kim Ode'],
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
    ]);
    expect(m.headerRow).toBe(8);
    expect(names(m)).toEqual(['Plan']);
    expect(Object.keys(m.metadata)).toEqual(['owner']);
    expect(m.metadata.owner.cell).toBe('B7');
  });

  it('reads known keys side by side on one row', () => {
    const m = only([
      ['Service', 'Email', 'Owner', 'Jane Doe', 'LT Sponsor:', 'Sam Lee'],
      ['Review cadence:', 'annual', 'Last reviewed', '2026-01-15'],
      [],
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
    ]);
    const values = Object.fromEntries(Object.entries(m.metadata).map(([k, v]) => [k, v.value]));
    expect(values).toEqual({
      service: 'Email',
      owner: 'Jane Doe',
      ltSponsor: 'Sam Lee',
      reviewCadence: 'annual',
      lastReviewed: '2026-01-15',
    });
    expect(m.metadata.lastReviewed.cell).toBe('D2');
  });

  it.each([
    ['Service', 'service'],
    ['Service Owner', 'owner'],
    ['Owner', 'owner'],
    ['Sponsor', 'ltSponsor'],
    ['Cost centre', 'Cost centre'],
  ])('normalises the metadata key %j to %j', (key, normalised) => {
    const m = only([[`${key}: value here`], ['Activity', 'Owner', 'Manager'], ['Plan', 'A', 'R']]);
    expect(m.metadata[normalised]?.value).toBe('value here');
  });
});

describe('findMatrices: columns left of the activity column', () => {
  it('reads ID and phase columns: ref and section, not activity names', () => {
    const m = only([
      ['Ref', 'Phase', 'Activity', 'Owner', 'Manager', 'Analyst'],
      ['1.1', 'Plan', 'Define scope', 'A', 'R', 'C'],
      ['1.2', '', 'Agree budget', 'A', 'R', 'I'],
      ['2.1', 'Build', 'Write code', 'I', 'A', 'R'],
      ['2.2', '', 'Test code', 'I', 'A', 'R'],
    ]);
    expect(m.activityColumn).toBe(3);
    expect(names(m)).toEqual(['Define scope', 'Agree budget', 'Write code', 'Test code']);
    expect(m.activities.map((a) => a.ref)).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(m.activities.map((a) => a.section)).toEqual(['Plan', 'Plan', 'Build', 'Build']);
    expect(roleNames(m)).toEqual(['Owner', 'Manager', 'Analyst']);
  });

  it('takes a column of letters (A, B, C, D) as references even where they look like codes', () => {
    const m = only([
      ['Ref', 'Activity', 'Owner', 'Manager'],
      ['A', 'Plan', 'A', 'R'],
      ['B', 'Build', 'A', 'R'],
      ['C', 'Check', 'I', 'A/R'],
      ['D', 'Deliver', 'A', 'R'],
    ]);
    expect(m.activityColumn).toBe(2);
    expect(names(m)).toEqual(['Plan', 'Build', 'Check', 'Deliver']);
    expect(m.activities.map((a) => a.ref)).toEqual(['A', 'B', 'C', 'D']);
    expect(roleNames(m)).toEqual(['Owner', 'Manager']);
  });

  it('takes a numeric step column as IDs and a repeated stage column as phases', () => {
    const m = only([
      ['Stage', '#', '', 'Lead', 'Team'],
      ['Design', 1, 'Sketch', 'A', 'R'],
      ['Design', 2, 'Review sketch', 'A', 'R'],
      ['Design', 3, 'Approve sketch', 'A', 'C'],
      ['Deliver', 4, 'Ship', 'A', 'R'],
    ]);
    expect(m.activityColumn).toBe(3);
    expect(m.activityHeader).toBe('');
    expect(m.activities.map((a) => a.ref)).toEqual(['1', '2', '3', '4']);
    expect(m.activities.map((a) => a.section)).toEqual(['Design', 'Design', 'Design', 'Deliver']);
  });
});

describe('findMatrices: inside the body', () => {
  it('takes section rows as sections and skips blank rows', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager'],
      ['Phase 1: Plan'],
      ['Define scope', 'A', 'R'],
      [],
      ['Agree budget', 'A', 'R'],
      ['Phase 2: Do', null, null],
      [],
      ['Build it', 'I', 'A/R'],
    ]);
    expect(names(m)).toEqual(['Define scope', 'Agree budget', 'Build it']);
    expect(m.activities.map((a) => a.section)).toEqual([
      'Phase 1: Plan',
      'Phase 1: Plan',
      'Phase 2: Do',
    ]);
    expect(m.activities.map((a) => a.row)).toEqual([3, 5, 8]);
    expect(m.lastRow).toBe(8);
  });

  it('takes a banner written over the role columns for a section', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Desk'],
      ['Define scope', 'A', 'R', 'I'],
      [null, 'Phase 2: Build and test', null, null],
      ['Build it', 'I', 'A/R', 'C'],
    ]);
    expect(names(m)).toEqual(['Define scope', 'Build it']);
    expect(m.activities[1].section).toBe('Phase 2: Build and test');
  });

  it('keeps a row with codes and no name as an activity named ""', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
      ['', 'A', 'R'],
    ]);
    expect(names(m)).toEqual(['Plan', '']);
    expect(m.activities[1].cell).toBe('A3');
  });

  it('keeps rows whose role cells hold unknown marks (X) between activities', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
      ['Check', 'X', 'X'],
      ['Do', 'A', 'R'],
      ['Tidy', 'X', ''],
    ]);
    expect(names(m)).toEqual(['Plan', 'Check', 'Do', 'Tidy']);
    expect(m.activities[1].cells[0].unknown).toEqual(['X']);
  });

  it('reads every code and "empty" spelling', () => {
    const m = only([
      ['Activity', 'P', 'Q', 'Role 3', 'Role 4', 'Role 5', 'Role 6', 'Role 7'],
      ['One', 'A/R', 'R/A', 'AR', 'R, A', 'A,R', 'R+A', 'A R'],
      ['Two', 'r', ' a ', 'c', 'I', '-', '–', '—'],
      ['Three', 'n/a', 'N/A', '', null, 'R', 'A', 'i'],
    ]);
    expect(codes(m)).toEqual([
      ['AR', 'RA', 'AR', 'RA', 'AR', 'RA', 'AR'],
      ['R', 'A', 'C', 'I', '', '', ''],
      ['', '', '', '', 'R', 'A', 'I'],
    ]);
    expect(m.activities[1].cells[4].raw).toBe('');
  });

  it.each([
    ['n/a', ['n/a', 'n/a', 'n/a']],
    ['-', ['-', '-', '-']],
    ['a mix of empty marks', ['-', 'N/A', '']],
  ])('reads a first activity written all %s as an activity, not as the header', (_, marks) => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Desk'],
      ['Plan', ...marks],
      ['Do', 'I', 'A', 'R'],
      ['Check', 'A', 'R', 'I'],
    ]);
    expect(m.headerRow).toBe(1);
    expect(roleNames(m)).toEqual(['Owner', 'Manager', 'Desk']);
    expect(names(m)).toEqual(['Plan', 'Do', 'Check']);
    expect(codes(m)[0]).toEqual(['', '', '']);
  });

  it('reads S and V as codes under RASCI and RACI-VS, and as unknown under RACI', () => {
    const rows: Grid = [
      ['Activity', 'Owner', 'Manager', 'Helper', 'Checker'],
      ['Plan', 'A', 'R', 'S', 'V'],
    ];
    expect(only(rows, 'RASCI').activities[0].cells.map((c) => [c.letters, c.unknown])).toEqual([
      [['A'], []],
      [['R'], []],
      [['S'], []],
      [[], ['V']],
    ]);
    expect(only(rows, 'RACI-VS').activities[0].cells.map((c) => c.letters.join(''))).toEqual([
      'A',
      'R',
      'S',
      'V',
    ]);
    expect(only(rows, 'RACI').activities[0].cells.map((c) => c.unknown.join(''))).toEqual([
      '',
      '',
      'S',
      'V',
    ]);
  });

  it('fills an activity name merged down over two rows', () => {
    const m = only(
      [
        ['Activity', 'Owner', 'Manager'],
        ['Plan', 'A', 'R'],
        [null, 'I', 'R'],
        ['Do', 'A', 'R'],
      ],
      'RACI',
      ['A2:A3'],
    );
    expect(names(m)).toEqual(['Plan', 'Plan', 'Do']);
  });
});

describe('findMatrices: role columns', () => {
  it('keeps a role with no codes (between the activity and coded columns, and last)', () => {
    const m = only([
      ['Activity', 'Auditor', 'Owner', 'Manager', 'Observer'],
      ['Plan', '', 'A', 'R', null],
      ['Do', null, 'A', 'R', ''],
    ]);
    expect(roleNames(m)).toEqual(['Auditor', 'Owner', 'Manager', 'Observer']);
  });

  it('keeps a sparsely coded first role column as a role', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Desk'],
      ['Plan', 'A', 'R', ''],
      ['Do', '', 'A/R', 'C'],
      ['Check', '', 'A/R', 'I'],
    ]);
    expect(m.activityColumn).toBe(1);
    expect(roleNames(m)).toEqual(['Owner', 'Manager', 'Desk']);
  });

  it('leaves trailing Notes, Comments and Description columns out', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Notes', 'Comments', 'Description'],
      ['Plan', 'A', 'R', 'Agreed at the kick-off meeting', null, 'Set the scope and goals'],
      ['Do', 'A', 'R', null, null, 'Carry out the work as planned'],
    ]);
    expect(roleNames(m)).toEqual(['Owner', 'Manager']);
  });

  it('leaves empty trailing columns headed like notes out, and a trailing Y/N column', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Notes / comments', 'Done (Y/N)', 'Remarks'],
      ['Plan', 'A', 'R', null, 'Y', ''],
      ['Do', 'A', 'R', '', 'N', null],
    ]);
    expect(roleNames(m)).toEqual(['Owner', 'Manager']);
  });

  it('takes a role name that looks like a code (CI) as a role', () => {
    const m = only([
      ['Activity', 'Process Owner', 'CI', 'Service Desk'],
      ['Plan', 'A', 'R', 'I'],
      ['Do', 'A', 'C', 'R'],
    ]);
    expect(roleNames(m)).toEqual(['Process Owner', 'CI', 'Service Desk']);
    expect(names(m)).toEqual(['Plan', 'Do']);
  });

  it('leaves a description column between the activity and the roles out', () => {
    const m = only([
      ['Activity', 'Description', 'Owner', 'Manager'],
      ['Plan', 'Set the scope and goals', 'A', 'R'],
      ['Do', 'Carry out the work', 'A', 'R'],
    ]);
    expect(m.activityColumn).toBe(1);
    expect(roleNames(m)).toEqual(['Owner', 'Manager']);
  });

  it('keeps the same role twice (role/duplicate reports it)', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'owner'],
      ['Plan', 'A', 'R', 'I'],
    ]);
    expect(roleNames(m)).toEqual(['Owner', 'Manager', 'owner']);
  });
});

describe('findMatrices: below and between matrices', () => {
  it('does not take legend or notes lines below the matrix for activities', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
      ['Do', 'I', 'A/R'],
      ['Legend: A = Accountable, R = Responsible, C = Consulted, I = Informed'],
      ['R = Responsible'],
      [],
      ['Legend'],
      ['R', 'Responsible', 'Does the work'],
      ['A', 'Accountable', 'Owns the outcome'],
      [],
      ['Notes: reviewed by the CAB every quarter'],
    ]);
    expect(names(m)).toEqual(['Plan', 'Do']);
    expect(m.lastRow).toBe(3);
  });

  it('ends the matrix at a legend row that lists the codes across the role columns', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager', 'Desk', 'Team'],
      ['Plan', 'A', 'R', 'I', 'C'],
      [],
      ['Legend:', 'R', 'A', 'C', 'I'],
      [null, 'Responsible', 'Accountable', 'Consulted', 'Informed'],
    ]);
    expect(names(m)).toEqual(['Plan']);
    expect(m.lastRow).toBe(2);
  });

  const legendRows: Grid = [
    ['R', 'Responsible'],
    ['A', 'Accountable'],
    ['C', 'Consulted'],
    ['I', 'Informed'],
  ];

  it.each([
    ['right after the matrix', [] as Grid],
    ['after a blank row', [[]] as Grid],
    ['under a "Legend" title row', [[], ['Legend']] as Grid],
  ])('keeps every role of a small matrix with a legend in columns A-B below it, %s', (_, gap) => {
    for (const activities of [2, 3]) {
      const body: Grid = [
        ['Plan', 'A', 'R', 'I'],
        ['Do', 'I', 'A', 'R'],
        ['Check', 'R', 'I', 'A'],
      ].slice(0, activities);
      const m = only([['Activity', 'Owner', 'Manager', 'Desk'], ...body, ...gap, ...legendRows]);
      expect(roleNames(m)).toEqual(['Owner', 'Manager', 'Desk']);
      expect(m.activityColumn).toBe(1);
      expect(names(m)).toEqual(['Plan', 'Do', 'Check'].slice(0, activities));
      expect(codes(m)[0]).toEqual(['A', 'R', 'I']);
      expect(m.lastRow).toBe(1 + activities);
    }
  });

  it.each([
    ['right after the matrix', [] as Grid],
    ['under a "Legend" title row', [[], ['Legend']] as Grid],
  ])('names activities by name, not ID, with a legend in columns A-B below, %s', (_, gap) => {
    for (const activities of [2, 3]) {
      const body: Grid = [
        [1, 'Plan', 'A', 'R', 'I'],
        [2, 'Do', 'I', 'A', 'R'],
        [3, 'Check', 'R', 'I', 'A'],
      ].slice(0, activities);
      const m = only([
        ['ID', 'Activity', 'Owner', 'Manager', 'Desk'],
        ...body,
        ...gap,
        ...legendRows,
      ]);
      expect(m.activityColumn).toBe(2);
      expect(roleNames(m)).toEqual(['Owner', 'Manager', 'Desk']);
      expect(names(m)).toEqual(['Plan', 'Do', 'Check'].slice(0, activities));
      expect(m.activities.map((a) => a.ref)).toEqual(['1', '2', '3'].slice(0, activities));
    }
  });

  it('does not take a totals row of numbers for an activity', () => {
    const m = only([
      ['Activity', 'Owner', 'Manager'],
      ['Plan', 'A', 'R'],
      ['Count of A', 1, 0],
    ]);
    expect(names(m)).toEqual(['Plan']);
  });

  it('reads stacked matrices, each with its own header and metadata', () => {
    const found = find([
      ['Process: Incident'],
      ['Activity', 'Owner', 'Manager'],
      ['Log incident', 'A', 'R'],
      ['Close incident', 'A', 'R'],
      [],
      ['Process: Problem'],
      ['Task', 'Problem Owner', 'Analyst', 'Desk'],
      ['Find root cause', 'A', 'R', 'I'],
      ['Task list', 'Problem Owner', 'Analyst', 'Desk'],
      ['Fix root cause', 'A', 'R', 'C'],
    ]);
    expect(found.map((m) => [m.index, m.headerRow, m.lastRow])).toEqual([
      [0, 2, 4],
      [1, 7, 8],
      [2, 9, 10],
    ]);
    expect(found.map((m) => m.metadata.process?.value)).toEqual(['Incident', 'Problem', undefined]);
    expect(names(found[1])).toEqual(['Find root cause']);
    expect(roleNames(found[1])).toEqual(['Problem Owner', 'Analyst', 'Desk']);
  });
});

describe('findMatrices: sheets that are not matrices', () => {
  const notMatrices: [string, Grid][] = [
    [
      'a register',
      [
        ['Name', 'Kind', 'Owner', 'LT Sponsor', 'Manager', 'RACI sheet', 'Review cadence'],
        ['Change Management', 'Process', 'Jane', 'Sam', 'Ann', 'Change', 'quarterly'],
        ['Email', 'Service', 'Bob', 'Sam', '', '', 'annual'],
      ],
    ],
    [
      'a roles sheet',
      [
        ['Role', 'Category', 'Holder(s)', 'Deputy'],
        ['Change Manager', 'Process Manager', 'ann@example.com', 'Bob'],
        ['CAB Chair', 'CAB Chair', 'Sam', ''],
      ],
    ],
    [
      'a leadership sheet with Y/N',
      [
        ['Name', 'Email', 'Active', 'Until'],
        ['Sam Lee', 'sam@example.com', 'Y', ''],
        ['Kim Ode', 'kim@example.com', 'N', '2026-01-31'],
      ],
    ],
    [
      'a legend alone',
      [
        ['Legend'],
        ['R', 'Responsible'],
        ['A', 'Accountable'],
        ['C', 'Consulted'],
        ['I', 'Informed'],
      ],
    ],
    [
      'a config sheet',
      [
        ['Key', 'Value'],
        ['model', 'RACI'],
        ['allowAccountableResponsible', 'no'],
      ],
    ],
    [
      'notes',
      [
        ['Meeting notes'],
        ['A'],
        ['We agreed to review the RACI every quarter.'],
        ['R, A and C were discussed.'],
      ],
    ],
    ['an empty sheet', []],
    [
      'codes with no header',
      [
        ['Plan', 'A', 'R'],
        ['Do', 'A', 'R'],
      ],
    ],
  ];
  it.each(notMatrices)('finds none in %s', (_name, rows) => {
    expect(find(rows)).toEqual([]);
  });
});

describe('findMatrices: the RACI table of seed 004', () => {
  // The seed's example table, with the text lines around it as one-cell rows, as a table
  // pasted into a sheet from the article would look (the markdown separator row dropped).
  const grid: Grid = [
    ['Use RACI to avoid the tragic scene where 8 people look at an incident and 0 people fix it.'],
    ['Example small RACI for change handling:'],
    ['Activity', 'Process Owner', 'Change Manager', 'CAB Member', 'Service Owner', 'Service Desk'],
    ['Draft change policy', 'A', 'R', 'C', 'C', 'I'],
    ['Approve high risk change', 'I', 'A', 'C', 'C', 'I'],
    ['Schedule change window', 'I', 'R', 'C', 'A', 'I'],
    ['Inform users', 'I', 'I', 'I', 'C', 'R'],
    ['Legend: A = Accountable, R = Responsible, C = Consulted, I = Informed'],
    ['A mini scenario: incident to improvement (how roles interact)'],
    ['- User reports service slowdown to Service Desk (Service Desk role records incident).'],
    ['- Service Desk escalates to Technical Management (Practitioners start triage).'],
  ];

  it('finds the one matrix with its four activities and five roles', () => {
    const m = only(grid);
    expect(m.headerRow).toBe(3);
    expect(m.lastRow).toBe(7);
    expect(names(m)).toEqual([
      'Draft change policy',
      'Approve high risk change',
      'Schedule change window',
      'Inform users',
    ]);
    expect(roleNames(m)).toEqual([
      'Process Owner',
      'Change Manager',
      'CAB Member',
      'Service Owner',
      'Service Desk',
    ]);
  });
});

describe('findMatrices: size', () => {
  it('reads a 2,000 x 30 matrix completely', () => {
    const roles = Array.from({ length: 30 }, (_, i) => `Role ${i + 1}`);
    const rows: Grid = [['Activity', ...roles]];
    for (let r = 0; r < 2000; r++) {
      rows.push([
        `Activity ${r + 1}`,
        ...roles.map((_, i) => (i === r % 30 ? 'A' : i === (r + 1) % 30 ? 'R' : 'I')),
      ]);
    }
    const m = only(rows);
    expect(m.activities).toHaveLength(2000);
    expect(m.roles).toHaveLength(30);
    expect(m.activities[1999].cells[1999 % 30].letters).toEqual(['A']);
  });
});
