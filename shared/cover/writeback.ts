// Writing a cover plan back to the Absence tab. One Absence row holds one Cover Staff ID, so:
//  - where one person takes every block a one-day absence row leaves, that row's Cover Staff ID is set;
//  - otherwise (split cover, or an absence spanning several days) a new row is added per assignment for that
//    date, with Cover from/Cover to naming the block it covers. Existing cells are never overwritten.
import type { Absence, Tracker } from '../model';
import { absenceOn, blocksLeftByAbsence, namedCoverFor } from '../checks/rules';
import type { CoverAssignment, CoverPlan } from './plan';

export interface AbsenceEdits {
  /** Existing Absence rows (1-based sheet row) whose blank Cover Staff ID gets this value. */
  setCover: { row: number; coverStaffId: string }[];
  /** Rows to append to the Absence tab. */
  append: Absence[];
}

/** The edits that record `chosen` (by default every assignment of the plan) on the Absence tab. */
export function coverPlanEdits(tracker: Tracker, plan: CoverPlan, chosen: readonly CoverAssignment[] = plan.assignments): AbsenceEdits {
  const edits: AbsenceEdits = { setCover: [], append: [] };
  const rotaByStaff = new Map<string, typeof tracker.rota>();
  for (const b of tracker.rota) rotaByStaff.set(b.staffId, [...(rotaByStaff.get(b.staffId) ?? []), b]);
  const handled = new Set<CoverAssignment>();

  for (const a of tracker.absences) {
    if (a.coverStaffId || a.row === undefined || !absenceOn(a, plan.date)) continue;
    const rowsOfStaff = tracker.absences.filter((x) => x.staffId === a.staffId);
    const open = blocksLeftByAbsence(rotaByStaff.get(a.staffId), a, plan.date).filter((b) => !namedCoverFor(rowsOfStaff, plan.date, b));
    const mine = chosen.filter((x) => x.absentStaffId === a.staffId && open.includes(x.block) && !handled.has(x));
    if (mine.length === 0) continue;
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
        });
      }
    }
    for (const x of mine) handled.add(x);
  }
  return edits;
}

/** The tracker as it will read once the edits are written (used to show the result before writing). */
export function applyAbsenceEdits(tracker: Tracker, edits: AbsenceEdits): Tracker {
  const byRow = new Map(edits.setCover.map((e) => [e.row, e.coverStaffId]));
  const absences = tracker.absences.map((a) => (a.row !== undefined && byRow.has(a.row) ? { ...a, coverStaffId: byRow.get(a.row)! } : a));
  return { ...tracker, absences: [...absences, ...edits.append] };
}
