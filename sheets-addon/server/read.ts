// Reading the tracker out of the spreadsheet in as few calls as possible: one getDataRange().getValues() per
// tracker tab, so a run costs the same number of SpreadsheetApp calls for 100 rows as for 10,000.
import type { CellValue, Grid, TabKey } from '../../shared/index';
import { findTabs, matchHeader, parseTracker, TAB_METADATA_KEY, type ParseResult } from '../../shared/index';
import { TAB_SPECS, tabSpec } from '../../shared/index';
import type { GasSheet, GasSpreadsheet, GasValue } from './gas';
import { timeOfDayCell } from './zone';

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

/** SpreadsheetApp values → cell values the core reads. Time-only cells become `HH:MM` (see zone.ts). */
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

/** Sheet-level developer metadata of every sheet (tab markers). */
function sheetMetadata(sheet: GasSheet): Record<string, string> {
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

/** Read every tracker tab once. Sheets that are not tracker tabs are not read at all. */
export function readTracker(ss: GasSpreadsheet): TrackerSnapshot {
  const timeZone = ss.getSpreadsheetTimeZone();
  const all = ss.getSheets();
  const sheets = new Map<string, GasSheet>();
  const metadata: Record<string, Record<string, string>> = {};
  for (const sheet of all) {
    const name = sheet.getName();
    sheets.set(name, sheet);
    const meta = sheetMetadata(sheet);
    if (Object.keys(meta).length) metadata[name] = meta;
  }
  const where = findTabs([...sheets.keys()], metadata);
  const grids: Record<string, Grid> = {};
  const merges: Record<string, string[]> = {};
  for (const spec of TAB_SPECS) {
    const name = where[spec.key];
    const sheet = name === undefined ? undefined : sheets.get(name);
    if (name === undefined || !sheet) continue;
    const data = sheet.getDataRange();
    const grid = normaliseGrid(data.getValues(), timeZone);
    const merged = data.getMergedRanges();
    if (merged.length) merges[name] = merged.map((r) => r.getA1Notation());
    repairRenamedHeaders(spec.key, sheet, grid);
    grids[name] = grid;
  }
  return { grids, metadata, merges, sheets, where, timeZone };
}

export function parseSnapshot(snap: TrackerSnapshot): ParseResult {
  return parseTracker(snap.grids, { metadata: snap.metadata, merges: snap.merges });
}

export { TAB_METADATA_KEY };
