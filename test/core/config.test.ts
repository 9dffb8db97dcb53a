/**
 * The configuration contract of SPEC section 1: defaults, every key's valid values, and a
 * clear error naming the key (and the Config sheet cell) for every bad value, never ignored.
 */
import {
  CONFIG_KEYS,
  configFromPairs,
  defaultConfig,
  parseRolePairs,
  resolveConfig,
} from '../../src/core/config';
import { analyse } from '../../src/core/analyse';
import { RULE_IDS } from '../../src/core/rules';

describe('defaultConfig', () => {
  it('holds the defaults of the SPEC table', () => {
    expect(defaultConfig()).toEqual({
      model: 'RACI',
      allowAccountableResponsible: true,
      rules: {},
      thresholds: { maxConsulted: 4, maxResponsible: 3, overloadedShare: 0.5 },
      fiscalYearStartMonth: 1,
      dateOrder: 'DMY',
      dueSoonDays: 30,
      conflictingRoles: [['Change Initiator', 'Change Authority']],
    });
  });
  it('returns a fresh copy each time', () => {
    const a = defaultConfig();
    a.thresholds.maxConsulted = 99;
    a.conflictingRoles.push(['X', 'Y']);
    expect(defaultConfig().thresholds.maxConsulted).toBe(4);
    expect(defaultConfig().conflictingRoles).toHaveLength(1);
  });
});

describe('resolveConfig', () => {
  it('accepts every key with valid values, in the spellings a sheet gives', () => {
    const { config, errors } = resolveConfig(
      {
        model: 'rasci',
        allowAccountableResponsible: 'no',
        rules: { 'matrix/no-accountable': 'Warning', 'review/due-soon': 'off' },
        thresholds: { maxConsulted: '6', maxResponsible: 2, overloadedShare: 0.75 },
        fiscalYearStartMonth: '7',
        dateOrder: 'mdy',
        dueSoonDays: 14,
        conflictingRoles: 'Change Initiator <> Change Authority; Requester <> Approver',
      },
      RULE_IDS,
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({
      model: 'RASCI',
      allowAccountableResponsible: false,
      rules: { 'matrix/no-accountable': 'warning', 'review/due-soon': 'off' },
      thresholds: { maxConsulted: 6, maxResponsible: 2, overloadedShare: 0.75 },
      fiscalYearStartMonth: 7,
      dateOrder: 'MDY',
      dueSoonDays: 14,
      conflictingRoles: [
        ['Change Initiator', 'Change Authority'],
        ['Requester', 'Approver'],
      ],
    });
  });

  it.each([
    ['model', 'RACIX', 'model'],
    ['allowAccountableResponsible', 'maybe', 'allowAccountableResponsible'],
    ['fiscalYearStartMonth', 13, 'fiscalYearStartMonth'],
    ['fiscalYearStartMonth', 1.5, 'fiscalYearStartMonth'],
    ['dateOrder', 'YMD', 'dateOrder'],
    ['dueSoonDays', -1, 'dueSoonDays'],
    ['dueSoonDays', 'soon', 'dueSoonDays'],
    ['conflictingRoles', 'Change Initiator and Change Authority', 'conflictingRoles'],
    ['rules', 'strict', 'rules'],
    ['thresholds', 3, 'thresholds'],
    ['colour', 'red', 'colour'],
  ])('reports %s = %p as an error naming the key', (key, value, errorKey) => {
    const { config, errors } = resolveConfig({ [key]: value }, RULE_IDS);
    expect(errors.map((e) => e.key)).toEqual([errorKey]);
    expect(errors[0].message).toContain(key);
    if (key in defaultConfig()) {
      expect(config[key as keyof typeof config]).toEqual(
        defaultConfig()[key as keyof typeof config],
      );
    }
  });

  it('names the bad rule id and the bad rule setting separately', () => {
    const { errors } = resolveConfig(
      { rules: { 'matrix/no-such-rule': 'error', 'review/overdue': 'loud' } },
      RULE_IDS,
    );
    expect(errors.map((e) => e.key).sort()).toEqual([
      'rules.matrix/no-such-rule',
      'rules.review/overdue',
    ]);
  });

  it('names bad thresholds by their full key', () => {
    const { errors } = resolveConfig(
      { thresholds: { maxConsulted: -1, overloadedShare: 1.5, maxInformed: 3 } },
      RULE_IDS,
    );
    expect(errors.map((e) => e.key).sort()).toEqual([
      'thresholds.maxConsulted',
      'thresholds.maxInformed',
      'thresholds.overloadedShare',
    ]);
  });

  it('refuses a root that is not an object', () => {
    expect(resolveConfig([1, 2], RULE_IDS).errors[0].key).toBe('(root)');
    expect(resolveConfig(undefined, RULE_IDS).errors).toEqual([]);
  });

  it('builds on a base configuration', () => {
    const base = resolveConfig({ dueSoonDays: 10 }, RULE_IDS).config;
    expect(resolveConfig({ model: 'RACI-VS' }, RULE_IDS, base).config.dueSoonDays).toBe(10);
  });
});

describe('parseRolePairs and configFromPairs', () => {
  it('reads pairs from text and arrays, and refuses malformed ones', () => {
    expect(parseRolePairs('A <> B\nC<>D;')).toEqual([
      ['A', 'B'],
      ['C', 'D'],
    ]);
    expect(parseRolePairs('')).toEqual([]);
    expect(parseRolePairs([['A', 'B']])).toEqual([['A', 'B']]);
    expect(parseRolePairs('A <> B <> C')).toBeUndefined();
    expect(parseRolePairs([['A']])).toBeUndefined();
    expect(parseRolePairs(3)).toBeUndefined();
  });

  it('nests rules.<id> and thresholds.<name> keys', () => {
    expect(
      configFromPairs([
        { key: 'model', value: 'RASCI' },
        { key: 'rules.matrix/no-accountable', value: 'warning' },
        { key: 'thresholds.maxConsulted', value: 5 },
      ]),
    ).toEqual({
      model: 'RASCI',
      rules: { 'matrix/no-accountable': 'warning' },
      thresholds: { maxConsulted: 5 },
    });
  });

  it('lists every key of the SPEC table', () => {
    expect([...CONFIG_KEYS].sort()).toEqual(Object.keys(defaultConfig()).sort());
  });
});

describe('Config sheet', () => {
  const matrix = {
    name: 'RACI',
    rows: [
      ['Activity', 'Owner', 'Analyst'],
      ['Log', 'A', 'R'],
    ],
  };
  it('applies a Config sheet and reports its bad values at their cells', () => {
    const result = analyse(
      [
        matrix,
        {
          name: 'Config',
          rows: [
            ['Settings'],
            ['Key', 'Value'],
            ['dueSoonDays', 10],
            ['rules.matrix/no-accountable', 'warning'],
            ['dateOrder', 'YMD'],
            ['conflictingRoles', 'Requester <> Approver'],
          ],
        },
      ],
      { today: '2026-10-01' },
    );
    expect(result.workbook.configSheet).toBe('Config');
    expect(result.configErrors).toEqual([
      expect.objectContaining({ key: 'dateOrder', sheet: 'Config', cell: 'B5' }),
    ]);
    expect(result.workbook.matrices.map((m) => m.sheet)).toEqual(['RACI']);
  });
});
