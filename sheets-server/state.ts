// The server's in-memory spreadsheets: what `spreadsheets.get` describes and the values endpoints read and write.
// Loaded from and saved to the shared Workbook shape, so a test can start from an .xlsx made by `caseload init`.
import { columnLetters, parseRange, quoteSheetName } from '../shared/index';
import type { Workbook } from '../shared/index';
import { cellFromWorkbook, cellToWorkbook, isEmptyCell, type StoredCell } from './cells';
import { unparsableRange } from './errors';

export interface SheetLocation {
  locationType: 'SHEET';
  sheetId: number;
}
export interface SpreadsheetLocation {
  locationType: 'SPREADSHEET';
  spreadsheet: true;
}
export interface DeveloperMetadata {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  location: SheetLocation | SpreadsheetLocation;
  visibility: 'DOCUMENT' | 'PROJECT';
}

/** A GridRange as the API spells it: 0-based, end-exclusive, open ends omitted. */
export interface GridRange {
  sheetId: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface SheetState {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  frozenColumnCount: number;
  /** Row-major, ragged: a missing cell is empty. */
  cells: StoredCell[][];
  merges: string[];
  /** Stored as sent; the server checks nothing against them (Sheets only checks them in its UI). */
  conditionalFormats: unknown[];
  protectedRanges: Array<{ protectedRangeId: number } & Record<string, unknown>>;
  dataValidations: Array<{ range: GridRange; rule: unknown }>;
}

export interface SpreadsheetState {
  spreadsheetId: string;
  title: string;
  /** The caller can read but not write: writes get 403 PERMISSION_DENIED. */
  readOnly: boolean;
  sheets: SheetState[];
  developerMetadata: DeveloperMetadata[];
  /** Formatting requests (repeatCell, updateDimensionProperties…) accepted and kept for assertions. */
  formatRequests: unknown[];
  nextId: number;
}

/** New Google sheets start with 1000 rows and 26 columns. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSheet(spreadsheet: SpreadsheetState, title: string, sheetId?: number): SheetState {
  return {
    sheetId: sheetId ?? nextId(spreadsheet),
    title,
    index: spreadsheet.sheets.length,
    rowCount: DEFAULT_ROWS,
    columnCount: DEFAULT_COLUMNS,
    frozenRowCount: 0,
    frozenColumnCount: 0,
    cells: [],
    merges: [],
    conditionalFormats: [],
    protectedRanges: [],
    dataValidations: [],
  };
}

/** Ids for sheets, metadata and protected ranges: unique within the spreadsheet, like Google's. */
export function nextId(s: SpreadsheetState): number {
  s.nextId += 1;
  return s.nextId;
}

export function spreadsheetFromWorkbook(
  spreadsheetId: string,
  wb: Workbook,
  options: { title?: string; readOnly?: boolean } = {},
): SpreadsheetState {
  const s: SpreadsheetState = {
    spreadsheetId,
    title: options.title ?? 'Caseload tracker',
    readOnly: options.readOnly ?? false,
    sheets: [],
    developerMetadata: [],
    formatRequests: [],
    // Sheet ids in real spreadsheets are large and arbitrary; starting high catches code that assumes index = id.
    nextId: 1_000_000,
  };
  for (const data of wb.sheets) {
    const sheet = newSheet(s, data.name);
    sheet.cells = data.values.map((row) => row.map(cellFromWorkbook));
    sheet.merges = [...(data.merges ?? [])];
    const width = Math.max(0, ...sheet.cells.map((r) => r.length));
    sheet.rowCount = Math.max(DEFAULT_ROWS, sheet.cells.length);
    sheet.columnCount = Math.max(DEFAULT_COLUMNS, width);
    s.sheets.push(sheet);
    for (const [key, value] of Object.entries(data.metadata ?? {})) {
      s.developerMetadata.push({
        metadataId: nextId(s),
        metadataKey: key,
        metadataValue: value,
        location: { locationType: 'SHEET', sheetId: sheet.sheetId },
        visibility: 'DOCUMENT',
      });
    }
  }
  if (s.sheets.length === 0) s.sheets.push(newSheet(s, 'Sheet1'));
  return s;
}

/** The spreadsheet as a Workbook: values with trailing blanks trimmed, sheet-level metadata as key → value. */
export function spreadsheetToWorkbook(s: SpreadsheetState): Workbook {
  return {
    sheets: [...s.sheets]
      .sort((a, b) => a.index - b.index)
      .map((sheet) => {
        const rows = trimGrid(sheet.cells).map((r) => r.map(cellToWorkbook));
        const metadata: Record<string, string> = {};
        for (const m of s.developerMetadata) {
          if (m.location.locationType === 'SHEET' && m.location.sheetId === sheet.sheetId) metadata[m.metadataKey] = m.metadataValue ?? '';
        }
        return {
          name: sheet.title,
          values: rows,
          ...(sheet.merges.length ? { merges: [...sheet.merges] } : {}),
          ...(Object.keys(metadata).length ? { metadata } : {}),
        };
      }),
  };
}

/** Drop trailing empty cells of each row and trailing empty rows. */
export function trimGrid(cells: StoredCell[][]): StoredCell[][] {
  const rows = cells.map((row) => {
    let end = row.length;
    while (end > 0 && isEmptyCell(row[end - 1])) end--;
    return row.slice(0, end);
  });
  let last = rows.length;
  while (last > 0 && (rows[last - 1]?.length ?? 0) === 0) last--;
  return rows.slice(0, last);
}

export function sheetById(s: SpreadsheetState, sheetId: number): SheetState | undefined {
  return s.sheets.find((x) => x.sheetId === sheetId);
}

/** A1 sheet names match case-insensitively in Sheets; an exact match wins. */
export function sheetByTitle(s: SpreadsheetState, title: string): SheetState | undefined {
  return s.sheets.find((x) => x.title === title) ?? s.sheets.find((x) => x.title.toLowerCase() === title.toLowerCase());
}

/** A resolved A1 range: 1-based rows, 0-based columns, inclusive, clamped to nothing yet. */
export interface Window {
  sheet: SheetState;
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
  /** Which ends the caller left open (`A:K`, `A2:K`), so writes can grow past them. */
  openRows: boolean;
  openColumns: boolean;
}

/** Resolve `Log!A:K`, `'Key stage 2'!A1:C`, `Log` or `A1:B2` (first sheet) against the spreadsheet. */
export function resolveRange(s: SpreadsheetState, range: string): Window {
  let parsed: ReturnType<typeof parseRange>;
  try {
    parsed = parseRange(range);
  } catch {
    throw unparsableRange(range);
  }
  const sheet = parsed.sheet === undefined ? [...s.sheets].sort((a, b) => a.index - b.index)[0] : sheetByTitle(s, parsed.sheet);
  if (!sheet) throw unparsableRange(range);
  const startRow = parsed.startRow ?? 1;
  const startColumn = parsed.startColumn ?? 0;
  const endRow = parsed.endRow ?? Math.max(sheet.rowCount, startRow);
  const endColumn = parsed.endColumn ?? Math.max(sheet.columnCount - 1, startColumn);
  if (endRow < startRow || endColumn < startColumn || startRow < 1) throw unparsableRange(range);
  return {
    sheet,
    startRow,
    endRow,
    startColumn,
    endColumn,
    openRows: parsed.endRow === undefined,
    openColumns: parsed.endColumn === undefined,
  };
}

/** `Log!A1:K20` (or `Log!B3` for one cell), quoting the sheet name the way Google does. */
export function a1Of(sheet: SheetState, startRow: number, startColumn: number, endRow: number, endColumn: number): string {
  const from = `${columnLetters(startColumn)}${startRow}`;
  const to = `${columnLetters(endColumn)}${endRow}`;
  return `${quoteSheetName(sheet.title)}!${from === to ? from : `${from}:${to}`}`;
}

export function getCell(sheet: SheetState, row1: number, col0: number): StoredCell | undefined {
  return sheet.cells[row1 - 1]?.[col0];
}

export function setCell(sheet: SheetState, row1: number, col0: number, value: StoredCell): void {
  while (sheet.cells.length < row1) sheet.cells.push([]);
  const row = sheet.cells[row1 - 1]!;
  while (row.length <= col0) row.push(null);
  row[col0] = value;
  if (row1 > sheet.rowCount) sheet.rowCount = row1;
  if (col0 + 1 > sheet.columnCount) sheet.columnCount = col0 + 1;
}

export function cloneSpreadsheet(s: SpreadsheetState): SpreadsheetState {
  return structuredClone(s);
}
