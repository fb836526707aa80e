// wallClockReader (shared/dates.ts) reuses a zone's offset through each UTC hour, for exports of a year of logs.
// It must read every instant exactly as wallClock (one Intl reading per instant) does: across the UK's clock
// changes, in zones whose offsets are not whole hours (Newfoundland −3:30, Nepal +5:45, Lord Howe's half-hour
// summer time), and before 1847, when London kept local mean time (an offset in seconds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallClock, wallClockReader } from '../../shared/dates';

const ZONES = ['Europe/London', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Dublin', 'Not/AZone'];

function direct(at: number, zone: string) {
  const w = wallClock(at, zone);
  return { date: w.date, minute: w.minute };
}

describe('wallClockReader', () => {
  it('agrees with wallClock on random instants from 1840 to 2060 in every zone', () => {
    for (const zone of ZONES) {
      const read = wallClockReader(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1840, 0, 1), max: Date.UTC(2060, 0, 1) }), (at) => {
          expect(read(at)).toEqual(direct(at, zone));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('agrees minute by minute through the UK clock changes of 2026 and the 1847 change from local mean time', () => {
    const read = wallClockReader('Europe/London');
    // 29 March 2026 01:00 UTC (forward) and 25 October 2026 01:00 UTC (back), and London's switch to GMT on
    // 1 December 1847, each from two hours before to two hours after, every 37 seconds (so not on the minute).
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(1847, 11, 1, 0, 1, 15)]) {
      for (let at = change - 7_200_000; at <= change + 7_200_000; at += 37_000)
        expect(read(at), new Date(at).toISOString()).toEqual(direct(at, 'Europe/London'));
    }
    // The same hour read again comes from what was learnt the first time, and still agrees.
    const at = Date.UTC(2026, 9, 25, 0, 30);
    expect(read(at)).toEqual(read(at));
    expect(read(Date.UTC(2026, 6, 1, 9, 15))).toEqual({ date: '2026-07-01', minute: 10 * 60 + 15 });
  });
});
