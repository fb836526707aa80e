// Where logs go in the tracker: which tab is the Log tab (users rename tabs) and in which column each field sits
// (column order is free), so appended rows line up with the header whatever its order.
import type { CellValue, Grid } from '../model';
import { columnLetters, parseRange, quoteSheetName } from '../schema/a1';
import { findTabs, matchHeader } from '../schema/parse';
import { tabSpec } from '../schema/tabs';
import type { SheetsPort } from '../ports';
import { cellText } from '../schema/cells';
import { STUCK } from './messages';

export interface LogLayout {
  tabName: string;
  /** Row 1 as found: appended rows are aligned to it. */
  header: CellValue[];
  /** 0-based column of Log ID. */
  idColumn: number;
}

/** The tracker cannot take logs until someone fixes it: sync stops with this message. */
export class LogLayoutError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LogLayoutError';
  }
}

async function readA1(sheets: SheetsPort, tabName: string, a1: string): Promise<Grid> {
  if (sheets.readRange) return sheets.readRange(`${quoteSheetName(tabName)}!${a1}`);
  const grids = await sheets.readTabs([tabName]);
  return grids[tabName] ?? [];
}

/** Find the Log tab and its header: one spreadsheets.get and one small values.get. */
export async function discoverLogLayout(sheets: SheetsPort): Promise<LogLayout> {
  const names = await sheets.listTabs();
  const tabName = findTabs(names).log;
  if (tabName === undefined) throw new LogLayoutError(STUCK.noLogTab);
  const header = ((await readA1(sheets, tabName, '1:1'))[0] ?? []).slice();
  const idColumn = matchHeader(tabSpec('log'), header).columns['id'];
  if (idColumn === undefined) throw new LogLayoutError(STUCK.noLogHeader);
  return { tabName, header, idColumn };
}

/** The rows (1-based, top to bottom) each Log ID sits in, from one read of the Log ID column: the whole column, or
 * only rows `window.from`..`window.to`. The header row is never counted. */
export async function logIdRows(sheets: SheetsPort, layout: LogLayout, window?: { from: number; to: number }): Promise<Map<string, number[]>> {
  const letter = columnLetters(layout.idColumn);
  const first = Math.max(2, window?.from ?? 2);
  let grid: Grid;
  let top: number; // the sheet row of grid[0]
  let column: number;
  if (sheets.readRange) {
    const last = window?.to;
    if (last !== undefined && last < first) return new Map();
    grid = await readA1(sheets, layout.tabName, last === undefined ? `${letter}${first}:${letter}` : `${letter}${first}:${letter}${last}`);
    top = first;
    column = 0;
  } else {
    grid = await readA1(sheets, layout.tabName, '');
    top = 1;
    column = layout.idColumn;
  }
  const rows = new Map<string, number[]>();
  grid.forEach((cells, i) => {
    const row = top + i;
    if (row < first || (window && row > window.to)) return;
    const v = cells[column];
    if (v === null || v === undefined) return;
    const id = cellText(v).trim();
    if (id === '') return;
    const list = rows.get(id);
    if (list) list.push(row);
    else rows.set(id, [row]);
  });
  return rows;
}

/** Which of `ids` are already in the Log tab's Log ID column (one read of that column). */
export async function logIdsPresent(sheets: SheetsPort, layout: LogLayout, ids: Iterable<string>): Promise<string[]> {
  const rows = await logIdRows(sheets, layout);
  return [...ids].filter((id) => rows.has(id));
}

/** Every row holding a second (third…) copy of one of `ids`; the first copy of each is never included, and rows
 * with any other id are never included. */
export function extraCopies(rowsById: ReadonlyMap<string, readonly number[]>, ids: Iterable<string>): number[] {
  const extra = new Set<string>();
  const out: number[] = [];
  for (const id of ids) {
    if (extra.has(id)) continue;
    extra.add(id);
    const rows = [...(rowsById.get(id) ?? [])].sort((a, b) => a - b);
    out.push(...rows.slice(1));
  }
  return out.sort((a, b) => b - a);
}

/** The rows an append wrote, from its `updatedRange` (e.g. `Log!A5:K7` → 5..7). */
export function rowSpan(updatedRange: string): { start: number; end: number } | undefined {
  try {
    const r = parseRange(updatedRange);
    if (r.startRow === undefined) return undefined;
    return { start: r.startRow, end: r.endRow ?? r.startRow };
  } catch {
    return undefined;
  }
}

/** How many rows an append wrote, from its `updatedRange` (e.g. `Log!A5:K7` → 3). */
export function rowsIn(updatedRange: string): number | undefined {
  try {
    const r = parseRange(updatedRange);
    if (r.startRow === undefined) return undefined;
    return (r.endRow ?? r.startRow) - r.startRow + 1;
  } catch {
    return undefined;
  }
}
