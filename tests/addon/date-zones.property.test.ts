// Date cells read through SpreadsheetApp land on the day the person typed, whatever the sheet's time zone.
// SpreadsheetApp hands a date cell over as midnight in the spreadsheet's zone (the fake's toAppsScriptDate models
// that); the add-on's reader turns it into the wall-clock date there before the core reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate, readTimestamp } from '../../shared/schema/cells';
import { datesAsText, normaliseGrid } from '../../sheets-addon/server/read';
import { toAppsScriptDate } from './fake-apps-script/zone';

const ZONES = [
  'Europe/London',
  'Europe/Dublin',
  'America/Los_Angeles',
  'America/St_Johns', // −3:30
  'Pacific/Pago_Pago', // −11
  'Asia/Kolkata', // +5:30
  'Asia/Kathmandu', // +5:45
  'Australia/Adelaide', // +9:30 / +10:30
  'Pacific/Auckland', // +12 / +13
  'Pacific/Tongatapu', // +13
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Kiritimati', // +14
] as const;

const isoDay = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function readThroughSheet(iso: string, zone: string): string | undefined {
  const cell = toAppsScriptDate(new Date(`${iso}T00:00:00Z`), zone);
  const [[v]] = datesAsText(normaliseGrid([[cell]], zone), zone) as [[unknown]];
  const r = readDate(v as never);
  return r.kind === 'ok' ? r.value : undefined;
}

describe('SpreadsheetApp date cells in every time zone', () => {
  it('10/03/2026 stays 10/03/2026 in a sheet set to UTC+13, and at the other extremes', () => {
    for (const zone of ['Pacific/Tongatapu', 'Pacific/Kiritimati', 'Pacific/Chatham', 'Asia/Kolkata', 'Pacific/Pago_Pago']) {
      expect(readThroughSheet('2026-03-10', zone)).toBe('2026-03-10');
    }
  });

  it('lands on the typed day for any date in any zone (property)', () => {
    fc.assert(
      fc.property(isoDay, fc.constantFrom(...ZONES), (iso, zone) => {
        expect(readThroughSheet(iso, zone)).toBe(iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the instant of a date-time cell (property)', () => {
    fc.assert(
      fc.property(
        fc
          .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
          .map((d) => new Date(Math.floor(d.getTime() / 60_000) * 60_000)),
        fc.constantFrom(...ZONES),
        (instant, zone) => {
          // A date-time at exactly midnight there is the same Date SpreadsheetApp gives for a plain date cell: it
          // reads as that date (the property above), so it is not a date-time case.
          fc.pre(
            new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant) !==
              '00:00',
          );
          const [[v]] = datesAsText(normaliseGrid([[new Date(instant.getTime())]], zone), zone) as [[unknown]];
          const r = readTimestamp(v as never);
          expect(r.kind).toBe('ok');
          if (r.kind === 'ok') expect(Date.parse(r.value)).toBe(instant.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
