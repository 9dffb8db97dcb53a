/**
 * The static, ordered list of every rule. Order matters only in that a rule sees the findings
 * of the rules before it (`waiver/invalid` comes last). A test fails when a rule file is
 * missing from this list, has no test, or repeats an id.
 */
import type { Rule } from './types';
// -- matrix and role rules that need only the matrix (issue: core part 1)
// -- role rules that need the Roles sheet, register, review, workbook, waiver (core part 2)

export const RULES: readonly Rule[] = [
  // part 1: matrix/*, then role/* (matrix only), then workbook/no-matrix
  // part 2: role/* (Roles sheet), register/*, review/*, waiver/invalid (last)
];

/** The ids of all rules, in registry order. */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

/** Returns the rule with this id, or undefined. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
