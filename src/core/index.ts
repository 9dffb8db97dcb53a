/**
 * The core's public surface: what the add-on and the audit job import.
 */
export { analyse, type AnalyseOptions } from './analyse';
export { defaultConfig, resolveConfig, configFromPairs, type Config } from './config';
export { RULES, RULE_IDS, findRule } from './rules';
export type { Rule, RuleMeta } from './rules/types';
export * from './model';
