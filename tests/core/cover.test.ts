import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext, checkCoverDuties, runChecks } from '../../shared/checks';
import { blocksLeftByAbsence } from '../../shared/checks/rules';
import { coverDuties, planCover, type CoverPlan } from '../../shared/cover';
import type { Absence, Staff, Tracker } from '../../shared/model';
import { block, buildTracker, generateSchool, pupil, validParts, validTracker } from './fixtures';

const TUE = '2026-11-24';
const WED = '2026-11-25';

function summary(plan: CoverPlan) {
  return {
    assignments: plan.assignments.map(
      (a) => `${a.block.day} ${a.block.start}-${a.block.end} ${a.absentStaffId}→${a.coverStaffId}: ${a.reason}`,
    ),
    gaps: plan.gaps.map((g) => `${g.block.day} ${g.block.start}-${g.block.end} ${g.absentStaffId}: ${g.why}`),
  };
}

/** A small school where four people are free on Tuesday morning while A is off. */
function school(change: { staff?: (s: Staff[]) => Staff[]; absences?: Absence[] } = {}): Tracker {
  let staff: Staff[] = [
    { id: 'A', name: 'Alex Absent', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
    { id: 'K', name: 'Kim Key', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
    { id: 'W', name: 'Wyn Knows', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
    { id: 'Y', name: 'Yan Light', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
    { id: 'Z', name: 'Zoe Light', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
  ];
  staff = change.staff ? change.staff(staff) : staff;
  return buildTracker({
    pupils: [pupil('P1', 'Mia', 'Green', { keyWorker: 'K' }), pupil('P2', 'Olly', 'Reed')],
    staff,
    training: [
      { staffId: 'K', training: 'Medication', completed: '2025-01-01', expires: '2027-01-01' },
      { staffId: 'Y', training: 'Medication', completed: '2025-01-01' },
    ],
    rota: [
      block('Tue', '09:00', '10:00', 'A', '1:1', ['P1']),
      block('Tue', '13:00', '13:30', 'A', '1:1', ['P2'], ['Medication']),
      block('Tue', '10:00', '11:00', 'A', 'Break'),
      block('Thu', '09:00', '10:00', 'W', 'Group', ['P1', 'P2']),
      block('Wed', '09:00', '12:00', 'Z', 'Duty'),
      block('Tue', '13:00', '14:00', 'K', 'Intervention', ['P2']),
    ],
    absences: change.absences ?? [{ staffId: 'A', from: TUE, to: TUE, part: 'All day' }],
  });
}

describe('planCover', () => {
  it('prefers the key worker, and plans nothing for an absent person’s break', () => {
    const plan = planCover(school(), TUE);
    expect(summary(plan).assignments).toEqual([
      "Tue 540-600 A→K: Mia Green's key worker, free then",
      'Tue 780-810 A→Y: free, trained and with the lightest week (0 min rostered)',
    ]);
    expect(plan.gaps).toEqual([]);
  });

  it('then someone who already works with the pupil, then the lightest load, then staff id', () => {
    const noKey = school({ staff: (s) => s.filter((x) => x.id !== 'K') });
    expect(summary(planCover(noKey, TUE)).assignments[0]).toBe('Tue 540-600 A→W: already works with Mia Green elsewhere on the rota');
    const noKnown = school({ staff: (s) => s.filter((x) => x.id !== 'K' && x.id !== 'W') });
    // Y and Z both 0 min this week? Z has a 3-hour duty, so Y is lighter.
    expect(summary(planCover(noKnown, TUE)).assignments[0]).toMatch(/^Tue 540-600 A→Y: free, trained and with the lightest week/);
  });

  it('explains a gap by the need nobody free can meet', () => {
    // K is the only other Medication-trained adult besides Y; take Y out and K is busy at 13:00.
    const t = school({ staff: (s) => s.filter((x) => x.id !== 'Y') });
    expect(summary(planCover(t, TUE)).gaps).toEqual(['Tue 780-810 A: No one trained in Medication is free 13:00–13:30']);
  });

  it('explains gaps for working hours and contract limits', () => {
    const shortDays = school({ staff: (s) => s.map((x) => (x.id === 'A' ? x : { ...x, pattern: 'Mon-Fri 08:30-09:30' })) });
    expect(summary(planCover(shortDays, TUE)).gaps).toEqual([
      'Tue 540-600 A: Everyone who is free 09:00–10:00 is outside their working hours then',
      'Tue 780-810 A: Everyone trained in Medication who is free 13:00–13:30 is outside their working hours then',
    ]);
    const tiny = school({ staff: (s) => s.map((x) => (x.id === 'A' ? x : { ...x, contractHours: 0.25 })) });
    expect(summary(planCover(tiny, TUE)).gaps[0]).toBe(
      'Tue 540-600 A: Everyone who is free 09:00–10:00 in their working hours is already at their contract hours this week',
    );
  });

  it('respects AM/PM absences, for the absent person and for would-be cover', () => {
    const am = planCover(school({ absences: [{ staffId: 'A', from: TUE, to: TUE, part: 'AM' }] }), TUE);
    expect(am.assignments.map((a) => a.block.start)).toEqual([540]);
    const coverAway = planCover(
      school({
        absences: [
          { staffId: 'A', from: TUE, to: TUE, part: 'AM' },
          { staffId: 'K', from: TUE, to: TUE, part: 'AM' },
        ],
      }),
      TUE,
    );
    expect(coverAway.assignments[0]!.coverStaffId).toBe('W');
  });

  it('leaves alone absences that already name cover, and weekends', () => {
    expect(planCover(school({ absences: [{ staffId: 'A', from: TUE, to: TUE, part: 'All day', coverStaffId: 'K' }] }), TUE)).toEqual({
      date: TUE,
      assignments: [],
      gaps: [],
    });
    expect(planCover(school(), '2026-11-28')).toEqual({ date: '2026-11-28', assignments: [], gaps: [] });
  });

  it('on the realistic tracker: fills Wednesday’s intervention and explains Tuesday’s gaps', () => {
    expect(summary(planCover(validTracker(), WED)).assignments).toEqual([
      'Wed 810-840 S02→S04: free, trained and with the lightest week (10 h rostered)',
    ]);
    const p = validParts();
    const t = validTracker({ absences: [...p.absences, { staffId: 'S02', from: TUE, to: TUE, part: 'All day' }] });
    // Everyone in is busy during Ava's 1:1; Dan, off only in the morning, can take the 12:00 duty.
    expect(summary(planCover(t, TUE))).toEqual({
      assignments: ['Tue 720-750 S02→S04: free, trained and with the lightest week (10 h rostered)'],
      gaps: ['Tue 540-660 S02: No one is free 09:00–11:00'],
    });
  });

  it('is deterministic: the order of staff rows makes no difference', () => {
    const t = generateSchool({ seed: 7, staff: 20, pupils: 30, absentShare: 0.3 });
    const reversed = { ...t, staff: [...t.staff].reverse(), training: [...t.training].reverse() };
    expect(summary(planCover(reversed, TUE))).toEqual(summary(planCover(t, TUE)));
  });
});

const COVER_CODES = new Set(['ROTA_DOUBLE_BOOKED', 'ROTA_UNTRAINED', 'ROTA_OUTSIDE_PATTERN', 'ROTA_OVER_CONTRACT']);

describe('planCover invariant (property)', () => {
  it('never proposes cover the checks would flag, and places or explains every block', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 10 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('2026-11-23', TUE, WED, '2026-11-26', '2026-11-27'),
        (seed, staff, pupils, date) => {
          const t = generateSchool({ seed, staff, pupils, date, absentShare: 0.35 });
          const plan = planCover(t, date);

          // Judged as cover duties, by the same code runChecks uses for cover on the Absence tab.
          const ctx = buildContext(t, date);
          expect(checkCoverDuties(ctx, coverDuties(plan)).filter((f) => COVER_CODES.has(f.code))).toEqual([]);

          // Every block an absence leaves is either assigned or explained, once.
          const left = new Set(t.absences.flatMap((a) => blocksLeftByAbsence(ctx.rotaByStaff.get(a.staffId), a, date)));
          const handled = [...plan.assignments.map((a) => a.block), ...plan.gaps.map((g) => g.block)];
          expect(new Set(handled)).toEqual(left);
          expect(handled.length).toBe(left.size);

          // Written back to the Absence tab where one person covers all of someone's blocks, the full checks agree.
          const applied: Absence[] = t.absences.map((a) => {
            const mine = plan.assignments.filter((x) => x.absentStaffId === a.staffId);
            const covers = new Set(mine.map((x) => x.coverStaffId));
            const noGaps = !plan.gaps.some((g) => g.absentStaffId === a.staffId);
            return covers.size === 1 && noGaps ? { ...a, coverStaffId: [...covers][0]! } : a;
          });
          const after = runChecks({ ...t, absences: applied }, date).filter((f) => f.tab === 'Absence' && COVER_CODES.has(f.code));
          expect(after).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('where the cover planner opens', () => {
  it('on the next school day with a block left uncovered, not always today', async () => {
    const { nextDateNeedingCover } = await import('../../shared/cover');
    const { validTracker: valid } = await import('./fixtures');
    // Monday 23/11: nothing to cover; Tuesday's absence has cover named; Wednesday 25/11 Ben is away uncovered.
    expect(nextDateNeedingCover(valid(), '2026-11-23')).toBe('2026-11-25');
    // Nobody away at all: today.
    expect(nextDateNeedingCover(valid({ absences: [] }), '2026-11-23')).toBe('2026-11-23');
  });
});
