// The cover planner: for one date, every rota block an absence leaves without its adult gets a proposed cover
// or an explained gap. It filters with the very rules the checks use (shared/checks/rules.ts), so what it
// proposes is never flagged as double-booked, untrained, outside working hours or over contract.
import { groupBy } from '../text';
import type { IsoDate, RotaBlock, Staff, Tracker } from '../model';
import { addDays, formatTime, formatUkDate } from '../dates';
import { withinPattern } from '../patterns';
import { buildContext, describeBlock, pupilNames, staffName, type CheckContext } from '../checks/context';
import {
  absenceOn,
  blockMinutes,
  blocksLeftByAbsence,
  blockWhen,
  coverDutiesFromAbsences,
  namedCoverFor,
  formatDuration,
  listInWords,
  missingTraining,
  overlaps,
  partTouches,
  rosteredMinutes,
  schoolDay,
  weekStart,
  type CoverDuty,
} from '../checks/rules';

export interface CoverAssignment {
  block: RotaBlock;
  absentStaffId: string;
  coverStaffId: string;
  /** Why this person, in words, e.g. "Sam Jones's key worker". */
  reason: string;
}

export interface CoverGap {
  block: RotaBlock;
  absentStaffId: string;
  /** Why nobody fits, e.g. "No one trained in Medication is free 13:00–13:30". */
  why: string;
}

export interface CoverPlan {
  date: IsoDate;
  assignments: CoverAssignment[];
  gaps: CoverGap[];
}

interface Need {
  block: RotaBlock;
  absentStaffId: string;
}

/** Preference order: the pupil's key worker, then someone who already works with the pupil, then someone
 * already covering this absent colleague today (fewer faces for the pupils), then the lightest week. */
interface Rank {
  keyWorker: number;
  knowsPupil: number;
  continuity: number;
  load: number;
  id: string;
}

function compareRank(a: Rank, b: Rank): number {
  return (
    a.keyWorker - b.keyWorker ||
    a.knowsPupil - b.knowsPupil ||
    a.continuity - b.continuity ||
    a.load - b.load ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The blocks left without their adult on `date` by absences with no cover named. */
function blocksNeedingCover(ctx: CheckContext, date: IsoDate): Need[] {
  const seen = new Set<RotaBlock>();
  const out: Need[] = [];
  const rowsByStaff = groupBy(ctx.tracker.absences, (a) => a.staffId);
  for (const a of ctx.tracker.absences) {
    if (!absenceOn(a, date)) continue;
    for (const block of blocksLeftByAbsence(ctx.rotaByStaff.get(a.staffId), a, date)) {
      // Already covered by a row that names someone for this block (whole absence or a window).
      if (seen.has(block) || namedCoverFor(rowsByStaff.get(a.staffId) ?? [], date, block)) continue;
      seen.add(block);
      out.push({ block, absentStaffId: a.staffId });
    }
  }
  return out.sort(
    (x, y) =>
      x.block.start - y.block.start ||
      x.block.end - y.block.end ||
      (x.absentStaffId < y.absentStaffId ? -1 : x.absentStaffId > y.absentStaffId ? 1 : 0) ||
      (x.block.row ?? 0) - (y.block.row ?? 0),
  );
}

export function planCover(tracker: Tracker, date: IsoDate): CoverPlan {
  const plan: CoverPlan = { date, assignments: [], gaps: [] };
  const day = schoolDay(date);
  if (!day) return plan;
  const ctx = buildContext(tracker, date);
  const needs = blocksNeedingCover(ctx, date);
  if (needs.length === 0) return plan;

  // Cover already named on the Absence tab this school week: it keeps people busy and counts against contracts.
  const monday = weekStart(date);
  const week = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
  const existing = coverDutiesFromAbsences(tracker.absences, ctx.rotaByStaff, week);
  const load = new Map<string, number>();
  const busy = new Map<string, { start: number; end: number }[]>();
  const coveringFor = new Map<string, Set<string>>();
  const addBusy = (staffId: string, b: { start: number; end: number }) => {
    const list = busy.get(staffId);
    if (list) list.push(b);
    else busy.set(staffId, [b]);
  };
  for (const s of ctx.staff.values()) {
    load.set(s.id, rosteredMinutes(ctx.rotaByStaff.get(s.id)));
    for (const b of ctx.rotaByStaff.get(s.id) ?? []) if (b.day === day) addBusy(s.id, b);
  }
  for (const d of existing) {
    load.set(d.coverStaffId, (load.get(d.coverStaffId) ?? 0) + blockMinutes(d.block));
    if (d.date === date) addBusy(d.coverStaffId, d.block);
  }

  const awayToday = tracker.absences.filter((a) => absenceOn(a, date));
  const isAway = (staffId: string, b: RotaBlock) => awayToday.some((a) => a.staffId === staffId && partTouches(a.part, b.start, b.end));
  /** In school that day: the pattern says they work it, or (pattern unknown) the rota has them in. */
  const worksToday = (s: Staff) => {
    const p = ctx.patterns.get(s.id);
    if (p?.kind === 'pattern') return p.days[day].length > 0;
    if (p?.kind === 'error') return false;
    return (ctx.rotaByStaff.get(s.id) ?? []).some((b) => b.day === day);
  };
  const pupilsOf = new Map<string, Set<string>>();
  for (const b of tracker.rota) {
    let set = pupilsOf.get(b.staffId);
    if (!set) pupilsOf.set(b.staffId, (set = new Set()));
    for (const p of b.pupilIds) set.add(p);
  }
  const staffList = [...ctx.staff.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  for (const need of needs) {
    const { block, absentStaffId } = need;
    const minutes = blockMinutes(block);
    const present = staffList.filter((s) => s.id !== absentStaffId && worksToday(s) && !isAway(s.id, block));
    const trained = present.filter((s) => missingTraining(ctx.trainingByStaff.get(s.id), block.needs, date).length === 0);
    const free = trained.filter((s) => !(busy.get(s.id) ?? []).some((b) => overlaps(b, block)));
    const inHours = free.filter((s) => {
      const p = ctx.patterns.get(s.id);
      return p?.kind !== 'pattern' || withinPattern(p.days, day, block.start, block.end);
    });
    const withinContract = inHours.filter((s) => s.contractHours === undefined || (load.get(s.id) ?? 0) + minutes <= s.contractHours * 60);

    if (withinContract.length === 0) {
      plan.gaps.push({ block, absentStaffId, why: gapReason(ctx, block, date, { present, trained, free, inHours }) });
      continue;
    }
    const ranked = withinContract
      .map((s) => ({
        s,
        rank: {
          keyWorker: block.pupilIds.some((p) => ctx.pupils.get(p)?.keyWorker === s.id) ? 0 : 1,
          knowsPupil: block.pupilIds.some((p) => pupilsOf.get(s.id)?.has(p)) ? 0 : 1,
          continuity: coveringFor.get(s.id)?.has(absentStaffId) ? 0 : 1,
          load: load.get(s.id) ?? 0,
          id: s.id,
        },
      }))
      .sort((a, b) => compareRank(a.rank, b.rank));
    const chosen = ranked[0]!;
    addBusy(chosen.s.id, block);
    load.set(chosen.s.id, chosen.rank.load + minutes);
    let set = coveringFor.get(chosen.s.id);
    if (!set) coveringFor.set(chosen.s.id, (set = new Set()));
    set.add(absentStaffId);
    plan.assignments.push({ block, absentStaffId, coverStaffId: chosen.s.id, reason: reasonFor(ctx, block, absentStaffId, chosen.rank) });
  }
  return plan;
}

function reasonFor(ctx: CheckContext, block: RotaBlock, absentStaffId: string, rank: Rank): string {
  const pupils = block.pupilIds.length > 0 ? pupilNames(ctx, block.pupilIds) : '';
  if (rank.keyWorker === 0) {
    const p = block.pupilIds.find((id) => ctx.pupils.get(id)?.keyWorker === rank.id);
    return `${p ? pupilNames(ctx, [p]) : pupils}'s key worker, free then`;
  }
  if (rank.knowsPupil === 0) return `already works with ${pupils} elsewhere on the rota`;
  if (rank.continuity === 0) return `already covering for ${staffName(ctx, absentStaffId)} today`;
  return `free, trained and with the lightest week (${formatDuration(rank.load)} rostered)`;
}

function gapReason(
  ctx: CheckContext,
  block: RotaBlock,
  date: IsoDate,
  stages: { present: Staff[]; trained: Staff[]; free: Staff[]; inHours: Staff[] },
): string {
  const when = `${formatTime(block.start)}–${formatTime(block.end)}`;
  const trainedIn = block.needs.length > 0 ? ` trained in ${listInWords(block.needs)}` : '';
  if (stages.present.length === 0)
    return `No one else is in on ${block.day} ${formatUkDate(date)} to cover ${describeBlock(ctx, block)} ${when}`;
  if (stages.trained.length === 0)
    return `No one in on ${formatUkDate(date)} is${trainedIn} (needed for ${describeBlock(ctx, block)} ${blockWhen(block)})`;
  if (stages.free.length === 0) return `No one${trainedIn} is free ${when}`;
  if (stages.inHours.length === 0) return `Everyone${trainedIn} who is free ${when} is outside their working hours then`;
  return `Everyone${trainedIn} who is free ${when} in their working hours is already at their contract hours this week`;
}

/** The plan as cover duties, the form the rota checks judge cover in. */
export function coverDuties(plan: CoverPlan): CoverDuty[] {
  return plan.assignments.map((a) => ({ date: plan.date, block: a.block, absentStaffId: a.absentStaffId, coverStaffId: a.coverStaffId }));
}
