/**
 * Runs the registered rules over a parsed workbook: each rule at its configured severity
 * (or not at all when `off`), in registry order, each seeing the findings before it.
 */
import type { Finding, Severity } from './model';
import { RULES } from './rules';
import type { RuleContext, RuleFinding } from './rules/types';

/** Returns the findings of every enabled rule, with `rule` and `severity` set. */
export function runRules(ctx: Omit<RuleContext, 'findings'>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = ctx.config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    for (const draft of rule.check({ ...ctx, findings })) {
      findings.push(toFinding(rule.id, lowerSeverity(setting, draft.maxSeverity), draft));
    }
  }
  return findings;
}

/**
 * Returns the finding for a rule's draft: `rule` and `severity` first, then the draft's fields
 * in their order, without `maxSeverity`. Copied key by key: what `{ rule, severity, ...draft }`
 * gives, at half the cost on the thousands of findings of a big matrix.
 */
function toFinding(rule: string, severity: Severity, draft: RuleFinding): Finding {
  const finding: Record<string, unknown> = { rule, severity };
  for (const key in draft) {
    if (key !== 'maxSeverity') finding[key] = draft[key as keyof RuleFinding];
  }
  return finding as unknown as Finding;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Returns the configured severity, lowered to `cap` when the rule capped this finding. */
function lowerSeverity(configured: Severity, cap: Severity | undefined): Severity {
  return cap !== undefined && SEVERITY_RANK[cap] < SEVERITY_RANK[configured] ? cap : configured;
}

/** Orders findings by sheet (in workbook order), row, column, then rule id; stable otherwise. */
export function sortFindings(findings: Finding[], sheetNames: readonly string[]): Finding[] {
  const sheetIndex = new Map(sheetNames.map((name, i) => [name, i]));
  const key = (f: Finding) =>
    f.sheet === undefined ? -1 : (sheetIndex.get(f.sheet) ?? sheetNames.length);
  return findings
    .map((f, i) => ({ f, i, sheetOrder: key(f) }))
    .sort(
      (a, b) =>
        a.sheetOrder - b.sheetOrder ||
        (a.f.row ?? 0) - (b.f.row ?? 0) ||
        (a.f.column ?? 0) - (b.f.column ?? 0) ||
        (a.f.rule < b.f.rule ? -1 : a.f.rule > b.f.rule ? 1 : 0) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}
