import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks, sortFindings } from '../../shared/checks';
import { evidenceWindow, nextOccurrence, weekStart } from '../../shared/checks/rules';
import { addDays, daysBetween, fromDayNumber, weekdayOf } from '../../shared/dates';
import { DAYS, type Finding } from '../../shared/model';
import { parseTracker } from '../../shared/schema/parse';
import { trackerToGrids } from '../../shared/schema/serialise';
import { block, TODAY, validParts, validTracker } from './fixtures';

describe('runChecks', () => {
  it('finds nothing wrong with the realistic valid tracker', () => {
    expect(runChecks(validTracker(), TODAY)).toEqual([]);
  });

  it('orders findings by severity, then tab, then row and column, whatever order the families give', () => {
    const p = validParts();
    const t = validTracker({
      pupils: p.pupils.map((x) => (x.id === 'P02' ? { ...x, fundedHours: 12 } : x)),
      staff: p.staff.map((s) => (s.id === 'S03' ? { ...s, contractHours: 1 } : s)),
      rota: [...p.rota, block('Mon', '10:30', '11:30', 'S02', 'Duty'), block('Tue', '09:00', '10:00', 'S03', 'Duty')],
      training: p.training.map((r) => (r.training === 'First aid' ? { ...r, expires: '2026-12-01' } : r)),
    });
    const cells = runChecks(t, TODAY).map((f) => `${f.severity} ${f.cell} ${f.code}`);
    expect(cells).toEqual([
      'error Pupils!M3 ROTA_EHCP_HOURS_SHORT',
      `error Rota!B${p.rota.length + 2} ROTA_DOUBLE_BOOKED`,
      'warning Staff!D4 ROTA_OVER_CONTRACT',
      `warning Rota!B${p.rota.length + 3} ROTA_OUTSIDE_PATTERN`,
      'info Training!D3 TRAINING_EXPIRES_SOON',
    ]);
    const shuffled = [...runChecks(t, TODAY)].reverse();
    expect(sortFindings(shuffled, t)).toEqual(runChecks(t, TODAY));
  });

  it('names the real cell when the sheet has renamed tabs and moved columns (parsed end to end)', () => {
    const grids = trackerToGrids(validTracker());
    // Move Rota's Staff ID column to the front and rename the tab, as a school might.
    const rota = grids.Rota!.map((row) => [row[3], ...row.slice(0, 3), ...row.slice(4)]);
    delete grids.Rota;
    grids['LSA rota'] = rota;
    rota.push(['S02', 'Mon', '10:30', '11:30', 'Duty', null, null, null]);
    const parsed = parseTracker(grids);
    expect(parsed.findings).toEqual([]);
    const findings: Finding[] = runChecks(parsed.tracker, TODAY);
    expect(findings.map((f) => [f.code, f.tab, f.cell])).toEqual([['ROTA_DOUBLE_BOOKED', 'LSA rota', `'LSA rota'!C${rota.length}`]]);
  });

  it('gives the same answer for the parsed tracker as for the one built in code', () => {
    const t = validTracker({ pupils: validParts().pupils.map((x) => (x.id === 'P01' ? { ...x, lastAnnualReview: '2025-10-01' } : x)) });
    const parsed = parseTracker(trackerToGrids(t));
    expect(parsed.findings).toEqual([]);
    expect(runChecks(parsed.tracker, TODAY)).toEqual(runChecks(t, TODAY));
  });
});

describe('date rules (properties)', () => {
  const date = fc.integer({ min: 18_000, max: 25_000 }).map(fromDayNumber);

  it('nextOccurrence is the first date on or after today with that weekday, within a week', () => {
    fc.assert(
      fc.property(date, fc.constantFrom(...DAYS), (today, day) => {
        const d = nextOccurrence(day, today);
        expect(weekdayOf(d)).toBe(day);
        const gap = daysBetween(today, d);
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThan(7);
        for (let i = 0; i < gap; i++) expect(weekdayOf(addDays(today, i))).not.toBe(day);
      }),
    );
  });

  it('weekStart is the Monday on or before a school day, and before a weekend', () => {
    fc.assert(
      fc.property(date, (d) => {
        const m = weekStart(d);
        expect(weekdayOf(m)).toBe('Mon');
        const back = daysBetween(m, d);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThan(7);
      }),
    );
  });

  it('the evidence window holds exactly days + 1 dates ending today', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), (today, days) => {
        const w = evidenceWindow(today, days);
        expect(w.to).toBe(today);
        expect(daysBetween(w.from, w.to)).toBe(days);
      }),
    );
  });
});
