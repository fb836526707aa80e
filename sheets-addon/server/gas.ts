// The slice of the Apps Script API the add-on calls, typed by hand (there is no @types package in this project).
// Keeping it to what we use means the local stand-in in tests/addon/fake-apps-script implements exactly this
// surface, and a new call here is a deliberate change to both. Globals are reached through `gas()` rather than
// ambient declarations so nothing leaks into the rest of the project's type check.
import type { CellValue } from '../../shared/index';

export type GasValue = string | number | boolean | Date;

export interface GasRange {
  getValues(): GasValue[][];
  setValues(values: CellValue[][]): GasRange;
  getNotes(): string[][];
  setNotes(notes: string[][]): GasRange;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getA1Notation(): string;
  getSheet(): GasSheet;
  activate(): GasRange;
  setDataValidation(rule: GasDataValidation | null): GasRange;
  setFontWeight(weight: string): GasRange;
  setBackground(color: string): GasRange;
  setNumberFormat(format: string): GasRange;
  setWrap(wrap: boolean): GasRange;
  addDeveloperMetadata(key: string, value: string): GasRange;
  getMergedRanges(): GasRange[];
  clearContent(): GasRange;
}

export interface GasDeveloperMetadataLocation {
  getLocationType(): unknown;
  getSheet(): GasSheet | null;
  getColumn(): GasRange | null;
}

export interface GasDeveloperMetadata {
  getKey(): string;
  getValue(): string | null;
  setValue(value: string): GasDeveloperMetadata;
  getLocation(): GasDeveloperMetadataLocation;
}

export interface GasDeveloperMetadataFinder {
  withKey(key: string): GasDeveloperMetadataFinder;
  find(): GasDeveloperMetadata[];
}

export interface GasProtection {
  setDescription(text: string): GasProtection;
  setWarningOnly(warningOnly: boolean): GasProtection;
  getDescription(): string;
}

export interface GasDataValidation {
  getCriteriaType(): unknown;
  getCriteriaValues(): unknown[];
}

export interface GasDataValidationBuilder {
  requireValueInList(values: string[], showDropdown?: boolean): GasDataValidationBuilder;
  requireDate(): GasDataValidationBuilder;
  requireNumberBetween(start: number, end: number): GasDataValidationBuilder;
  setAllowInvalid(allow: boolean): GasDataValidationBuilder;
  setHelpText(text: string): GasDataValidationBuilder;
  build(): GasDataValidation;
}

export interface GasBooleanCondition {
  getCriteriaValues(): unknown[];
}

export interface GasConditionalFormatRule {
  getBooleanCondition(): GasBooleanCondition | null;
  getRanges(): GasRange[];
}

export interface GasConditionalFormatRuleBuilder {
  whenFormulaSatisfied(formula: string): GasConditionalFormatRuleBuilder;
  setBackground(color: string): GasConditionalFormatRuleBuilder;
  setFontColor(color: string): GasConditionalFormatRuleBuilder;
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder;
  build(): GasConditionalFormatRule;
}

export interface GasChart {
  getId?(): string;
}

export interface GasEmbeddedChartBuilder {
  setChartType(type: unknown): GasEmbeddedChartBuilder;
  addRange(range: GasRange): GasEmbeddedChartBuilder;
  setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number): GasEmbeddedChartBuilder;
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder;
  build(): GasChart;
}

export interface GasSheet {
  getName(): string;
  getDataRange(): GasRange;
  /** Values from (startRow, startColumn); -1 rows or columns means through the last row or column with data. */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): GasValue[][];
  getRange(a1: string): GasRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): GasRange;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet;
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet;
  getFrozenRows(): number;
  setFrozenRows(rows: number): void;
  activate(): GasSheet;
  clear(): GasSheet;
  getConditionalFormatRules(): GasConditionalFormatRule[];
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void;
  protect(): GasProtection;
  getProtections(type: unknown): GasProtection[];
  addDeveloperMetadata(key: string, value: string): GasSheet;
  getDeveloperMetadata(): GasDeveloperMetadata[];
  createDeveloperMetadataFinder(): GasDeveloperMetadataFinder;
  getCharts(): GasChart[];
  removeChart(chart: GasChart): void;
  newChart(): GasEmbeddedChartBuilder;
  insertChart(chart: GasChart): void;
  setColumnWidth(column: number, width: number): GasSheet;
}

export interface GasSpreadsheet {
  getSheets(): GasSheet[];
  getSheetByName(name: string): GasSheet | null;
  insertSheet(name: string, index?: number): GasSheet;
  getActiveSheet(): GasSheet;
  getRange(a1: string): GasRange;
  getSpreadsheetTimeZone(): string;
  createDeveloperMetadataFinder(): GasDeveloperMetadataFinder;
  toast(message: string, title?: string, timeoutSeconds?: number): void;
  getId(): string;
  getUrl(): string;
  /** Editors (not viewers) of the file; may throw when the add-on's scopes do not allow reading them. */
  getEditors(): GasUser[];
  getOwner(): GasUser | null;
}

export interface GasUser {
  getEmail(): string;
}

export interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu;
  addSeparator(): GasMenu;
  addToUi(): void;
}

export interface GasHtmlOutput {
  setTitle(title: string): GasHtmlOutput;
  setWidth(width: number): GasHtmlOutput;
  setHeight(height: number): GasHtmlOutput;
  getContent(): string;
}

export interface GasUi {
  createAddonMenu(): GasMenu;
  showSidebar(html: GasHtmlOutput): void;
  showModalDialog(html: GasHtmlOutput, title: string): void;
  alert(title: string, prompt?: string, buttons?: unknown): unknown;
  ButtonSet: { OK: unknown };
}

export interface GasLock {
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
}

export interface GasGlobals {
  SpreadsheetApp: {
    getActiveSpreadsheet(): GasSpreadsheet;
    getUi(): GasUi;
    newDataValidation(): GasDataValidationBuilder;
    newConditionalFormatRule(): GasConditionalFormatRuleBuilder;
    flush(): void;
    ProtectionType: { SHEET: unknown; RANGE: unknown };
  };
  HtmlService: {
    createHtmlOutputFromFile(filename: string): GasHtmlOutput;
    createHtmlOutput(html: string): GasHtmlOutput;
  };
  LockService: { getDocumentLock(): GasLock | null };
  ScriptApp: { AuthMode: { NONE: unknown; LIMITED: unknown; FULL: unknown; CUSTOM_FUNCTION: unknown } };
  Charts: { ChartType: { LINE: unknown; COLUMN: unknown; BAR: unknown } };
  Utilities: { formatDate(date: Date, timeZone: string, format: string): string; getUuid(): string };
}

/** The Apps Script globals, as the runtime provides them. */
export function gas(): GasGlobals {
  return globalThis as unknown as GasGlobals;
}

/** Trigger events (the fields we read). */
export interface OpenEvent {
  authMode?: unknown;
}
export interface EditEvent {
  authMode?: unknown;
  range: GasRange;
  source?: GasSpreadsheet;
}
