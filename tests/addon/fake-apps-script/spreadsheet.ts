// A local stand-in for the SpreadsheetApp object model (Spreadsheet, Sheet, Range and the builders the add-on
// uses), backed by an in-memory Workbook. Faithful where the add-on relies on it: getValues gives '' for blanks
// and Dates for date cells (see zone.ts), setValues throws Apps Script's own message on a shape mismatch,
// ranges outside the sheet throw, getDataRange covers the used area, setConditionalFormatRules replaces all.
import type { CellValue } from '../../../shared/model';
import { columnLetters, parseRange, quoteSheetName } from '../../../shared/schema/a1';
import type { SheetData, Workbook } from '../../../shared/workbook';
import type { Recorder } from './recorder';
import { fromAppsScriptDate, isDateValue, toAppsScriptDate } from './zone';

type Stored = string | number | boolean | Date | null;

export class AppsScriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

export interface Env {
  rec: Recorder;
  timeZone: string;
  ss: FakeSpreadsheet;
  /** Dates handed to the add-on are made in its realm (the vm context), as Apps Script has only one. */
  makeDate: (ms: number) => Date;
}

export class FakeDataValidation {
  constructor(
    readonly type: 'VALUE_IN_LIST' | 'DATE_IS_VALID_DATE' | 'NUMBER_BETWEEN',
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
    private readonly env: Env,
  ) {}
  getCriteriaType(): unknown {
    this.env.rec.record('DataValidation.getCriteriaType');
    return this.type;
  }
  getCriteriaValues(): unknown[] {
    this.env.rec.record('DataValidation.getCriteriaValues');
    return this.values;
  }
}

export class FakeDataValidationBuilder {
  private type: FakeDataValidation['type'] | undefined;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = '';
  constructor(private readonly env: Env) {}
  requireValueInList(values: string[], showDropdown = true): this {
    this.env.rec.record('DataValidationBuilder.requireValueInList');
    this.type = 'VALUE_IN_LIST';
    this.values = [values.slice(), showDropdown];
    return this;
  }
  requireDate(): this {
    this.env.rec.record('DataValidationBuilder.requireDate');
    this.type = 'DATE_IS_VALID_DATE';
    this.values = [];
    return this;
  }
  requireNumberBetween(start: number, end: number): this {
    this.env.rec.record('DataValidationBuilder.requireNumberBetween');
    this.type = 'NUMBER_BETWEEN';
    this.values = [start, end];
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.env.rec.record('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): this {
    this.env.rec.record('DataValidationBuilder.setHelpText');
    this.helpText = text;
    return this;
  }
  build(): FakeDataValidation {
    this.env.rec.record('DataValidationBuilder.build');
    if (!this.type) throw new AppsScriptError('You must specify a validation criteria before building.');
    return new FakeDataValidation(this.type, this.values, this.allowInvalid, this.helpText, this.env);
  }
}

export class FakeConditionalFormatRule {
  constructor(
    readonly formula: string,
    readonly background: string | undefined,
    readonly fontColor: string | undefined,
    readonly ranges: FakeRange[],
    private readonly env: Env,
  ) {}
  getBooleanCondition(): { getCriteriaValues(): unknown[] } {
    this.env.rec.record('ConditionalFormatRule.getBooleanCondition');
    const formula = this.formula;
    return { getCriteriaValues: () => [formula] };
  }
  getRanges(): FakeRange[] {
    this.env.rec.record('ConditionalFormatRule.getRanges');
    return this.ranges.slice();
  }
}

export class FakeConditionalFormatRuleBuilder {
  private formula: string | undefined;
  private background: string | undefined;
  private fontColor: string | undefined;
  private ranges: FakeRange[] = [];
  constructor(private readonly env: Env) {}
  whenFormulaSatisfied(formula: string): this {
    this.env.rec.record('ConditionalFormatRuleBuilder.whenFormulaSatisfied');
    this.formula = formula;
    return this;
  }
  setBackground(color: string): this {
    this.env.rec.record('ConditionalFormatRuleBuilder.setBackground');
    this.background = color;
    return this;
  }
  setFontColor(color: string): this {
    this.env.rec.record('ConditionalFormatRuleBuilder.setFontColor');
    this.fontColor = color;
    return this;
  }
  setRanges(ranges: FakeRange[]): this {
    this.env.rec.record('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges.slice();
    return this;
  }
  build(): FakeConditionalFormatRule {
    this.env.rec.record('ConditionalFormatRuleBuilder.build');
    if (this.formula === undefined) throw new AppsScriptError('Conditional format rule must have a condition.');
    return new FakeConditionalFormatRule(this.formula, this.background, this.fontColor, this.ranges, this.env);
  }
}

export class FakeProtection {
  description = '';
  warningOnly = false;
  constructor(private readonly env: Env) {}
  setDescription(text: string): this {
    this.env.rec.record('Protection.setDescription');
    this.description = text;
    return this;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.env.rec.record('Protection.setWarningOnly');
    this.warningOnly = warningOnly;
    return this;
  }
  getDescription(): string {
    this.env.rec.record('Protection.getDescription');
    return this.description;
  }
}

export interface MetadataEntry {
  key: string;
  value: string;
  sheet: FakeSheet;
  /** 0-based column for column metadata; undefined for sheet metadata. */
  column?: number;
}

export class FakeDeveloperMetadata {
  constructor(
    readonly entry: MetadataEntry,
    private readonly env: Env,
  ) {}
  getKey(): string {
    this.env.rec.record('DeveloperMetadata.getKey');
    return this.entry.key;
  }
  getValue(): string {
    this.env.rec.record('DeveloperMetadata.getValue');
    return this.entry.value;
  }
  setValue(value: string): this {
    this.env.rec.record('DeveloperMetadata.setValue');
    this.entry.value = value;
    return this;
  }
  getLocation() {
    this.env.rec.record('DeveloperMetadata.getLocation');
    const { entry, env } = this;
    return {
      getLocationType: () => {
        env.rec.record('DeveloperMetadataLocation.getLocationType');
        return entry.column === undefined ? 'SHEET' : 'COLUMN';
      },
      getSheet: () => {
        env.rec.record('DeveloperMetadataLocation.getSheet');
        return entry.column === undefined ? entry.sheet : null;
      },
      getColumn: () => {
        env.rec.record('DeveloperMetadataLocation.getColumn');
        return entry.column === undefined ? null : new FakeRange(entry.sheet, 1, entry.column + 1, entry.sheet.maxRows, 1, env);
      },
    };
  }
}

export interface ChartRecord {
  type: unknown;
  ranges: string[];
  position: [number, number, number, number];
  options: Record<string, unknown>;
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    /** 1-based. */
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
    private readonly env: Env,
  ) {}

  private rec(method: string): void {
    this.env.rec.record(`Range.${method}`, this.a1());
  }

  a1(): string {
    const start = `${columnLetters(this.column - 1)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetters(this.column + this.numColumns - 2)}${this.row + this.numRows - 1}`;
  }

  getValues(): (string | number | boolean | Date)[][] {
    this.rec('getValues');
    return this.values();
  }

  /** The values as getValues gives them, unrecorded (for Sheet.getSheetValues, one call of its own). */
  values(): (string | number | boolean | Date)[][] {
    const out: (string | number | boolean | Date)[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const src = this.sheet.values[this.row - 1 + r];
      const row: (string | number | boolean | Date)[] = new Array(this.numColumns);
      for (let c = 0; c < this.numColumns; c++) {
        const v = src?.[this.column - 1 + c];
        row[c] = v === null || v === undefined ? '' : isDateValue(v) ? toAppsScriptDate(v, this.env.timeZone, this.env.makeDate) : v;
      }
      out.push(row);
    }
    return out;
  }

  setValues(values: CellValue[][]): this {
    this.rec('setValues');
    if (!Array.isArray(values) || values.length !== this.numRows) {
      throw new AppsScriptError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this.numColumns) {
        throw new AppsScriptError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this.numColumns}.`,
        );
      }
      for (const v of row) if (v === undefined) throw new AppsScriptError('Invalid argument: undefined value in the data.');
    }
    values.forEach((row, r) => {
      row.forEach((v, c) => {
        const stored: Stored =
          v === '' || v === null || v === undefined ? null : isDateValue(v) ? fromAppsScriptDate(v, this.env.timeZone) : v;
        this.sheet.setCell(this.row - 1 + r, this.column - 1 + c, stored);
      });
    });
    return this;
  }

  getNotes(): string[][] {
    this.rec('getNotes');
    return this.cells((r, c) => this.sheet.notes.get(`${r},${c}`) ?? '');
  }

  setNotes(notes: string[][]): this {
    this.rec('setNotes');
    if (notes.length !== this.numRows || notes.some((r) => r.length !== this.numColumns)) {
      throw new AppsScriptError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${notes.length} but the range has ${this.numRows}.`,
      );
    }
    notes.forEach((row, r) => {
      row.forEach((n, c) => {
        const key = `${this.row - 1 + r},${this.column - 1 + c}`;
        if (n === '' || n === null) this.sheet.notes.delete(key);
        else this.sheet.notes.set(key, n);
      });
    });
    return this;
  }

  private cells<T>(f: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(f(this.row - 1 + r, this.column - 1 + c));
      out.push(row);
    }
    return out;
  }

  getRow(): number {
    this.rec('getRow');
    return this.row;
  }
  getColumn(): number {
    this.rec('getColumn');
    return this.column;
  }
  getNumRows(): number {
    this.rec('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.rec('getNumColumns');
    return this.numColumns;
  }
  getA1Notation(): string {
    this.rec('getA1Notation');
    return this.a1();
  }
  getSheet(): FakeSheet {
    this.rec('getSheet');
    return this.sheet;
  }
  activate(): this {
    this.rec('activate');
    this.env.ss.active = { sheet: this.sheet, range: this };
    return this;
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    this.rec('setDataValidation');
    this.sheet.validations.push({ row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns, rule });
    return this;
  }
  setFontWeight(weight: string): this {
    this.rec('setFontWeight');
    this.sheet.formats.push({ range: this.a1(), format: `fontWeight:${weight}` });
    return this;
  }
  setBackground(color: string): this {
    this.rec('setBackground');
    this.sheet.formats.push({ range: this.a1(), format: `background:${color}` });
    return this;
  }
  setNumberFormat(format: string): this {
    this.rec('setNumberFormat');
    this.sheet.formats.push({ range: this.a1(), format: `number:${format}` });
    return this;
  }
  setWrap(wrap: boolean): this {
    this.rec('setWrap');
    this.sheet.formats.push({ range: this.a1(), format: `wrap:${wrap}` });
    return this;
  }
  addDeveloperMetadata(key: string, value: string): this {
    this.rec('addDeveloperMetadata');
    const wholeColumns = this.row === 1 && this.numRows === this.sheet.maxRows;
    if (!wholeColumns || this.numColumns !== 1) {
      throw new AppsScriptError(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    }
    this.sheet.metadata.push({ key, value, sheet: this.sheet, column: this.column - 1 });
    return this;
  }
  getMergedRanges(): FakeRange[] {
    this.rec('getMergedRanges');
    const out: FakeRange[] = [];
    for (const m of this.sheet.merges) {
      const p = parseRange(m);
      if (p.startRow === undefined || p.startColumn === undefined) continue;
      const endRow = p.endRow ?? p.startRow;
      const endCol = p.endColumn ?? p.startColumn;
      const overlaps =
        p.startRow <= this.row + this.numRows - 1 &&
        endRow >= this.row &&
        p.startColumn + 1 <= this.column + this.numColumns - 1 &&
        endCol + 1 >= this.column;
      if (overlaps)
        out.push(new FakeRange(this.sheet, p.startRow, p.startColumn + 1, endRow - p.startRow + 1, endCol - p.startColumn + 1, this.env));
    }
    return out;
  }
  clearContent(): this {
    this.rec('clearContent');
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) this.sheet.setCell(this.row - 1 + r, this.column - 1 + c, null);
    return this;
  }
}

export class FakeSheet {
  values: Stored[][];
  readonly notes = new Map<string, string>();
  merges: string[];
  readonly metadata: MetadataEntry[] = [];
  readonly validations: { row: number; column: number; numRows: number; numColumns: number; rule: FakeDataValidation | null }[] = [];
  readonly formats: { range: string; format: string }[] = [];
  conditionalRules: FakeConditionalFormatRule[] = [];
  readonly protections: FakeProtection[] = [];
  readonly charts: ChartRecord[] = [];
  readonly columnWidths = new Map<number, number>();
  frozenRows = 0;
  maxRows: number;
  maxColumns: number;

  constructor(
    public name: string,
    data: SheetData | undefined,
    private readonly env: Env,
  ) {
    this.values = (data?.values ?? []).map((r) => r.map((v) => (v === undefined || v === '' ? null : v)));
    this.merges = (data?.merges ?? []).slice();
    for (const [key, value] of Object.entries(data?.metadata ?? {})) this.metadata.push({ key, value, sheet: this });
    // New Google sheets have 1,000 rows and 26 columns; an imported one is at least as big as its data.
    this.maxRows = Math.max(1000, this.values.length);
    this.maxColumns = Math.max(26, ...this.values.map((r) => r.length));
  }

  private rec(method: string): void {
    this.env.rec.record(`Sheet.${method}`, this.name);
  }

  setCell(r: number, c: number, v: Stored): void {
    if (r >= this.maxRows || c >= this.maxColumns)
      throw new AppsScriptError('The coordinates of the range are outside the dimensions of the sheet.');
    while (this.values.length <= r) this.values.push([]);
    const row = this.values[r]!;
    while (row.length < c) row.push(null);
    row[c] = v;
  }

  /** 1-based last row and column holding anything. */
  usedArea(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    this.values.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, c + 1);
        }
      });
    });
    return { rows, columns };
  }

  range(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) {
      throw new AppsScriptError('The starting row of the range is too small.');
    }
    if (numRows < 1) throw new AppsScriptError('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new AppsScriptError('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw new AppsScriptError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns, this.env);
  }

  rangeA1(a1: string): FakeRange {
    const p = parseRange(a1);
    const startRow = p.startRow ?? 1;
    const startCol = p.startColumn ?? 0;
    const endRow = p.endRow ?? (p.startRow === undefined ? this.maxRows : startRow);
    const endCol = p.endColumn ?? (p.startColumn === undefined ? this.maxColumns - 1 : startCol);
    return this.range(startRow, startCol + 1, endRow - startRow + 1, endCol - startCol + 1);
  }

  getName(): string {
    this.rec('getName');
    return this.name;
  }
  getDataRange(): FakeRange {
    this.rec('getDataRange');
    const used = this.usedArea();
    return new FakeRange(this, 1, 1, Math.max(1, used.rows), Math.max(1, used.columns), this.env);
  }
  /** Sheet.getSheetValues (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns):
   * one call for a rectangle of values; "a -1 value given as the row or column position is equivalent to getting
   * the very last row or column that has data in the sheet". On a sheet with no data that leaves no rows, and,
   * as getRange with 0 rows does, it throws (the reference does not say otherwise, so the fake takes the strict
   * reading and callers must cope). */
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): (string | number | boolean | Date)[][] {
    this.rec('getSheetValues');
    const used = this.usedArea();
    const rows = numRows === -1 ? used.rows - startRow + 1 : numRows;
    const columns = numColumns === -1 ? used.columns - startColumn + 1 : numColumns;
    return this.range(startRow, startColumn, rows, columns).values();
  }
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.rec('getRange');
    if (typeof a === 'string') return this.rangeA1(a);
    return this.range(a, column ?? 1, numRows ?? 1, numColumns ?? 1);
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.usedArea().rows;
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.usedArea().columns;
  }
  getMaxRows(): number {
    this.rec('getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.rec('getMaxColumns');
    return this.maxColumns;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertColumnsAfter');
    if (afterPosition !== this.maxColumns) throw new Error('fake: only appending columns at the end is modelled');
    this.maxColumns += howMany;
    return this;
  }
  /** Rows inserted inside the sheet move everything below them down, as Google does
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)).
   * The new rows take the row above's formatting and validation: Apps Script's insertRowsAfter inherits from
   * before, like the Sheets API's InsertDimensionRequest with inheritFromBefore
   * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#insertdimensionrequest),
   * so a range holding row `afterPosition` grows and a range below it moves down. Merges and charts on the sheet
   * are not modelled, and the fake refuses rather than guess. */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertRowsAfter');
    if (!Number.isInteger(afterPosition) || afterPosition < 1 || afterPosition > this.maxRows)
      throw new AppsScriptError('Those rows are out of bounds.');
    if (!Number.isInteger(howMany) || howMany < 1) throw new AppsScriptError('The number of rows to insert must be at least 1.');
    this.maxRows += howMany;
    if (afterPosition === this.maxRows - howMany) return this;
    if (this.merges.length > 0 || this.charts.length > 0) throw new Error('fake: inserting rows among merges or charts is not modelled');
    if (this.values.length > afterPosition) this.values.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    const moved = new Map<string, string>();
    for (const [key, note] of this.notes) {
      const [r, c] = key.split(',').map(Number) as [number, number];
      moved.set(`${r >= afterPosition ? r + howMany : r},${c}`, note);
    }
    this.notes.clear();
    for (const [k, v] of moved) this.notes.set(k, v);
    const shift = (row: number, numRows: number): [number, number] =>
      row > afterPosition ? [row + howMany, numRows] : row + numRows - 1 >= afterPosition ? [row, numRows + howMany] : [row, numRows];
    for (const v of this.validations) [v.row, v.numRows] = shift(v.row, v.numRows);
    for (const f of this.formats) {
      const r = parseRange(f.range);
      if (r.startRow === undefined || r.endRow === undefined) continue;
      const [row, numRows] = shift(r.startRow, r.endRow - r.startRow + 1);
      const cols = [r.startColumn ?? 0, r.endColumn ?? r.startColumn ?? 0];
      f.range = `${columnLetters(cols[0]!)}${row}${numRows === 1 && cols[0] === cols[1] ? '' : `:${columnLetters(cols[1]!)}${row + numRows - 1}`}`;
    }
    this.conditionalRules = this.conditionalRules.map((rule) => {
      const ranges = rule.ranges.map((x) => {
        if (x.sheet !== this) return x;
        const [row, numRows] = shift(x.row, x.numRows);
        return new FakeRange(this, row, x.column, numRows, x.numColumns, this.env);
      });
      return new FakeConditionalFormatRule(rule.formula, rule.background, rule.fontColor, ranges, this.env);
    });
    return this;
  }
  getFrozenRows(): number {
    this.rec('getFrozenRows');
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.rec('setFrozenRows');
    this.frozenRows = rows;
  }
  activate(): this {
    this.rec('activate');
    this.env.ss.active = { sheet: this, range: new FakeRange(this, 1, 1, 1, 1, this.env) };
    return this;
  }
  clear(): this {
    this.rec('clear');
    this.values = [];
    this.notes.clear();
    this.formats.length = 0;
    return this;
  }
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.rec('getConditionalFormatRules');
    return this.conditionalRules.slice();
  }
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.rec('setConditionalFormatRules');
    this.conditionalRules = rules.slice();
  }
  protect(): FakeProtection {
    this.rec('protect');
    const p = new FakeProtection(this.env);
    this.protections.push(p);
    return p;
  }
  getProtections(type: unknown): FakeProtection[] {
    this.rec('getProtections');
    return type === 'SHEET' ? this.protections.slice() : [];
  }
  addDeveloperMetadata(key: string, value: string): this {
    this.rec('addDeveloperMetadata');
    this.metadata.push({ key, value, sheet: this });
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.rec('getDeveloperMetadata');
    return this.metadata.filter((m) => m.column === undefined).map((m) => new FakeDeveloperMetadata(m, this.env));
  }
  createDeveloperMetadataFinder() {
    this.rec('createDeveloperMetadataFinder');
    const env = this.env;
    let key: string | undefined;
    const finder = {
      withKey(k: string) {
        env.rec.record('DeveloperMetadataFinder.withKey');
        key = k;
        return finder;
      },
      find: () => {
        env.rec.record('DeveloperMetadataFinder.find');
        return this.metadata.filter((m) => key === undefined || m.key === key).map((m) => new FakeDeveloperMetadata(m, env));
      },
    };
    return finder;
  }
  getCharts(): ChartRecord[] {
    this.rec('getCharts');
    return this.charts.slice();
  }
  removeChart(chart: ChartRecord): void {
    this.rec('removeChart');
    const i = this.charts.indexOf(chart);
    if (i >= 0) this.charts.splice(i, 1);
  }
  newChart() {
    this.rec('newChart');
    const env = this.env;
    const chart: ChartRecord = { type: undefined, ranges: [], position: [1, 1, 0, 0], options: {} };
    const builder = {
      setChartType(type: unknown) {
        env.rec.record('EmbeddedChartBuilder.setChartType');
        chart.type = type;
        return builder;
      },
      addRange(range: FakeRange) {
        env.rec.record('EmbeddedChartBuilder.addRange');
        chart.ranges.push(`${quoteSheetName(range.sheet.name)}!${range.a1()}`);
        return builder;
      },
      setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number) {
        env.rec.record('EmbeddedChartBuilder.setPosition');
        chart.position = [anchorRow, anchorColumn, offsetX, offsetY];
        return builder;
      },
      setOption(option: string, value: unknown) {
        env.rec.record('EmbeddedChartBuilder.setOption');
        chart.options[option] = value;
        return builder;
      },
      build() {
        env.rec.record('EmbeddedChartBuilder.build');
        if (chart.ranges.length === 0) throw new AppsScriptError('The chart has no data ranges.');
        return chart;
      },
    };
    return builder;
  }
  insertChart(chart: ChartRecord): void {
    this.rec('insertChart');
    this.charts.push(chart);
  }
  setColumnWidth(column: number, width: number): this {
    this.rec('setColumnWidth');
    this.columnWidths.set(column, width);
    return this;
  }

  toSheetData(): SheetData {
    const values = this.values.map((r) => r.slice());
    // Trim trailing blank rows so the workbook matches the used area.
    while (values.length > 0 && (values[values.length - 1] ?? []).every((v) => v === null || v === undefined)) values.pop();
    const out: SheetData = { name: this.name, values };
    if (this.merges.length) out.merges = this.merges.slice();
    const sheetMeta = this.metadata.filter((m) => m.column === undefined);
    if (sheetMeta.length) out.metadata = Object.fromEntries(sheetMeta.map((m) => [m.key, m.value]));
    return out;
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  active: { sheet: FakeSheet; range: FakeRange } | undefined;
  readonly toasts: { message: string; title?: string }[] = [];

  constructor(
    workbook: Workbook,
    private readonly env: Omit<Env, 'ss'>,
  ) {
    for (const s of workbook.sheets) this.sheets.push(new FakeSheet(s.name, s, this.fullEnv()));
    const first = this.sheets[0];
    if (first) this.active = { sheet: first, range: new FakeRange(first, 1, 1, 1, 1, this.fullEnv()) };
  }

  fullEnv(): Env {
    return { ...this.env, ss: this };
  }

  private rec(method: string, target?: string): void {
    this.env.rec.record(`Spreadsheet.${method}`, target);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  getSheets(): FakeSheet[] {
    this.rec('getSheets');
    return this.sheets.slice();
  }
  getSheetByName(name: string): FakeSheet | null {
    this.rec('getSheetByName', name);
    return this.sheet(name) ?? null;
  }
  insertSheet(name: string, index?: number): FakeSheet {
    this.rec('insertSheet', name);
    if (this.sheet(name)) throw new AppsScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = new FakeSheet(name, undefined, this.fullEnv());
    if (index === undefined || index >= this.sheets.length) this.sheets.push(s);
    else this.sheets.splice(Math.max(0, index), 0, s);
    this.active = { sheet: s, range: new FakeRange(s, 1, 1, 1, 1, this.fullEnv()) };
    return s;
  }
  getActiveSheet(): FakeSheet {
    this.rec('getActiveSheet');
    const s = this.active?.sheet ?? this.sheets[0];
    if (!s) throw new AppsScriptError('The spreadsheet has no sheets.');
    return s;
  }
  getRange(a1: string): FakeRange {
    this.rec('getRange', a1);
    const p = parseRange(a1);
    const s = p.sheet === undefined ? this.active?.sheet : this.sheet(p.sheet);
    if (!s) throw new AppsScriptError(`Range not found`);
    return s.rangeA1(a1.slice(a1.lastIndexOf('!') + 1));
  }
  getSpreadsheetTimeZone(): string {
    this.rec('getSpreadsheetTimeZone');
    return this.env.timeZone;
  }

  /** The file's id, owner and editors (Drive sharing). `editors: 'unreadable'` plays an add-on whose scopes do
   * not let it read the sharing list: Apps Script throws the permission error instead of answering. */
  drive: { id: string; owner?: string; editors: string[] | 'unreadable' } = {
    id: '1FakeTrackerSpreadsheetId_0123456789',
    owner: 'senco@school.example',
    editors: [],
  };
  getId(): string {
    this.rec('getId');
    return this.drive.id;
  }
  getUrl(): string {
    this.rec('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.drive.id}/edit`;
  }
  getEditors(): { getEmail(): string }[] {
    this.rec('getEditors');
    // Spreadsheet.getEditors (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#geteditors):
    // the users with edit permission; this stand-in lists the owner too (the add-on adds getOwner() either way).
    if (this.drive.editors === 'unreadable') throw new AppsScriptError('You do not have permission to call Spreadsheet.getEditors.');
    const all = [...(this.drive.owner ? [this.drive.owner] : []), ...this.drive.editors];
    return all.map((email) => ({ getEmail: () => email }));
  }
  getOwner(): { getEmail(): string } | null {
    this.rec('getOwner');
    const owner = this.drive.owner;
    return owner ? { getEmail: () => owner } : null;
  }
  createDeveloperMetadataFinder() {
    this.rec('createDeveloperMetadataFinder');
    const env = this.fullEnv();
    let key: string | undefined;
    const finder = {
      withKey(k: string) {
        env.rec.record('DeveloperMetadataFinder.withKey');
        key = k;
        return finder;
      },
      find: () => {
        env.rec.record('DeveloperMetadataFinder.find');
        return this.sheets.flatMap((s) =>
          s.metadata.filter((m) => key === undefined || m.key === key).map((m) => new FakeDeveloperMetadata(m, env)),
        );
      },
    };
    return finder;
  }
  toast(message: string, title?: string): void {
    this.rec('toast');
    this.toasts.push(title === undefined ? { message } : { message, title });
  }

  toWorkbook(): Workbook {
    return { sheets: this.sheets.map((s) => s.toSheetData()) };
  }
}
