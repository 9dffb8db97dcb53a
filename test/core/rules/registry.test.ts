/**
 * Keeps the rule registry honest: every rule file is registered, every registered rule has a
 * file named by its id and a table-driven test beside the others, no id repeats, and the
 * registry holds exactly the rule ids the SPEC names.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS } from '../../../src/core/rules';

const rulesDir = join(__dirname, '../../../src/core/rules');
const testsDir = __dirname;

/** Every rule id in SPEC section 2, in the SPEC's order. */
const SPEC_RULE_IDS = [
  'matrix/no-accountable',
  'matrix/multiple-accountable',
  'matrix/no-responsible',
  'matrix/unknown-code',
  'matrix/redundant-code',
  'matrix/too-many-consulted',
  'matrix/too-many-responsible',
  'matrix/unnamed-activity',
  'matrix/duplicate-activity',
  'role/unused',
  'role/no-duty',
  'role/overloaded',
  'role/duplicate',
  'role/unknown',
  'role/vacant',
  'role/shared-accountability',
  'role/sod-conflict',
  'register/no-owner',
  'register/multiple-owners',
  'register/no-sponsor',
  'register/sponsor-not-in-leadership',
  'register/no-manager',
  'register/no-raci',
  'register/orphan-raci',
  'register/duplicate-item',
  'review/never',
  'review/overdue',
  'review/due-soon',
  'review/invalid-cadence',
  'review/invalid-date',
  'review/future-date',
  'review/sponsor-review-missing',
  'review/no-signoff',
  'workbook/no-matrix',
  'workbook/unreadable',
  'waiver/invalid',
];

function ruleFiles(): string[] {
  const ids: string[] = [];
  for (const group of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(join(rulesDir, group.name))) {
      if (file.endsWith('.ts')) ids.push(`${group.name}/${file.replace(/\.ts$/, '')}`);
    }
  }
  return ids.sort();
}

describe('rule registry', () => {
  it('repeats no id', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('registers every rule file, and each registered rule lives in the file named by its id', () => {
    expect([...RULE_IDS].sort()).toEqual(ruleFiles());
    for (const rule of RULES) {
      const mod = require(join(rulesDir, `${rule.id}.ts`)) as Record<string, unknown>;
      expect(Object.values(mod)).toContain(rule);
      expect(rule.group).toBe(rule.id.split('/')[0]);
    }
  });

  it('has a test file for every rule', () => {
    const missing = RULE_IDS.filter((id) => !existsSync(join(testsDir, `${id}.test.ts`)));
    expect(missing).toEqual([]);
  });

  it('holds exactly the rule ids of the SPEC', () => {
    expect([...RULE_IDS].sort()).toEqual([...SPEC_RULE_IDS].sort());
  });
});
