// Simple onEdit trigger: feedback on the row just edited, within the 30 s limit and without services that need
// authorisation. Only that row of that tab is read and re-validated (header + row: two getValues), and notes
// are set on offending cells and cleared once fixed. Notes someone else wrote are never touched: ours start
// with NOTE_PREFIX.
import type { CellValue, Grid, TabKey } from '../../shared/index';
import { parseRange } from '../../shared/index';
import { findTabs, parseTracker } from '../../shared/index';
import type { EditEvent, GasSheet } from './gas';
import { normaliseGrid } from './read';

export const NOTE_PREFIX = 'Caseload: ';
const MAX_ROWS_PER_EDIT = 50; // a large paste is left to "Check tracker"

function tabMetadata(sheet: GasSheet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of sheet.getDeveloperMetadata()) {
    const k = m.getKey();
    if (k.startsWith('caseload:')) out[k] = m.getValue() ?? '';
  }
  return out;
}

/** The messages per 0-based column for each edited row, from parsing the header and those rows alone. */
export function rowProblems(sheetName: string, header: readonly CellValue[], rows: readonly CellValue[][], firstRow: number, metadata: Record<string, string>): Map<number, Map<number, string[]>> {
  // A sparse grid puts the rows at their real row numbers, so findings name the real cells.
  const grid: Grid = [header.slice()];
  for (const [i, r] of rows.entries()) grid[firstRow - 1 + i] = r.slice();
  for (let i = 1; i < grid.length; i++) grid[i] ??= [];
  const { findings } = parseTracker({ [sheetName]: grid }, { metadata: { [sheetName]: metadata } });
  const out = new Map<number, Map<number, string[]>>();
  for (const f of findings) {
    if (f.tab !== sheetName || f.code === 'HEADER_MISSING' || f.code === 'HEADER_DUPLICATE') continue;
    const p = parseRange(f.cell);
    if (p.startRow === undefined || p.startColumn === undefined || p.startRow < firstRow) continue;
    const byCol = out.get(p.startRow) ?? new Map<number, string[]>();
    const messages = byCol.get(p.startColumn);
    if (messages) messages.push(f.message);
    else byCol.set(p.startColumn, [f.message]);
    out.set(p.startRow, byCol);
  }
  return out;
}

export function onEdit(e: EditEvent): void {
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  const metadata = tabMetadata(sheet);
  const tab: TabKey | undefined = Object.entries(findTabs([name], { [name]: metadata })).find(([, n]) => n === name)?.[0] as TabKey | undefined;
  if (!tab || tab === 'settings') return;
  const firstRow = Math.max(2, range.getRow());
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow || lastRow - firstRow + 1 > MAX_ROWS_PER_EDIT) return;
  const width = sheet.getLastColumn();
  if (width < 1) return;
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const rowsRange = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width);
  const timeZone = e.source ? e.source.getSpreadsheetTimeZone() : 'Europe/London';
  const rows = normaliseGrid(rowsRange.getValues(), timeZone);
  const problems = rowProblems(name, header, rows, firstRow, metadata);
  const notes = rowsRange.getNotes();
  let changed = false;
  const next = notes.map((noteRow, i) =>
    noteRow.map((note, c) => {
      const msgs = problems.get(firstRow + i)?.get(c);
      const ours = note.startsWith(NOTE_PREFIX);
      if (msgs) {
        const text = NOTE_PREFIX + msgs.join(' ');
        if (note === text || (note !== '' && !ours)) return note; // someone's own note stays
        changed = true;
        return text;
      }
      if (ours) {
        changed = true;
        return '';
      }
      return note;
    }),
  );
  if (changed) rowsRange.setNotes(next);
}
