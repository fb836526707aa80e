// An in-memory workbook: the one shape that .xlsx files, the local Sheets API server, the SpreadsheetApp
// stand-in and the core's tests all load into and save from.
import type { Grid, TabKey } from './model';
import { findTabs } from './schema/parse';

export interface SheetData {
  name: string;
  /** Row-major cell values; rows may be ragged (short rows mean trailing blanks). */
  values: Grid;
  /** Merged ranges in A1 without sheet name, e.g. `B2:D2`. The value lives in the top-left cell. */
  merges?: string[];
  /** Developer metadata (key → value) the add-on and CLI use to recognise renamed tabs. */
  metadata?: Record<string, string>;
}

export interface Workbook {
  sheets: SheetData[];
}

/** Tab name → grid, as `parseTracker` takes it. */
export function gridsOf(wb: Workbook): Record<string, Grid> {
  const out: Record<string, Grid> = {};
  for (const s of wb.sheets) out[s.name] = s.values;
  return out;
}

/** Which sheet is each tab, found the way the parser finds them: developer metadata first (a renamed tab), then
 * the sheet's name and its aliases. */
export function workbookTabs(wb: Workbook): Partial<Record<TabKey, string>> {
  const metadata: Record<string, Record<string, string>> = {};
  for (const s of wb.sheets) if (s.metadata) metadata[s.name] = s.metadata;
  return findTabs(
    wb.sheets.map((s) => s.name),
    metadata,
  );
}
