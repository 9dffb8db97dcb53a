/**
 * The add-on's user interface on the server side: the add-on menu, the sidebar, selecting a
 * finding's cell, rule explanations and a short message after each menu command.
 */
import type { RuleGroup } from '../core/rules/types';
import { RULES, findRule } from '../core/rules';
import type { Severity } from '../core/model';
import type { AddonEnv } from './env';

/** The menu items and the global functions they call, in menu order. */
export const MENU_ITEMS: readonly { caption: string; functionName: string }[] = [
  { caption: 'Validate', functionName: 'menuValidate' },
  { caption: 'Open sidebar', functionName: 'menuOpenSidebar' },
  { caption: 'Set up live checks', functionName: 'menuSetUpLiveChecks' },
  { caption: 'Show findings in sheet', functionName: 'menuShowFindings' },
  { caption: 'Clear findings', functionName: 'menuClearFindings' },
  { caption: 'Insert template', functionName: 'menuInsertTemplate' },
];

export const SIDEBAR_TITLE = 'RACI Guard';

/** Builds the add-on menu. Touches nothing but the Ui, so it works in AuthMode.NONE. */
export function buildMenu(env: AddonEnv): void {
  const menu = env.app.getUi().createAddonMenu();
  MENU_ITEMS.forEach((item, i) => {
    if (i === 2) menu.addSeparator();
    menu.addItem(item.caption, item.functionName);
  });
  menu.addToUi();
}

/** Opens the sidebar; with `validateOnOpen` it validates as soon as it has loaded. */
export function openSidebar(env: AddonEnv, validateOnOpen: boolean): void {
  const html = env.sidebarHtml().setTitle(SIDEBAR_TITLE);
  if (validateOnOpen) {
    html.append(
      '<script>document.documentElement.setAttribute("data-validate-on-open", "true");</script>',
    );
  }
  env.app.getUi().showSidebar(html);
}

/** Shows a short message in the spreadsheet's corner. */
export function notify(env: AddonEnv, message: string): void {
  env.app.getActiveSpreadsheet().toast(message, SIDEBAR_TITLE, 8);
}

export interface SelectResult {
  sheet: string;
  cell: string;
}

/** Selects `cell` (A1) on sheet `sheetName`; returns what was selected. */
export function selectCell(env: AddonEnv, sheetName: string, cell: string): SelectResult {
  if (
    typeof sheetName !== 'string' ||
    typeof cell !== 'string' ||
    !/^[A-Z]{1,3}[1-9][0-9]*$/i.test(cell.trim())
  ) {
    throw new Error(`"${String(cell)}" is not a cell address like B7.`);
  }
  const spreadsheet = env.app.getActiveSpreadsheet();
  const sheet = spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`There is no sheet named "${sheetName}" any more.`);
  spreadsheet.setActiveSheet(sheet);
  sheet.getRange(cell.trim().toUpperCase()).activate();
  return { sheet: sheetName, cell: cell.trim().toUpperCase() };
}

/** A rule's metadata as the sidebar shows it. */
export interface RuleInfo {
  id: string;
  group: RuleGroup;
  defaultSeverity: Severity;
  description: string;
  rationale: string;
}

/** Returns the metadata of every rule, in registry order. */
export function listRules(): RuleInfo[] {
  return RULES.map(({ id, group, defaultSeverity, description, rationale }) => ({
    id,
    group,
    defaultSeverity,
    description,
    rationale,
  }));
}

/** Returns one rule's description and rationale; throws for an unknown id. */
export function explainRule(id: string): RuleInfo {
  const rule = findRule(id);
  if (!rule) throw new Error(`"${String(id)}" is not a RACI Guard rule.`);
  const { group, defaultSeverity, description, rationale } = rule;
  return { id: rule.id, group, defaultSeverity, description, rationale };
}
