// "Plan cover": the core's planCover for a date, shown one proposal per rota block (who covers which window, for
// whom, and why), and the write that records the proposals the SENCo kept. The write goes through the core's
// coverPlanEdits, so one person taking a whole one-day absence fills that row's blank Cover Staff ID, and split
// cover (or a day of a longer absence) becomes new rows with a Cover from/Cover to window for that date only.
// Everything is decided again from a fresh read under the document lock: a proposal the tracker no longer
// supports (someone named cover meanwhile, the absence changed) is reported and nothing of it is written.
import { buildContext, describeBlock, staffName } from '../../shared/index';
import { absenceOn, namedCoverFor, schoolDay } from '../../shared/index';
import {
  claimAbsenceRows,
  coverPlanEdits,
  nextDateNeedingCover,
  planCover,
  type AbsenceEdits,
  type CoverAssignment,
} from '../../shared/index';
import { formatTime, formatUkDate, isIsoDate } from '../../shared/index';
import type { Absence, CellValue, Grid, IsoDate, RotaBlock, Tracker } from '../../shared/index';
import { cellText } from '../../shared/index';
import { groupBy } from '../../shared/index';
import { matchHeader } from '../../shared/index';
import { recordsToRows } from '../../shared/index';
import { tabSpec } from '../../shared/index';
import { planTabHeader } from '../../shared/index';
import type { CoverChoice, CoverPlanView, CoverProposalView, CoverWriteResult } from './api';
import { todayIn } from './checks';
import { gas, type GasSheet } from './gas';
import { withDocumentLock } from './lock';
import { parseSnapshot, readTracker, type TrackerSnapshot } from './read';
import { applyChange, ensureSize, lastUsedRow } from './setup';
import { safeCell } from './text';
import { writeImpliedOutcomes } from './session-outcomes';
import { sessionKey } from '../../shared/index';
import { midnightIn } from './zone';

/** Identifies a proposal across a plan and its re-plan: absent person, the rota block, the cover person. */
function proposalId(a: CoverAssignment): string {
  const b = a.block;
  return [a.absentStaffId, b.day, b.row ?? '', formatTime(b.start), formatTime(b.end), a.coverStaffId].join('|');
}

/** The Absence row each assignment belongs to: the core's claim, the one coverPlanEdits records against. */
function absenceRows(tracker: Tracker, date: IsoDate, assignments: readonly CoverAssignment[]): Map<CoverAssignment, Absence> {
  const out = new Map<CoverAssignment, Absence>();
  for (const claim of claimAbsenceRows(tracker, date, assignments)) for (const x of claim.mine) out.set(x, claim.absence);
  return out;
}

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

// ---- Recording ----

/** How the tab already holds dates, so added rows read the same: real date cells (what set-up validates and
 * formats), or text in ISO or UK form where a person has kept the column as text. */
type DateStyle = 'date' | 'iso' | 'uk';

function dateStyleOf(grid: Grid, col: number | undefined): DateStyle {
  if (col === undefined) return 'date';
  for (let r = grid.length - 1; r >= 1; r--) {
    const v = grid[r]?.[col];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string') return 'date';
    if (/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return 'iso';
    if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v.trim())) return 'uk';
    return 'date';
  }
  return 'date';
}

function dateCell(iso: string, style: DateStyle, timeZone: string): CellValue {
  if (style === 'iso') return iso;
  if (style === 'uk') return formatUkDate(iso);
  return midnightIn(iso, timeZone);
}

/** Each run of adjacent columns of one number format, over the rows just added. */
function formatAdded(sheet: GasSheet, firstRow: number, numRows: number, formats: Map<number, string>): void {
  const cols = [...formats.keys()].sort((a, b) => a - b);
  for (let i = 0; i < cols.length; ) {
    let j = i;
    while (j + 1 < cols.length && cols[j + 1] === cols[j]! + 1 && formats.get(cols[j + 1]!) === formats.get(cols[i]!)) j++;
    sheet.getRange(firstRow, cols[i]! + 1, numRows, j - i + 1).setNumberFormat(formats.get(cols[i]!)!);
    i = j + 1;
  }
}

function rowsInWords(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(i === j ? `${rows[i]}` : `${rows[i]}–${rows[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

interface Recorded {
  absentStaffId: string;
  coverStaffId: string;
  start: number;
  end: number;
}

/** "Cover recorded: Ben Bell 09:00–10:00, Cara Cole 10:00–11:00 for Amy Moss on 24/11/2026." Back-to-back blocks
 * taken by the same person read as one window. */
function summarise(tracker: Tracker, date: IsoDate, recorded: readonly Recorded[]): string {
  if (recorded.length === 0) return 'No cover was recorded.';
  const ctx = buildContext(tracker, date);
  const byAbsent = groupBy(recorded, (r) => r.absentStaffId);
  const groups: string[] = [];
  for (const [absent, list] of [...byAbsent].sort((a, b) => staffName(ctx, a[0]).localeCompare(staffName(ctx, b[0]), 'en-GB'))) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const windows: Recorded[] = [];
    for (const r of list) {
      const last = windows[windows.length - 1];
      if (last && last.coverStaffId === r.coverStaffId && last.end === r.start) last.end = r.end;
      else windows.push({ ...r });
    }
    groups.push(
      `${windows.map((w) => `${staffName(ctx, w.coverStaffId)} ${formatTime(w.start)}–${formatTime(w.end)}`).join(', ')} for ${staffName(ctx, absent)}`,
    );
  }
  return `Cover recorded: ${groups.join('; ')} on ${formatUkDate(date)}.`;
}

/** Why a ticked proposal is no longer in the fresh plan, in words. */
function whyNotRecorded(tracker: Tracker, grid: Grid, coverCol: number | undefined, date: IsoDate, c: CoverChoice): string {
  const what = `${c.coverName} ${c.start}–${c.end} for ${c.absentName}`;
  const row = tracker.absences.find((a) => a.row === c.absenceRow);
  const cell = coverCol === undefined ? '' : cellText(grid[c.absenceRow - 1]?.[coverCol]);
  if (!row || row.staffId !== c.absentStaffId || !absenceOn(row, date)) {
    return `Not recorded: ${what}. Absence row ${c.absenceRow} no longer holds that absence.`;
  }
  if (cell !== '') return `Not recorded: ${what}. Absence row ${c.absenceRow} now names ${cell} as cover, so it was left as it is.`;
  const day = schoolDay(date);
  const block: RotaBlock | undefined = tracker.rota.find(
    (b) => b.staffId === c.absentStaffId && b.day === day && formatTime(b.start) === c.start && formatTime(b.end) === c.end,
  );
  const named =
    block &&
    namedCoverFor(
      tracker.absences.filter((a) => a.staffId === c.absentStaffId),
      date,
      block,
    );
  if (named?.coverStaffId) {
    const name = tracker.staff.find((s) => s.id === named.coverStaffId)?.name ?? named.coverStaffId;
    return `Not recorded: ${what}. ${name} is already named for it on Absence row ${named.row ?? '?'}.`;
  }
  return `Not recorded: ${what}. The tracker has changed since the plan was made: plan again.`;
}

/** Record the ticked proposals for `date`. Re-reads and re-plans under the document lock; writes one setValues per
 * run of adjacent Cover Staff ID cells and one setValues for all added rows. */
export function recordCover(date: string, choices: readonly CoverChoice[]): CoverWriteResult {
  const ss = gas().SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(() => {
    const result: CoverWriteResult = { summary: '', recorded: 0, setRows: [], addedRows: [], addedColumns: [], skipped: [] };
    const snap: TrackerSnapshot = readTracker(ss);
    const { tracker } = parseSnapshot(snap);
    const layout = tracker.layout.absence;
    if (!layout) return { ...result, summary: 'No cover was recorded: there is no Absence tab. Run "Set up tracker" first.' };
    if (!isIsoDate(date) || !schoolDay(date))
      return { ...result, summary: `No cover was recorded: ${isIsoDate(date) ? formatUkDate(date) : `"${date}"`} is not a school day.` };
    const sheetName = layout.name;
    const sheet = snap.sheets.get(sheetName)!;
    const grid = snap.grids[sheetName] ?? [];

    // The plan again, from what the tracker holds now; only proposals it still makes are recorded.
    const plan = planCover(tracker, date);
    const byId = new Map(plan.assignments.map((a) => [proposalId(a), a]));
    const chosen: CoverAssignment[] = [];
    for (const c of choices) {
      const a = byId.get(c.id);
      if (a && !chosen.includes(a)) chosen.push(a);
      else if (!a) result.skipped.push(whyNotRecorded(tracker, grid, layout.columns['coverStaffId'], date, c));
    }
    const edits: AbsenceEdits = coverPlanEdits(tracker, plan, chosen);
    const undecided = new Set(plan.assignments.filter((a) => !chosen.includes(a)).map((a) => sessionKey(date, a.block)));
    if (edits.setCover.length === 0 && edits.append.length === 0) {
      // Nothing to record, but the sessions left uncovered are still missed: the Log says so.
      const outcomes = writeImpliedOutcomes(ss, snap, tracker, edits, date, undecided);
      return {
        ...result,
        outcomes: outcomes.added,
        summary: [summarise(tracker, date, []), outcomesInWords(outcomes)].filter(Boolean).join(' '),
      };
    }

    // The columns the write needs: set-up's own additive header plan for this tab (new columns at the right).
    let header = (grid[0] ?? []) as CellValue[];
    let columns = matchHeader(tabSpec('absence'), header).columns;
    const needs = edits.append.length > 0 ? ['coverStaffId', 'coverFrom', 'coverTo'] : ['coverStaffId'];
    if (needs.some((k) => columns[k] === undefined)) {
      const headerPlan = planTabHeader('absence', sheetName, grid);
      if (headerPlan.changes.length === 0) {
        return {
          ...result,
          summary: `No cover was recorded: ${headerPlan.skipped.join(' ') || `the ${sheetName} tab's header could not be completed.`}`,
        };
      }
      for (const c of headerPlan.changes) applyChange(ss, snap, c);
      result.addedColumns.push(...headerPlan.added);
      header = (snap.grids[sheetName]?.[0] ?? []) as CellValue[];
      columns = matchHeader(tabSpec('absence'), header).columns;
    }
    const coverCol = columns['coverStaffId']!;

    const rowOf = absenceRows(tracker, date, chosen);
    const recorded: Recorded[] = [];
    const assignmentsOfRow = (row: number, coverStaffId: string) =>
      chosen.filter((x) => rowOf.get(x)?.row === row && x.coverStaffId === coverStaffId);

    // Blank Cover Staff ID cells: checked blank again, then each run of adjacent rows in one setValues.
    const writes = new Map<number, string>();
    for (const e of edits.setCover) {
      const cell = cellText(grid[e.row - 1]?.[coverCol]);
      if (cell !== '') {
        result.skipped.push(`Absence row ${e.row} now names ${cell} as cover, so it was left as it is.`);
        continue;
      }
      writes.set(e.row, e.coverStaffId);
      for (const x of assignmentsOfRow(e.row, e.coverStaffId)) {
        recorded.push({ absentStaffId: x.absentStaffId, coverStaffId: x.coverStaffId, start: x.block.start, end: x.block.end });
      }
    }
    const rows = [...writes.keys()].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
      const run = rows.slice(i, j + 1);
      sheet.getRange(run[0]!, coverCol + 1, run.length, 1).setValues(run.map((r) => [safeCell(writes.get(r)!)]));
      i = j + 1;
    }
    result.setRows = rows;

    // New rows, aligned to the tab's own header, in one setValues.
    if (edits.append.length > 0) {
      const spec = tabSpec('absence');
      const dateCols = spec.fields.filter((f) => f.type.kind === 'date' && columns[f.key] !== undefined).map((f) => columns[f.key]!);
      const timeCols = spec.fields.filter((f) => f.type.kind === 'time' && columns[f.key] !== undefined).map((f) => columns[f.key]!);
      const style = dateStyleOf(grid, columns['from']);
      const values = recordsToRows('absence', edits.append, header).map((row) =>
        row.map((v, c) =>
          dateCols.includes(c) && typeof v === 'string' && isIsoDate(v) ? dateCell(v, style, snap.timeZone) : safeCell(v),
        ),
      );
      const first = lastUsedRow(snap.grids[sheetName]) + 1;
      const width = header.length;
      ensureSize(sheet, first + values.length - 1, width);
      sheet.getRange(first, 1, values.length, width).setValues(values);
      const formats = new Map<number, string>();
      if (style === 'date') for (const c of dateCols) formats.set(c, 'dd/mm/yyyy');
      for (const c of timeCols) formats.set(c, 'HH:mm');
      formatAdded(sheet, first, values.length, formats);
      result.addedRows = values.map((_, i) => first + i);
      for (const a of edits.append) {
        if (a.coverStaffId && a.coverFrom !== undefined && a.coverTo !== undefined) {
          recorded.push({ absentStaffId: a.staffId, coverStaffId: a.coverStaffId, start: a.coverFrom, end: a.coverTo });
        }
      }
    }

    result.recorded = recorded.length;
    const outcomes = writeImpliedOutcomes(ss, snap, tracker, edits, date, undecided);
    result.outcomes = outcomes.added;
    const where: string[] = [];
    if (result.setRows.length)
      where.push(`Cover Staff ID filled in on Absence row${result.setRows.length > 1 ? 's' : ''} ${rowsInWords(result.setRows)}.`);
    if (result.addedRows.length) where.push(`Added Absence row${result.addedRows.length > 1 ? 's' : ''} ${rowsInWords(result.addedRows)}.`);
    result.summary = [summarise(tracker, date, recorded), ...where, outcomesInWords(outcomes)].filter(Boolean).join(' ');
    return result;
  });
}

function outcomesInWords(o: { added: number; note?: string }): string {
  if (o.note) return o.note;
  if (o.added === 0) return '';
  return `${o.added} session${o.added === 1 ? '' : 's'} recorded on the Log as missed (staff absent with no cover, or redeployed to cover).`;
}

/** google.script.run entry point for the sidebar's "Record cover". */
export function applyCover(date: string, choices: CoverChoice[]): CoverWriteResult {
  const empty: CoverWriteResult = { summary: '', recorded: 0, setRows: [], addedRows: [], addedColumns: [], skipped: [] };
  if (typeof date !== 'string' || !isIsoDate(date)) return { ...empty, summary: 'No cover was recorded: choose a date first.' };
  const given = Array.isArray(choices) ? choices : [];
  const usable = given.filter(isCoverChoice);
  const result = recordCover(date, usable);
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
