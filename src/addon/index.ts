/**
 * Every public entry point of the add-on and nothing else: the menu triggers and the functions
 * the sidebar calls through `google.script.run`. The build turns each export into a global
 * function Apps Script can call. Each entry point builds the environment from Apps Script's
 * globals, calls one module, and returns plain JSON.
 */
import { appsScriptEnv, withDocumentLock } from './env';
import {
  clearFindingsInSheet,
  showFindingsInSheet,
  type ClearResult,
  type ShowResult,
} from './marks';
import { setUpLiveChecks as setUpLiveChecksIn, type LiveChecksResult } from './live-checks';
import { loadSettings, saveSettings as saveSettingsIn, type SettingsView } from './settings';
import { insertTemplate as insertTemplateIn, type TemplateResult } from './template';
import {
  buildMenu,
  explainRule as explainRuleIn,
  listRules,
  notify,
  openSidebar,
  selectCell as selectCellIn,
  type RuleInfo,
  type SelectResult,
} from './ui';
import { findingsPage, validateSpreadsheet, type ValidationPage } from './validate';

/** Simple trigger: builds the add-on menu (works in AuthMode.NONE). */
export function onOpen(_e?: unknown): void {
  buildMenu(appsScriptEnv());
}

/** Runs when the add-on is installed: builds the menu like `onOpen`. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Menu: opens the sidebar and validates at once. */
export function menuValidate(): void {
  openSidebar(appsScriptEnv(), true);
}

/** Menu: opens the sidebar. */
export function menuOpenSidebar(): void {
  openSidebar(appsScriptEnv(), false);
}

/** Menu: sets up the live checks and says what it did. */
export function menuSetUpLiveChecks(): void {
  const env = appsScriptEnv();
  notify(env, setUpLiveChecksIn(env).message);
}

/** Menu: shows the findings in the sheet and says what it did. */
export function menuShowFindings(): void {
  const env = appsScriptEnv();
  notify(env, showFindingsInSheet(env).message);
}

/** Menu: clears the findings shown in the sheet and says what it did. */
export function menuClearFindings(): void {
  const env = appsScriptEnv();
  notify(env, clearFindingsInSheet(env).message);
}

/** Menu: inserts the missing template sheets and says what it did. */
export function menuInsertTemplate(): void {
  const env = appsScriptEnv();
  notify(env, insertTemplateIn(env).message);
}

/** Sidebar: validates the whole spreadsheet; returns the first page of findings. */
export function validate(): ValidationPage {
  return validateSpreadsheet(appsScriptEnv());
}

/** Sidebar: returns the page at `offset` of validation run `runId`. */
export function getFindingsPage(runId: string, offset: number): ValidationPage {
  return findingsPage(appsScriptEnv(), runId, offset);
}

/** Sidebar: selects a finding's cell; returns the sheet and cell selected. */
export function selectCell(sheet: string, cell: string): SelectResult {
  return selectCellIn(appsScriptEnv(), sheet, cell);
}

/** Sidebar: marks the findings' cells; returns what was marked. */
export function showFindings(): ShowResult {
  return showFindingsInSheet(appsScriptEnv());
}

/** Sidebar: restores the marked cells; returns what was restored. */
export function clearFindings(): ClearResult {
  return clearFindingsInSheet(appsScriptEnv());
}

/** Sidebar: sets up the live checks; returns what was set up. */
export function setUpLiveChecks(): LiveChecksResult {
  return setUpLiveChecksIn(appsScriptEnv());
}

/** Sidebar: inserts the missing template sheets; returns what was added. */
export function insertTemplate(): TemplateResult {
  return insertTemplateIn(appsScriptEnv());
}

/** Sidebar: returns every rule's metadata. */
export function getRules(): RuleInfo[] {
  return listRules();
}

/** Sidebar: returns one rule's description and rationale. */
export function explainRule(id: string): RuleInfo {
  return explainRuleIn(id);
}

/** Sidebar: returns the stored settings. */
export function getSettings(): SettingsView {
  return loadSettings(appsScriptEnv().documentProperties());
}

/** Sidebar: validates and stores new settings; returns them, or the errors naming each key. */
export function saveSettings(raw: unknown): SettingsView {
  const env = appsScriptEnv();
  return withDocumentLock(env, () => saveSettingsIn(env.documentProperties(), raw));
}
