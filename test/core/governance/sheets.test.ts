/**
 * Governance sheets are recognised by their header row (anywhere in the first rows, any
 * column order, several spellings), never by sheet name or position, and read into the model:
 * Register, Roles, Leadership (including a shared roster), Reviews, Waivers and Config.
 */
import { defaultConfig } from '../../../src/core/config';
import {
  HEADER_WORDS,
  headerIndex,
  headerIndexes,
  headerKey,
  readConfigSheet,
  readLeadership,
  readRegister,
  recogniseGovernanceSheets,
} from '../../../src/core/governance/sheets';
import {
  findMember,
  isSitting,
  parsePerson,
  samePerson,
  splitPeople,
} from '../../../src/core/governance/people';
import type { SheetInput } from '../../../src/core/model';

const config = defaultConfig();

describe('Register', () => {
  it('finds the header under a title, columns in any order, and reads every field', () => {
    const sheet: SheetInput = {
      name: 'Catalogue',
      rows: [
        ['Process and service catalogue'],
        ['Updated quarterly', null, null],
        [],
        [
          null,
          'Sign-off',
          'RACI sheet',
          'LT Sponsor',
          'Owner',
          'Process / Service',
          'Type',
          'Review Cadence',
          'Last Reviewed',
          'Sponsor review',
          'Manager',
        ],
        [
          null,
          '2026-01-05',
          'Incident',
          'Bob Boss',
          'Ann One',
          'Incident Management',
          'Process',
          'Quarterly',
          '15/08/2026',
          '2026-09-10',
          'Cy; Dee',
        ],
        [],
        [
          null,
          '',
          '',
          '',
          'Ann One,\nEd Two',
          'Email',
          'IT Service',
          'whenever',
          '31/02/2026',
          '',
          '',
        ],
      ],
    };
    const register = readRegister(sheet, config)!;
    expect(register.headerRow).toBe(4);
    expect(register.items).toHaveLength(2);
    const [incident, email] = register.items;
    expect(incident).toMatchObject({
      name: 'Incident Management',
      kind: 'process',
      kindRaw: 'Process',
      sheet: 'Catalogue',
      row: 5,
      cell: 'F5',
      owners: ['Ann One'],
      ownerCell: 'E5',
      sponsor: 'Bob Boss',
      sponsorCell: 'D5',
      managers: ['Cy', 'Dee'],
      managerCell: 'K5',
      raciSheet: { value: 'Incident', cell: 'C5' },
      reviewCadence: { value: 'Quarterly', cell: 'H5' },
      lastReviewed: { value: '2026-08-15', raw: '15/08/2026', invalid: false, cell: 'I5' },
      sponsorReview: { value: '2026-09-10', invalid: false, cell: 'J5' },
      signOff: { value: '2026-01-05', invalid: false, cell: 'B5' },
    });
    expect(email).toMatchObject({
      name: 'Email',
      kind: 'service',
      row: 7,
      owners: ['Ann One', 'Ed Two'],
      sponsor: '',
      lastReviewed: { value: null, raw: '31/02/2026', invalid: true, cell: 'I7' },
      signOff: { value: null, raw: '', invalid: false },
    });
  });

  it('reads text dates in the configured order', () => {
    const rows = [
      ['Name', 'Owner', 'Kind', 'Last reviewed'],
      ['X', 'Ann', 'Process', '04/05/2026'],
    ];
    expect(readRegister({ name: 'R', rows }, config)!.items[0].lastReviewed?.value).toBe(
      '2026-05-04',
    );
    expect(
      readRegister({ name: 'R', rows }, { ...config, dateOrder: 'MDY' })!.items[0].lastReviewed
        ?.value,
    ).toBe('2026-04-05');
  });

  it('does not take a RACI matrix or a name list for a register', () => {
    expect(
      readRegister(
        {
          name: 'R',
          rows: [
            ['Activity', 'Owner', 'Manager'],
            ['Log', 'A', 'R'],
          ],
        },
        config,
      ),
    ).toBeUndefined();
    expect(
      readRegister(
        {
          name: 'R',
          rows: [
            ['Name', 'Email'],
            ['Bob', 'b@x.org'],
          ],
        },
        config,
      ),
    ).toBeUndefined();
  });
});

describe('recogniseGovernanceSheets', () => {
  const sheets: SheetInput[] = [
    {
      name: 'Incident',
      rows: [
        ['Activity', 'Service Desk'],
        ['Log', 'R'],
      ],
    },
    {
      name: 'People',
      rows: [
        ['Leadership team'],
        ['Full name', 'E-mail', 'Active', 'Until'],
        ['Bob Boss', 'BOB@x.org', 'yes', ''],
        ['Old Timer', 'old@x.org', 'no', ''],
        ['Fay Five', '', '', '30/09/2026'],
      ],
    },
    {
      name: 'Who does what',
      rows: [
        ['Holder(s)', 'ITIL role', 'Role', 'Deputy'],
        ['Dee; Ed\nFay', 'Process Manager', 'Incident Manager', 'Gus'],
        ['', 'Change Authority', 'CAB Chair', ''],
      ],
    },
    {
      name: 'Log',
      rows: [
        ['Date', 'Item', 'Review type', 'Reviewer', 'Notes'],
        ['2026-09-01', 'Incident Management', 'Sponsor review', 'Bob', 'fine'],
        ['not yet', 'Email', 'RACI review', '', ''],
      ],
    },
    {
      name: 'Exceptions',
      rows: [
        ['Rule', 'Item or Sheet', 'Cell or Activity', 'Reason', 'Approved by', 'Expires'],
        ['role/unused', 'Incident', 'B1', 'Kept for Q4', 'Bob', '2026-12-31'],
      ],
    },
    {
      name: 'Catalogue',
      rows: [
        ['Name', 'Kind', 'Owner', 'LT Sponsor'],
        ['Incident Management', 'Process', 'Ann', 'Bob Boss'],
      ],
    },
  ];

  it('recognises each kind by content and claims those sheets only', () => {
    const { model, claimed } = recogniseGovernanceSheets(sheets, config, []);
    expect([...claimed].sort()).toEqual([
      'Catalogue',
      'Exceptions',
      'Log',
      'People',
      'Who does what',
    ]);
    expect(model.register?.sheet).toBe('Catalogue');
    expect(model.roles?.entries).toEqual([
      {
        role: 'Incident Manager',
        category: 'Process Manager',
        holders: ['Dee', 'Ed', 'Fay'],
        deputies: ['Gus'],
        sheet: 'Who does what',
        row: 2,
        cell: 'C2',
      },
      {
        role: 'CAB Chair',
        category: 'Change Authority',
        holders: [],
        deputies: [],
        sheet: 'Who does what',
        row: 3,
        cell: 'C3',
      },
    ]);
    expect(
      model.leadership?.members.map((m) => [m.name, m.email, m.active, m.until?.value ?? null]),
    ).toEqual([
      ['Bob Boss', 'BOB@x.org', true, null],
      ['Old Timer', 'old@x.org', false, null],
      ['Fay Five', '', true, '2026-09-30'],
    ]);
    expect(
      model.reviews?.entries.map((e) => [e.item, e.type, e.date.value, e.date.invalid, e.row]),
    ).toEqual([
      ['Incident Management', 'Sponsor review', '2026-09-01', false, 2],
      ['Email', 'RACI review', null, true, 3],
    ]);
    expect(model.waivers?.entries).toEqual([
      expect.objectContaining({
        rule: 'role/unused',
        target: 'Incident',
        where: 'B1',
        reason: 'Kept for Q4',
        approvedBy: 'Bob',
        row: 2,
        cell: 'A2',
      }),
    ]);
  });

  it('merges a shared leadership roster into the workbook roster', () => {
    const roster: SheetInput = {
      name: 'LT',
      rows: [
        ['Name', 'Email'],
        ['Hal Six', 'hal@x.org'],
      ],
    };
    const withOwn = recogniseGovernanceSheets(sheets, config, [roster]).model.leadership!;
    expect(withOwn.sheet).toBe('People');
    expect(withOwn.members.map((m) => m.name)).toEqual([
      'Bob Boss',
      'Old Timer',
      'Fay Five',
      'Hal Six',
    ]);
    const only = recogniseGovernanceSheets([sheets[0]], config, [roster]);
    expect(only.model.leadership).toEqual({
      sheet: 'LT',
      members: [expect.objectContaining({ name: 'Hal Six', sheet: 'LT' })],
    });
    expect(only.claimed.size).toBe(0);
  });

  it('accepts a roster without emails only on a sheet named like one', () => {
    const rows = [
      ['Name', 'Active'],
      ['Bob', 'yes'],
    ];
    expect(readLeadership({ name: 'Leadership', rows }, config)).toHaveLength(1);
    expect(readLeadership({ name: 'Sheet7', rows }, config)).toBeUndefined();
  });
});

describe('readConfigSheet', () => {
  it('reads Key/Value pairs with where each value sits, preferring a sheet named Config', () => {
    const other: SheetInput = {
      name: 'Glossary',
      rows: [
        ['Key', 'Value'],
        ['R', 'Responsible'],
      ],
    };
    const configSheet: SheetInput = {
      name: 'Config',
      rows: [
        ['RACI Guard settings'],
        ['Key', 'Value'],
        ['model', ' RASCI '],
        [],
        ['dueSoonDays', 14],
      ],
    };
    expect(readConfigSheet([other, configSheet])).toEqual({
      sheet: 'Config',
      pairs: [
        { key: 'model', value: 'RASCI' },
        { key: 'dueSoonDays', value: 14 },
      ],
      where: {
        model: { sheet: 'Config', cell: 'B3' },
        dueSoonDays: { sheet: 'Config', cell: 'B5' },
      },
    });
    expect(readConfigSheet([{ name: 'X', rows: [['Activity', 'Owner']] }])).toBeUndefined();
  });
});

describe('people', () => {
  it('splits on comma, semicolon and new line and drops placeholders', () => {
    expect(splitPeople('Ann, Bob;Cy\n Dee\r\n')).toEqual(['Ann', 'Bob', 'Cy', 'Dee']);
    expect(splitPeople('-')).toEqual([]);
    expect(splitPeople('TBD')).toEqual([]);
    expect(splitPeople(null)).toEqual([]);
  });

  it('matches by email when both have one, else by name, ignoring case and spacing', () => {
    expect(samePerson(parsePerson('Bob  BOSS'), parsePerson('bob boss'))).toBe(true);
    expect(samePerson(parsePerson('BOB@X.org'), parsePerson('Bob Boss', 'bob@x.org'))).toBe(true);
    expect(
      samePerson(parsePerson('Bob Boss <bob@x.org>'), parsePerson('Robert', 'bob@x.org')),
    ).toBe(true);
    expect(
      samePerson(parsePerson('Bob Boss <bob@x.org>'), parsePerson('Bob Boss', 'bob@y.org')),
    ).toBe(false);
    expect(samePerson(parsePerson('bob@x.org'), parsePerson('Bob Boss'))).toBe(false);
  });

  it('finds a roster member by email, else by name, and knows who sits', () => {
    const members = [
      { name: 'Bob Boss', email: 'bob@x.org', active: true, sheet: 'LT', row: 2 },
      {
        name: 'Cy Three',
        email: '',
        active: true,
        until: { value: '2026-09-29', raw: '', invalid: false, cell: 'C3' },
        sheet: 'LT',
        row: 3,
      },
    ];
    expect(findMember('BOB@x.org', members)?.row).toBe(2);
    expect(findMember(' bob  boss ', members)?.row).toBe(2);
    expect(findMember('cy three', members)?.row).toBe(3);
    expect(findMember('Someone Else', members)).toBeUndefined();
    expect(isSitting(members[1], '2026-09-29')).toBe(true);
    expect(isSitting(members[1], '2026-09-30')).toBe(false);
    expect(isSitting({ ...members[0], active: false }, '2026-09-30')).toBe(false);
  });
});

describe('telling governance sheets from matrices', () => {
  it('takes "Process" as the name column of a register', () => {
    const rows = [
      ['Process', 'Owner', 'LT Sponsor'],
      ['Incident Management', 'Ann', 'Bob'],
    ];
    expect(readRegister({ name: 'R', rows }, config)?.items[0].name).toBe('Incident Management');
  });

  it('does not take a matrix whose roles are called Owner and Manager for a register or roles sheet', () => {
    const matrixSheet: SheetInput = {
      name: 'Incident',
      rows: [
        ['Process', 'Process Owner', 'Process Manager', 'Role', 'Holders'],
        ['Log the call', 'A', 'R', 'I', 'C'],
        ['Close the call', 'A', 'R/C', '', 'i'],
      ],
    };
    const { model, claimed } = recogniseGovernanceSheets([matrixSheet], config, []);
    expect(model).toEqual({});
    expect(claimed.size).toBe(0);
  });
});

describe('several sheets of one kind', () => {
  it('merges a process register and a service register, in workbook order', () => {
    const { model, claimed } = recogniseGovernanceSheets(
      [
        {
          name: 'Processes',
          rows: [
            ['Name', 'Kind', 'Owner'],
            ['Incident Management', 'Process', 'Ann'],
          ],
        },
        {
          name: 'Services',
          rows: [
            ['Service', 'Owner', 'LT Sponsor'],
            ['Email', 'Bob', 'Cy'],
          ],
        },
      ],
      config,
      [],
    );
    expect(model.register?.sheet).toBe('Processes');
    expect(model.register?.items.map((i) => `${i.sheet}!${i.cell} ${i.name}`)).toEqual([
      'Processes!A2 Incident Management',
      'Services!A2 Email',
    ]);
    expect(model.register?.items.map((i) => i.kind)).toEqual(['process', 'service']);
    expect([...claimed]).toEqual(['Processes', 'Services']);
  });
});

describe('header keys and the header index', () => {
  /** The definition the character loop of `headerKey` must match exactly. */
  const keyByRegExp = (text: string) =>
    text
      .replace(/\u00a0/g, ' ')
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');

  const cases: [string | number | boolean | null, string][] = [
    ['Holder(s)', 'holders'],
    ['LT Sponsor', 'ltsponsor'],
    ['  Process / Service ', 'processservice'],
    ['Sign-off', 'signoff'],
    ['already', 'already'],
    ['(((', ''],
    ['', ''],
    [null, ''],
    [1.5, '15'],
    [true, 'true'],
    ['\u212Aey', 'key'],
    ['Émail', 'mail'],
  ];
  it.each(cases)('reduces %j to %j', (value, key) => {
    expect(headerKey(value)).toBe(key);
  });

  it('equals the regular-expression reduction on punctuated, spaced and non-ASCII text', () => {
    const texts = [
      'Review\u00a0type',
      ' Approved-by: ',
      'Date of review (yyyy-mm-dd)',
      'İtem',
      'ROLE\tNAME\n',
      'a.b.c',
      '__x__',
      'Ünïcödé 12',
    ];
    for (const text of texts) expect([text, headerKey(text)]).toEqual([text, keyByRegExp(text)]);
  });

  it('indexes only the keys some sheet kind looks for, by row, with every column they are in', () => {
    const index = headerIndex([['Title of the sheet'], ['Owner', 'Notes', 'owner', 'Role'], []]);
    expect(index.map((byKey) => [...byKey])).toEqual([
      [],
      [
        ['owner', [0, 2]],
        ['notes', [1]],
        ['role', [3]],
      ],
      [],
    ]);
  });

  it('has header words of letters only, so cells with digits or many letters are passed over', () => {
    expect([...HEADER_WORDS].filter((word) => !/^[a-z]+$/.test(word))).toEqual([]);
    const index = headerIndex([
      [
        'Owner 2',
        '2026-01-05',
        'Owner',
        'Leadership  team  sponsor',
        'Leadership team sponsor of the whole thing',
        '\u0130tem',
        `${'\u00e9'.repeat(30)}Owner`,
      ],
    ]);
    expect([...index[0]]).toEqual([
      ['owner', [2, 6]],
      ['leadershipteamsponsor', [3]],
      ['item', [5]],
    ]);
  });

  it('indexes the same keys as reducing every cell would, on 2,000 random rows', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ['Owner', 'LT', ' Sponsor', 'Review', ' type', '2', '-', ' ', '(s)', 'é', 'x'];
    for (let n = 0; n < 2000; n++) {
      const row = Array.from({ length: 6 }, () => {
        let text = '';
        const count = Math.floor(random() * 6);
        for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
        return text;
      });
      const expected = new Map<string, number[]>();
      row.forEach((text, column) => {
        const key = keyByRegExp(text);
        if (HEADER_WORDS.has(key)) expected.set(key, [...(expected.get(key) ?? []), column]);
      });
      expect([row, [...headerIndex([row])[0]]]).toEqual([row, [...expected]]);
    }
  });

  it('looks at the first 20 rows only', () => {
    const rows = Array.from({ length: 30 }, () => ['Role', 'Holders']);
    expect(headerIndex(rows)).toHaveLength(20);
  });

  it('gives each sheet its own index, and the readers the same result with it as without', () => {
    const roles: SheetInput = {
      name: 'People',
      rows: [
        ['Role', 'Holders'],
        ['CAB', 'Ann Lee'],
      ],
    };
    const settings: SheetInput = {
      name: 'Settings',
      rows: [
        ['Key', 'Value'],
        ['model', 'RASCI'],
      ],
    };
    const sheets = [roles, settings];
    const indexes = headerIndexes(sheets);
    expect([...indexes.keys()]).toEqual(sheets);
    expect(indexes.get(roles)).toEqual(headerIndex(roles.rows));
    expect(readConfigSheet(sheets, indexes)).toEqual(readConfigSheet(sheets));
    expect(recogniseGovernanceSheets(sheets, config, [], indexes)).toEqual(
      recogniseGovernanceSheets(sheets, config, []),
    );
  });
});
