// The spreadsheets.values endpoints: get, batchGet, append, update, batchUpdate, clear.
import {
  cellFromInput,
  isEmptyCell,
  renderCell,
  type ApiValue,
  type DateTimeRenderOption,
  type StoredCell,
  type ValueInputOption,
  type ValueRenderOption,
} from './cells';
import { badRequest } from './errors';
import { columnLetters } from '../shared/index';
import { a1Of, resolveRange, setCell, type SheetState, type SpreadsheetState, type Window } from './state';

export type MajorDimension = 'ROWS' | 'COLUMNS';

export interface ReadOptions {
  valueRenderOption?: string;
  dateTimeRenderOption?: string;
  majorDimension?: string;
}

export interface ValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: ApiValue[][];
}

function renderOption(v: string | undefined): ValueRenderOption {
  if (v === undefined || v === 'FORMATTED_VALUE') return 'FORMATTED_VALUE';
  if (v === 'UNFORMATTED_VALUE' || v === 'FORMULA') return v;
  throw badRequest(`Invalid value at 'value_render_option' (TYPE_ENUM), "${v}"`);
}

function dateOption(v: string | undefined): DateTimeRenderOption {
  if (v === undefined || v === 'SERIAL_NUMBER') return 'SERIAL_NUMBER';
  if (v === 'FORMATTED_STRING') return v;
  throw badRequest(`Invalid value at 'date_time_render_option' (TYPE_ENUM), "${v}"`);
}

function majorDimension(v: string | undefined): MajorDimension {
  if (v === undefined || v === 'ROWS' || v === 'DIMENSION_UNSPECIFIED') return 'ROWS';
  if (v === 'COLUMNS') return 'COLUMNS';
  throw badRequest(`Invalid value at 'major_dimension' (TYPE_ENUM), "${v}"`);
}

export function inputOption(v: unknown): ValueInputOption {
  if (v === 'RAW' || v === 'USER_ENTERED') return v;
  if (v === undefined || v === null || v === '') throw badRequest("'valueInputOption' is required but not specified");
  throw badRequest(`Invalid value at 'value_input_option' (TYPE_ENUM), "${String(v)}"`);
}

function transpose<T>(rows: T[][], fill: T): T[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const out: T[][] = [];
  for (let c = 0; c < width; c++) out.push(rows.map((r) => (c < r.length ? r[c]! : fill)));
  return out;
}

function trimTrailing(rows: ApiValue[][]): ApiValue[][] {
  const trimmed = rows.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.length === 0) trimmed.pop();
  return trimmed;
}

/** values.get for one range. The reported range is the request clamped to the grid, as Google reports it. */
export function readRange(s: SpreadsheetState, range: string, options: ReadOptions): ValueRange {
  const w = resolveRange(s, range);
  const render = renderOption(options.valueRenderOption);
  const dates = dateOption(options.dateTimeRenderOption);
  const dim = majorDimension(options.majorDimension);
  const endRow = Math.min(w.endRow, w.sheet.rowCount);
  const endColumn = Math.min(w.endColumn, w.sheet.columnCount - 1);
  const rows: ApiValue[][] = [];
  // Only rows that hold anything are visited: a 1000-row grid with 20 rows of data costs 20 rows.
  const lastDataRow = Math.min(endRow, w.sheet.cells.length);
  for (let r = w.startRow; r <= lastDataRow; r++) {
    const source = w.sheet.cells[r - 1] ?? [];
    const row: ApiValue[] = [];
    const lastCol = Math.min(endColumn, source.length - 1);
    for (let c = w.startColumn; c <= lastCol; c++) row.push(renderCell(source[c], render, dates));
    rows.push(row);
  }
  let values = trimTrailing(rows);
  if (dim === 'COLUMNS') values = trimTrailing(transpose(values, ''));
  const out: ValueRange = {
    range: a1Of(w.sheet, w.startRow, w.startColumn, Math.max(endRow, w.startRow), Math.max(endColumn, w.startColumn)),
    majorDimension: dim,
  };
  if (values.length > 0) out.values = values;
  return out;
}

function bodyRows(values: unknown, dim: MajorDimension): unknown[][] {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values) || values.some((r) => !Array.isArray(r)))
    throw badRequest("Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue)");
  const rows = values as unknown[][];
  return dim === 'COLUMNS' ? transpose(rows, null) : rows;
}

export interface UpdateResult {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

/** Write rows into a window starting at its top-left; refuses to write outside a closed window, like Google. */
function writeRows(s: SpreadsheetState, w: Window, rows: unknown[][], option: ValueInputOption): UpdateResult {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) {
    return {
      spreadsheetId: s.spreadsheetId,
      updatedRange: a1Of(w.sheet, w.startRow, w.startColumn, w.startRow, w.startColumn),
      updatedRows: 0,
      updatedColumns: 0,
      updatedCells: 0,
    };
  }
  const lastRow = w.startRow + rows.length - 1;
  const lastCol = w.startColumn + width - 1;
  const requested = a1Of(w.sheet, w.startRow, w.startColumn, w.endRow, w.endColumn);
  if (!w.openRows && lastRow > w.endRow)
    throw badRequest(`Requested writing within range [${requested}], but tried writing to row [${lastRow}]`);
  if (!w.openColumns && lastCol > w.endColumn)
    throw badRequest(`Requested writing within range [${requested}], but tried writing to column [${columnLetters(lastCol)}]`);
  let cells = 0;
  const touchedRows = new Set<number>();
  const touchedCols = new Set<number>();
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      const cell = cellFromInput(v, option);
      if (cell === undefined) return;
      setCell(w.sheet, w.startRow + i, w.startColumn + j, cell);
      cells++;
      touchedRows.add(i);
      touchedCols.add(j);
    });
  });
  return {
    spreadsheetId: s.spreadsheetId,
    updatedRange: a1Of(w.sheet, w.startRow, w.startColumn, lastRow, lastCol),
    updatedRows: touchedRows.size,
    updatedColumns: touchedCols.size,
    updatedCells: cells,
  };
}

export interface UpdateBody {
  range?: string;
  majorDimension?: string;
  values?: unknown;
}

/** values.update (PUT …/values/{range}). */
export function updateRange(s: SpreadsheetState, range: string, body: UpdateBody, option: ValueInputOption): UpdateResult {
  const w = resolveRange(s, range);
  return writeRows(s, w, bodyRows(body.values, majorDimension(body.majorDimension)), option);
}

/** values.batchUpdate: every range written, or none (the caller applies it to a copy). */
export function batchUpdateValues(s: SpreadsheetState, body: { valueInputOption?: unknown; data?: UpdateBody[] }) {
  const option = inputOption(body.valueInputOption);
  const responses = (body.data ?? []).map((d) => {
    if (!d.range) throw badRequest('Invalid data[0]: range is required');
    return updateRange(s, d.range, d, option);
  });
  const sheets = new Set(responses.map((r) => r.updatedRange.slice(0, r.updatedRange.lastIndexOf('!'))));
  return {
    spreadsheetId: s.spreadsheetId,
    totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
    totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
    totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
    totalUpdatedSheets: sheets.size,
    responses,
  };
}

/** The last row (1-based) at or below `from` holding anything in columns [c0, c1]; `from - 1` when none. */
function lastUsedRow(sheet: SheetState, from: number, c0: number, c1: number): number {
  for (let r = sheet.cells.length; r >= from; r--) {
    const row = sheet.cells[r - 1] ?? [];
    for (let c = c0; c <= Math.min(c1, row.length - 1); c++) if (!isEmptyCell(row[c])) return r;
  }
  return from - 1;
}

function lastUsedColumn(sheet: SheetState, r0: number, r1: number, c0: number, c1: number): number {
  let last = c0;
  for (let r = r0; r <= r1; r++) {
    const row = sheet.cells[r - 1] ?? [];
    for (let c = Math.min(c1, row.length - 1); c > last; c--) if (!isEmptyCell(row[c])) last = c;
  }
  return last;
}

export type InsertDataOption = 'INSERT_ROWS' | 'OVERWRITE';

/**
 * values.append: find the table in the range (from its top row down to the last row with data in its columns)
 * and write the new rows straight after it. INSERT_ROWS inserts fresh rows there (anything below moves down);
 * OVERWRITE writes into whatever is there. The grid grows when the data runs past it.
 */
export function appendRows(s: SpreadsheetState, range: string, body: UpdateBody, option: ValueInputOption, insert: InsertDataOption) {
  const w = resolveRange(s, range);
  const rows = bodyRows(body.values, majorDimension(body.majorDimension));
  const sheet = w.sheet;
  const searchEndColumn = w.openColumns ? Math.max(sheet.columnCount - 1, w.endColumn) : w.endColumn;
  const tableEnd = lastUsedRow(sheet, w.startRow, w.startColumn, searchEndColumn);
  const hasTable = tableEnd >= w.startRow;
  const at = tableEnd + 1;
  if (insert === 'INSERT_ROWS' && rows.length > 0) {
    if (sheet.cells.length >= at) sheet.cells.splice(at - 1, 0, ...rows.map((): StoredCell[] => []));
    sheet.rowCount += rows.length;
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  const target: Window = {
    sheet,
    startRow: at,
    endRow: at + Math.max(rows.length, 1) - 1,
    startColumn: w.startColumn,
    endColumn: w.startColumn + Math.max(width, 1) - 1,
    openRows: true,
    openColumns: true,
  };
  const updates = writeRows(s, target, rows, option);
  const out: { spreadsheetId: string; tableRange?: string; updates: UpdateResult } = { spreadsheetId: s.spreadsheetId, updates };
  if (hasTable)
    out.tableRange = a1Of(
      sheet,
      w.startRow,
      w.startColumn,
      tableEnd,
      lastUsedColumn(sheet, w.startRow, tableEnd, w.startColumn, searchEndColumn),
    );
  return out;
}

export function insertOption(v: string | undefined): InsertDataOption {
  if (v === undefined || v === 'OVERWRITE') return 'OVERWRITE';
  if (v === 'INSERT_ROWS') return v;
  throw badRequest(`Invalid value at 'insert_data_option' (TYPE_ENUM), "${v}"`);
}

/** values.clear: values go, the grid stays. */
export function clearRange(s: SpreadsheetState, range: string) {
  const w = resolveRange(s, range);
  for (let r = w.startRow; r <= Math.min(w.endRow, w.sheet.cells.length); r++) {
    const row = w.sheet.cells[r - 1]!;
    for (let c = w.startColumn; c <= Math.min(w.endColumn, row.length - 1); c++) row[c] = null;
  }
  return {
    spreadsheetId: s.spreadsheetId,
    clearedRange: a1Of(
      w.sheet,
      w.startRow,
      w.startColumn,
      Math.min(w.endRow, w.sheet.rowCount),
      Math.min(w.endColumn, w.sheet.columnCount - 1),
    ),
  };
}
