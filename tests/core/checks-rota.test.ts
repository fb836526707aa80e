import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './checks-helpers';
import { block, validParts, validTracker } from './fixtures';

// Row numbers in the valid fixture's Rota tab (header on row 1).
const ROW = { S01_1to1_Mon: 2, S02_1to1_Mon: 16, S02_1to1_Thu: 19 } as const;

describe('ROTA_DOUBLE_BOOKED', () => {
  it('fires when someone is rostered in two places at once, at the later block', () => {
    const p = validParts();
    const t = validTracker({ rota: [...p.rota, block('Mon', '10:30', '11:30', 'S02', 'Duty')] });
    const f = findingsOf(t, 'ROTA_DOUBLE_BOOKED');
    expect(brief(f)).toEqual([{ code: 'ROTA_DOUBLE_BOOKED', severity: 'error', cell: `Rota!B${p.rota.length + 2}`, staffId: 'S02' }]);
    expect(f[0]!.message).toBe(
      `Ben Okafor is in two places at once: Duty on Mon 10:30–11:30 overlaps 1:1 with Ava Lee on Mon 09:00–11:00 (row ${ROW.S02_1to1_Mon}).`,
    );
  });

  it('fires when named cover clashes with the cover person’s own rota', () => {
    const p = validParts();
    // Ben has Ava's 1:1 until 11:00, so he cannot take Dan's 10:00–12:00 on Tuesday.
    const absences = [{ ...p.absences[0]!, coverStaffId: 'S02' }, p.absences[1]!];
    const f = findingsOf(validTracker({ absences }), 'ROTA_DOUBLE_BOOKED');
    expect(brief(f)).toEqual([{ code: 'ROTA_DOUBLE_BOOKED', severity: 'error', cell: 'Absence!F2', staffId: 'S02', pupilId: 'P03' }]);
    expect(f[0]!.message).toContain('clashes with their own 1:1 with Ava Lee Tue 09:00–11:00');
  });

  it('is silent for back-to-back blocks', () => {
    const p = validParts();
    expect(findingsOf(validTracker({ rota: [...p.rota, block('Mon', '11:00', '11:30', 'S02', 'Duty')] }), 'ROTA_DOUBLE_BOOKED')).toEqual(
      [],
    );
  });
});

describe('ROTA_OVER_CONTRACT', () => {
  it('fires when rostered hours (not counting breaks) exceed the contract, at the contract cell', () => {
    const p = validParts();
    const staff = p.staff.map((s) => (s.id === 'S03' ? { ...s, contractHours: 2.5 } : s));
    const f = findingsOf(validTracker({ staff }), 'ROTA_OVER_CONTRACT');
    expect(brief(f)).toEqual([{ code: 'ROTA_OVER_CONTRACT', severity: 'warning', cell: 'Staff!D4', staffId: 'S03' }]);
    expect(f[0]!.message).toBe(
      'Chloe Patel is rostered for 3 h a week (not counting breaks) but is contracted for 2 h 30 min: 30 min over.',
    );
  });

  it('is silent at exactly the contract, with breaks not counted', () => {
    const p = validParts();
    // Amelia: 23 h of work plus 2 h 30 min of breaks.
    const staff = p.staff.map((s) => (s.id === 'S03' ? { ...s, contractHours: 3 } : s.id === 'S01' ? { ...s, contractHours: 23 } : s));
    expect(findingsOf(validTracker({ staff }), 'ROTA_OVER_CONTRACT')).toEqual([]);
  });
});

describe('ROTA_OUTSIDE_PATTERN', () => {
  it('fires for a day the person does not work and for a block past their hours', () => {
    const p = validParts();
    const t = validTracker({
      rota: [...p.rota, block('Tue', '09:00', '10:00', 'S03', 'Intervention', ['P04']), block('Fri', '13:00', '14:00', 'S01', 'Duty')],
    });
    const f = findingsOf(t, 'ROTA_OUTSIDE_PATTERN');
    expect(brief(f)).toEqual([
      { code: 'ROTA_OUTSIDE_PATTERN', severity: 'warning', cell: `Rota!B${p.rota.length + 2}`, staffId: 'S03', pupilId: 'P04' },
      { code: 'ROTA_OUTSIDE_PATTERN', severity: 'warning', cell: `Rota!B${p.rota.length + 3}`, staffId: 'S01' },
    ]);
    expect(f[0]!.message).toBe(
      "Chloe Patel's Intervention with Isla Khan on Tue 09:00–10:00 is outside their working pattern (Chloe Patel does not work on Tue).",
    );
    expect(f[1]!.message).toContain('(Amelia Hartley works 08:15–13:45 on Fri)');
  });

  it('says once, as info at the pattern, when a pattern cannot be read', () => {
    const p = validParts();
    const staff = p.staff.map((s) => (s.id === 'S02' ? { ...s, pattern: 'flexible' } : s));
    const f = findingsOf(validTracker({ staff }), 'ROTA_OUTSIDE_PATTERN');
    expect(brief(f)).toEqual([{ code: 'ROTA_OUTSIDE_PATTERN', severity: 'info', cell: 'Staff!E3', staffId: 'S02' }]);
  });

  it('is silent for a block ending exactly at the end of the day, and for unknown patterns', () => {
    const p = validParts();
    const t = validTracker({
      rota: [...p.rota, block('Fri', '13:00', '13:45', 'S01', 'Duty'), block('Thu', '16:00', '17:00', 'S05', 'Duty')],
    });
    expect(findingsOf(t, 'ROTA_OUTSIDE_PATTERN')).toEqual([]);
  });
});

describe('ROTA_UNTRAINED', () => {
  it('fires when the block needs training the person lacks', () => {
    const p = validParts();
    const rota = p.rota.map((b, i) => (i + 2 === ROW.S02_1to1_Mon ? { ...b, needs: ['EpiPen'] } : b));
    const f = findingsOf(validTracker({ rota }), 'ROTA_UNTRAINED');
    expect(brief(f)).toEqual([
      { code: 'ROTA_UNTRAINED', severity: 'error', cell: `Rota!H${ROW.S02_1to1_Mon}`, staffId: 'S02', pupilId: 'P02' },
    ]);
    expect(f[0]!.message).toBe(
      "Ben Okafor's 1:1 with Ava Lee on Mon 09:00–11:00 needs EpiPen training, which Ben Okafor does not hold in date on 23/11/2026.",
    );
  });

  it('judges each weekly block on its next date: training expiring Wednesday fails Wed–Fri only', () => {
    const p = validParts();
    const training = p.training.map((r) => (r.staffId === 'S01' ? { ...r, expires: '2026-11-25' } : r));
    const f = findingsOf(validTracker({ training }), 'ROTA_UNTRAINED');
    expect(f.map((x) => x.cell)).toEqual(['Rota!H4', 'Rota!H5', 'Rota!H6']);
    expect(f[0]!.message).toContain('on 25/11/2026');
  });

  it('fires when named cover is not trained for the block', () => {
    const p = validParts();
    const absences = [{ ...p.absences[0]!, coverStaffId: 'S03' }, p.absences[1]!];
    const f = findingsOf(validTracker({ absences }), 'ROTA_UNTRAINED');
    expect(brief(f)).toEqual([{ code: 'ROTA_UNTRAINED', severity: 'error', cell: 'Absence!F2', staffId: 'S03', pupilId: 'P03' }]);
  });

  it('is silent when training expires after the week (training names compare loosely)', () => {
    const p = validParts();
    const training = p.training.map((r) => (r.staffId === 'S01' ? { ...r, training: 'medication ', expires: '2026-11-28' } : r));
    expect(findingsOf(validTracker({ training }), 'ROTA_UNTRAINED')).toEqual([]);
  });
});

describe('ROTA_EHCP_HOURS_SHORT', () => {
  it('fires when rostered 1:1 time is below the funded hours, at the funded hours cell', () => {
    const p = validParts();
    const pupils = p.pupils.map((x) => (x.id === 'P02' ? { ...x, fundedHours: 12 } : x));
    const f = findingsOf(validTracker({ pupils }), 'ROTA_EHCP_HOURS_SHORT');
    expect(brief(f)).toEqual([{ code: 'ROTA_EHCP_HOURS_SHORT', severity: 'error', cell: 'Pupils!M3', pupilId: 'P02' }]);
    expect(f[0]!.message).toBe('Ava Lee has 10 h of 1:1 support on the rota each week, but the EHCP funds 12 h: 2 h short.');
  });

  it('does not count a "1:1" that names two pupils', () => {
    const p = validParts();
    const rota = p.rota.map((b, i) => (i + 2 === ROW.S02_1to1_Mon ? { ...b, pupilIds: ['P02', 'P04'] } : b));
    const f = findingsOf(validTracker({ rota }), 'ROTA_EHCP_HOURS_SHORT');
    expect(brief(f)).toEqual([{ code: 'ROTA_EHCP_HOURS_SHORT', severity: 'error', cell: 'Pupils!M3', pupilId: 'P02' }]);
  });

  it('is silent when funded hours are met exactly, or the pupil has no EHCP', () => {
    const p = validParts();
    const pupils = p.pupils.map((x) => (x.id === 'P04' ? { ...x, fundedHours: 5 } : x));
    expect(findingsOf(validTracker({ pupils }), 'ROTA_EHCP_HOURS_SHORT')).toEqual([]);
  });
});

describe('ROTA_PUPIL_UNSUPERVISED', () => {
  it('fires for a 1:1 in the coming week whose adult is absent with no cover named', () => {
    const p = validParts();
    const absences = [...p.absences, { staffId: 'S01', from: '2026-11-24', to: '2026-11-24', part: 'All day' as const, reason: 'Ill' }];
    const f = findingsOf(validTracker({ absences }), 'ROTA_PUPIL_UNSUPERVISED');
    expect(brief(f)).toEqual([{ code: 'ROTA_PUPIL_UNSUPERVISED', severity: 'error', cell: 'Absence!F4', pupilId: 'P01', staffId: 'S01' }]);
    expect(f[0]!.message).toBe(
      "Sam Jones's 1:1 on Tue 24/11/2026 09:00–12:00 has no adult: Amelia Hartley is absent (All day) and no cover is named.",
    );
  });

  it('fires when the named cover is absent too', () => {
    const p = validParts();
    const absences = [...p.absences, { staffId: 'S05', from: '2026-11-23', to: '2026-11-27', part: 'All day' as const }];
    const f = findingsOf(validTracker({ absences }), 'ROTA_PUPIL_UNSUPERVISED');
    expect(brief(f)).toEqual([{ code: 'ROTA_PUPIL_UNSUPERVISED', severity: 'error', cell: 'Absence!F2', pupilId: 'P03', staffId: 'S04' }]);
  });

  it('respects AM/PM and the one-week horizon', () => {
    const p = validParts();
    const absences = [
      ...p.absences,
      // Dan's 1:1 is 10:00–12:00, so a PM absence does not touch it.
      { staffId: 'S04', from: '2026-11-26', to: '2026-11-26', part: 'PM' as const },
      // Amelia off a week on Monday: beyond today + 6 days.
      { staffId: 'S01', from: '2026-11-30', to: '2026-11-30', part: 'All day' as const },
    ];
    expect(findingsOf(validTracker({ absences }), 'ROTA_PUPIL_UNSUPERVISED')).toEqual([]);
  });
});

describe('ROTA_NO_BREAK', () => {
  it('fires for more than 6 hours with only short changeovers, at the block that starts the run', () => {
    const p = validParts();
    const t = validTracker({
      rota: [
        ...p.rota,
        block('Thu', '11:10', '13:00', 'S02', 'Group', ['P04']),
        block('Thu', '13:10', '15:10', 'S02', 'Intervention', ['P02']),
      ],
    });
    const f = findingsOf(t, 'ROTA_NO_BREAK');
    expect(brief(f)).toEqual([{ code: 'ROTA_NO_BREAK', severity: 'warning', cell: `Rota!B${ROW.S02_1to1_Thu}`, staffId: 'S02' }]);
    expect(f[0]!.message).toBe('Ben Okafor works 09:00–15:10 on Thu (6 h 10 min) without a break of at least 20 minutes.');
  });

  it('is silent when a 20-minute pause or a Break block splits the day', () => {
    const p = validParts();
    const t = validTracker({
      rota: [
        ...p.rota,
        block('Thu', '11:10', '13:00', 'S02', 'Group', ['P04']),
        block('Thu', '13:20', '15:10', 'S02', 'Intervention', ['P02']),
        block('Tue', '11:00', '12:00', 'S02', 'Group', ['P04']),
        block('Tue', '12:30', '12:50', 'S02', 'Break'),
        block('Tue', '12:50', '15:10', 'S02', 'Intervention', ['P02']),
      ],
    });
    expect(findingsOf(t, 'ROTA_NO_BREAK')).toEqual([]);
  });
});
