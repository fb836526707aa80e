// Rota checks: the weekly timetable of who is where, plus the cover the Absence tab names for the coming week.
import { groupBy } from '../text';
import { hasEhcp, type Finding, type RotaBlock, type Weekday } from '../model';
import { formatTime, formatUkDate } from '../dates';
import { withinPattern } from '../patterns';
import { at, describeBlock, pupilNameOf, staffName, type CheckContext } from './context';
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
  nextOccurrence,
  overlaps,
  partTouches,
  rosteredMinutes,
  schoolDaysFrom,
  weekStart,
  type CoverDuty,
} from './rules';

/** The Working Time Regulations give a 20-minute rest break to anyone working more than 6 hours. */
const MAX_CONTINUOUS_WORK = 6 * 60;
const MIN_REST = 20;

function byDay(blocks: readonly RotaBlock[]): Map<Weekday, RotaBlock[]> {
  const m = new Map<Weekday, RotaBlock[]>();
  for (const b of blocks) {
    const list = m.get(b.day);
    if (list) list.push(b);
    else m.set(b.day, [b]);
  }
  return m;
}

function doubleBooked(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [staffId, blocks] of ctx.rotaByStaff) {
    for (const dayBlocks of byDay(blocks).values()) {
      // Blocks are sorted by start; each one is compared with the furthest-reaching block before it.
      let reach: RotaBlock | undefined;
      for (const b of dayBlocks) {
        if (reach && b.start < reach.end && b.end > b.start) {
          out.push(
            at(ctx, 'rota', 'start', b.row, {
              severity: 'error',
              code: 'ROTA_DOUBLE_BOOKED',
              message: `${staffName(ctx, staffId)} is in two places at once: ${describeBlock(ctx, b)} on ${blockWhen(b)} overlaps ${describeBlock(ctx, reach)} on ${blockWhen(reach)}${reach.row !== undefined ? ` (row ${reach.row})` : ''}.`,
              staffId,
              ...(b.pupilIds[0] ? { pupilId: b.pupilIds[0] } : {}),
            }),
          );
        }
        if (!reach || b.end > reach.end) reach = b;
      }
    }
  }
  return out;
}

function overContract(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.staff.values()) {
    if (s.contractHours === undefined) continue;
    const minutes = rosteredMinutes(ctx.rotaByStaff.get(s.id));
    if (minutes <= s.contractHours * 60) continue;
    out.push(
      at(ctx, 'staff', 'contractHours', s.row, {
        severity: 'warning',
        code: 'ROTA_OVER_CONTRACT',
        message: `${s.name || s.id} is rostered for ${formatDuration(minutes)} a week (not counting breaks) but is contracted for ${formatDuration(s.contractHours * 60)}: ${formatDuration(minutes - s.contractHours * 60)} over.`,
        staffId: s.id,
      }),
    );
  }
  return out;
}

function outsidePattern(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [staffId, blocks] of ctx.rotaByStaff) {
    const pattern = ctx.patterns.get(staffId);
    if (!pattern || pattern.kind === 'unknown') continue;
    if (pattern.kind === 'error') {
      // The rota cannot be checked against hours we cannot read: say so once, at the pattern.
      const s = ctx.staff.get(staffId);
      out.push(
        at(ctx, 'staff', 'pattern', s?.row, {
          severity: 'info',
          code: 'ROTA_OUTSIDE_PATTERN',
          message: `${staffName(ctx, staffId)}'s rota was not checked against their working hours: ${pattern.message}.`,
          staffId,
        }),
      );
      continue;
    }
    for (const b of blocks) {
      if (withinPattern(pattern.days, b.day, b.start, b.end)) continue;
      const hours = pattern.days[b.day];
      const working =
        hours.length === 0
          ? `does not work on ${b.day}`
          : `works ${hours.map((r) => `${formatTime(r.start)}–${formatTime(r.end)}`).join(' and ')} on ${b.day}`;
      out.push(
        at(ctx, 'rota', 'start', b.row, {
          severity: 'warning',
          code: 'ROTA_OUTSIDE_PATTERN',
          message: `${staffName(ctx, staffId)}'s ${describeBlock(ctx, b)} on ${blockWhen(b)} is outside their working pattern (${staffName(ctx, staffId)} ${working}).`,
          staffId,
          ...(b.pupilIds[0] ? { pupilId: b.pupilIds[0] } : {}),
        }),
      );
    }
  }
  return out;
}

function untrained(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const b of ctx.tracker.rota) {
    if (b.needs.length === 0) continue;
    const date = nextOccurrence(b.day, ctx.today);
    const missing = missingTraining(ctx.trainingByStaff.get(b.staffId), b.needs, date);
    if (missing.length === 0) continue;
    out.push(
      at(ctx, 'rota', 'needs', b.row, {
        severity: 'error',
        code: 'ROTA_UNTRAINED',
        message: `${staffName(ctx, b.staffId)}'s ${describeBlock(ctx, b)} on ${blockWhen(b)} needs ${listInWords(missing)} training, which ${staffName(ctx, b.staffId)} does not hold in date on ${formatUkDate(date)}.`,
        staffId: b.staffId,
        ...(b.pupilIds[0] ? { pupilId: b.pupilIds[0] } : {}),
      }),
    );
  }
  return out;
}

/** Funded 1:1 hours (EHCP Section F) are met only by 1:1 blocks naming that one pupil: a "1:1" listing two pupils
 * is really a group, so it does not count towards either. */
function ehcpHoursShort(ctx: CheckContext): Finding[] {
  const oneToOne = new Map<string, number>();
  for (const b of ctx.tracker.rota) {
    if (b.activity !== '1:1' || b.pupilIds.length !== 1) continue;
    const id = b.pupilIds[0]!;
    oneToOne.set(id, (oneToOne.get(id) ?? 0) + blockMinutes(b));
  }
  const out: Finding[] = [];
  for (const p of ctx.pupils.values()) {
    if (!hasEhcp(p) || !p.fundedHours) continue;
    const funded = Math.round(p.fundedHours * 60);
    const rostered = oneToOne.get(p.id) ?? 0;
    if (rostered >= funded) continue;
    out.push(
      at(ctx, 'pupils', 'fundedHours', p.row, {
        severity: 'error',
        code: 'ROTA_EHCP_HOURS_SHORT',
        message: `${pupilNameOf(ctx, p.id)} has ${formatDuration(rostered)} of 1:1 support on the rota each week, but the EHCP funds ${formatDuration(funded)}: ${formatDuration(funded - rostered)} short.`,
        pupilId: p.id,
      }),
    );
  }
  return out;
}

/** For today and the rest of the coming week: a pupil's 1:1 whose adult is absent with nobody named to cover,
 * or whose named cover is absent too. */
function pupilUnsupervised(ctx: CheckContext): Finding[] {
  const dates = schoolDaysFrom(ctx.today);
  const absencesByStaff = groupBy(ctx.tracker.absences, (a) => a.staffId);
  const awayAt = (staffId: string, date: string, b: RotaBlock) =>
    (absencesByStaff.get(staffId) ?? []).some((x) => absenceOn(x, date) && partTouches(x.part, b.start, b.end));

  const out: Finding[] = [];
  const reported = new Set<string>();
  for (const a of ctx.tracker.absences) {
    const rowsOfStaff = absencesByStaff.get(a.staffId) ?? [];
    for (const date of dates) {
      for (const b of blocksLeftByAbsence(ctx.rotaByStaff.get(a.staffId), a, date)) {
        if (b.activity !== '1:1') continue;
        // Cover may be named on this row or on another row of the same absence (split cover with windows).
        const cover = namedCoverFor(rowsOfStaff, date, b);
        const coverAway = cover?.coverStaffId ? awayAt(cover.coverStaffId, date, b) : false;
        if (cover && !coverAway) continue;
        const key = `${date}\u0000${a.staffId}\u0000${b.start}\u0000${b.row ?? ''}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const where = cover ?? a;
        for (const pupilId of b.pupilIds) {
          const why = cover?.coverStaffId
            ? `${staffName(ctx, a.staffId)} is absent (${a.part}) and the named cover, ${staffName(ctx, cover.coverStaffId)}, is absent too`
            : `${staffName(ctx, a.staffId)} is absent (${a.part}) and no cover is named`;
          out.push(
            at(ctx, 'absence', 'coverStaffId', where.row, {
              severity: 'error',
              code: 'ROTA_PUPIL_UNSUPERVISED',
              message: `${pupilNameOf(ctx, pupilId)}'s 1:1 on ${b.day} ${formatUkDate(date)} ${formatTime(b.start)}–${formatTime(b.end)} has no adult: ${why}.`,
              pupilId,
              staffId: a.staffId,
            }),
          );
        }
      }
    }
  }
  return out;
}

/** Rule: Break blocks are not work. Work runs on across pauses shorter than 20 minutes (a 10-minute changeover
 * between lessons is not a rest); a pause of 20 minutes or more — a Break block, unrostered time, or both
 * together — ends the run. A run longer than 6 hours from its first start to its last end is flagged once, at
 * the block that starts it. */
function noBreak(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [staffId, blocks] of ctx.rotaByStaff) {
    for (const [day, dayBlocks] of byDay(blocks)) {
      let first: RotaBlock | undefined;
      let runEnd = 0;
      const close = () => {
        if (first && runEnd - first.start > MAX_CONTINUOUS_WORK) {
          out.push(
            at(ctx, 'rota', 'start', first.row, {
              severity: 'warning',
              code: 'ROTA_NO_BREAK',
              message: `${staffName(ctx, staffId)} works ${formatTime(first.start)}–${formatTime(runEnd)} on ${day} (${formatDuration(runEnd - first.start)}) without a break of at least ${MIN_REST} minutes.`,
              staffId,
            }),
          );
        }
      };
      for (const b of dayBlocks) {
        if (b.activity === 'Break') continue;
        if (first && b.start - runEnd < MIN_REST) {
          runEnd = Math.max(runEnd, b.end);
        } else {
          close();
          first = b;
          runEnd = b.end;
        }
      }
      close();
    }
  }
  return out;
}

/** Checks on cover: the person covering must be free, in their hours, trained on that date and within contract
 * for that week. Used for the cover the Absence tab names, and by the cover planner's tests for what it proposes. */
export function checkCoverDuties(ctx: CheckContext, duties: readonly CoverDuty[]): Finding[] {
  const out: Finding[] = [];
  const where = (d: CoverDuty) => d.absence?.row;
  const describe = (d: CoverDuty) =>
    `${staffName(ctx, d.coverStaffId)}'s cover of ${staffName(ctx, d.absentStaffId)}'s ${describeBlock(ctx, d.block)} on ${d.block.day} ${formatUkDate(d.date)} ${formatTime(d.block.start)}–${formatTime(d.block.end)}`;
  const base = (d: CoverDuty) => ({ staffId: d.coverStaffId, ...(d.block.pupilIds[0] ? { pupilId: d.block.pupilIds[0] } : {}) });

  const sorted = [...duties].sort(
    (a, b) =>
      (a.coverStaffId < b.coverStaffId ? -1 : a.coverStaffId > b.coverStaffId ? 1 : 0) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.block.start - b.block.start,
  );
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i]!;
    const own = (ctx.rotaByStaff.get(d.coverStaffId) ?? []).find((b) => b.day === d.block.day && overlaps(b, d.block));
    const earlier = sorted.slice(0, i).find((e) => e.coverStaffId === d.coverStaffId && e.date === d.date && overlaps(e.block, d.block));
    if (own || earlier) {
      const clash = own
        ? `their own ${describeBlock(ctx, own)} ${blockWhen(own)}`
        : `covering ${staffName(ctx, earlier!.absentStaffId)}'s ${describeBlock(ctx, earlier!.block)} at the same time`;
      out.push(
        at(ctx, 'absence', 'coverStaffId', where(d), {
          severity: 'error',
          code: 'ROTA_DOUBLE_BOOKED',
          message: `${describe(d)} clashes with ${clash}.`,
          ...base(d),
        }),
      );
    }
    const missing = missingTraining(ctx.trainingByStaff.get(d.coverStaffId), d.block.needs, d.date);
    if (missing.length > 0) {
      out.push(
        at(ctx, 'absence', 'coverStaffId', where(d), {
          severity: 'error',
          code: 'ROTA_UNTRAINED',
          message: `${describe(d)} needs ${listInWords(missing)} training, which they do not hold in date then.`,
          ...base(d),
        }),
      );
    }
    const pattern = ctx.patterns.get(d.coverStaffId);
    if (pattern?.kind === 'pattern' && !withinPattern(pattern.days, d.block.day, d.block.start, d.block.end)) {
      out.push(
        at(ctx, 'absence', 'coverStaffId', where(d), {
          severity: 'warning',
          code: 'ROTA_OUTSIDE_PATTERN',
          message: `${describe(d)} is outside their working pattern.`,
          ...base(d),
        }),
      );
    }
  }

  // Contract: weekly rostered minutes plus the cover that week, once per person per week.
  const coverMinutes = new Map<string, { minutes: number; first: CoverDuty }>();
  for (const d of sorted) {
    const key = `${d.coverStaffId}\u0000${weekStart(d.date)}`;
    const e = coverMinutes.get(key);
    if (e) e.minutes += blockMinutes(d.block);
    else coverMinutes.set(key, { minutes: blockMinutes(d.block), first: d });
  }
  for (const { minutes, first } of coverMinutes.values()) {
    const s = ctx.staff.get(first.coverStaffId);
    if (s?.contractHours === undefined) continue;
    const total = rosteredMinutes(ctx.rotaByStaff.get(s.id)) + minutes;
    if (total <= s.contractHours * 60) continue;
    out.push(
      at(ctx, 'absence', 'coverStaffId', where(first), {
        severity: 'warning',
        code: 'ROTA_OVER_CONTRACT',
        message: `With ${formatDuration(minutes)} of cover in the week of ${formatUkDate(weekStart(first.date))}, ${s.name || s.id} would work ${formatDuration(total)} against a contract of ${formatDuration(s.contractHours * 60)}.`,
        staffId: s.id,
      }),
    );
  }
  return out;
}

export function checkRota(ctx: CheckContext): Finding[] {
  const duties = coverDutiesFromAbsences(ctx.tracker.absences, ctx.rotaByStaff, schoolDaysFrom(ctx.today));
  return [
    ...doubleBooked(ctx),
    ...overContract(ctx),
    ...outsidePattern(ctx),
    ...untrained(ctx),
    ...ehcpHoursShort(ctx),
    ...pupilUnsupervised(ctx),
    ...noBreak(ctx),
    ...checkCoverDuties(ctx, duties),
  ];
}
