// "Import pupil list": the SENCo brings an MIS export into the spreadsheet as a tab of its own (File › Import ›
// Insert new sheet), opens it and chooses this. The core's one import pipeline does the rest, as for Options and the
// CLI: previewImport (the same checks as "Check tracker", every row left out named with its cell, every column not
// used listed) and planTrackerImport (new pupils appended; pupils matched by Pupil ID, UPN or admission number
// updated in their own row, only the cells that changed; leavers listed, never removed; targets, logs and notes
// untouched). If any row would be left out, nothing is written: the list says which rows to fix.
import { describePreview, planTrackerImport, previewImport, type ImportPreview, type TrackerImportPlan } from '../../shared/index';
import { todayIn } from './checks';
import { gas, type GasSpreadsheet } from './gas';
import { withDocumentLock } from './lock';
import { datesAsText, normaliseGrid, parseSnapshot, readTracker } from './read';
import { applyChange, workbookOf } from './setup';
import { escapeHtml } from './text';

export interface PupilImportReport {
  sheet: string;
  /** Every line of the preview, then what was written. */
  lines: string[];
  written: boolean;
  /** Why nothing was imported, when nothing could be. */
  error?: string;
}

/** Rows left out block the import (a person fixes the list first); the file's own problems too. */
function blocking(p: ImportPreview): boolean {
  return p.refused.length > 0 || p.fileProblems.length > 0;
}

export function importPupilListFrom(ss: GasSpreadsheet): PupilImportReport {
  const source = ss.getActiveSheet();
  const name = source.getName();
  return withDocumentLock(() => {
    // Read inside the lock, so what is merged is the tracker as it is when the rows are written.
    const snap = readTracker(ss);
    if (Object.values(snap.where).includes(name))
      return {
        sheet: name,
        lines: [],
        written: false,
        error: `"${name}" is one of the tracker’s own tabs. Open the tab the MIS export was imported into, then choose Import pupil list.`,
      };
    const { tracker } = parseSnapshot(snap);
    const grid = datesAsText(normaliseGrid(source.getDataRange().getValues(), snap.timeZone), snap.timeZone);
    const preview = previewImport({ kind: 'table', name, grid }, tracker, todayIn(ss, snap.timeZone));
    const lines = describePreview(preview, { into: 'tracker' });
    if (blocking(preview))
      return {
        sheet: name,
        lines: [...lines, 'Nothing was imported: fix those rows in this tab and choose Import pupil list again.'],
        written: false,
      };
    const plan: TrackerImportPlan = planTrackerImport(workbookOf(snap), preview);
    for (const c of plan.changes) applyChange(ss, snap, c);
    const done = plan.imported === 0 && plan.updated === 0 ? ['Nothing new to import.'] : [];
    return {
      sheet: name,
      lines: [...lines, ...plan.added, ...plan.skipped.map((s) => `Not changed: ${s}`), ...done],
      written: plan.changes.length > 0,
    };
  });
}

export function pupilImportHtml(r: PupilImportReport): string {
  const parts: string[] = [];
  if (r.error) parts.push(`<p class="err">${escapeHtml(r.error)}</p>`);
  else parts.push('<ul>', ...r.lines.map((l) => `<li>${escapeHtml(l)}</li>`), '</ul>');
  return `<!doctype html><html><head><meta charset="utf-8"><style>body{font:13px/1.4 Arial,sans-serif;margin:8px;color:#202124}.err{color:#b3261e}li{margin:4px 0}</style></head><body>${parts.join('')}</body></html>`;
}

/** Menu handler. */
export function importPupilListMenu(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const report = importPupilListFrom(ss);
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(pupilImportHtml(report)).setWidth(560).setHeight(460),
    'Import pupil list',
  );
}
