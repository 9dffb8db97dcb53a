/**
 * Configuration: the defaults of SPEC section 1, and validation of a raw configuration (a JSON
 * file for the audit, a Config sheet, or the add-on's settings) into a complete `Config`.
 * A bad key or value is never ignored: it becomes a `ConfigError` naming the key.
 */
import type { ConfigError, RaciModel, RuleSetting } from './model';

export interface Thresholds {
  /** `matrix/too-many-consulted` fires above this many C on one activity. */
  maxConsulted: number;
  /** `matrix/too-many-responsible` fires above this many R on one activity. */
  maxResponsible: number;
  /** `role/overloaded` fires when a role is A on more than this share of the activities. */
  overloadedShare: number;
}

export type DateOrder = 'DMY' | 'MDY';

export interface Config {
  model: RaciModel;
  allowAccountableResponsible: boolean;
  /** Severity overrides by rule id; rules not named keep their default. */
  rules: Record<string, RuleSetting>;
  thresholds: Thresholds;
  fiscalYearStartMonth: number;
  dateOrder: DateOrder;
  dueSoonDays: number;
  /** Pairs of role names (or role categories) one person may not hold together. */
  conflictingRoles: [string, string][];
}

/** Returns a fresh copy of the default configuration. */
export function defaultConfig(): Config {
  return {
    model: 'RACI',
    allowAccountableResponsible: true,
    rules: {},
    thresholds: { maxConsulted: 4, maxResponsible: 3, overloadedShare: 0.5 },
    fiscalYearStartMonth: 1,
    dateOrder: 'DMY',
    dueSoonDays: 30,
    conflictingRoles: [['Change Initiator', 'Change Authority']],
  };
}

export const CONFIG_KEYS = [
  'model',
  'allowAccountableResponsible',
  'rules',
  'thresholds',
  'fiscalYearStartMonth',
  'dateOrder',
  'dueSoonDays',
  'conflictingRoles',
] as const;

const RULE_SETTINGS: RuleSetting[] = ['off', 'info', 'warning', 'error'];
const MODELS: RaciModel[] = ['RACI', 'RASCI', 'RACI-VS'];

export interface ConfigResult {
  config: Config;
  errors: ConfigError[];
}

function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', 'y', '1', 'on'].includes(v)) return true;
    if (['false', 'no', 'n', '0', 'off'].includes(v)) return false;
  }
  return undefined;
}

function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim()))) {
    return Number(value.trim());
  }
  return undefined;
}

/** Parses `A <> B; C <> D` (or an array of pairs) into role pairs; undefined when malformed. */
export function parseRolePairs(value: unknown): [string, string][] | undefined {
  if (Array.isArray(value)) {
    const pairs: [string, string][] = [];
    for (const pair of value) {
      if (
        !Array.isArray(pair) ||
        pair.length !== 2 ||
        typeof pair[0] !== 'string' ||
        typeof pair[1] !== 'string' ||
        !pair[0].trim() ||
        !pair[1].trim()
      ) {
        return undefined;
      }
      pairs.push([pair[0].trim(), pair[1].trim()]);
    }
    return pairs;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    const pairs: [string, string][] = [];
    for (const part of value.split(/[;\n]/)) {
      if (part.trim() === '') continue;
      const sides = part.split('<>').map((s) => s.trim());
      if (sides.length !== 2 || !sides[0] || !sides[1]) return undefined;
      pairs.push([sides[0], sides[1]]);
    }
    return pairs;
  }
  return undefined;
}

/**
 * Validates a raw configuration object on top of `base` (default: the defaults) and returns
 * the complete configuration with every problem found. Rule ids are checked against
 * `knownRuleIds`. `where` maps a key to the sheet/cell it came from, for messages.
 */
export function resolveConfig(
  raw: unknown,
  knownRuleIds: readonly string[],
  base: Config = defaultConfig(),
  where: Record<string, { sheet?: string; cell?: string }> = {},
): ConfigResult {
  const config: Config = {
    ...base,
    rules: { ...base.rules },
    thresholds: { ...base.thresholds },
    conflictingRoles: base.conflictingRoles.map((p) => [p[0], p[1]] as [string, string]),
  };
  const errors: ConfigError[] = [];
  const fail = (key: string, message: string) => errors.push({ key, message, ...where[key] });

  if (raw === undefined || raw === null) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({
      key: '(root)',
      message: 'The configuration must be an object of keys and values.',
    });
    return { config, errors };
  }
  const obj = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    switch (key) {
      case 'model': {
        const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
        const model = MODELS.find((m) => m === v);
        if (model) config.model = model;
        else
          fail(key, `"model" must be one of ${MODELS.join(', ')}, not ${JSON.stringify(value)}.`);
        break;
      }
      case 'allowAccountableResponsible': {
        const b = parseBoolean(value);
        if (b === undefined)
          fail(key, `"${key}" must be true or false, not ${JSON.stringify(value)}.`);
        else config.allowAccountableResponsible = b;
        break;
      }
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          fail(key, '"rules" must map rule ids to off, info, warning or error.');
          break;
        }
        for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
          const ruleKey = `rules.${id}`;
          if (!knownRuleIds.includes(id)) {
            errors.push({ key: ruleKey, message: `"${id}" is not a rule id.`, ...where[ruleKey] });
            continue;
          }
          const s = typeof setting === 'string' ? setting.trim().toLowerCase() : '';
          const match = RULE_SETTINGS.find((r) => r === s);
          if (match) config.rules[id] = match;
          else
            errors.push({
              key: ruleKey,
              message: `"${ruleKey}" must be off, info, warning or error, not ${JSON.stringify(setting)}.`,
              ...where[ruleKey],
            });
        }
        break;
      }
      case 'thresholds': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          fail(
            key,
            '"thresholds" must be an object with maxConsulted, maxResponsible, overloadedShare.',
          );
          break;
        }
        for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
          const tKey = `thresholds.${name}`;
          const n = parseNumber(v);
          const report = (message: string) => errors.push({ key: tKey, message, ...where[tKey] });
          if (name === 'maxConsulted' || name === 'maxResponsible') {
            if (n === undefined || !Number.isInteger(n) || n < 0) {
              report(`"${tKey}" must be a whole number of 0 or more, not ${JSON.stringify(v)}.`);
            } else config.thresholds[name] = n;
          } else if (name === 'overloadedShare') {
            if (n === undefined || n <= 0 || n > 1) {
              report(`"${tKey}" must be a number above 0 and at most 1, not ${JSON.stringify(v)}.`);
            } else config.thresholds.overloadedShare = n;
          } else {
            report(`"${name}" is not a threshold (maxConsulted, maxResponsible, overloadedShare).`);
          }
        }
        break;
      }
      case 'fiscalYearStartMonth': {
        const n = parseNumber(value);
        if (n === undefined || !Number.isInteger(n) || n < 1 || n > 12) {
          fail(key, `"${key}" must be a month number from 1 to 12, not ${JSON.stringify(value)}.`);
        } else config.fiscalYearStartMonth = n;
        break;
      }
      case 'dateOrder': {
        const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
        if (v === 'DMY' || v === 'MDY') config.dateOrder = v;
        else fail(key, `"dateOrder" must be DMY or MDY, not ${JSON.stringify(value)}.`);
        break;
      }
      case 'dueSoonDays': {
        const n = parseNumber(value);
        if (n === undefined || !Number.isInteger(n) || n < 0) {
          fail(key, `"${key}" must be a whole number of days, not ${JSON.stringify(value)}.`);
        } else config.dueSoonDays = n;
        break;
      }
      case 'conflictingRoles': {
        const pairs = parseRolePairs(value);
        if (pairs === undefined) {
          fail(key, '"conflictingRoles" must be role pairs written as "A <> B; C <> D".');
        } else config.conflictingRoles = pairs;
        break;
      }
      default:
        fail(key, `"${key}" is not a configuration key (known: ${CONFIG_KEYS.join(', ')}).`);
    }
  }
  return { config, errors };
}

/**
 * Turns Key/Value rows (a Config sheet) into the raw object `resolveConfig` takes:
 * `rules.<id>` and `thresholds.<name>` keys become nested objects.
 */
export function configFromPairs(pairs: { key: string; value: unknown }[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const { key, value } of pairs) {
    const k = key.trim();
    const dot = k.indexOf('.');
    if (dot > 0 && (k.startsWith('rules.') || k.startsWith('thresholds.'))) {
      const group = k.slice(0, dot);
      const inner = (raw[group] as Record<string, unknown> | undefined) ?? {};
      inner[k.slice(dot + 1)] = value;
      raw[group] = inner;
    } else {
      raw[k] = value;
    }
  }
  return raw;
}
