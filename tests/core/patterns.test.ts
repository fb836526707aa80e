import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAYS, type Weekday } from '../../shared/model';
import { formatPattern, mergeRanges, parseClock, parsePattern, withinPattern, type WorkingWeek } from '../../shared/patterns';
import { hm } from './fixtures';

function weekOf(text: string): WorkingWeek {
  const p = parsePattern(text);
  if (p.kind !== 'pattern') throw new Error(`expected a pattern from "${text}", got ${JSON.stringify(p)}`);
  return p.days;
}

const r = (start: string, end: string) => ({ start: hm(start), end: hm(end) });

describe('parsePattern', () => {
  it('reads day runs and several groups', () => {
    const w = weekOf('Mon-Thu 08:15-15:30; Fri 08:15-13:45');
    expect(w.Mon).toEqual([r('08:15', '15:30')]);
    expect(w.Thu).toEqual([r('08:15', '15:30')]);
    expect(w.Fri).toEqual([r('08:15', '13:45')]);
  });

  it('reads comma-separated days and leaves other days empty', () => {
    const w = weekOf('Mon, Wed 09:00-12:00');
    expect(w.Mon).toEqual([r('09:00', '12:00')]);
    expect(w.Wed).toEqual([r('09:00', '12:00')]);
    expect(w.Tue).toEqual([]);
    expect(w.Fri).toEqual([]);
  });

  it('reads single-digit hours, dots, compact times, am/pm and long day names', () => {
    expect(weekOf('Mon-Fri 8:30-15:15').Wed).toEqual([r('08:30', '15:15')]);
    expect(weekOf('Tuesday 8.45 – 12.00').Tue).toEqual([r('08:45', '12:00')]);
    expect(weekOf('Thurs 0830-1500').Thu).toEqual([r('08:30', '15:00')]);
    expect(weekOf('Monday to Wednesday 9am-3:30pm').Tue).toEqual([r('09:00', '15:30')]);
  });

  it('keeps several ranges a day, and starts a new group when days follow times', () => {
    const w = weekOf('Mon 08:30-12:00, 13:00-15:00 Wed 09:00-11:00');
    expect(w.Mon).toEqual([r('08:30', '12:00'), r('13:00', '15:00')]);
    expect(w.Wed).toEqual([r('09:00', '11:00')]);
  });

  it('treats a bare time range as every weekday and ignores term-time notes', () => {
    const w = weekOf('8:30-15:15 term time only');
    for (const d of DAYS) expect(w[d]).toEqual([r('08:30', '15:15')]);
    expect(weekOf('Mon-Fri 8:30-15:15 (term time only)').Fri).toEqual([r('08:30', '15:15')]);
  });

  it('says unknown for blank or term-time-only text', () => {
    expect(parsePattern('')).toEqual({ kind: 'unknown' });
    expect(parsePattern(undefined)).toEqual({ kind: 'unknown' });
    expect(parsePattern('   ')).toEqual({ kind: 'unknown' });
    expect(parsePattern('Term time only')).toEqual({ kind: 'unknown' });
  });

  it('returns an error value, not a throw, for text it cannot read', () => {
    for (const bad of [
      'Mon-Thu',
      'varies',
      'Mon 9-3',
      'Mon 15:00-09:00',
      'Fri-Mon 09:00-10:00',
      'Mon 25:00-26:00',
      'Mon 09:00-12:00 Sat 09:00-10:00',
    ]) {
      const p = parsePattern(bad);
      expect(p.kind, bad).toBe('error');
      if (p.kind === 'error') expect(p.message).toContain(bad.split(' ')[0]!);
    }
  });

  it('merges overlapping ranges for the same day', () => {
    expect(weekOf('Mon 09:00-12:00; Mon 11:00-15:00').Mon).toEqual([r('09:00', '15:00')]);
    expect(mergeRanges([r('13:00', '14:00'), r('09:00', '10:00'), r('10:00', '11:00')])).toEqual([
      r('09:00', '11:00'),
      r('13:00', '14:00'),
    ]);
  });

  it('withinPattern needs the whole block inside one range', () => {
    const w = weekOf('Mon 08:30-12:00, 13:00-15:00');
    expect(withinPattern(w, 'Mon', hm('09:00'), hm('12:00'))).toBe(true);
    expect(withinPattern(w, 'Mon', hm('11:30'), hm('13:30'))).toBe(false);
    expect(withinPattern(w, 'Tue', hm('09:00'), hm('10:00'))).toBe(false);
  });

  it('parseClock rejects hour-only times without am/pm', () => {
    expect(parseClock('9')).toBeUndefined();
    expect(parseClock('12am')).toBe(0);
    expect(parseClock('12pm')).toBe(720);
    expect(parseClock('7:05 pm')).toBe(19 * 60 + 5);
  });
});

describe('parsePattern properties', () => {
  const range = fc
    .tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 600 }))
    .map(([start, len]) => ({ start, end: Math.min(1439, start + len) }));
  const week = fc.record(
    Object.fromEntries(DAYS.map((d) => [d, fc.array(range, { maxLength: 3 })])) as Record<
      Weekday,
      fc.Arbitrary<{ start: number; end: number }[]>
    >,
  );

  it('formatting a week and parsing it back gives the same (merged) week', () => {
    fc.assert(
      fc.property(week, (raw) => {
        const merged = Object.fromEntries(DAYS.map((d) => [d, mergeRanges(raw[d])])) as WorkingWeek;
        fc.pre(DAYS.some((d) => merged[d].length > 0));
        const text = formatPattern(merged);
        expect(weekOf(text)).toEqual(merged);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const p = parsePattern(text);
        expect(['pattern', 'unknown', 'error']).toContain(p.kind);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Mon', 'tue', '-', ' ', ',', ';', '08:15', '9am', '15:30', 'to', 'Fri', 'term time'), { maxLength: 12 }),
        (parts) => {
          const p = parsePattern(parts.join(''));
          if (p.kind === 'pattern') for (const d of DAYS) for (const x of p.days[d]) expect(x.start).toBeLessThan(x.end);
        },
      ),
    );
  });
});
