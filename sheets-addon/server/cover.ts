// "Plan cover": the core's planCover for a date, shown per absence (the tracker names one Cover Staff ID per
// Absence row), and the write that puts the chosen person into that cell. The write re-reads the Absence tab
// under the document lock and skips any row someone changed meanwhile, then writes each run of adjacent rows
// with one setValues.
import { buildContext, describeBlock, staffName } from '../../shared/checks/context';
import { absenceOn, partTouches, schoolDay } from '../../shared/checks/rules';
import { planCover } from '../../shared/cover/index';
import { formatTime, formatUkDate, isIsoDate } from '../../shared/dates';
import type { Absence, IsoDate, Tracker } from '../../shared/model';
import { cellText } from '../../shared/schema/cells';
import type { CoverChoice, CoverOptionView, CoverPlanView, CoverWriteResult } from './api';
import { todayIn } from './checks';
import { gas } from './gas';
import { withDocumentLock } from './lock';
import { parseSnapshot, readTracker } from './read';
import { safeCell } from './text';

/** The absence row that leaves this block uncovered on the date (the AM row for a morning block, and so on). */
function absenceFor(tracker: Tracker, staffId: string, date: IsoDate, start: number, end: number): Absence | undefined {
  return tracker.absences.find((a) => a.staffId === staffId && !a.coverStaffId && absenceOn(a, date) && partTouches(a.part, start, end));
}

export function coverPlanView(tracker: Tracker, date: IsoDate): CoverPlanView {
  if (!isIsoDate(date)) return { date, options: [], gaps: [], note: `"${date}" is not a date.` };
  if (!schoolDay(date)) return { date, options: [], gaps: [], note: `${formatUkDate(date)} is a weekend: there is no rota to cover.` };
  const plan = planCover(tracker, date);
  const ctx = buildContext(tracker, date);
  const byRow = new Map<number, CoverOptionView>();
  for (const a of plan.assignments) {
    const absence = absenceFor(tracker, a.absentStaffId, date, a.block.start, a.block.end);
    if (!absence?.row) continue;
    let view = byRow.get(absence.row);
    if (!view) {
      view = {
        absenceRow: absence.row,
        absentStaffId: absence.staffId,
        absentName: staffName(ctx, absence.staffId),
        from: absence.from,
        to: absence.to || absence.from,
        part: absence.part,
        proposals: [],
      };
      byRow.set(absence.row, view);
    }
    let p = view.proposals.find((x) => x.staffId === a.coverStaffId);
    if (!p) view.proposals.push((p = { staffId: a.coverStaffId, name: staffName(ctx, a.coverStaffId), blocks: [], reasons: [], minutes: 0 }));
    p.blocks.push(`${formatTime(a.block.start)}–${formatTime(a.block.end)} ${describeBlock(ctx, a.block)}`);
    if (!p.reasons.includes(a.reason)) p.reasons.push(a.reason);
    p.minutes += a.block.end - a.block.start;
  }
  for (const v of byRow.values()) v.proposals.sort((x, y) => y.minutes - x.minutes || (x.staffId < y.staffId ? -1 : 1));
  const gaps = plan.gaps.map((g) => ({
    absentStaffId: g.absentStaffId,
    absentName: staffName(ctx, g.absentStaffId),
    block: `${formatTime(g.block.start)}–${formatTime(g.block.end)} ${describeBlock(ctx, g.block)}`,
    why: g.why,
  }));
  const view: CoverPlanView = { date, options: [...byRow.values()].sort((a, b) => a.absenceRow - b.absenceRow), gaps };
  if (view.options.length === 0 && gaps.length === 0) view.note = `Nobody is away without cover on ${formatUkDate(date)}.`;
  return view;
}

export function planCoverFor(date: string): CoverPlanView {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  return coverPlanView(parseSnapshot(readTracker(ss)).tracker, date);
}

export function applyCover(date: string, choices: CoverChoice[]): CoverWriteResult {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(() => {
    // Re-read inside the lock: the plan was made from a read that may now be stale.
    const snap = readTracker(ss);
    const { tracker } = parseSnapshot(snap);
    const layout = tracker.layout.absence;
    const result: CoverWriteResult = { written: 0, skipped: [] };
    if (!layout) return { written: 0, skipped: ['There is no Absence tab.'] };
    const coverCol = layout.columns['coverStaffId'];
    if (coverCol === undefined) return { written: 0, skipped: ['The Absence tab has no "Cover Staff ID" column: run Set up tracker first.'] };
    const sheet = snap.sheets.get(layout.name)!;
    const grid = snap.grids[layout.name] ?? [];
    const staffIds = new Set(tracker.staff.map((s) => s.id));
    const writes = new Map<number, string>();
    for (const c of choices) {
      const a = tracker.absences.find((x) => x.row === c.absenceRow);
      const cell = cellText(grid[c.absenceRow - 1]?.[coverCol]);
      if (!a || a.staffId !== c.absentStaffId || !absenceOn(a, date)) result.skipped.push(`Row ${c.absenceRow} no longer holds that absence.`);
      else if (cell !== '') result.skipped.push(`Row ${c.absenceRow} already names ${cell} as cover.`);
      else if (!staffIds.has(c.coverStaffId)) result.skipped.push(`${c.coverStaffId} is not on the Staff tab.`);
      else writes.set(c.absenceRow, c.coverStaffId);
    }
    const rows = [...writes.keys()].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
      const run = rows.slice(i, j + 1);
      sheet.getRange(run[0]!, coverCol + 1, run.length, 1).setValues(run.map((r) => [safeCell(writes.get(r)!)]));
      result.written += run.length;
      i = j + 1;
    }
    return result;
  });
}

export function todayInSheet(): string {
  return todayIn(gas().SpreadsheetApp.getActiveSpreadsheet());
}

export function showCoverPlanner(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Cover').setTitle('Caseload cover planner'));
}
