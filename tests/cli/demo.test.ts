// The demo school: deterministic, realistic in shape, clean apart from its documented deliberate problems.
import { describe, expect, it } from 'vitest';
import { weeklyProvision } from '../../shared/provision';
import { demoSchool } from '../../demo/school';
import { runChecks } from '../../shared/checks/index';
import { pupilName } from '../../shared/model';
import { parseTracker } from '../../shared/schema/parse';
import { trackerToGrids } from '../../shared/schema/serialise';

const DELIBERATE = [
  'PROVISION_UNDER_DELIVERED',
  'REVIEW_OVERDUE',
  'ROTA_DOUBLE_BOOKED',
  'ROTA_EHCP_HOURS_SHORT',
  'ROTA_UNTRAINED',
  'TARGET_NOT_SMART',
  'TARGET_NO_EVIDENCE',
  'TRAINING_EXPIRED',
];

describe('demoSchool', () => {
  it('is the same for the same seed and today, and differs for another seed', () => {
    expect(demoSchool({ seed: 5 })).toEqual(demoSchool({ seed: 5 }));
    expect(demoSchool({ seed: 5 }).logs).not.toEqual(demoSchool({ seed: 6 }).logs);
  });

  it('has 30 pupils, 12 staff, 2–4 targets per outcome, a week of rota and logs ending today', () => {
    const t = demoSchool({ today: '2026-11-23' });
    expect(t.pupils).toHaveLength(30);
    expect(t.staff).toHaveLength(12);
    const names = t.pupils.map(pupilName);
    expect(names).toContain('Zoë Okonkwo-Hart');
    expect(names).toContain('Łukasz Kowalczyk');
    const leos = t.pupils.filter((p) => pupilName(p) === 'Leo Harris');
    expect(new Set(leos.map((p) => p.className)).size).toBe(2);
    const perOutcome = new Map<string, number>();
    for (const x of t.targets) perOutcome.set(`${x.pupilId} ${x.outcome}`, (perOutcome.get(`${x.pupilId} ${x.outcome}`) ?? 0) + 1);
    for (const n of perOutcome.values()) expect(n === 2 || n === 3 || n === 4).toBe(true);
    expect(new Set(t.rota.map((b) => b.day))).toEqual(new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']));
    for (const a of ['1:1', 'Group', 'Intervention', 'Duty', 'Break']) expect(t.rota.some((b) => b.activity === a)).toBe(true);
    const dates = t.logs.map((l) => l.time.slice(0, 10)).sort();
    expect(dates[dates.length - 1]).toBe('2026-11-23');
    expect(dates[0]! <= '2026-10-19').toBe(true);
    expect(t.absences.length).toBeGreaterThan(0);
    expect(
      t.targets.some((x) => x.area === 'Employment' || x.area === 'Independent living' || x.area === 'Health' || x.area === 'Community'),
    ).toBe(true);
  });

  it.each([
    ['2026-11-23', 2026],
    ['2026-11-27', 1],
    ['2027-03-03', 99],
  ])('as of %s (seed %i) the checks find exactly the deliberate problems, once each', (today, seed) => {
    const school = demoSchool({ today, seed });
    const { tracker, findings } = parseTracker(trackerToGrids(school));
    expect(findings).toEqual([]);
    const codes = runChecks(tracker, today)
      .map((f) => f.code)
      // Phase transfer deadlines depend on the time of year (the Year 6 and Year 11 plans are realistically not
      // final yet): they are real findings, but not among the deliberate ones.
      .filter((c) => c !== 'PHASE_TRANSFER_DEADLINE')
      .sort();
    expect(codes).toEqual(DELIBERATE);
  });

  it('records last week for two pupils: Alfie fully delivered, Maisie-Rose short because Siobhan was redeployed to cover', () => {
    const today = '2026-11-23';
    const t = demoSchool({ today });
    const weeks = weeklyProvision(t, { from: '2026-11-16', to: '2026-11-20', today, pupilIds: ['P001', 'P004'] });
    const alfie = weeks.get('P001')![0]!;
    expect([alfie.funded, alfie.oneToOne.rostered, alfie.oneToOne.delivered, alfie.oneToOne.notRecorded]).toEqual([900, 900, 900, 0]);
    const maisie = weeks.get('P004')![0]!;
    expect([maisie.funded, maisie.oneToOne.rostered, maisie.oneToOne.delivered]).toEqual([450, 450, 360]);
    expect(maisie.oneToOne.missed['Redeployed to cover']).toBe(90);
    const f = runChecks(t, today).filter((x) => x.code === 'PROVISION_UNDER_DELIVERED');
    expect(f.map((x) => x.pupilId)).toEqual(['P004']);
  });
});
