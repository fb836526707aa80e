// Recording the cover proposals the SENCo kept. What to write is decided by the core (planCover, coverPlanEdits:
// one pipeline, shared/cover/); this module only reads the sheet, writes those edits, and reports in words.
// Everything is decided again from a fresh read under the document lock: a proposal the tracker no longer
// supports (someone named cover meanwhile, the absence changed) is reported and nothing of it is written.
// Split cover goes in as new rows directly beneath the absence they belong to (after any cover rows already
// there), so the Absence tab still reads one absence at a time.
import { buildContext, staffName } from '../../shared/index';
import { absenceOn, namedCoverFor, schoolDay } from '../../shared/index';
import { claimAbsenceRows, coverPlanEdits, planCover, type AbsenceEdits, type CoverAssignment, type CoverRow } from '../../shared/index';
import { formatTime, formatUkDate, isIsoDate } from '../../shared/index';
import type { Absence, CellValue, Grid, IsoDate, RotaBlock, Tracker } from '../../shared/index';
import { cellText } from '../../shared/index';
import { groupBy } from '../../shared/index';
import { matchHeader } from '../../shared/index';
import { recordsToRows } from '../../shared/index';
import { tabSpec } from '../../shared/index';
import { planTabHeader } from '../../shared/index';
import { sessionKey } from '../../shared/index';
import type { CoverChoice, CoverWriteResult } from './api';
import type { GasSheet, GasSpreadsheet } from './gas';
import { parseSnapshot, readTracker, type TrackerSnapshot } from './read';
import { applyChange } from './setup';
import { safeCell } from './text';
import { writeImpliedOutcomes } from './session-outcomes';
import { midnightIn } from './zone';

/** Identifies a proposal across a plan and its re-plan: absent person, the rota block, the cover person. */
export function proposalId(a: CoverAssignment): string {
  const b = a.block;
  return [a.absentStaffId, b.day, b.row ?? '', formatTime(b.start), formatTime(b.end), a.coverStaffId].join('|');
}

/** The Absence row each assignment belongs to: the core's claim, the one coverPlanEdits records against. */
export function absenceRows(tracker: Tracker, date: IsoDate, assignments: readonly CoverAssignment[]): Map<CoverAssignment, Absence> {
  const out = new Map<CoverAssignment, Absence>();
  for (const claim of claimAbsenceRows(tracker, date, assignments)) for (const x of claim.mine) out.set(x, claim.absence);
  return out;
}

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

/** Sorted row numbers as runs: [2, 3, 4, 7] → [[2, 3, 4], [7]]. */
function runs(rows: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === r - 1) last.push(r);
    else out.push([r]);
  }
  return out;
}

function rowsInWords(rows: readonly number[]): string {
  return runs(rows)
    .map((run) => (run.length === 1 ? `${run[0]}` : `${run[0]}–${run[run.length - 1]}`))
    .join(', ');
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

function emptyResult(summary = ''): CoverWriteResult {
  return { summary, recorded: 0, setRows: [], addedRows: [], addedColumns: [], skipped: [] };
}

/** One write, from one fresh read: what the plan and the sheet look like now. */
interface Write {
  ss: GasSpreadsheet;
  snap: TrackerSnapshot;
  tracker: Tracker;
  date: IsoDate;
  sheetName: string;
  sheet: GasSheet;
  grid: Grid;
  result: CoverWriteResult;
}

/** The proposals of the fresh plan that match the ticked choices; the rest are reported as skipped. */
function chooseAgain(w: Write, choices: readonly CoverChoice[]): { chosen: CoverAssignment[]; all: CoverAssignment[] } {
  const plan = planCover(w.tracker, w.date);
  const byId = new Map(plan.assignments.map((a) => [proposalId(a), a]));
  const chosen: CoverAssignment[] = [];
  const coverCol = w.tracker.layout.absence?.columns['coverStaffId'];
  for (const c of choices) {
    const a = byId.get(c.id);
    if (a && !chosen.includes(a)) chosen.push(a);
    else if (!a) w.result.skipped.push(whyNotRecorded(w.tracker, w.grid, coverCol, w.date, c));
  }
  return { chosen, all: plan.assignments };
}

/** The Absence header's columns, adding Cover Staff ID / Cover from / Cover to at the right (set-up's own additive
 * header plan) when the write needs them; a reason in words when the header cannot be completed. */
function absenceColumns(w: Write, edits: AbsenceEdits): { columns: Record<string, number>; header: CellValue[] } | string {
  let header = (w.grid[0] ?? []) as CellValue[];
  let columns = matchHeader(tabSpec('absence'), header).columns;
  const needs = edits.append.length > 0 ? ['coverStaffId', 'coverFrom', 'coverTo'] : ['coverStaffId'];
  if (needs.every((k) => columns[k] !== undefined)) return { columns, header };
  const headerPlan = planTabHeader('absence', w.sheetName, w.grid);
  if (headerPlan.changes.length === 0) return headerPlan.skipped.join(' ') || `the ${w.sheetName} tab's header could not be completed.`;
  for (const c of headerPlan.changes) applyChange(w.ss, w.snap, c);
  w.result.addedColumns.push(...headerPlan.added);
  header = (w.snap.grids[w.sheetName]?.[0] ?? []) as CellValue[];
  columns = matchHeader(tabSpec('absence'), header).columns;
  return { columns, header };
}

/** Blank Cover Staff ID cells: checked blank again, then each run of adjacent rows in one setValues. */
function fillCoverCells(w: Write, edits: AbsenceEdits, coverCol: number, chosen: readonly CoverAssignment[]): Recorded[] {
  const rowOf = absenceRows(w.tracker, w.date, chosen);
  const recorded: Recorded[] = [];
  const writes = new Map<number, string>();
  for (const e of edits.setCover) {
    const cell = cellText(w.grid[e.row - 1]?.[coverCol]);
    if (cell !== '') {
      w.result.skipped.push(`Absence row ${e.row} now names ${cell} as cover, so it was left as it is.`);
      continue;
    }
    writes.set(e.row, e.coverStaffId);
    for (const x of chosen) {
      if (rowOf.get(x)?.row !== e.row || x.coverStaffId !== e.coverStaffId) continue;
      recorded.push({ absentStaffId: x.absentStaffId, coverStaffId: x.coverStaffId, start: x.block.start, end: x.block.end });
    }
  }
  const rows = [...writes.keys()].sort((a, b) => a - b);
  for (const run of runs(rows)) {
    w.sheet.getRange(run[0]!, coverCol + 1, run.length, 1).setValues(run.map((r) => [safeCell(writes.get(r)!)]));
  }
  w.result.setRows = rows;
  return recorded;
}

/** The last row of an absence's group: the row itself and the cover rows already beneath it (same person, a
 * cover window, added by an earlier "Record cover"), so a second day's cover goes after the first day's. */
function groupEnd(tracker: Tracker, row: number, staffId: string): number {
  const byRow = new Map(tracker.absences.filter((a) => a.row !== undefined).map((a) => [a.row!, a]));
  let end = row;
  for (let next = byRow.get(end + 1); next && next.staffId === staffId && next.coverFrom !== undefined; next = byRow.get(end + 1)) end++;
  return end;
}

/** New cover rows, aligned to the tab's own header, inserted beneath the absence each belongs to: one
 * insertRowsAfter and one setValues per absence, top group first, later positions moved by what went in above. */
function insertCoverRows(w: Write, edits: AbsenceEdits, layout: { columns: Record<string, number>; header: CellValue[] }): Recorded[] {
  if (edits.append.length === 0) return [];
  const { columns, header } = layout;
  const spec = tabSpec('absence');
  const dateCols = spec.fields.filter((f) => f.type.kind === 'date' && columns[f.key] !== undefined).map((f) => columns[f.key]!);
  const timeCols = spec.fields.filter((f) => f.type.kind === 'time' && columns[f.key] !== undefined).map((f) => columns[f.key]!);
  const style = dateStyleOf(w.grid, columns['from']);
  const formats = new Map<number, string>();
  if (style === 'date') for (const c of dateCols) formats.set(c, 'dd/mm/yyyy');
  for (const c of timeCols) formats.set(c, 'HH:mm');
  const toRow = (a: CoverRow) =>
    recordsToRows('absence', [a], header)[0]!.map((v, c) =>
      dateCols.includes(c) && typeof v === 'string' && isIsoDate(v) ? dateCell(v, style, w.snap.timeZone) : safeCell(v),
    );
  const groups = [...groupBy(edits.append, (a) => groupEnd(w.tracker, a.belowRow, a.staffId))].sort((a, b) => a[0] - b[0]);
  let shift = 0;
  for (const [end, rows] of groups) {
    const first = end + shift + 1;
    w.sheet.insertRowsAfter(end + shift, rows.length);
    w.sheet.getRange(first, 1, rows.length, header.length).setValues(rows.map(toRow));
    formatAdded(w.sheet, first, rows.length, formats);
    w.result.addedRows.push(...rows.map((_, i) => first + i));
    shift += rows.length;
  }
  return edits.append.map((a) => ({ absentStaffId: a.staffId, coverStaffId: a.coverStaffId!, start: a.coverFrom!, end: a.coverTo! }));
}

function outcomesInWords(o: { added: number; note?: string }): string {
  if (o.note) return o.note;
  if (o.added === 0) return '';
  return `${o.added} session${o.added === 1 ? '' : 's'} recorded on the Log as missed (staff absent with no cover, or redeployed to cover).`;
}

function whereInWords(result: CoverWriteResult): string[] {
  const where: string[] = [];
  const s = (n: number) => (n > 1 ? 's' : '');
  if (result.setRows.length)
    where.push(`Cover Staff ID filled in on Absence row${s(result.setRows.length)} ${rowsInWords(result.setRows)}.`);
  if (result.addedRows.length)
    where.push(`Added Absence row${s(result.addedRows.length)} ${rowsInWords(result.addedRows)}, beneath the absence they cover.`);
  return where;
}

/** Record the ticked proposals for `date`: call under the document lock. */
export function recordCoverLocked(ss: GasSpreadsheet, date: string, choices: readonly CoverChoice[]): CoverWriteResult {
  const snap: TrackerSnapshot = readTracker(ss);
  const { tracker } = parseSnapshot(snap);
  const layout = tracker.layout.absence;
  if (!layout) return emptyResult('No cover was recorded: there is no Absence tab. Run "Set up tracker" first.');
  if (!isIsoDate(date) || !schoolDay(date))
    return emptyResult(`No cover was recorded: ${isIsoDate(date) ? formatUkDate(date) : `"${date}"`} is not a school day.`);
  const w: Write = {
    ss,
    snap,
    tracker,
    date,
    sheetName: layout.name,
    sheet: snap.sheets.get(layout.name)!,
    grid: snap.grids[layout.name] ?? [],
    result: emptyResult(),
  };
  const { chosen, all } = chooseAgain(w, choices);
  const edits = coverPlanEdits(tracker, { date, assignments: all, gaps: [] }, chosen);
  // Blocks the plan could cover but whose proposal was left unticked are not written off as missed yet.
  const undecided = new Set(all.filter((a) => !chosen.includes(a)).map((a) => sessionKey(date, a.block)));
  let recorded: Recorded[] = [];
  if (edits.setCover.length > 0 || edits.append.length > 0) {
    const cols = absenceColumns(w, edits);
    if (typeof cols === 'string') return { ...w.result, summary: `No cover was recorded: ${cols}` };
    recorded = [...fillCoverCells(w, edits, cols.columns['coverStaffId']!, chosen), ...insertCoverRows(w, edits, cols)];
  }
  // Even with nothing to record, the sessions left uncovered are missed: the Log says so.
  const outcomes = writeImpliedOutcomes(ss, snap, tracker, edits, date, undecided);
  w.result.recorded = recorded.length;
  w.result.outcomes = outcomes.added;
  w.result.summary = [summarise(tracker, date, recorded), ...whereInWords(w.result), outcomesInWords(outcomes)].filter(Boolean).join(' ');
  return w.result;
}
