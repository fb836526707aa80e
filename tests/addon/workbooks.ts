// Trackers as a Google Sheet would hold them: date columns as real date cells and rota times as time cells
// (the fake turns both into Apps Script-shaped Dates), everything else as typed.
import type { CellValue, Grid, Tracker } from '../../shared/model';
import { trackerToGrids } from '../../shared/schema/serialise';
import type { Workbook } from '../../shared/workbook';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^\d{2}:\d{2}$/;

/** `2026-03-12` → a date cell; `08:50` → a time cell (30/12/1899, as Sheets and Excel store times). */
export function asSheetCell(v: CellValue): CellValue {
  if (typeof v !== 'string') return v;
  if (ISO_DAY.test(v)) return new Date(`${v}T00:00:00Z`);
  if (CLOCK.test(v)) return new Date(`1899-12-30T${v}:00Z`);
  return v;
}

export function sheetGrid(grid: Grid): Grid {
  return grid.map((row, r) => (r === 0 ? row.slice() : row.map(asSheetCell)));
}

export function trackerWorkbook(tracker: Tracker): Workbook {
  return { sheets: Object.entries(trackerToGrids(tracker)).map(([name, grid]) => ({ name, values: sheetGrid(grid) })) };
}

/** A deep copy, so a test can compare before and after. */
export function cloneWorkbook(wb: Workbook): Workbook {
  return {
    sheets: wb.sheets.map((s) => ({
      ...s,
      values: s.values.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v))),
      ...(s.merges ? { merges: s.merges.slice() } : {}),
      ...(s.metadata ? { metadata: { ...s.metadata } } : {}),
    })),
  };
}

/** Cell value comparison that treats Dates by time and blank spellings alike. */
export function sameCell(a: CellValue, b: CellValue): boolean {
  const blank = (v: CellValue) => v === null || v === undefined || v === '';
  if (blank(a) && blank(b)) return true;
  if (Object.prototype.toString.call(a) === '[object Date]' && Object.prototype.toString.call(b) === '[object Date]')
    return (a as Date).getTime() === (b as Date).getTime();
  return a === b;
}
