// Reading the tracker out of the spreadsheet in as few calls as possible, and never a number that grows with rows:
// names from one getSheets(); developer metadata only for sheets whose name does not already say which tab they
// are (a renamed tab, or a sheet of the school's own); one getSheetValues per tracker tab; merged ranges only where
// the values show the blanks a merge leaves. Each SpreadsheetApp call is a round trip to Google's servers (tens of
// milliseconds), so on a 9-tab tracker "Check tracker" is 21 calls, whatever the rows (it was 49–67, then 30).
import type { CellValue, Grid, TabKey } from '../../shared/index';
import { findTabs, matchHeader, parseTracker, TAB_METADATA_KEY, type ParseResult } from '../../shared/index';
import { TAB_SPECS, tabSpec } from '../../shared/index';
import type { GasSheet, GasSpreadsheet, GasValue } from './gas';
import { dateCellText, timeOfDayCell } from './zone';

/** Column developer metadata: which field a column holds, so a renamed header is still recognised. */
export const FIELD_METADATA_KEY = 'caseload:field';

export interface TrackerSnapshot {
  grids: Record<string, Grid>;
  metadata: Record<string, Record<string, string>>;
  merges: Record<string, string[]>;
  /** Sheet objects by name, for writers that follow a read. */
  sheets: Map<string, GasSheet>;
  /** Which sheet holds each tab. */
  where: Partial<Record<TabKey, string>>;
  timeZone: string;
}

/** SpreadsheetApp values → cell values the core reads. Time-only cells become `HH:MM` (see zone.ts). Other Dates
 * stay Dates here (writers such as the cover planner look at them); `datesAsText` makes the copy that is parsed. */
export function normaliseGrid(values: GasValue[][], timeZone: string): Grid {
  for (const row of values) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v instanceof Date) {
        const t = timeOfDayCell(v, timeZone);
        if (t !== undefined) row[c] = t;
      }
    }
  }
  return values as CellValue[][];
}

/** A copy of a grid with every Date as its wall clock in the sheet's zone (see zone.ts, dateCellText): a date cell is
 * midnight there, so it becomes `YYYY-MM-DD` and lands on the day the person typed in every zone (UTC+13 and +14,
 * half-hour offsets), which rounding a UTC day count does not; a date-time keeps its instant with the zone's offset. */
export function datesAsText(grid: Grid, timeZone: string): Grid {
  return grid.map((row) =>
    row.some((v) => v instanceof Date) ? row.map((v) => (v instanceof Date ? (dateCellText(v, timeZone) ?? v) : v)) : row,
  );
}

/** Sheet-level developer metadata of every sheet (tab markers). */
export function sheetMetadata(sheet: GasSheet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of sheet.getDeveloperMetadata()) {
    const key = m.getKey();
    if (key.startsWith('caseload:')) out[key] = m.getValue() ?? '';
  }
  return out;
}

/** When a tab's header lacks some of our columns, column metadata may say where they went (renamed headers).
 * Rewrites those header cells, in the copy we parse only, to the canonical header. Costs calls only then. */
function repairRenamedHeaders(key: TabKey, sheet: GasSheet, grid: Grid): void {
  const spec = tabSpec(key);
  const header = grid[0];
  if (!header) return;
  const { columns } = matchHeader(spec, header);
  if (spec.fields.every((f) => columns[f.key] !== undefined)) return;
  for (const m of sheet.createDeveloperMetadataFinder().withKey(FIELD_METADATA_KEY).find()) {
    const field = spec.fields.find((f) => f.key === m.getValue());
    const col = m.getLocation().getColumn()?.getColumn();
    if (!field || col === undefined || columns[field.key] !== undefined) continue;
    // A column already read as another field keeps that meaning: the header a person can see wins.
    if (Object.values(columns).includes(col - 1)) continue;
    header[col - 1] = field.header;
    columns[field.key] = col - 1;
  }
}

/**
 * Whether a tab's values show what a merge leaves behind (every cell of a merged range but its top-left reads
 * blank): a blank header cell between two headers (a header merged across columns), or a row with values whose
 * first cell is blank (an ID merged down rows, as in hand-made trackers). Without either, fillMerges could only
 * copy values into cells no field reads, so the tab's merged ranges are not fetched.
 */
export function mayHaveMerges(grid: Grid): boolean {
  const header = grid[0] ?? [];
  let last = -1;
  for (let c = header.length - 1; c >= 0; c--)
    if (!isBlank(header[c])) {
      last = c;
      break;
    }
  for (let c = 0; c < last; c++) if (isBlank(header[c])) return true;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r]!;
    if (isBlank(row[0]) && row.some((v) => !isBlank(v))) return true;
  }
  return false;
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === '';
}

/** Every value of a sheet in one call: getSheetValues with -1 rows and columns reads through the last row and column
 * with data, which getDataRange().getValues() takes two calls for. A sheet with no data at all has no such rows;
 * then the data range (A1 alone) is read instead. */
function allValues(sheet: GasSheet): GasValue[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch {
    return sheet.getDataRange().getValues();
  }
}

/** Read every tracker tab once. Sheets that are not tracker tabs are not read at all. */
export function readTracker(ss: GasSpreadsheet, opts: { timeZone?: string; allMarkers?: boolean } = {}): TrackerSnapshot {
  const timeZone = opts.timeZone ?? ss.getSpreadsheetTimeZone();
  const all = ss.getSheets();
  const sheets = new Map<string, GasSheet>();
  for (const sheet of all) sheets.set(sheet.getName(), sheet);
  const names = [...sheets.keys()];
  // Names alone settle most trackers. Tab markers are read only from sheets the names leave open: one whose
  // name is no tab's (it may be a renamed tab, and its marker then wins, as in findTabs), and, when some tab
  // is still missing, that is every unclaimed sheet already.
  const byName = findTabs(names);
  const claimed = new Set(Object.values(byName));
  const metadata: Record<string, Record<string, string>> = {};
  for (const name of names) {
    // Set-up compares every sheet's markers (what it tagged last time) and asks for them all.
    if (claimed.has(name) && !opts.allMarkers) continue;
    const meta = sheetMetadata(sheets.get(name)!);
    if (Object.keys(meta).length) metadata[name] = meta;
  }
  const where = Object.keys(metadata).length ? findTabs(names, metadata) : byName;
  const grids: Record<string, Grid> = {};
  const merges: Record<string, string[]> = {};
  for (const spec of TAB_SPECS) {
    const name = where[spec.key];
    const sheet = name === undefined ? undefined : sheets.get(name);
    if (name === undefined || !sheet) continue;
    const grid = normaliseGrid(allValues(sheet), timeZone);
    if (mayHaveMerges(grid)) {
      const merged = sheet.getDataRange().getMergedRanges();
      if (merged.length) merges[name] = merged.map((r) => r.getA1Notation());
    }
    repairRenamedHeaders(spec.key, sheet, grid);
    grids[name] = grid;
  }
  return { grids, metadata, merges, sheets, where, timeZone };
}

export function parseSnapshot(snap: TrackerSnapshot): ParseResult {
  const grids: Record<string, Grid> = {};
  for (const [name, grid] of Object.entries(snap.grids)) grids[name] = datesAsText(grid, snap.timeZone);
  return parseTracker(grids, { metadata: snap.metadata, merges: snap.merges });
}

export { TAB_METADATA_KEY };
