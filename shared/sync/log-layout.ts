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

/** Which of `ids` are already in the Log tab's Log ID column (one read of that column). */
export async function logIdsPresent(sheets: SheetsPort, layout: LogLayout, ids: Iterable<string>): Promise<string[]> {
  const letter = columnLetters(layout.idColumn);
  const grid = sheets.readRange ? await readA1(sheets, layout.tabName, `${letter}:${letter}`) : await readA1(sheets, layout.tabName, '');
  const column = sheets.readRange ? 0 : layout.idColumn;
  const inSheet = new Set<string>();
  for (const row of grid.slice(1)) {
    const v = row[column];
    if (v !== null && v !== undefined) inSheet.add(cellText(v).trim());
  }
  return [...ids].filter((id) => inSheet.has(id));
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
