/**
 * The core's public surface: what the add-on and the audit job import. Besides `analyse`,
 * the helpers both shells need to agree with the core: calendar dates, quarters and the
 * audited period, review cadences, people and sponsors, compliance labels and A1 notation.
 */
export { analyse, type AnalyseOptions } from './analyse';
export {
  defaultConfig,
  resolveConfig,
  configFromPairs,
  CONFIG_KEYS,
  type Config,
  type DateOrder,
  type Thresholds,
} from './config';
export { RULES, RULE_IDS, findRule } from './rules';
export type { Rule, RuleMeta } from './rules/types';
export {
  addDays,
  addMonths,
  daysBetween,
  formatYmd,
  isIsoDate,
  minDate,
  parseDateCell,
  parseDateText,
  splitIsoDate,
  type ParsedDate,
} from './dates';
export {
  isQuarterId,
  lastEndedQuarter,
  makeQuarter,
  nextQuarter,
  parseQuarterId,
  previousQuarter,
  quarterFromId,
  quarterOfDate,
  resolvePeriod,
  type PeriodOptions,
} from './quarters';
export { nextDueDate, parseCadence, reviewStatus, type Cadence } from './cadence';
export {
  findMember,
  isSitting,
  parsePerson,
  samePerson,
  splitPeople,
  type Person,
} from './governance/people';
export { byName, CHECK_LABELS, complianceRatio, UNASSIGNED_SPONSOR } from './governance/compliance';
export { cellText, columnLetter, fromA1, normaliseName, toA1 } from './text';
export * from './model';
