// "Plan cover": the core's planCover for a date, shown one proposal per rota block (who covers which window, for
// whom, and why), and the write that records the proposals the SENCo kept. The write goes through the core's
// coverPlanEdits, so one person taking a whole one-day absence fills that row's blank Cover Staff ID, and split
// cover (or a day of a longer absence) becomes new rows with a Cover from/Cover to window for that date only,
// beneath the absence they cover (cover-record.ts writes them, under the document lock, from a fresh read).
import { buildContext, describeBlock, staffName } from '../../shared/index';
import { schoolDay } from '../../shared/index';
import { nextDateNeedingCover, planCover } from '../../shared/index';
import { formatTime, formatUkDate, isIsoDate } from '../../shared/index';
import type { IsoDate, Tracker } from '../../shared/index';
import type { CoverChoice, CoverPlanView, CoverProposalView, CoverWriteResult } from './api';
import { todayIn } from './checks';
import { absenceRows, proposalId, recordCoverLocked } from './cover-record';
import { gas } from './gas';
import { withDocumentLock } from './lock';
import { parseSnapshot, readTracker } from './read';

export function coverPlanView(tracker: Tracker, date: IsoDate): CoverPlanView {
  if (!isIsoDate(date)) return { date, proposals: [], gaps: [], note: `"${date}" is not a date.` };
  if (!schoolDay(date)) return { date, proposals: [], gaps: [], note: `${formatUkDate(date)} is a weekend: there is no rota to cover.` };
  const plan = planCover(tracker, date);
  const ctx = buildContext(tracker, date);
  const rows = absenceRows(tracker, date, plan.assignments);
  const proposals: CoverProposalView[] = [];
  for (const a of plan.assignments) {
    const absence = rows.get(a);
    if (absence?.row === undefined) continue;
    proposals.push({
      id: proposalId(a),
      absenceRow: absence.row,
      absentStaffId: a.absentStaffId,
      absentName: staffName(ctx, a.absentStaffId),
      coverStaffId: a.coverStaffId,
      coverName: staffName(ctx, a.coverStaffId),
      start: formatTime(a.block.start),
      end: formatTime(a.block.end),
      what: describeBlock(ctx, a.block),
      reason: a.reason,
      absenceFrom: absence.from,
      absenceTo: absence.to || absence.from,
      part: absence.part,
    });
  }
  proposals.sort(
    (x, y) => x.start.localeCompare(y.start) || x.absentName.localeCompare(y.absentName, 'en-GB') || x.end.localeCompare(y.end),
  );
  const gaps = plan.gaps.map((g) => ({
    absentStaffId: g.absentStaffId,
    absentName: staffName(ctx, g.absentStaffId),
    block: `${formatTime(g.block.start)}–${formatTime(g.block.end)} ${describeBlock(ctx, g.block)}`,
    why: g.why,
  }));
  const view: CoverPlanView = { date, proposals, gaps };
  if (proposals.length === 0 && gaps.length === 0) view.note = `Nobody is away without cover on ${formatUkDate(date)}.`;
  return view;
}

export function planCoverFor(date: string): CoverPlanView {
  if (typeof date !== 'string') return { date: '', proposals: [], gaps: [], note: 'Choose a date to plan cover for.' };
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  return coverPlanView(parseSnapshot(readTracker(ss)).tracker, date);
}

/** google.script.run entry point for the sidebar's "Record cover". */
export function applyCover(date: string, choices: CoverChoice[]): CoverWriteResult {
  const empty: CoverWriteResult = { summary: '', recorded: 0, setRows: [], addedRows: [], addedColumns: [], skipped: [] };
  if (typeof date !== 'string' || !isIsoDate(date)) return { ...empty, summary: 'No cover was recorded: choose a date first.' };
  const given = Array.isArray(choices) ? choices : [];
  const usable = given.filter(isCoverChoice);
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  const result = withDocumentLock(() => recordCoverLocked(ss, date, usable));
  const dropped = given.length - usable.length;
  return dropped === 0
    ? result
    : {
        ...result,
        summary:
          `${result.summary} ${dropped} ticked proposal${dropped === 1 ? ' was' : 's were'} not understood and left out: plan again.`.trim(),
      };
}

/** A proposal as the sidebar sends it back; anything else (a crafted call) is left out, not half-used. */
function isCoverChoice(c: unknown): c is CoverChoice {
  if (!c || typeof c !== 'object') return false;
  const x = c as Record<string, unknown>;
  const text = (k: string) => typeof x[k] === 'string' && (x[k] as string).length > 0 && (x[k] as string).length < 200;
  return (
    text('id') &&
    text('absentStaffId') &&
    text('absentName') &&
    text('coverName') &&
    /^\d{1,2}:\d{2}$/.test(String(x.start)) &&
    /^\d{1,2}:\d{2}$/.test(String(x.end)) &&
    Number.isInteger(x.absenceRow) &&
    (x.absenceRow as number) >= 2
  );
}

/** The date the cover planner opens on: the next school day with blocks left uncovered (today when none). */
export function coverStartDate(): string {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  return nextDateNeedingCover(parseSnapshot(readTracker(ss)).tracker, todayIn(ss));
}

/** The Check sidebar's "Plan cover" button: the planner replaces the Check sidebar. */
export function openCoverPlannerFromCheck(): void {
  showCoverPlanner();
}

export function showCoverPlanner(): void {
  const { HtmlService, SpreadsheetApp } = gas();
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Cover').setTitle('Caseload cover planner'));
}
