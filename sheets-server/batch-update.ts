// spreadsheets.batchUpdate: the structural requests `caseload init` and the add-on's set-up send. The caller
// runs this on a copy of the spreadsheet and keeps the copy only when every request succeeded (Google's
// batchUpdate is atomic), so a failing request here just throws.
import { columnLetters, parseRange } from '../shared/index';
import { cellFromExtendedValue, isEmptyCell, type StoredCell } from './cells';
import { badRequest } from './errors';
import {
  newSheet,
  nextId,
  setCell,
  sheetById,
  type DeveloperMetadata,
  type GridRange,
  type SheetState,
  type SpreadsheetState,
} from './state';

type Request = Record<string, unknown>;
type Reply = Record<string, unknown>;

/** Formatting requests: accepted and recorded, with no effect on values. */
const FORMAT_ONLY = new Set([
  'repeatCell',
  'updateDimensionProperties',
  'autoResizeDimensions',
  'updateBorders',
  'mergeCells',
  'unmergeCells',
  'addBanding',
  'setBasicFilter',
  'updateSpreadsheetProperties',
]);

function fail(index: number, kind: string, why: string): never {
  throw badRequest(`Invalid requests[${index}].${kind}: ${why}`);
}

function sheetFor(s: SpreadsheetState, sheetId: unknown, index: number, kind: string): SheetState {
  const sheet = typeof sheetId === 'number' ? sheetById(s, sheetId) : sheetId === undefined ? s.sheets[0] : undefined;
  if (!sheet) fail(index, kind, `No grid with id: ${String(sheetId)}`);
  return sheet;
}

function propertiesOf(sheet: SheetState) {
  return {
    sheetId: sheet.sheetId,
    title: sheet.title,
    index: sheet.index,
    sheetType: 'GRID',
    gridProperties: {
      rowCount: sheet.rowCount,
      columnCount: sheet.columnCount,
      ...(sheet.frozenRowCount ? { frozenRowCount: sheet.frozenRowCount } : {}),
      ...(sheet.frozenColumnCount ? { frozenColumnCount: sheet.frozenColumnCount } : {}),
    },
  };
}
export { propertiesOf as sheetProperties };

function reindex(s: SpreadsheetState, moved?: SheetState, to?: number): void {
  const ordered = [...s.sheets].sort((a, b) => a.index - b.index).filter((x) => x !== moved);
  if (moved) ordered.splice(Math.min(Math.max(to ?? ordered.length, 0), ordered.length), 0, moved);
  for (const [i, x] of ordered.entries()) x.index = i;
}

interface GridProps {
  rowCount?: number;
  columnCount?: number;
  frozenRowCount?: number;
  frozenColumnCount?: number;
}

function applyGridProps(sheet: SheetState, g: GridProps | undefined): void {
  if (!g) return;
  if (g.rowCount !== undefined) sheet.rowCount = g.rowCount;
  if (g.columnCount !== undefined) sheet.columnCount = g.columnCount;
  if (g.frozenRowCount !== undefined) sheet.frozenRowCount = g.frozenRowCount;
  if (g.frozenColumnCount !== undefined) sheet.frozenColumnCount = g.frozenColumnCount;
}

function addSheet(
  s: SpreadsheetState,
  req: { properties?: { title?: string; sheetId?: number; index?: number; gridProperties?: GridProps } },
  i: number,
): Reply {
  const p = req.properties ?? {};
  const title = p.title ?? `Sheet${s.sheets.length + 1}`;
  if (s.sheets.some((x) => x.title.toLowerCase() === title.toLowerCase())) {
    fail(i, 'addSheet', `A sheet with the name "${title}" already exists. Please enter another name.`);
  }
  if (p.sheetId !== undefined && sheetById(s, p.sheetId)) fail(i, 'addSheet', `Sheet with id ${p.sheetId} already exists.`);
  const sheet = newSheet(s, title, p.sheetId);
  applyGridProps(sheet, p.gridProperties);
  s.sheets.push(sheet);
  reindex(s, sheet, p.index);
  return { addSheet: { properties: propertiesOf(sheet) } };
}

function updateSheetProperties(
  s: SpreadsheetState,
  req: { properties?: { sheetId?: number; title?: string; index?: number; gridProperties?: GridProps }; fields?: string },
  i: number,
): Reply {
  const p = req.properties ?? {};
  if (!req.fields) fail(i, 'updateSheetProperties', "'fields' is required");
  const sheet = sheetFor(s, p.sheetId, i, 'updateSheetProperties');
  if (p.title !== undefined && p.title !== sheet.title) {
    if (s.sheets.some((x) => x !== sheet && x.title.toLowerCase() === p.title!.toLowerCase())) {
      fail(i, 'updateSheetProperties', `A sheet with the name "${p.title}" already exists. Please enter another name.`);
    }
    sheet.title = p.title;
  }
  applyGridProps(sheet, p.gridProperties);
  if (p.index !== undefined) reindex(s, sheet, p.index);
  return {};
}

function deleteSheet(s: SpreadsheetState, req: { sheetId?: number }, i: number): Reply {
  const sheet = sheetFor(s, req.sheetId, i, 'deleteSheet');
  if (s.sheets.length === 1) fail(i, 'deleteSheet', 'You cannot delete all the sheets in a document.');
  s.sheets = s.sheets.filter((x) => x !== sheet);
  s.developerMetadata = s.developerMetadata.filter((m) => !(m.location.locationType === 'SHEET' && m.location.sheetId === sheet.sheetId));
  reindex(s);
  return {};
}

interface RowData {
  values?: Array<{ userEnteredValue?: unknown }>;
}

function writeRowData(sheet: SheetState, rows: RowData[], startRow1: number, startCol0: number): void {
  rows.forEach((row, r) => {
    (row.values ?? []).forEach((cell, c) => {
      // Cells without userEnteredValue carry only formats: their values are left alone.
      if (cell && 'userEnteredValue' in cell) setCell(sheet, startRow1 + r, startCol0 + c, cellFromExtendedValue(cell.userEnteredValue));
    });
  });
}

function updateCells(
  s: SpreadsheetState,
  req: { rows?: RowData[]; fields?: string; start?: { sheetId?: number; rowIndex?: number; columnIndex?: number }; range?: GridRange },
  i: number,
): Reply {
  if (!req.fields) fail(i, 'updateCells', "'fields' is required");
  if (!req.start && !req.range) fail(i, 'updateCells', 'Must specify either start or range');
  const sheetId = req.start ? req.start.sheetId : req.range!.sheetId;
  const sheet = sheetFor(s, sheetId, i, 'updateCells');
  const row0 = req.start ? (req.start.rowIndex ?? 0) : (req.range!.startRowIndex ?? 0);
  const col0 = req.start ? (req.start.columnIndex ?? 0) : (req.range!.startColumnIndex ?? 0);
  writeRowData(sheet, req.rows ?? [], row0 + 1, col0);
  return {};
}

function appendCells(s: SpreadsheetState, req: { sheetId?: number; rows?: RowData[]; fields?: string }, i: number): Reply {
  if (!req.fields) fail(i, 'appendCells', "'fields' is required");
  const sheet = sheetFor(s, req.sheetId, i, 'appendCells');
  let last = sheet.cells.length;
  while (last > 0 && (sheet.cells[last - 1] ?? []).every((c) => c === null || c === '')) last--;
  writeRowData(sheet, req.rows ?? [], last + 1, 0);
  return {};
}

function checkRange(s: SpreadsheetState, range: GridRange | undefined, i: number, kind: string): GridRange {
  if (!range) fail(i, kind, 'range is required');
  sheetFor(s, range.sheetId, i, kind);
  return range;
}

interface DimensionRange {
  sheetId?: number;
  dimension?: string;
  startIndex?: number;
  endIndex?: number;
}

/** Shift a 0-based, end-exclusive span [start, end) of a GridRange after [from, to) was deleted on the same axis.
 * Undefined when the span was wholly inside the deleted part. */
function shiftSpan(
  start: number | undefined,
  end: number | undefined,
  from: number,
  to: number,
): [number | undefined, number | undefined] | undefined {
  const n = to - from;
  const s = start ?? 0;
  if (end !== undefined && s >= from && end <= to) return undefined;
  const newStart = start === undefined ? undefined : start >= to ? start - n : start > from ? from : start;
  const newEnd = end === undefined ? undefined : end >= to ? end - n : end > from ? from : end;
  return [newStart, newEnd];
}

/** deleteDimension: remove rows or columns [startIndex, endIndex) (0-based, end exclusive; a missing end is the
 * sheet's edge), shifting what is below (or to the right) up (or left), as Google does. Merges and data validation
 * ranges move with their cells; ones wholly inside the deleted part go. */
function deleteDimension(s: SpreadsheetState, req: { range?: DimensionRange }, i: number): Reply {
  const range = req.range;
  if (!range) fail(i, 'deleteDimension', 'range is required');
  if (range.dimension !== 'ROWS' && range.dimension !== 'COLUMNS') fail(i, 'deleteDimension', 'range.dimension must be ROWS or COLUMNS');
  const sheet = sheetFor(s, range.sheetId, i, 'deleteDimension');
  const rows = range.dimension === 'ROWS';
  const size = rows ? sheet.rowCount : sheet.columnCount;
  const from = range.startIndex ?? 0;
  const to = range.endIndex ?? size;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0)
    fail(i, 'deleteDimension', `Invalid dimension range: startIndex ${from}, endIndex ${to}`);
  if (to <= from) fail(i, 'deleteDimension', `Invalid dimension range: startIndex (${from}) must be less than endIndex (${to})`);
  if (to > size)
    fail(i, 'deleteDimension', `Invalid dimension range: endIndex (${to}) is past the last ${rows ? 'row' : 'column'} (${size})`);
  const frozen = rows ? sheet.frozenRowCount : sheet.frozenColumnCount;
  if (from <= 0 && to >= size) fail(i, 'deleteDimension', `You can't delete all the ${rows ? 'rows' : 'columns'} on the sheet.`);
  if (frozen > 0 && from <= frozen && to >= size)
    fail(i, 'deleteDimension', `Sorry, it is not possible to delete all non-frozen ${rows ? 'rows' : 'columns'}.`);
  const n = to - from;
  if (rows) {
    if (from < sheet.cells.length) sheet.cells.splice(from, Math.min(n, sheet.cells.length - from));
    sheet.rowCount -= n;
    if (sheet.frozenRowCount > from) sheet.frozenRowCount = Math.max(from, sheet.frozenRowCount - n);
  } else {
    for (const row of sheet.cells) if (from < row.length) row.splice(from, Math.min(n, row.length - from));
    sheet.columnCount -= n;
    if (sheet.frozenColumnCount > from) sheet.frozenColumnCount = Math.max(from, sheet.frozenColumnCount - n);
  }
  const moveGrid = (g: GridRange): GridRange | undefined => {
    const span = rows ? shiftSpan(g.startRowIndex, g.endRowIndex, from, to) : shiftSpan(g.startColumnIndex, g.endColumnIndex, from, to);
    if (!span) return undefined;
    const [a, b] = span;
    const out: GridRange = { ...g };
    const startKey = rows ? 'startRowIndex' : 'startColumnIndex';
    const endKey = rows ? 'endRowIndex' : 'endColumnIndex';
    if (a === undefined) delete out[startKey];
    else out[startKey] = a;
    if (b === undefined) delete out[endKey];
    else out[endKey] = b;
    if (a !== undefined && b !== undefined && b <= a) return undefined;
    return out;
  };
  sheet.merges = sheet.merges.flatMap((a1) => {
    const r = parseRange(a1);
    const g: GridRange = {
      sheetId: sheet.sheetId,
      startRowIndex: (r.startRow ?? 1) - 1,
      endRowIndex: r.endRow ?? r.startRow ?? 1,
      startColumnIndex: r.startColumn ?? 0,
      endColumnIndex: (r.endColumn ?? r.startColumn ?? 0) + 1,
    };
    const moved = moveGrid(g);
    if (!moved) return [];
    const from1 = `${columnLetters(moved.startColumnIndex!)}${moved.startRowIndex! + 1}`;
    const to1 = `${columnLetters(moved.endColumnIndex! - 1)}${moved.endRowIndex!}`;
    return from1 === to1 ? [] : [`${from1}:${to1}`];
  });
  sheet.dataValidations = sheet.dataValidations.flatMap((v) => {
    const moved = moveGrid(v.range);
    return moved ? [{ ...v, range: moved }] : [];
  });
  return {};
}

/** The value a cell sorts by: numbers (dates are serials) before text, text compared case-insensitively, as the
 * Sheets UI's "Sort range" orders them; empty cells always go last. */
function sortKey(c: StoredCell | undefined): { empty: boolean; num?: number; text?: string } {
  if (isEmptyCell(c)) return { empty: true };
  if (typeof c === 'number') return { empty: false, num: c };
  if (typeof c === 'boolean') return { empty: false, text: String(c).toUpperCase() };
  if (typeof c === 'object' && c !== null)
    return c.kind === 'date' ? { empty: false, num: c.serial } : { empty: false, text: String(c.cached ?? '') };
  return { empty: false, text: String(c).toLowerCase() };
}

function compareCells(a: StoredCell | undefined, b: StoredCell | undefined): number {
  const x = sortKey(a);
  const y = sortKey(b);
  if (x.empty || y.empty) return x.empty === y.empty ? 0 : x.empty ? 1 : -1;
  if (x.num !== undefined && y.num !== undefined) return x.num - y.num;
  if (x.num !== undefined) return -1;
  if (y.num !== undefined) return 1;
  return x.text! < y.text! ? -1 : x.text! > y.text! ? 1 : 0;
}

/** sortRange: reorder the rows of `range` by `sortSpecs` (dimensionIndex is the sheet's 0-based column), stable,
 * as a person sorting the Log tab does (Data → Sort range). Whole rows move when the range spans every column.
 * Reference: Sheets API v4 SortRangeRequest (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#sortrangerequest). */
function sortRange(
  s: SpreadsheetState,
  req: { range?: GridRange; sortSpecs?: { dimensionIndex?: number; sortOrder?: string }[] },
  i: number,
): Reply {
  const range = checkRange(s, req.range, i, 'sortRange');
  const specs = req.sortSpecs ?? [];
  if (specs.length === 0) fail(i, 'sortRange', 'sortSpecs is required');
  const sheet = sheetById(s, range.sheetId)!;
  const r0 = range.startRowIndex ?? 0;
  const r1 = Math.min(range.endRowIndex ?? sheet.cells.length, sheet.cells.length);
  const c0 = range.startColumnIndex ?? 0;
  const c1 = range.endColumnIndex ?? sheet.columnCount;
  if (r1 <= r0) return {};
  const rows = sheet.cells.slice(r0, r1).map((row) => row.slice(c0, c1));
  const order = rows.map((_, k) => k);
  order.sort((a, b) => {
    for (const spec of specs) {
      const col = (spec.dimensionIndex ?? 0) - c0;
      const d = compareCells(rows[a]![col], rows[b]![col]);
      if (d !== 0) return spec.sortOrder === 'DESCENDING' ? -d : d;
    }
    return a - b;
  });
  order.forEach((from, k) => {
    const target = (sheet.cells[r0 + k] ??= []);
    const source = rows[from]!;
    for (let c = c0; c < c1; c++) target[c] = source[c - c0] ?? null;
  });
  return {};
}

function createDeveloperMetadata(
  s: SpreadsheetState,
  req: { developerMetadata?: Partial<DeveloperMetadata> & { location?: { sheetId?: number; spreadsheet?: boolean } } },
  i: number,
): Reply {
  const m = req.developerMetadata;
  if (!m?.metadataKey) fail(i, 'createDeveloperMetadata', 'metadataKey is required');
  if (!m.visibility) fail(i, 'createDeveloperMetadata', 'visibility is required');
  const loc = m.location;
  let location: DeveloperMetadata['location'];
  if (loc?.spreadsheet) location = { locationType: 'SPREADSHEET', spreadsheet: true };
  else if (loc?.sheetId !== undefined)
    location = { locationType: 'SHEET', sheetId: sheetFor(s, loc.sheetId, i, 'createDeveloperMetadata').sheetId };
  else fail(i, 'createDeveloperMetadata', 'location is required (sheetId or spreadsheet)');
  if (m.metadataId !== undefined && s.developerMetadata.some((x) => x.metadataId === m.metadataId))
    fail(i, 'createDeveloperMetadata', `Metadata with id ${m.metadataId} already exists.`);
  const stored: DeveloperMetadata = {
    metadataId: m.metadataId ?? nextId(s),
    metadataKey: m.metadataKey,
    ...(m.metadataValue !== undefined ? { metadataValue: m.metadataValue } : {}),
    location,
    visibility: m.visibility === 'PROJECT' ? 'PROJECT' : 'DOCUMENT',
  };
  s.developerMetadata.push(stored);
  return { createDeveloperMetadata: { developerMetadata: stored } };
}

/** Apply every request in order; throws (400, naming the request) at the first one that cannot apply. */
export function applyBatchUpdate(s: SpreadsheetState, body: { requests?: unknown[] }): Reply[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Must specify at least one request.');
  return requests.map((raw, i) => {
    const req = (raw ?? {}) as Request;
    const kinds = Object.keys(req);
    if (kinds.length !== 1) fail(i, 'request', 'exactly one kind of request must be set');
    const kind = kinds[0]!;
    const r = req[kind] as never;
    switch (kind) {
      case 'addSheet':
        return addSheet(s, r, i);
      case 'updateSheetProperties':
        return updateSheetProperties(s, r, i);
      case 'deleteSheet':
        return deleteSheet(s, r, i);
      case 'updateCells':
        return updateCells(s, r, i);
      case 'appendCells':
        return appendCells(s, r, i);
      case 'deleteDimension':
        return deleteDimension(s, r, i);
      case 'sortRange':
        return sortRange(s, r, i);
      case 'setDataValidation': {
        const v = r as { range?: GridRange; rule?: unknown };
        const range = checkRange(s, v.range, i, kind);
        sheetById(s, range.sheetId)!.dataValidations.push({ range, rule: v.rule ?? null });
        return {};
      }
      case 'addConditionalFormatRule': {
        const v = r as { rule?: { ranges?: GridRange[] }; index?: number };
        const ranges = v.rule?.ranges ?? [];
        if (ranges.length === 0) fail(i, kind, 'rule.ranges is required');
        for (const g of ranges) checkRange(s, g, i, kind);
        const sheet = sheetById(s, ranges[0]!.sheetId)!;
        sheet.conditionalFormats.splice(v.index ?? sheet.conditionalFormats.length, 0, v.rule);
        return {};
      }
      case 'addProtectedRange': {
        const v = r as { protectedRange?: { range?: GridRange } & Record<string, unknown> };
        const range = checkRange(s, v.protectedRange?.range, i, kind);
        const stored = { ...v.protectedRange, range, protectedRangeId: nextId(s) };
        sheetById(s, range.sheetId)!.protectedRanges.push(stored);
        return { addProtectedRange: { protectedRange: stored } };
      }
      case 'createDeveloperMetadata':
        return createDeveloperMetadata(s, r, i);
      default:
        if (FORMAT_ONLY.has(kind)) {
          s.formatRequests.push(req);
          return {};
        }
        throw badRequest(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
    }
  });
}
