// The cover planner: for one date, every rota block an absence leaves without its adult gets a proposed cover
// or an explained gap. It filters with the very rules the checks use (shared/checks/rules.ts), so what it
// proposes is never flagged as double-booked, untrained, outside working hours or over contract.
import { groupBy } from '../text';
import type { Absence, IsoDate, RotaBlock, Staff, Tracker, Weekday } from '../model';
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

/** Preference order: the pupil's key worker, then someone who already works with the pupil, then someone already
 * covering this colleague's sessions with the same pupil today (all three for the pupil's sake: fewer faces), then
 * whoever has done the least cover this week (so cover is shared out, not heaped on whoever happens to be lightly
 * rostered), then the lightest week. A SENCo is only ranked at all when nobody else fits, unless Settings say
 * otherwise. */
interface Rank {
  keyWorker: number;
  knowsPupil: number;
  continuity: number;
  coverLoad: number;
  load: number;
  id: string;
}

function compareRank(a: Rank, b: Rank): number {
  return (
    a.keyWorker - b.keyWorker ||
    a.knowsPupil - b.knowsPupil ||
    a.continuity - b.continuity ||
    a.coverLoad - b.coverLoad ||
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

/** What the planner knows and updates as it places each block: who is busy when, each person's week. */
interface PlanState {
  ctx: CheckContext;
  date: IsoDate;
  day: Weekday;
  staffList: Staff[];
  /** Rostered minutes this week plus cover taken. */
  load: Map<string, number>;
  /** Cover minutes taken this week (already on the Absence tab, and in this plan). */
  coverLoad: Map<string, number>;
  busy: Map<string, { start: number; end: number }[]>;
  /** Per cover person: `absentStaffId pupilId` pairs they cover today in this plan. */
  coveringFor: Map<string, Set<string>>;
  pupilsOf: Map<string, Set<string>>;
  awayToday: Absence[];
}

function addTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function planState(tracker: Tracker, ctx: CheckContext, date: IsoDate, day: Weekday): PlanState {
  const monday = weekStart(date);
  const week = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
  // Cover already named on the Absence tab this school week: it keeps people busy and counts against contracts.
  const existing = coverDutiesFromAbsences(tracker.absences, ctx.rotaByStaff, week);
  const state: PlanState = {
    ctx,
    date,
    day,
    staffList: [...ctx.staff.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    load: new Map(),
    coverLoad: new Map(),
    busy: new Map(),
    coveringFor: new Map(),
    pupilsOf: new Map(),
    awayToday: tracker.absences.filter((a) => absenceOn(a, date)),
  };
  for (const s of ctx.staff.values()) {
    state.load.set(s.id, rosteredMinutes(ctx.rotaByStaff.get(s.id)));
    for (const b of ctx.rotaByStaff.get(s.id) ?? []) if (b.day === day) addTo(state.busy, s.id, b);
  }
  for (const d of existing) {
    state.load.set(d.coverStaffId, (state.load.get(d.coverStaffId) ?? 0) + blockMinutes(d.block));
    state.coverLoad.set(d.coverStaffId, (state.coverLoad.get(d.coverStaffId) ?? 0) + blockMinutes(d.block));
    if (d.date === date) addTo(state.busy, d.coverStaffId, d.block);
  }
  for (const b of tracker.rota) {
    let set = state.pupilsOf.get(b.staffId);
    if (!set) state.pupilsOf.set(b.staffId, (set = new Set()));
    for (const p of b.pupilIds) set.add(p);
  }
  return state;
}

/** In school that day: the pattern says they work it, or (pattern unknown) the rota has them in. */
function worksOn(ctx: CheckContext, s: Staff, day: Weekday): boolean {
  const p = ctx.patterns.get(s.id);
  if (p?.kind === 'pattern') return p.days[day].length > 0;
  if (p?.kind === 'error') return false;
  return (ctx.rotaByStaff.get(s.id) ?? []).some((b) => b.day === day);
}

/** Each filter the planner applies, in order, so a gap can say which one nobody passed. */
export interface CoverStages {
  present: Staff[];
  trained: Staff[];
  free: Staff[];
  inHours: Staff[];
  withinContract: Staff[];
  /** Who may be proposed once the Settings' SENCo rule is applied. */
  allowed: Staff[];
}

function stagesFor(state: PlanState, need: Need): CoverStages {
  const { ctx, date, day } = state;
  const { block, absentStaffId } = need;
  const minutes = blockMinutes(block);
  const isAway = (id: string) => state.awayToday.some((a) => a.staffId === id && partTouches(a.part, block.start, block.end));
  const present = state.staffList.filter((s) => s.id !== absentStaffId && worksOn(ctx, s, day) && !isAway(s.id));
  const trained = present.filter((s) => missingTraining(ctx.trainingByStaff.get(s.id), block.needs, date).length === 0);
  const free = trained.filter((s) => !(state.busy.get(s.id) ?? []).some((b) => overlaps(b, block)));
  const inHours = free.filter((s) => {
    const p = ctx.patterns.get(s.id);
    return p?.kind !== 'pattern' || withinPattern(p.days, day, block.start, block.end);
  });
  const withinContract = inHours.filter(
    (s) => s.contractHours === undefined || (state.load.get(s.id) ?? 0) + minutes <= s.contractHours * 60,
  );
  const rule = ctx.tracker.settings.sencoCover ?? 'Last resort';
  const others = withinContract.filter((s) => s.role !== 'SENCo');
  const allowed = rule === 'Like other staff' || (rule === 'Last resort' && others.length === 0) ? withinContract : others;
  return { present, trained, free, inHours, withinContract, allowed };
}

function rankOf(state: PlanState, need: Need, s: Staff): Rank {
  const { block, absentStaffId } = need;
  return {
    keyWorker: block.pupilIds.some((p) => state.ctx.pupils.get(p)?.keyWorker === s.id) ? 0 : 1,
    knowsPupil: block.pupilIds.some((p) => state.pupilsOf.get(s.id)?.has(p)) ? 0 : 1,
    coverLoad: state.coverLoad.get(s.id) ?? 0,
    continuity: block.pupilIds.some((p) => state.coveringFor.get(s.id)?.has(`${absentStaffId} ${p}`)) ? 0 : 1,
    load: state.load.get(s.id) ?? 0,
    id: s.id,
  };
}

/** Place one block: the best-ranked allowed person takes it (and is busy then), or the gap is explained. */
function place(state: PlanState, need: Need, plan: CoverPlan): void {
  const { block, absentStaffId } = need;
  const stages = stagesFor(state, need);
  if (stages.allowed.length === 0) {
    plan.gaps.push({ block, absentStaffId, why: gapReason(state.ctx, block, state.date, stages) });
    return;
  }
  const chosen = stages.allowed.map((s) => ({ s, rank: rankOf(state, need, s) })).sort((a, b) => compareRank(a.rank, b.rank))[0]!;
  const minutes = blockMinutes(block);
  addTo(state.busy, chosen.s.id, block);
  state.load.set(chosen.s.id, chosen.rank.load + minutes);
  state.coverLoad.set(chosen.s.id, chosen.rank.coverLoad + minutes);
  let set = state.coveringFor.get(chosen.s.id);
  if (!set) state.coveringFor.set(chosen.s.id, (set = new Set()));
  for (const p of block.pupilIds) set.add(`${absentStaffId} ${p}`);
  let reason = reasonFor(state.ctx, block, absentStaffId, chosen.rank);
  // Under "Last resort" a SENCo is only ever allowed when nobody else is: say so.
  if (chosen.s.role === 'SENCo' && (state.ctx.tracker.settings.sencoCover ?? 'Last resort') === 'Last resort') {
    reason = `the SENCo, as nobody else free and trained then has hours left (${reason})`;
  }
  plan.assignments.push({ block, absentStaffId, coverStaffId: chosen.s.id, reason });
}

export function planCover(tracker: Tracker, date: IsoDate): CoverPlan {
  const plan: CoverPlan = { date, assignments: [], gaps: [] };
  const day = schoolDay(date);
  if (!day) return plan;
  const ctx = buildContext(tracker, date);
  const needs = blocksNeedingCover(ctx, date);
  if (needs.length === 0) return plan;
  const state = planState(tracker, ctx, date, day);
  for (const need of needs) place(state, need, plan);
  return plan;
}

function reasonFor(ctx: CheckContext, block: RotaBlock, absentStaffId: string, rank: Rank): string {
  const pupils = block.pupilIds.length > 0 ? pupilNames(ctx, block.pupilIds) : '';
  if (rank.keyWorker === 0) {
    const p = block.pupilIds.find((id) => ctx.pupils.get(id)?.keyWorker === rank.id);
    return `${p ? pupilNames(ctx, [p]) : pupils}'s key worker, free then`;
  }
  if (rank.knowsPupil === 0) return `already works with ${pupils} elsewhere on the rota`;
  if (rank.continuity === 0) return `already covering ${staffName(ctx, absentStaffId)}'s sessions with ${pupils} today`;
  const soFar = rank.coverLoad === 0 ? 'none so far' : `${formatDuration(rank.coverLoad)} so far`;
  return `free and trained, with the least cover this week (${soFar}; ${formatDuration(rank.load)} rostered)`;
}

/** "Kim Key, Wyn Knows and 3 others" */
function someNames(people: readonly Staff[]): string {
  const names = people.map((s) => s.name || s.id);
  return names.length <= 3 ? listInWords(names) : `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/** Why nobody fits, naming the first filter nobody passed and the people it stopped, so the reason never
 * contradicts itself ("free … but outside their hours"). */
function gapReason(ctx: CheckContext, block: RotaBlock, date: IsoDate, stages: CoverStages): string {
  const when = `${formatTime(block.start)}–${formatTime(block.end)}`;
  const trainedIn = block.needs.length > 0 ? ` trained in ${listInWords(block.needs)}` : '';
  if (stages.present.length === 0)
    return `No one else is in on ${block.day} ${formatUkDate(date)} to cover ${describeBlock(ctx, block)} ${when}`;
  if (stages.trained.length === 0)
    return `No one in on ${formatUkDate(date)} is${trainedIn} (needed for ${describeBlock(ctx, block)} ${blockWhen(block)})`;
  if (stages.free.length === 0) return `No one${trainedIn} is free ${when}`;
  if (stages.inHours.length === 0)
    return `Everyone${trainedIn} not already busy ${when} works other hours on ${block.day} (${someNames(stages.free)})`;
  if (stages.withinContract.length === 0)
    return `Everyone${trainedIn} not already busy ${when} and working then would go over their contract hours this week (${someNames(stages.inHours)})`;
  return `Only the SENCo (${someNames(stages.withinContract)}) is free${trainedIn ? ` and${trainedIn}` : ''} ${when}, and the Settings tab says the SENCo does not cover`;
}

/** The plan as cover duties, the form the rota checks judge cover in. */
export function coverDuties(plan: CoverPlan): CoverDuty[] {
  return plan.assignments.map((a) => ({ date: plan.date, block: a.block, absentStaffId: a.absentStaffId, coverStaffId: a.coverStaffId }));
}
