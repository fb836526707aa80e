// Local .xlsx files as Workbooks (shared/workbook.ts), through exceljs.
//
// Reading flattens what Excel stores into plain cell values the core understands: formulas become their cached
// result (a broken one becomes its error text, e.g. `#REF!`), rich text and hyperlinks become their text, merged
// ranges are listed in `merges` with the value only in the top-left cell, and date cells stay JS Dates (exceljs
// gives UTC midnight; the core's readDate turns them into days).
//
// Writing makes a tracker that is pleasant to open: bold frozen header, real date cells shown dd/mm/yyyy in date
// columns, drop-down lists on choice columns. Text is always stored as text: exceljs only writes a formula for a
// `{ formula }` value, and we never build one, so a note starting with `=` stays a note.
//
// Developer metadata has no xlsx equivalent, so it is kept in a very hidden tab (METADATA_SHEET) that the
// reader folds back into each sheet's `metadata`.
import type ExcelJS from 'exceljs';
import { stat } from 'node:fs/promises';
import { isIsoDate } from '../shared/index';
import type { CellValue, Grid, TabKey } from '../shared/index';
import { columnLetters } from '../shared/index';
import { findTabs, matchHeader, workbookTabs } from '../shared/index';
import { TAB_SPECS, type FieldSpec } from '../shared/index';
import { validationRule, type WorkbookChange } from '../shared/index';
import type { SheetData, Workbook } from '../shared/index';
import type { ReadRequest, TrackerSource } from './tracker-source';
import { openXlsx, XlsxDamagedError, XlsxSizeLieError, type OpenedXlsx, type RowVisitor, type SheetRef } from './xlsx-stream';
import { keepBackup, writeViaTemp } from './file-safety';
import { exceljs } from './lazy-packages';
import { checkTrackerDirectory, DAMAGED_MESSAGE, InputFileError, LYING_SIZE_MESSAGE, readTrackerBytes } from './input-guard';

/** The very hidden tab that carries developer metadata: columns Sheet · Key · Value. */
export const METADATA_SHEET = '_caseload_metadata';

/** The file could not be read as a spreadsheet at all. The message names the file and says why. */
export class WorkbookFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookFileError';
  }
}

/** How many rows below the data drop-down lists and date formats reach, so new rows typed in get them too. */
const FORMAT_ROWS = 1000;
const UK_DATE_FORMAT = 'dd/mm/yyyy';

// ---------------------------------------------------------------------------------------------------------------
// Reading

type ExcelValue = ExcelJS.CellValue;

/** One exceljs cell value as a plain CellValue. */
export function plainValue(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  if ('error' in v && v.error) return String(v.error);
  if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    // A formula's cached result; no result (never calculated) reads as blank rather than as the formula text.
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object))
      return String((result as { error: unknown }).error);
    return plainValue(result as ExcelValue);
  }
  if ('text' in v && 'hyperlink' in v) {
    const text = (v as { text: unknown }).text;
    // A hyperlink's text can itself be rich text.
    return typeof text === 'string' ? text : plainValue(text as ExcelValue);
  }
  return null;
}

interface MergeRange {
  range: string;
}

/** Merged ranges of a worksheet as `B2:D2`. exceljs keeps them in a private map keyed by master cell. */
function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, MergeRange | undefined> })._merges ?? {};
  return Object.values(merges)
    .filter((m): m is MergeRange => m !== undefined && typeof m.range === 'string')
    .map((m) => m.range);
}

function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged range's other cells echo the top-left value in exceljs; the Workbook shape keeps them blank.
      if (cell.type === exceljs().ValueType.Merge) return;
      const v = plainValue(cell.value);
      if (v !== null) cells[col - 1] = v;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    grid[rowNumber - 1] = cells;
  });
  for (let i = 0; i < grid.length; i++) if (grid[i] === undefined) grid[i] = [];
  // Trailing blank rows (formatting only) say nothing.
  while (grid.length > 0 && grid[grid.length - 1]!.length === 0) grid.pop();
  return grid;
}

function readMetadata(ws: ExcelJS.Worksheet | undefined): Map<string, Record<string, string>> {
  return ws ? metadataFromGrid(sheetGrid(ws)) : new Map();
}

function metadataFromGrid(grid: Grid): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  grid.slice(1).forEach(([sheet, key, value]) => {
    if (typeof sheet !== 'string' || typeof key !== 'string') return;
    const md = out.get(sheet) ?? {};
    md[key] = value === null || value === undefined ? '' : String(value);
    out.set(sheet, md);
  });
  return out;
}

/** The single door for a tracker file (cli/input-guard.ts): names the path typed, refuses a missing file, a
 * directory, a file that is not a spreadsheet, and a ZIP that would expand past the limit, before anything big is
 * read into memory. Each part is then held to its declared size while it streams (cli/xlsx-stream.ts), so the file
 * is inflated once, not once to check and again to read. */
async function checkFile(path: string): Promise<void> {
  await checkTrackerDirectory(path).catch((e: unknown) => {
    throw e instanceof InputFileError ? new WorkbookFileError(path, e.message) : e;
  });
}

/** Why the streaming reader failed, in the words the single door (cli/input-guard.ts) uses. A part that lied about
 * its size or did not inflate says so directly; anything else is checked part by part, as the door would have
 * before streaming (only on this failure path, so a good file is inflated once), so a crafted or damaged file
 * is named as such rather than as "could not be read". */
async function streamingFailure(path: string, e: unknown): Promise<WorkbookFileError> {
  if (e instanceof XlsxSizeLieError) return new WorkbookFileError(path, `${path} ${LYING_SIZE_MESSAGE}`);
  if (e instanceof XlsxDamagedError) return new WorkbookFileError(path, `${path} ${DAMAGED_MESSAGE}`);
  try {
    await readTrackerBytes(path);
  } catch (found) {
    if (found instanceof InputFileError) return new WorkbookFileError(path, found.message);
  }
  return unreadable(path, e);
}

function unreadable(path: string, _e: unknown): WorkbookFileError {
  // The library's own words (ZIP internals, URLs) mean nothing to a SENCo: say what the file is and what to do.
  return new WorkbookFileError(
    path,
    `${path} could not be read as an .xlsx spreadsheet (it may be damaged). Open it in Excel or Google Sheets and save it again as .xlsx, then try again.`,
  );
}

async function loadExcel(path: string): Promise<ExcelJS.Workbook> {
  const bytes = await readTrackerBytes(path).catch((e: unknown) => {
    throw e instanceof InputFileError ? new WorkbookFileError(path, e.message) : e;
  });
  const wb = new (exceljs().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable(path, e);
  }
  return wb;
}

export interface ReadOptions {
  /** Read only the sheets holding these tabs (found by name or tab marker, as the parser finds them). */
  tabs?: readonly TabKey[];
  /** Told the rows read so far, as they are read (for a progress line on large files). */
  onRows?: (rows: number) => void;
}

/** A tracker file opened once (its directory, shared strings, styles and sheet list read), for a command that
 * reads some tabs whole and streams another (export-logs: the small naming tabs whole, the Log row by row). */
export interface OpenedTrackerFile {
  /** The sheet holding a tab (found by tab marker, name or alias, as the parser finds it), if any. */
  sheetOf(tab: TabKey): string | undefined;
  /** The sheets holding these tabs (all of ours when not given), read whole. */
  read(opts?: ReadOptions): Promise<Workbook>;
  /** One tab's rows streamed past `visit`, none kept; its merged ranges at the end (see OpenedXlsx.streamSheet).
   * Nothing is read when the file has no such tab. */
  streamTab(tab: TabKey, visit: RowVisitor | undefined, onRows?: (rows: number) => void): Promise<{ merges: string[] }>;
}

/** Open a tracker file for reading. Throws WorkbookFileError (naming the file) when it is missing or not a
 * spreadsheet; so do `read` and `streamTab` when a part turns out damaged. */
export async function openTrackerFile(path: string): Promise<OpenedTrackerFile> {
  await checkFile(path);
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw await streamingFailure(path, e);
    }
  };
  const file = await guard(() => openXlsx(path));
  const metaRef = file.sheets.find((s) => s.name === METADATA_SHEET);
  const metadata = metaRef
    ? metadataFromGrid((await guard(() => file.readSheet(metaRef))).values)
    : new Map<string, Record<string, string>>();
  const ours = file.sheets.filter((s) => s.name !== METADATA_SHEET);
  const where = findTabs(
    ours.map((s) => s.name),
    Object.fromEntries(metadata),
  );
  const refOf = (tab: TabKey) => ours.find((s) => s.name === where[tab]);
  return {
    sheetOf: (tab) => where[tab],
    read: (opts = {}) =>
      guard(() => readSheets(file, opts.tabs ? ours.filter((s) => opts.tabs!.some((k) => where[k] === s.name)) : ours, metadata, opts)),
    streamTab: (tab, visit, onRows) => {
      const ref = refOf(tab);
      return ref ? guard(() => file.streamSheet(ref, visit, onRows)) : Promise.resolve({ merges: [] });
    },
  };
}

async function readSheets(
  file: OpenedXlsx,
  wanted: readonly SheetRef[],
  metadata: ReadonlyMap<string, Record<string, string>>,
  opts: ReadOptions,
): Promise<Workbook> {
  const sheets: SheetData[] = [];
  let before = 0;
  for (const ref of wanted) {
    const rows = await file.readSheet(ref, opts.onRows && ((n) => opts.onRows!(before + n)));
    before += rows.values.length;
    const sheet: SheetData = { name: ref.name, values: rows.values };
    if (rows.merges.length > 0) sheet.merges = rows.merges;
    const md = metadata.get(ref.name);
    if (md) sheet.metadata = md;
    sheets.push(sheet);
  }
  return { sheets };
}

/**
 * Read an .xlsx file, streaming each worksheet (cli/xlsx-stream.ts) so memory follows the data kept, not the
 * file's XML. Throws WorkbookFileError (naming the file) when it is missing or not a spreadsheet.
 */
export async function readWorkbook(path: string, opts: ReadOptions = {}): Promise<Workbook> {
  return (await openTrackerFile(path)).read(opts);
}

/** Read a whole .xlsx file through exceljs's object model (what `readWorkbook` did before it streamed; kept for
 * the bench's comparison and for tests that check the two agree). */
export async function readWorkbookWithExceljs(path: string): Promise<Workbook> {
  const wb = await loadExcel(path);
  return workbookFromExcel(wb);
}

export function workbookFromExcel(wb: ExcelJS.Workbook): Workbook {
  const metadata = readMetadata(wb.getWorksheet(METADATA_SHEET));
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    if (ws.name === METADATA_SHEET) return;
    const sheet: SheetData = { name: ws.name, values: sheetGrid(ws) };
    const merges = mergesOf(ws);
    if (merges.length > 0) sheet.merges = merges;
    const md = metadata.get(ws.name);
    if (md) sheet.metadata = md;
    sheets.push(sheet);
  });
  return { sheets };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Which tab each sheet is, found the same way the parser finds it (metadata, name, aliases). */
function tabKeysOf(wb: Workbook): Map<string, TabKey> {
  const found = workbookTabs(wb);
  const out = new Map<string, TabKey>();
  for (const [key, name] of Object.entries(found)) if (name !== undefined) out.set(name, key as TabKey);
  return out;
}

/** Field spec by 0-based column, for a recognised tab's header row. */
function fieldsByColumn(tab: TabKey | undefined, header: readonly CellValue[]): Map<number, FieldSpec> {
  const out = new Map<number, FieldSpec>();
  if (!tab || tab === 'settings') return out;
  const spec = TAB_SPECS.find((t) => t.key === tab)!;
  const { columns } = matchHeader(spec, header);
  for (const f of spec.fields) {
    const col = columns[f.key];
    if (col !== undefined) out.set(col, f);
  }
  return out;
}

function utcMidnight(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** The value exceljs stores for one cell. Strings stay strings: never a `{ formula }`. */
function excelValue(v: CellValue, field: FieldSpec | undefined): ExcelValue {
  if (v === undefined || v === null) return null;
  if (field?.type.kind === 'date' && typeof v === 'string' && isIsoDate(v.trim())) return utcMidnight(v.trim());
  return v;
}

/** The core's validation policy for a field (shared/setup.ts validationRule) as an Excel list validation, options
 * quoted inline. Only list rules: Excel limits an inline list to 255 characters; dates and numbers are left to the
 * checks, which name each bad cell. */
function listValidation(f: FieldSpec): ExcelJS.DataValidation | undefined {
  const rule = validationRule(f);
  if (rule?.kind !== 'list') return undefined;
  const formula = `"${rule.options.join(',')}"`;
  if (formula.length > 255 || rule.options.some((o) => o.includes(',') || o.includes('"'))) return undefined;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: rule.strict ? 'stop' : 'warning',
    errorTitle: 'Not in the list',
    error: rule.help,
  };
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetData, tab: TabKey | undefined): void {
  const header = sheet.values[0] ?? [];
  const fields = fieldsByColumn(tab, header);
  sheet.values.forEach((cells, r) => {
    if (cells.length === 0) return;
    const row = ws.getRow(r + 1);
    cells.forEach((v, c) => {
      const value = excelValue(v, r === 0 ? undefined : fields.get(c));
      if (value === null) return;
      const cell = row.getCell(c + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = UK_DATE_FORMAT;
    });
  });
  for (const m of sheet.merges ?? []) ws.mergeCells(m);
  if (tab) formatTab(ws, header, fields, sheet.values.length);
}

/** exceljs has worksheet data validations at run time but leaves them out of its type declarations. */
function validationsOf(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

/** Our tabs: bold frozen header, readable widths, date formats and drop-downs down the given columns. */
function formatTab(ws: ExcelJS.Worksheet, header: readonly CellValue[], fields: ReadonlyMap<number, FieldSpec>, rowCount: number): void {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const lastRow = Math.max(rowCount, 1) + FORMAT_ROWS;
  for (const [c, f] of fields) {
    const column = ws.getColumn(c + 1);
    column.width = Math.max(10, Math.min(40, String(header[c] ?? '').length + 4));
    if (f.type.kind === 'date') column.numFmt = UK_DATE_FORMAT;
    const validation = listValidation(f);
    const letters = columnLetters(c);
    if (validation) validationsOf(ws).add(`${letters}2:${letters}${lastRow}`, validation);
  }
}

/** Replace the hidden metadata tab with `metadata` (sheet name → key → value); none at all means no tab. */
function writeMetadataSheet(wbx: ExcelJS.Workbook, metadata: ReadonlyMap<string, Record<string, string>>): void {
  const old = wbx.getWorksheet(METADATA_SHEET);
  if (old) wbx.removeWorksheet(old.id);
  const rows = [...metadata].flatMap(([sheet, md]) => Object.entries(md).map(([k, v]) => [sheet, k, v]));
  if (rows.length === 0) return;
  const ws = wbx.addWorksheet(METADATA_SHEET, { state: 'veryHidden' });
  ws.addRow(['Sheet', 'Key', 'Value']);
  for (const r of rows) ws.addRow(r);
}

export function workbookToExcel(wb: Workbook): ExcelJS.Workbook {
  const wbx = new (exceljs().Workbook)();
  wbx.creator = 'Caseload';
  const tabs = tabKeysOf(wb);
  for (const sheet of wb.sheets) writeSheet(wbx.addWorksheet(sheet.name), sheet, tabs.get(sheet.name));
  writeMetadataSheet(wbx, new Map(wb.sheets.filter((s) => s.metadata).map((s) => [s.name, s.metadata!])));
  return wbx;
}

/** Save through a temporary file in the same folder and a rename (cli/file-safety.ts), so a crash half way
 * never leaves a truncated tracker behind. */
async function saveExcel(wbx: ExcelJS.Workbook, path: string): Promise<void> {
  await writeViaTemp(path, (tmp) => wbx.xlsx.writeFile(tmp));
}

/** Write a Workbook to a new .xlsx file (replacing any file at `path`: callers decide whether that is allowed). */
export async function writeWorkbook(path: string, wb: Workbook): Promise<void> {
  await saveExcel(workbookToExcel(wb), path);
}

// ---------------------------------------------------------------------------------------------------------------
// Changing a file in place

function lastUsedRow(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    let used = false;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (plainValue(cell.value) !== null && !(typeof cell.value === 'string' && cell.value.trim() === '')) used = true;
    });
    if (used) last = n;
  });
  return last;
}

function isBlankExcel(v: ExcelValue): boolean {
  const p = plainValue(v);
  return p === null || (typeof p === 'string' && p.trim() === '');
}

/**
 * Apply changes to an existing .xlsx file, editing it through exceljs rather than rewriting it from
 * values, so formulas, styles, validations and unknown columns stay as they are. A non-blank cell is never
 * replaced, except by `replaceCell` (an import updating a matched pupil), and then the backup keeps the old value. The file is replaced atomically; `backupPath`, when given, receives a copy of the original first
 * (exceljs does not keep charts or pivot tables, so the SENCo keeps the file exactly as it was).
 */
export async function applyChangesToFile(
  path: string,
  changes: readonly WorkbookChange[],
  keepOriginal = false,
): Promise<string | undefined> {
  if (changes.length === 0) return undefined;
  const wbx = await loadExcel(path);
  const metadata = readMetadata(wbx.getWorksheet(METADATA_SHEET));
  const sheet = (name: string) => {
    const ws = wbx.getWorksheet(name);
    if (!ws) throw new WorkbookFileError(path, `${path} has no tab named "${name}".`);
    return ws;
  };
  const tabOf = (name: string): TabKey | undefined => {
    const md: Record<string, Record<string, string>> = {};
    for (const [k, v] of metadata) md[k] = v;
    const names: string[] = [];
    wbx.eachSheet((ws) => names.push(ws.name));
    const found = findTabs(names, md);
    return (Object.keys(found) as TabKey[]).find((k) => found[k] === name);
  };

  for (const c of changes) {
    switch (c.kind) {
      case 'addSheet': {
        if (c.metadata) metadata.set(c.sheet, { ...(metadata.get(c.sheet) ?? {}), ...c.metadata });
        writeSheet(wbx.addWorksheet(c.sheet), { name: c.sheet, values: c.values }, tabOf(c.sheet));
        break;
      }
      case 'setCells': {
        const ws = sheet(c.sheet);
        const row = ws.getRow(c.row);
        c.values.forEach((v, i) => {
          const cell = row.getCell(c.column + i + 1);
          if (isBlankExcel(cell.value)) cell.value = excelValue(v, undefined);
        });
        if (c.row === 1) {
          // New header cells: format just the new columns, leaving the user's own validation elsewhere alone.
          const tab = tabOf(c.sheet);
          const header = workbookFromExcel(wbx).sheets.find((s) => s.name === c.sheet)?.values[0] ?? [];
          const all = fieldsByColumn(tab, header);
          const fresh = new Map([...all].filter(([col]) => col >= c.column && col < c.column + c.values.length));
          if (tab) formatTab(ws, header, fresh, lastUsedRow(ws));
        }
        break;
      }
      case 'appendRows': {
        const ws = sheet(c.sheet);
        const start = lastUsedRow(ws) + 1;
        const tab = tabOf(c.sheet);
        const header = workbookFromExcel(wbx).sheets.find((s) => s.name === c.sheet)?.values[0] ?? [];
        const fields = fieldsByColumn(tab, header);
        c.rows.forEach((cells, i) => {
          const row = ws.getRow(start + i);
          cells.forEach((v, col) => {
            const value = excelValue(v, fields.get(col));
            if (value === null) return;
            const cell = row.getCell(col + 1);
            cell.value = value;
            if (value instanceof Date) cell.numFmt = UK_DATE_FORMAT;
          });
        });
        break;
      }
      case 'setMetadata':
        sheet(c.sheet);
        metadata.set(c.sheet, { ...(metadata.get(c.sheet) ?? {}), [c.key]: c.value });
        break;
      case 'replaceCell': {
        // An import's merge updating a matched pupil: the value only, so the cell's style, note and validation stay.
        const ws = sheet(c.sheet);
        const header = workbookFromExcel(wbx).sheets.find((s) => s.name === c.sheet)?.values[0] ?? [];
        const cell = ws.getRow(c.row).getCell(c.column + 1);
        const value = excelValue(c.value, fieldsByColumn(tabOf(c.sheet), header).get(c.column));
        cell.value = value;
        if (value instanceof Date) cell.numFmt = UK_DATE_FORMAT;
        break;
      }
    }
  }
  writeMetadataSheet(wbx, metadata);
  const backup = keepOriginal ? await keepBackup(path) : undefined;
  await saveExcel(wbx, path);
  return backup;
}

// ---------------------------------------------------------------------------------------------------------------
// The tracker source the CLI uses for a local file

export class XlsxSource implements TrackerSource {
  readonly label: string;
  constructor(readonly path: string) {
    this.label = path;
  }
  async exists(): Promise<boolean> {
    try {
      await stat(this.path);
      return true;
    } catch {
      return false;
    }
  }
  read(request: ReadRequest = {}): Promise<Workbook> {
    return readWorkbook(this.path, request);
  }
  /** The file opened for a command that streams a tab rather than reading it whole (export-logs). */
  open(): Promise<OpenedTrackerFile> {
    return openTrackerFile(this.path);
  }
  create(wb: Workbook): Promise<void> {
    return writeWorkbook(this.path, wb);
  }
  async apply(changes: readonly WorkbookChange[]): Promise<{ backup?: string }> {
    if (changes.length === 0) return {};
    const backup = await applyChangesToFile(this.path, changes, true);
    return backup ? { backup } : {};
  }
}
