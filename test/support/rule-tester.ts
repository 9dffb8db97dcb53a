/**
 * Table-driven rule tests, in the manner of ESLint's RuleTester: each rule's test lists valid
 * workbooks (no finding of that rule) and invalid ones with the expected findings of that rule
 * (sheet and cell, compared as sets). Workbooks go through the whole core (`analyse`), so a
 * rule is tested as users meet it. Assert ids and locations, not message wording; every
 * message and suggestion is only checked for the grammar slips in `WORDING_SLIPS`, and a case
 * may pin one phrase with `message` where the wording is the point.
 */
import { analyse, type AnalyseOptions } from '../../src/core/analyse';
import { resolveConfig } from '../../src/core/config';
import type { Finding, Grid, SheetInput, Severity } from '../../src/core/model';
import { RULE_IDS } from '../../src/core/rules';
import type { Rule } from '../../src/core/rules/types';

export interface RuleCase {
  name: string;
  /** Sheets, or one grid (a sheet named "RACI"). */
  sheets: SheetInput[] | Grid;
  /** A raw configuration, validated as a config file would be. */
  config?: unknown;
  /** Default 2026-10-01, so the audited quarter is 2026-Q3 and asOf 2026-09-30. */
  today?: string;
  quarter?: string;
  asOf?: string;
  leadership?: SheetInput[];
}

export interface ExpectedFinding {
  /** Default: the rule under test. */
  rule?: string;
  /** Default: the first sheet's name. */
  sheet?: string;
  /** A1 cell, or undefined for a finding with no cell. */
  cell?: string;
  severity?: Severity;
  item?: string;
  /** A phrase the message must contain, for cases about wording (a count of one, a label). */
  message?: RegExp;
}

/**
 * Slips no finding message or suggestion may contain: a plural after a count of one
 * (`in 1 days`), an article after "no" (`it has no an approver`), a label read as a name
 * (`Role the unnamed role in column C`), a doubled word.
 */
export const WORDING_SLIPS: readonly RegExp[] = [
  /\b1 (days|weeks|months|roles|activities|items|people|reviews|codes)\b/,
  /\bno an? [a-z]/,
  /\b[Rr]ole the\b/,
  /\b(the|a|an|of|on|in|is) \1\b/i,
];

/** Returns the slips the text contains (empty when it reads cleanly). */
export function wordingSlips(text: string | undefined): string[] {
  if (!text) return [];
  return WORDING_SLIPS.filter((slip) => slip.test(text)).map((slip) => `${slip} in "${text}"`);
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

/** Turns a case into sheets. */
export function toSheets(sheets: SheetInput[] | Grid): SheetInput[] {
  if (sheets.length === 0) return [];
  const first = sheets[0] as unknown;
  if (first && typeof first === 'object' && !Array.isArray(first) && 'rows' in (first as object)) {
    return sheets as SheetInput[];
  }
  return [{ name: 'RACI', rows: sheets as Grid }];
}

/** Runs the whole core on a case and returns every finding. */
export function analyseCase(c: RuleCase): Finding[] {
  const options: AnalyseOptions = { today: c.today ?? '2026-10-01' };
  if (c.quarter) options.quarter = c.quarter;
  if (c.asOf) options.asOf = c.asOf;
  if (c.leadership) options.leadership = c.leadership;
  if (c.config !== undefined) {
    const { config, errors } = resolveConfig(c.config, RULE_IDS);
    if (errors.length) throw new Error(`bad test config: ${JSON.stringify(errors)}`);
    options.config = config;
  }
  return analyse(toSheets(c.sheets), options).findings;
}

function key(f: { rule?: string; sheet?: string; cell?: string }): string {
  return `${f.rule}|${f.sheet ?? ''}!${f.cell ?? '-'}`;
}

/** Defines one jest `describe` block for the rule with one test per case. */
export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    it('has metadata', () => {
      expect(rule.id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(10);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = analyseCase(c).filter((f) => f.rule === rule.id);
        expect(found.map(key)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const sheets = toSheets(c.sheets);
        const found = analyseCase(c).filter((f) => f.rule === rule.id);
        const expected = c.errors.map((e) => ({
          rule: e.rule ?? rule.id,
          sheet: e.sheet ?? sheets[0]?.name,
          cell: e.cell,
        }));
        expect(found.map(key).sort()).toEqual(expected.map(key).sort());
        for (const e of c.errors) {
          const match = found.find(
            (f) =>
              key(f) ===
              key({ rule: e.rule ?? rule.id, sheet: e.sheet ?? sheets[0]?.name, cell: e.cell }),
          );
          if (e.severity) expect(match?.severity).toBe(e.severity);
          if (e.item) expect(match?.item).toBe(e.item);
          if (e.message) expect(match?.message).toMatch(e.message);
          expect(match?.message.trim().length).toBeGreaterThan(0);
        }
        expect(
          found.flatMap((f) => [...wordingSlips(f.message), ...wordingSlips(f.suggestion)]),
        ).toEqual([]);
      });
    }
  });
}
