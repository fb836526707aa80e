import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext, checkCoverDuties, runChecks } from '../../shared/checks';
import { blocksLeftByAbsence } from '../../shared/checks/rules';
import { coverDuties, planCover, type CoverPlan } from '../../shared/cover';
import type { Absence, Staff, Tracker } from '../../shared/model';
import { parseTracker } from '../../shared/schema/parse';
import { trackerToGrids } from '../../shared/schema/serialise';
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
      'Tue 780-810 A→Y: free and trained, with the least cover this week (none so far; 0 min rostered)',
    ]);
    expect(plan.gaps).toEqual([]);
  });

  it('then someone who already works with the pupil, then the lightest load, then staff id', () => {
    const noKey = school({ staff: (s) => s.filter((x) => x.id !== 'K') });
    expect(summary(planCover(noKey, TUE)).assignments[0]).toBe('Tue 540-600 A→W: already works with Mia Green elsewhere on the rota');
    const noKnown = school({ staff: (s) => s.filter((x) => x.id !== 'K' && x.id !== 'W') });
    // Y and Z both 0 min this week? Z has a 3-hour duty, so Y is lighter.
    expect(summary(planCover(noKnown, TUE)).assignments[0]).toMatch(/^Tue 540-600 A→Y: free and trained, with the least cover this week/);
  });

  it('explains a gap by the need nobody free can meet', () => {
    // K is the only other Medication-trained adult besides Y; take Y out and K is busy at 13:00.
    const t = school({ staff: (s) => s.filter((x) => x.id !== 'Y') });
    expect(summary(planCover(t, TUE)).gaps).toEqual(['Tue 780-810 A: No one trained in Medication is free 13:00–13:30']);
  });

  it('explains gaps for working hours and contract limits', () => {
    const shortDays = school({ staff: (s) => s.map((x) => (x.id === 'A' ? x : { ...x, pattern: 'Mon-Fri 08:30-09:30' })) });
    expect(summary(planCover(shortDays, TUE)).gaps).toEqual([
      'Tue 540-600 A: Everyone not already busy 09:00–10:00 works other hours on Tue (Kim Key, Wyn Knows and 2 others)',
      'Tue 780-810 A: Everyone trained in Medication not already busy 13:00–13:30 works other hours on Tue (Yan Light)',
    ]);
    const tiny = school({ staff: (s) => s.map((x) => (x.id === 'A' ? x : { ...x, contractHours: 0.25 })) });
    expect(summary(planCover(tiny, TUE)).gaps[0]).toBe(
      'Tue 540-600 A: Everyone not already busy 09:00–10:00 and working then would go over their contract hours this week (Kim Key, Wyn Knows and 2 others)',
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
      'Wed 810-840 S02→S04: free and trained, with the least cover this week (none so far; 10 h rostered)',
    ]);
    const p = validParts();
    const t = validTracker({ absences: [...p.absences, { staffId: 'S02', from: TUE, to: TUE, part: 'All day' }] });
    // Everyone in is busy during Ava's 1:1; Dan, off only in the morning, can take the 12:00 duty.
    expect(summary(planCover(t, TUE))).toEqual({
      assignments: ['Tue 720-750 S02→S04: free and trained, with the least cover this week (none so far; 10 h rostered)'],
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

describe('cover shared fairly, the SENCo last, gaps that explain themselves', () => {
  const MON = '2026-11-23';
  const full = 'Mon-Fri 08:30-15:30';
  /** Amy is off all Tuesday with four 1:1s, each with a different pupil; Lee is barely rostered, Ben and Cara
   * carry full weeks. Nobody knows the pupils, so nothing but fairness decides. */
  function fourSessions(extra: { staff?: Staff[]; absences?: Absence[]; sencoCover?: Tracker['settings']['sencoCover'] } = {}): Tracker {
    const t = buildTracker({
      pupils: ['P1', 'P2', 'P3', 'P4'].map((id, i) => pupil(id, `Pupil${i + 1}`, 'Test')),
      staff: [
        { id: 'AM', name: 'Amy Moss', role: 'LSA', contractHours: 32, pattern: full },
        { id: 'BB', name: 'Ben Bell', role: 'LSA', contractHours: 32, pattern: full },
        { id: 'CC', name: 'Cara Cole', role: 'LSA', contractHours: 32, pattern: full },
        { id: 'LL', name: 'Lee Light', role: 'LSA', contractHours: 32, pattern: full },
        ...(extra.staff ?? []),
      ],
      rota: [
        block('Tue', '09:00', '10:00', 'AM', '1:1', ['P1']),
        block('Tue', '10:00', '11:00', 'AM', '1:1', ['P2']),
        block('Tue', '11:00', '12:00', 'AM', '1:1', ['P3']),
        block('Tue', '13:00', '14:00', 'AM', '1:1', ['P4']),
        // Ben and Cara: a 20-hour week of duties elsewhere (none on Tuesday); Lee: one hour.
        ...['Mon', 'Wed', 'Thu', 'Fri'].flatMap((d) => [
          block(d as 'Mon', '09:00', '14:00', 'BB', 'Duty'),
          block(d as 'Mon', '09:00', '14:00', 'CC', 'Duty'),
        ]),
        block('Mon', '09:00', '10:00', 'LL', 'Duty'),
      ],
      absences: extra.absences ?? [{ staffId: 'AM', from: TUE, to: TUE, part: 'All day' }],
    });
    if (extra.sencoCover) t.settings.sencoCover = extra.sencoCover;
    return t;
  }
  const counts = (plan: CoverPlan) => {
    const n: Record<string, number> = {};
    for (const a of plan.assignments) n[a.coverStaffId] = (n[a.coverStaffId] ?? 0) + 1;
    return n;
  };

  it('spreads one absence across the free staff instead of giving the lightly rostered person all of it', () => {
    const plan = planCover(fourSessions(), TUE);
    expect(plan.gaps).toEqual([]);
    // The least cover so far goes first; ties go to the lighter week. Lee starts, then Ben and Cara, then Lee again.
    expect(plan.assignments.map((a) => a.coverStaffId)).toEqual(['LL', 'BB', 'CC', 'LL']);
    expect(Math.max(...Object.values(counts(plan)))).toBe(2);
    expect(plan.assignments[1]!.reason).toBe('free and trained, with the least cover this week (none so far; 20 h rostered)');
    expect(plan.assignments[3]!.reason).toBe('free and trained, with the least cover this week (1 h so far; 2 h rostered)');
  });

  it('counts cover already named on the Absence tab this week', () => {
    // Lee covered Amy for three hours on Monday (a window on the Absence tab), so Tuesday starts with Ben and Cara.
    const monday: Absence = { staffId: 'AM', from: MON, to: MON, part: 'All day', coverStaffId: 'LL' };
    const t = fourSessions({ absences: [monday, { staffId: 'AM', from: TUE, to: TUE, part: 'All day' }] });
    t.rota.push(block('Mon', '10:00', '13:00', 'AM', '1:1', ['P1']));
    const plan = planCover(t, TUE);
    expect(plan.assignments[0]!.coverStaffId).not.toBe('LL');
    expect(counts(plan).LL ?? 0).toBeLessThanOrEqual(1);
  });

  it('keeps the same adult with the same pupil through back-to-back sessions (continuity beats spreading)', () => {
    const t = fourSessions();
    t.rota = t.rota.map((b) => (b.staffId === 'AM' && b.start === 600 ? { ...b, pupilIds: ['P1'] } : b));
    const plan = planCover(t, TUE);
    expect(plan.assignments.slice(0, 2).map((a) => a.coverStaffId)).toEqual(['LL', 'LL']);
    expect(plan.assignments[1]!.reason).toBe("already covering Amy Moss's sessions with Pupil1 Test today");
  });

  it('proposes the SENCo only when nobody else fits, and says so', () => {
    const senco: Staff = { id: 'SE', name: 'Sam Senco', role: 'SENCo', contractHours: 37, pattern: full };
    // Free all day with the lightest week, the SENCo is still never the first choice.
    expect(planCover(fourSessions({ staff: [senco] }), TUE).assignments.map((a) => a.coverStaffId)).not.toContain('SE');
    // With Ben, Cara and Lee all off, the SENCo is the last resort.
    const away = ['BB', 'CC', 'LL'].map((id): Absence => ({ staffId: id, from: TUE, to: TUE, part: 'All day', coverStaffId: 'X' }));
    const onlySenco = fourSessions({ staff: [senco], absences: [{ staffId: 'AM', from: TUE, to: TUE, part: 'All day' }, ...away] });
    const plan = planCover(onlySenco, TUE);
    expect(plan.assignments.map((a) => a.coverStaffId)).toEqual(['SE', 'SE', 'SE', 'SE']);
    expect(plan.assignments[0]!.reason).toMatch(/^the SENCo, as nobody else free and trained then has hours left \(/);
  });

  it('follows the Settings tab: "Never" leaves an honest gap, "Like other staff" ranks the SENCo like anyone', () => {
    const senco: Staff = { id: 'SE', name: 'Sam Senco', role: 'SENCo', contractHours: 37, pattern: full };
    const away = ['BB', 'CC', 'LL'].map((id): Absence => ({ staffId: id, from: TUE, to: TUE, part: 'All day', coverStaffId: 'X' }));
    const never = planCover(
      fourSessions({ staff: [senco], sencoCover: 'Never', absences: [{ staffId: 'AM', from: TUE, to: TUE, part: 'All day' }, ...away] }),
      TUE,
    );
    expect(never.assignments).toEqual([]);
    expect(never.gaps[0]!.why).toBe('Only the SENCo (Sam Senco) is free 09:00–10:00, and the Settings tab says the SENCo does not cover');
    const equal = planCover(fourSessions({ staff: [{ ...senco, pattern: full }], sencoCover: 'Like other staff' }), TUE);
    // Ranked like anyone, the SENCo (no rota: 0 h, lighter than Lee's 1 h) takes the first session.
    expect(equal.assignments[0]!.coverStaffId).toBe('SE');
  });

  it('reads the setting from the Settings tab, and warns (naming the cell) about a value it does not know', () => {
    const grids = trackerToGrids(fourSessions());
    const settings = grids.Settings!;
    const row = settings.findIndex((r) => r[0] === 'SENCo covers');
    expect(row).toBeGreaterThan(0);
    settings[row]![1] = 'never';
    expect(parseTracker(grids).tracker.settings.sencoCover).toBe('Never');
    settings[row]![1] = 'sometimes';
    const parsed = parseTracker(grids);
    expect(parsed.tracker.settings.sencoCover).toBe('Last resort');
    expect(parsed.findings.find((f) => f.code === 'DATA_BAD_CHOICE' && f.tab === 'Settings')?.cell).toBe(`Settings!B${row + 1}`);
  });

  it('never words a gap against itself: nobody is called free and then not working (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const t = generateSchool({ seed, staff: 6, pupils: 6, date: TUE, absentShare: 0.4 });
        for (const g of planCover(t, TUE).gaps) {
          expect(g.why).not.toMatch(/who is free .* (outside their working hours|at their contract hours)/);
          expect(g.why).not.toMatch(/is free .* is outside/);
        }
      }),
      { numRuns: 60 },
    );
  });
});
