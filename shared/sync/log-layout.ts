// Where logs go in the tracker: which tab is the Log tab (users rename tabs) and in which column each field sits
// (column order is free), so appended rows line up with the header whatever its order.
import type { CellValue, Grid, LogEntry } from '../model';
import { columnLetters, parseRange, quoteSheetName } from '../schema/a1';
import { findTabs, matchHeader } from '../schema/parse';
import { tabSpec, type FieldSpec } from '../schema/tabs';
import type { SheetsPort } from '../ports';
import { cellText, isBlankCell } from '../schema/cells';
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
export async function logIdRows(
  sheets: SheetsPort,
  layout: LogLayout,
  window?: { from: number; to: number },
): Promise<Map<string, number[]>> {
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

/** Log fields that `logs` hold a value for but the Log tab's header has no column for: appended as they are, those
 * values would be dropped without a word (a tracker set up before the Corrects and Correction columns existed). */
export function missingLogFields(layout: LogLayout, logs: readonly LogEntry[]): FieldSpec[] {
  const { columns } = matchHeader(tabSpec('log'), layout.header);
  return tabSpec('log').fields.filter(
    (f) =>
      columns[f.key] === undefined &&
      logs.some((l) => {
        const v = (l as unknown as Record<string, unknown>)[f.key];
        return v !== undefined && v !== '';
      }),
  );
}

/** Add header cells for `fields` to row 1 of the Log tab, right of its last header cell, in ONE values.update of
 * exactly those cells (nothing else in the row is written, no column is inserted or moved), and return the layout
 * found again afterwards. Without an update on the transport, sync stops and says which columns to add. */
export async function addLogColumns(sheets: SheetsPort, layout: LogLayout, fields: readonly FieldSpec[]): Promise<LogLayout> {
  const headers = fields.map((f) => f.header);
  if (!sheets.updateRange) throw new LogLayoutError(STUCK.missingColumns(layout.tabName, headers));
  let last = layout.header.length - 1;
  while (last >= 0 && isBlankCell(layout.header[last] ?? null)) last -= 1;
  const first = last + 1;
  const range = `${quoteSheetName(layout.tabName)}!${columnLetters(first)}1:${columnLetters(first + headers.length - 1)}1`;
  await sheets.updateRange(range, [headers]);
  const found = await discoverLogLayout(sheets);
  // Someone renamed or reordered the header in between: say so rather than loop.
  if (
    missingLogFields(
      found,
      fields.map((f) => ({ [f.key]: 'x' }) as unknown as LogEntry),
    ).length > 0
  ) {
    throw new LogLayoutError(STUCK.missingColumns(found.tabName, headers));
  }
  return found;
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
