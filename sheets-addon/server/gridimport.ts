// "Import grid rota": read the active sheet (one getValues, one getMergedRanges), turn it into canonical Rota
// rows with shared/gridrota.ts, append the new ones to the Rota tab in one setValues under the document lock,
// and show every cell that could not be read, with its A1 reference.
import { importGridRota, newBlocks, type GridRotaResult } from '../../shared/index';
import { recordsToRows } from '../../shared/index';
import { headerRow } from '../../shared/index';
import type { CellValue } from '../../shared/index';
import { gas, type GasSpreadsheet } from './gas';
import { withDocumentLock } from './lock';
import { normaliseGrid, parseSnapshot, readTracker } from './read';
import { escapeHtml, safeCell } from './text';

export interface GridImportReport extends GridRotaResult {
  sheet: string;
  appended: number;
  alreadyThere: number;
  rotaTab?: string;
  /** Why nothing was imported, when nothing could be. */
  error?: string;
}

export function importActiveGrid(ss: GasSpreadsheet): GridImportReport {
  const source = ss.getActiveSheet();
  const name = source.getName();
  const snap = readTracker(ss);
  const { tracker } = parseSnapshot(snap);
  const empty = { sheet: name, blocks: [], problems: [], notes: [], appended: 0, alreadyThere: 0 };
  const rotaName = tracker.layout.rota?.name;
  if (!rotaName) return { ...empty, error: 'There is no Rota tab to import into: run "Set up tracker" first.' };
  if (name === rotaName || Object.values(snap.where).includes(name)) {
    return {
      ...empty,
      error: `"${name}" is one of the tracker’s own tabs. Open the tab holding the grid rota, then choose Import grid rota.`,
    };
  }
  const data = source.getDataRange();
  const grid = normaliseGrid(data.getValues(), snap.timeZone);
  const merges = data.getMergedRanges().map((m) => m.getA1Notation());
  const result = importGridRota(grid, merges, tracker, { sheetName: name });
  return withDocumentLock(() => {
    // Re-read the Rota tab inside the lock so two imports cannot both append the same blocks.
    const fresh = readTracker(ss);
    const current = parseSnapshot(fresh).tracker;
    const toAdd = newBlocks(current.rota, result.blocks);
    const rotaSheet = fresh.sheets.get(rotaName)!;
    const rotaGrid = fresh.grids[rotaName] ?? [];
    const header = (rotaGrid[0] ?? []).length ? (rotaGrid[0] as CellValue[]) : headerRow('rota');
    if (toAdd.length > 0) {
      let last = rotaGrid.length;
      while (last > 1 && (rotaGrid[last - 1] ?? []).every((v) => v === '' || v === null)) last--;
      const rows = recordsToRows('rota', toAdd, header).map((r) => r.map(safeCell));
      const width = header.length;
      const need = last + rows.length;
      const maxRows = rotaSheet.getMaxRows();
      if (need > maxRows) rotaSheet.insertRowsAfter(maxRows, need - maxRows);
      rotaSheet.getRange(last + 1, 1, rows.length, width).setValues(rows);
    }
    return { ...result, sheet: name, appended: toAdd.length, alreadyThere: result.blocks.length - toAdd.length, rotaTab: rotaName };
  });
}

export function reportHtml(r: GridImportReport): string {
  const parts: string[] = [];
  if (r.error) parts.push(`<p class="err">${escapeHtml(r.error)}</p>`);
  else {
    parts.push(
      `<p>Read <b>${r.blocks.length}</b> rota block${r.blocks.length === 1 ? '' : 's'} from “${escapeHtml(r.sheet)}”: <b>${r.appended}</b> added to ${escapeHtml(r.rotaTab ?? 'Rota')}, ${r.alreadyThere} already there.</p>`,
    );
    for (const n of r.notes) parts.push(`<p class="note">${escapeHtml(n)}</p>`);
    if (r.problems.length) {
      parts.push(`<p><b>${r.problems.length}</b> cell${r.problems.length === 1 ? '' : 's'} could not be read:</p><ul>`);
      for (const p of r.problems) parts.push(`<li><code>${escapeHtml(p.cell)}</code> ${escapeHtml(p.message)}</li>`);
      parts.push('</ul>');
    } else parts.push('<p>Every filled cell was read.</p>');
  }
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{font:13px/1.4 Arial,sans-serif;margin:8px;color:#202124}code{background:#f1f3f4;padding:0 3px}.err{color:#b3261e}.note{color:#5f6368}li{margin:4px 0}</style></head><body>${parts.join('')}</body></html>`;
}

export function importGridRotaMenu(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const report = importActiveGrid(ss);
  SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput(reportHtml(report)).setWidth(520).setHeight(420), 'Import grid rota');
}
