/**
 * The narrow slices of Google's services the add-on uses: `SpreadsheetLike`, `SheetLike`,
 * `RangeLike` and friends. Adapters take these instead of the full Apps Script types, so tests
 * run them over an in-memory fake, and the `Conforms` checks at the bottom prove at compile time
 * that Google's real objects (from @types/google-apps-script) satisfy every one of them.
 */

/** A cell value as `getValues()` hands it out: Date objects for date cells. */
export type RawCellValue = unknown;

export interface DataValidationLike {
  getHelpText(): string | null;
  getAllowInvalid(): boolean;
  getCriteriaValues(): unknown[];
}

export interface DataValidationBuilderLike {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilderLike;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderLike;
  setHelpText(helpText: string): DataValidationBuilderLike;
  build(): DataValidationLike;
}

export interface BooleanConditionLike {
  getCriteriaValues(): unknown[];
}

export interface ConditionalFormatRuleLike {
  getBooleanCondition(): BooleanConditionLike | null;
  getRanges(): RangeLike[];
}

export interface ConditionalFormatRuleBuilderLike {
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderLike;
  setBackground(color: string | null): ConditionalFormatRuleBuilderLike;
  setRanges(ranges: RangeLike[]): ConditionalFormatRuleBuilderLike;
  build(): ConditionalFormatRuleLike;
}

export interface RangeLike {
  getValues(): RawCellValue[][];
  setValues(values: unknown[][]): RangeLike;
  getBackgrounds(): string[][];
  setBackgrounds(colors: (string | null)[][]): RangeLike;
  setBackground(color: string | null): RangeLike;
  getNotes(): string[][];
  setNotes(notes: (string | null)[][]): RangeLike;
  getDataValidations(): (DataValidationLike | null)[][];
  setDataValidations(rules: (DataValidationLike | null)[][]): RangeLike;
  getA1Notation(): string;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  setFontWeight(fontWeight: string | null): RangeLike;
  activate(): RangeLike;
}

export interface RangeListLike {
  setBackground(color: string | null): RangeListLike;
}

export interface SheetLike {
  getName(): string;
  getSheetId(): number;
  getDataRange(): RangeLike;
  getRange(a1Notation: string): RangeLike;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
  getRangeList(a1Notations: string[]): RangeListLike;
  getMaxRows(): number;
  getMaxColumns(): number;
  getConditionalFormatRules(): ConditionalFormatRuleLike[];
  setConditionalFormatRules(rules: ConditionalFormatRuleLike[]): void;
  setFrozenRows(rows: number): void;
  setColumnWidth(columnPosition: number, width: number): SheetLike;
}

export interface SpreadsheetLike {
  getSheets(): SheetLike[];
  getSheetByName(name: string): SheetLike | null;
  insertSheet(sheetName: string, sheetIndex: number): SheetLike;
  getSpreadsheetTimeZone(): string;
  setActiveSheet(sheet: SheetLike): SheetLike;
  toast(msg: string, title: string, timeoutSeconds: number): void;
}

export interface MenuLike {
  addItem(caption: string, functionName: string): MenuLike;
  addSeparator(): MenuLike;
  addToUi(): void;
}

export interface HtmlOutputLike {
  setTitle(title: string): HtmlOutputLike;
  append(addedContent: string): HtmlOutputLike;
}

export interface UiLike {
  createAddonMenu(): MenuLike;
  showSidebar(userInterface: HtmlOutputLike): void;
  alert(prompt: string): unknown;
}

export interface SpreadsheetAppLike {
  getActiveSpreadsheet(): SpreadsheetLike;
  getUi(): UiLike;
  newDataValidation(): DataValidationBuilderLike;
  newConditionalFormatRule(): ConditionalFormatRuleBuilderLike;
}

export interface PropertiesLike {
  getProperty(key: string): string | null;
  getProperties(): { [key: string]: string };
  setProperties(properties: { [key: string]: string }, deleteAllOthers: boolean): PropertiesLike;
  setProperty(key: string, value: string): PropertiesLike;
  deleteProperty(key: string): PropertiesLike;
}

export interface LockLike {
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
}

export interface CacheLike {
  get(key: string): string | null;
  getAll(keys: string[]): { [key: string]: string };
  putAll(values: { [key: string]: string }, expirationInSeconds: number): void;
}

// ---------------------------------------------------------------------------------------------
// Compile-time proof that Google's real services satisfy the narrow interfaces above.

type Conforms<Real, Narrow> = Real extends Narrow ? true : false;
type AssertTrue<T extends true> = T;
/** Fails to compile when a real Google service no longer satisfies its narrow interface. */
export type RealServicesConform = [
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.Range, RangeLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.Sheet, SheetLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.RangeList, RangeListLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.DataValidation, DataValidationLike>>,
  AssertTrue<
    Conforms<GoogleAppsScript.Spreadsheet.DataValidationBuilder, DataValidationBuilderLike>
  >,
  AssertTrue<
    Conforms<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, ConditionalFormatRuleLike>
  >,
  AssertTrue<
    Conforms<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      ConditionalFormatRuleBuilderLike
    >
  >,
  AssertTrue<Conforms<GoogleAppsScript.Base.Ui, UiLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Base.Menu, MenuLike>>,
  AssertTrue<Conforms<GoogleAppsScript.HTML.HtmlOutput, HtmlOutputLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Properties.Properties, PropertiesLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Lock.Lock, LockLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Cache.Cache, CacheLike>>,
  AssertTrue<Conforms<GoogleAppsScript.Spreadsheet.SpreadsheetApp, SpreadsheetAppLike>>,
];
