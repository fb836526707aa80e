// The session an LSA is in right now with a pupil (from the rota on this device), and the target that block works on.
import { describe, expect, it } from 'vitest';
import { currentSessionFor, latestOutcome, sessionTargetFirst } from '../../extension/sessions/current-session';
import type { RotaBlock } from '../../shared/index';

const block = (over: Partial<RotaBlock> = {}): RotaBlock => ({
  day: 'Mon',
  start: 600,
  end: 660,
  staffId: 'S02',
  activity: '1:1',
  pupilIds: ['P005', 'P006'],
  needs: [],
  ...over,
});
const at = (d: number, h: number, m: number) => new Date(2026, 10, d, h, m); // 23/11/2026 is a Monday

describe('current session', () => {
  it('finds my block covering this minute with the pupil, keyed by date, times and staff, narrowed to that pupil', () => {
    const s = currentSessionFor([block()], 'S02', 'P006', at(23, 10, 0));
    expect(s).toEqual({ key: '2026-11-23 10:00-11:00 S02', date: '2026-11-23', block: { ...block(), pupilIds: ['P006'] } });
  });

  it('is none at the block’s end, for another member of staff, another pupil, a break, or a Saturday', () => {
    expect(currentSessionFor([block()], 'S02', 'P005', at(23, 11, 0))).toBeUndefined();
    expect(currentSessionFor([block()], 'S03', 'P005', at(23, 10, 30))).toBeUndefined();
    expect(currentSessionFor([block()], 'S02', 'P007', at(23, 10, 30))).toBeUndefined();
    expect(currentSessionFor([block({ activity: 'Break', pupilIds: [] })], 'S02', 'P005', at(23, 10, 30))).toBeUndefined();
    expect(currentSessionFor([block({ day: 'Mon' })], 'S02', 'P005', at(28, 10, 30))).toBeUndefined();
  });

  it('takes the latest outcome for that session and pupil only', () => {
    const base = { pupilId: 'P005', kind: 'Session outcome' as const, time: '2026-11-23T10:30:00+00:00', session: 'K' };
    const logs = [
      { ...base, id: 'a', outcome: 'Missed' as const, at: 1 },
      { ...base, id: 'b', outcome: 'Delivered' as const, at: 2 },
      { ...base, id: 'c', outcome: 'Missed' as const, at: 3, pupilId: 'P006' },
      { ...base, id: 'd', outcome: 'Missed' as const, at: 4, session: 'other' },
    ];
    expect(latestOutcome(logs, 'K', 'P005')?.id).toBe('b');
  });

  it('puts first the target last evidenced in this block’s time on its weekday; otherwise keeps the order', () => {
    const t = (id: string, when?: Date) => ({ id, ...(when ? { lastEvidence: { at: when.getTime() } } : {}) });
    const targets = [t('T1', at(20, 10, 30)), t('T2', at(16, 10, 15)), t('T3', at(9, 10, 45)), t('T4')];
    // T1 was on a Friday; T2 and T3 in Monday's 10:00–11:00, T2 the more recent.
    expect(sessionTargetFirst(targets, block())).toEqual({ targets: [targets[1], targets[0], targets[2], targets[3]], targetId: 'T2' });
    expect(sessionTargetFirst(targets, block({ start: 540, end: 600 }))).toEqual({ targets });
  });
});
