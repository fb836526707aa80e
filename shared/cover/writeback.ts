// Writing a cover plan back to the Absence tab. One Absence row holds one Cover Staff ID, so:
//  - where one person takes every block a one-day absence row leaves, that row's Cover Staff ID is set;
//  - otherwise (split cover, or an absence spanning several days) a new row is added per assignment for that
//    date, with Cover from/Cover to naming the block it covers, placed directly beneath the absence it belongs
//    to (belowRow) so a reader sees one absence and its cover together, not scattered to the foot of the tab.
//    Existing cells are never overwritten.
import { groupBy } from '../text';
import type { Absence, IsoDate, RotaBlock, Tracker } from '../model';
import { absenceOn, blocksLeftByAbsence, namedCoverFor } from '../checks/rules';
import type { CoverAssignment, CoverPlan } from './plan';

export interface AbsenceEdits {
  /** Existing Absence rows (1-based sheet row) whose blank Cover Staff ID gets this value. */
  setCover: { row: number; coverStaffId: string }[];
  /** Rows to add to the Absence tab, each beneath the absence row it covers (in order). */
  append: CoverRow[];
}

/** A cover row to add, and the existing Absence row (1-based) it belongs beneath. */
export type CoverRow = Absence & { belowRow: number };

/** One Absence row on `date` and the assignments recorded against it. */
export interface AbsenceClaim {
  absence: Absence & { row: number };
  /** The blocks this row leaves without anyone named on `date`. */
  open: RotaBlock[];
  /** The assignments recorded against this row. */
  mine: CoverAssignment[];
}

/** Which Absence row each assignment is recorded against: the first row of the absent person, on the date and
 * without cover, whose open blocks include the assignment's block, in tab order. Writers (coverPlanEdits, the
 * add-on's cover sidebar) all claim rows this way, so a proposal and its record always agree. */
export function claimAbsenceRows(tracker: Tracker, date: IsoDate, assignments: readonly CoverAssignment[]): AbsenceClaim[] {
  const rotaByStaff = groupBy(tracker.rota, (b) => b.staffId);
  const absencesByStaff = groupBy(tracker.absences, (a) => a.staffId);
  const handled = new Set<CoverAssignment>();
  const claims: AbsenceClaim[] = [];
  for (const a of tracker.absences) {
    if (a.coverStaffId || a.row === undefined || !absenceOn(a, date)) continue;
    const rowsOfStaff = absencesByStaff.get(a.staffId) ?? [];
    const open = blocksLeftByAbsence(rotaByStaff.get(a.staffId), a, date).filter((b) => !namedCoverFor(rowsOfStaff, date, b));
    const mine = assignments.filter((x) => x.absentStaffId === a.staffId && open.includes(x.block) && !handled.has(x));
    if (mine.length === 0) continue;
    for (const x of mine) handled.add(x);
    claims.push({ absence: a as Absence & { row: number }, open, mine });
  }
  return claims;
}

/** The edits that record `chosen` (by default every assignment of the plan) on the Absence tab. */
export function coverPlanEdits(tracker: Tracker, plan: CoverPlan, chosen: readonly CoverAssignment[] = plan.assignments): AbsenceEdits {
  const edits: AbsenceEdits = { setCover: [], append: [] };
  for (const { absence: a, open, mine } of claimAbsenceRows(tracker, plan.date, chosen)) {
    const people = new Set(mine.map((x) => x.coverStaffId));
    const oneDay = a.from === plan.date && a.to === plan.date;
    if (oneDay && people.size === 1 && mine.length === open.length) {
      edits.setCover.push({ row: a.row, coverStaffId: mine[0]!.coverStaffId });
    } else {
      for (const x of mine) {
        edits.append.push({
          staffId: a.staffId,
          from: plan.date,
          to: plan.date,
          part: a.part,
          reason: 'Cover planned',
          coverStaffId: x.coverStaffId,
          coverFrom: x.block.start,
          coverTo: x.block.end,
          belowRow: a.row,
        });
      }
    }
  }
  return edits;
}

/** The tracker as it will read once the edits are written (used to show the result before writing). */
export function applyAbsenceEdits(tracker: Tracker, edits: AbsenceEdits): Tracker {
  const byRow = new Map(edits.setCover.map((e) => [e.row, e.coverStaffId]));
  const absences = tracker.absences.map((a) => (a.row !== undefined && byRow.has(a.row) ? { ...a, coverStaffId: byRow.get(a.row)! } : a));
  const added = edits.append.map(({ belowRow: _, ...a }) => a);
  return { ...tracker, absences: [...absences, ...added] };
}
