/**
 * The add-on's settings: the core `Config` a manager sets in the sidebar, stored as JSON in the
 * document's properties (so every editor of the spreadsheet shares them). Saving validates with
 * the core's `resolveConfig`; invalid settings are rejected with messages naming the key and
 * nothing is stored. A Config sheet in the workbook still applies on top when validating.
 */
import { defaultConfig, resolveConfig, type Config } from '../core/config';
import type { ConfigError } from '../core/model';
import { RULE_IDS } from '../core/rules';
import type { PropertiesLike } from './gas-types';

export const SETTINGS_PROPERTY = 'raciGuard.settings';

/** The settings as the sidebar sees them. */
export interface SettingsView {
  /** True when the last save was accepted (always true when only reading). */
  saved: boolean;
  /** The raw settings as stored (what the sidebar's form shows). */
  raw: Record<string, unknown>;
  /** The complete configuration in force. */
  config: Config;
  /** Problems with the settings, each naming its key; empty when fine. */
  errors: ConfigError[];
}

function parseStored(text: string | null): { raw: Record<string, unknown>; errors: ConfigError[] } {
  if (!text) return { raw: {}, errors: [] };
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { raw: parsed as Record<string, unknown>, errors: [] };
    }
  } catch {
    // fall through to the error below
  }
  return {
    raw: {},
    errors: [{ key: '(root)', message: 'The stored settings are damaged; save them again.' }],
  };
}

/** Returns the stored settings and the configuration they give (defaults where unset). */
export function loadSettings(properties: PropertiesLike): SettingsView {
  const stored = parseStored(properties.getProperty(SETTINGS_PROPERTY));
  const resolved = resolveConfig(stored.raw, RULE_IDS);
  return {
    saved: true,
    raw: stored.raw,
    config: resolved.config,
    errors: [...stored.errors, ...resolved.errors],
  };
}

/**
 * Validates and stores new settings. Returns `saved: false` with the errors (and stores nothing)
 * when any value is invalid.
 */
export function saveSettings(properties: PropertiesLike, raw: unknown): SettingsView {
  const resolved = resolveConfig(raw, RULE_IDS, defaultConfig());
  if (resolved.errors.length > 0 || !raw || typeof raw !== 'object' || Array.isArray(raw)) {
    const current = loadSettings(properties);
    return {
      saved: false,
      raw: current.raw,
      config: current.config,
      errors:
        resolved.errors.length > 0
          ? resolved.errors
          : [{ key: '(root)', message: 'Settings must be an object of keys and values.' }],
    };
  }
  properties.setProperty(SETTINGS_PROPERTY, JSON.stringify(raw));
  return { saved: true, raw: raw as Record<string, unknown>, config: resolved.config, errors: [] };
}
