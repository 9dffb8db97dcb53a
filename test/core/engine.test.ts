/**
 * The rule engine: each enabled rule's drafts become findings with `rule` and `severity` first
 * and the draft's fields after them in their order (report.json keeps that order), a rule's
 * `maxSeverity` lowers the configured severity but never raises it and is not kept, rules set
 * to `off` do not run, and findings are sorted by sheet, row, column and rule.
 */
import { defaultConfig, type Config } from '../../src/core/config';
import { runRules, sortFindings } from '../../src/core/engine';
import type { Finding, WorkbookModel } from '../../src/core/model';
import { resolvePeriod } from '../../src/core/quarters';

/** A workbook model with one sheet and no matrix, register or roles: only workbook rules speak. */
function emptyWorkbook(): WorkbookModel {
  return { sheetNames: ['Notes'], matrices: [] } as unknown as WorkbookModel;
}

function run(config: Config): Finding[] {
  const { quarter, asOf } = resolvePeriod({
    today: '2026-10-01',
    quarter: '2026-Q3',
    fiscalYearStartMonth: config.fiscalYearStartMonth,
  });
  return runRules({ workbook: emptyWorkbook(), config, asOf, quarter, reviews: new Map() });
}

describe('runRules', () => {
  it('puts rule and severity first, then the fields the rule gave, in their order', () => {
    const findings = run(defaultConfig());
    const noMatrix = findings.find((f) => f.rule === 'workbook/no-matrix');
    expect(noMatrix).toBeDefined();
    const keys = Object.keys(noMatrix as Finding);
    expect(keys.slice(0, 2)).toEqual(['rule', 'severity']);
    expect(keys).not.toContain('maxSeverity');
    expect(keys.indexOf('message')).toBeLessThan(keys.indexOf('suggestion'));
  });

  it('runs a rule at its configured severity and not at all when it is off', () => {
    const config = defaultConfig();
    const asInfo = run({ ...config, rules: { ...config.rules, 'workbook/no-matrix': 'info' } });
    expect(asInfo.filter((f) => f.rule === 'workbook/no-matrix').map((f) => f.severity)).toEqual([
      'info',
    ]);
    const off = run({ ...config, rules: { ...config.rules, 'workbook/no-matrix': 'off' } });
    expect(off.some((f) => f.rule === 'workbook/no-matrix')).toBe(false);
  });
});

describe('sortFindings', () => {
  const finding = (rule: string, sheet?: string, row?: number, column?: number): Finding =>
    ({ rule, severity: 'error', sheet, row, column, message: rule }) as Finding;

  it('orders by sheet in workbook order, row, column, then rule id, keeping ties stable', () => {
    const findings = [
      finding('b', 'Two', 1, 1),
      finding('z', 'One', 5, 2),
      finding('a', 'One', 5, 2),
      finding('y', 'One', 2, 9),
      finding('c', undefined),
      finding('d', 'Unknown', 1, 1),
      finding('a', 'One', 5, 2),
    ];
    const sorted = sortFindings(findings, ['One', 'Two']);
    expect(sorted.map((f) => `${f.rule}@${f.sheet ?? '-'}`)).toEqual([
      'c@-',
      'y@One',
      'a@One',
      'a@One',
      'z@One',
      'b@Two',
      'd@Unknown',
    ]);
    expect(sorted[2]).toBe(findings[2]);
    expect(sorted[3]).toBe(findings[6]);
  });
});
