// Simple onEdit trigger: feedback on the rows just edited, within the 30 s limit and without services that need
// authorisation. The edited tab is read once and checked with the same `checkWorkbook` as "Check tracker"; notes
// are set on the edited rows' offending cells and cleared once fixed. Notes someone else wrote are never touched: ours start
// with NOTE_PREFIX.
import { cellText, checkWorkbook, findTabs, parseRange, tabSpec } from '../../shared/index';
import type { Grid, TabKey } from '../../shared/index';
import type { EditEvent } from './gas';
import { datesAsText, normaliseGrid, sheetMetadata } from './read';
import { isoDateIn } from './zone';

export const NOTE_PREFIX = 'Caseload: ';
const MAX_ROWS_PER_EDIT = 50; // a large paste is left to "Check tracker"

/** The messages per 0-based column for each edited row (`firstRow`..`lastRow`, 1-based), from the same
 * `checkWorkbook` the full run uses, on the whole tab — so a Pupil ID typed into a row that is already on another row
 * gets a note on the edited row, not only where the full run puts it (the later of the two). */
export function rowProblems(
  sheetName: string,
  grid: Grid,
  firstRow: number,
  lastRow: number,
  metadata: Record<string, string>,
  today: string,
): Map<number, Map<number, string[]>> {
  const { findings, tracker } = checkWorkbook({ [sheetName]: grid }, today, { metadata: { [sheetName]: metadata } });
  const out = new Map<number, Map<number, string[]>>();
  const add = (row: number, col: number, message: string) => {
    const byCol = out.get(row) ?? new Map<number, string[]>();
    const list = byCol.get(col) ?? [];
    if (!list.includes(message)) byCol.set(col, [...list, message]);
    out.set(row, byCol);
  };
  for (const f of findings) {
    if (f.tab !== sheetName || f.code === 'HEADER_MISSING' || f.code === 'HEADER_DUPLICATE') continue;
    const p = parseRange(f.cell);
    if (p.startRow === undefined || p.startColumn === undefined || p.startRow < firstRow || p.startRow > lastRow) continue;
    add(p.startRow, p.startColumn, f.message);
  }
  // The full run reports a duplicate at its later row; an edit to the earlier one is told about the other too.
  const tab = Object.entries(tracker.layout).find(([, l]) => l?.name === sheetName);
  const spec = tab ? tabSpec(tab[0] as TabKey) : undefined;
  const idCol = tab?.[1]?.columns['id'];
  if (spec?.idField === 'id' && idCol !== undefined) {
    const rowsById = new Map<string, number[]>();
    grid.forEach((r, i) => {
      const id = i > 0 ? cellText(r?.[idCol]) : '';
      if (id !== '') rowsById.set(id, [...(rowsById.get(id) ?? []), i + 1]);
    });
    const label = spec.fields[0]!.header;
    for (let row = firstRow; row <= lastRow; row++) {
      const id = cellText(grid[row - 1]?.[idCol]);
      const others = (rowsById.get(id) ?? []).filter((r) => r !== row);
      if (id !== '' && others.length > 0)
        add(row, idCol, `${label} "${id}" is also on row ${others.join(', ')}: each ${label} must be unique.`);
    }
  }
  return out;
}

export function onEdit(e: EditEvent): void {
  // A simple trigger is also a public function: run by hand or through google.script.run it gets no event.
  if (!e || typeof e !== 'object' || !e.range || typeof (e.range as { getSheet?: unknown }).getSheet !== 'function') return;
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  const metadata = sheetMetadata(sheet);
  const tab: TabKey | undefined = Object.entries(findTabs([name], { [name]: metadata })).find(([, n]) => n === name)?.[0] as
    | TabKey
    | undefined;
  if (!tab || tab === 'settings') return;
  const firstRow = Math.max(2, range.getRow());
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow || lastRow - firstRow + 1 > MAX_ROWS_PER_EDIT) return;
  const width = sheet.getLastColumn();
  if (width < 1) return;
  const rowsRange = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width);
  const timeZone = e.source ? e.source.getSpreadsheetTimeZone() : 'Europe/London';
  // The whole tab, once: the same checks as "Check tracker" need the other rows (duplicate IDs).
  const grid = datesAsText(normaliseGrid(sheet.getDataRange().getValues(), timeZone), timeZone);
  const problems = rowProblems(name, grid, firstRow, lastRow, metadata, isoDateIn(new Date(), timeZone));
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
