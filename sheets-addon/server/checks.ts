// "Check tracker": read every tracker tab once, parse, run the core's checks as of today in the spreadsheet's
// time zone, and hand the sidebar plain JSON. The sidebar asks again for "Re-check"; clicking a finding calls
// selectCell with the finding's A1 cell.
import { checkTitle, checkWorkbook, parseRange, pupilName, trackerToday, type Finding, type Tracker } from '../../shared/index';
import type { CheckResult, FindingView } from './api';
import { gas, type GasSpreadsheet } from './gas';
import { readTracker } from './read';

/** Today as `YYYY-MM-DD` where the spreadsheet is, not where Google's servers are. */
export function todayIn(ss: GasSpreadsheet, timeZone: string = ss.getSpreadsheetTimeZone()): string {
  return trackerToday(Date.now(), timeZone);
}

function withNames(findings: readonly Finding[], tracker: Tracker): FindingView[] {
  const pupils = new Map(tracker.pupils.map((p) => [p.id, pupilName(p)]));
  const staff = new Map(tracker.staff.map((s) => [s.id, s.name]));
  return findings.map((f) => {
    const v: FindingView = { ...f, title: checkTitle(f.code) };
    const p = f.pupilId === undefined ? undefined : pupils.get(f.pupilId);
    const s = f.staffId === undefined ? undefined : staff.get(f.staffId);
    if (p) v.pupilName = p;
    if (s) v.staffName = s;
    return v;
  });
}

export function checkSpreadsheet(ss: GasSpreadsheet, today?: string): CheckResult {
  // The time zone once, for both the read and "today".
  const snap = readTracker(ss);
  today ??= todayIn(ss, snap.timeZone);
  const checked = checkWorkbook(snap.grids, today, { metadata: snap.metadata, merges: snap.merges });
  let rowsRead = 0;
  for (const g of Object.values(snap.grids)) rowsRead += Math.max(0, g.length - 1);
  return {
    findings: withNames(checked.findings, checked.tracker),
    summary: checked.summary,
    today,
    tabs: checked.tabs.map((k) => checked.tracker.layout[k]?.name ?? k),
    rowsRead,
  };
}

/** google.script.run entry point. */
export function checkTracker(): CheckResult {
  return checkSpreadsheet(gas().SpreadsheetApp.getActiveSpreadsheet());
}

/** Make a finding's cell the active cell, switching tab if needed. */
export function selectCell(a1: string): void {
  // Called from the sidebar through google.script.run, so anything can arrive: answer in words, never a TypeError.
  if (typeof a1 !== 'string' || a1.trim() === '' || a1.length > 300) throw new Error('Choose a finding in the list to go to its cell.');
  const p = parseRange(a1);
  if (p.sheet === undefined || p.startRow === undefined) throw new Error(`"${a1}" is not a cell reference with a tab name.`);
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(p.sheet);
  if (!sheet) throw new Error(`There is no tab called "${p.sheet}" any more.`);
  sheet.activate();
  ss.getRange(a1).activate();
}

export function showCheckSidebar(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Caseload checks'));
}
