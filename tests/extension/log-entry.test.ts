import { describe, expect, it } from 'vitest';
import { isoWithOffset, parseMinutes, progressLog, quickLog, sourceOf } from '../../extension/overlay/log-entry';
import { clockTime } from '../../extension/local-time';
import { timeAgo } from '../../extension/overlay/time-ago';
import { logEntryProblem } from '../../extension/background/validate';

const ctx = (pageUrl: string) => ({
  pupilId: 'P001',
  staffId: 'S04',
  pageUrl,
  now: new Date(2026, 10, 23, 10, 15, 7),
  uuid: () => '0b9a3f0e-8c1d-4e6b-9f7a-2d3c4b5a6e7f',
});

describe('a tap becomes a LogEntry', () => {
  it('rating a target logs Progress with the rating, the extras and a source without the query', () => {
    const e = progressLog(ctx('https://demo.uk.arbor.sc/?/students/student-id/42?token=abc#x'), 'T7', 'Secure', {
      prompt: 'Verbal',
      minutes: 20,
      note: '  Used the visual timetable  ',
    });
    expect(e).toEqual({
      id: '0b9a3f0e-8c1d-4e6b-9f7a-2d3c4b5a6e7f',
      time: isoWithOffset(new Date(2026, 10, 23, 10, 15, 7)),
      pupilId: 'P001',
      staffId: 'S04',
      kind: 'Progress',
      targetId: 'T7',
      rating: 'Secure',
      prompt: 'Verbal',
      minutes: 20,
      note: 'Used the visual timetable',
      source: 'demo.uk.arbor.sc/',
    });
    expect(logEntryProblem(e, (id) => id === 'P001')).toBeUndefined();
  });

  it('keeps host and path, drops query and fragment', () => {
    expect(sourceOf('https://cloudmis.bromcom.com/Nucleus/UI/StudentDetails.aspx?StudentIDs=9#Profile')).toBe(
      'cloudmis.bromcom.com/Nucleus/UI/StudentDetails.aspx',
    );
    expect(sourceOf('http://127.0.0.1:8123/register.html?x=1')).toBe('127.0.0.1:8123/register.html');
    expect(sourceOf('not a url')).toBe('');
  });

  it('quick logs carry no target or rating, and empty extras are left out', () => {
    const e = quickLog(ctx('https://x.example/p'), 'Medication', { note: '   ', minutes: 0 });
    expect(e).toEqual({
      id: '0b9a3f0e-8c1d-4e6b-9f7a-2d3c4b5a6e7f',
      time: isoWithOffset(new Date(2026, 10, 23, 10, 15, 7)),
      pupilId: 'P001',
      staffId: 'S04',
      kind: 'Medication',
      source: 'x.example/p',
    });
  });

  it('writes the time as ISO 8601 with the local offset', () => {
    const d = new Date(2026, 6, 1, 9, 5, 3);
    const iso = isoWithOffset(d);
    expect(iso).toMatch(/^2026-07-01T09:05:03[+-]\d{2}:\d{2}$/);
    // The same instant, whatever the machine's zone.
    expect(new Date(iso).getTime()).toBe(d.getTime());
  });

  it('reads minutes as a whole positive number only', () => {
    expect(parseMinutes(' 15 ')).toBe(15);
    expect(parseMinutes('0')).toBeUndefined();
    expect(parseMinutes('1.5')).toBeUndefined();
    expect(parseMinutes('ten')).toBeUndefined();
    expect(parseMinutes('')).toBeUndefined();
  });
});

describe('background refuses malformed logs', () => {
  const ok = progressLog(ctx('https://x/'), 'T1', 'Emerging');
  const known = (id: string) => id === 'P001';
  it.each([
    [{ ...ok, id: 'not-a-uuid' }, /valid id/],
    [{ ...ok, time: 'yesterday' }, /valid time/],
    [{ ...ok, pupilId: 'P999' }, /not on your caseload/],
    [{ ...ok, kind: 'Gossip' }, /unknown kind/],
    [{ ...ok, rating: 'Brilliant' }, /rating/],
    [{ ...ok, minutes: -5 }, /Minutes/],
    [{ ...ok, note: 'x'.repeat(501) }, /500/],
    [{ ...ok, rating: undefined }, /needs a target and a rating/],
    [null, /empty/],
  ])('%#', (entry, why) => {
    expect(logEntryProblem(entry, known)).toMatch(why);
  });
});

describe('time ago in UK English', () => {
  const now = new Date(2026, 10, 23, 14, 0).getTime();
  const minutes = (n: number) => now - n * 60_000;
  it.each([
    [now - 20_000, 'just now'],
    [minutes(1), '1 minute ago'],
    [minutes(45), '45 minutes ago'],
    [minutes(61), '1 hour ago'],
    [minutes(5 * 60), '5 hours ago'],
    [new Date(2026, 10, 22, 15, 0).getTime(), 'yesterday'],
    [new Date(2026, 10, 19, 9, 0).getTime(), '4 days ago'],
    [new Date(2026, 9, 1, 9, 0).getTime(), 'on 01/10/2026'],
  ])('%s → %s', (then, text) => {
    expect(timeAgo(then, now)).toBe(text);
  });

  it('shows clock times on the 24-hour clock', () => {
    expect(clockTime(new Date(2026, 10, 23, 15, 7).getTime())).toBe('15:07');
    expect(clockTime(new Date(2026, 10, 23, 9, 0).getTime())).toBe('09:00');
  });
});

describe('uuidV4', () => {
  it('makes RFC 4122 version 4 ids without needing a secure context', async () => {
    const { uuidV4 } = await import('../../extension/overlay/log-entry');
    const id = uuidV4((b) => b.fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV4()).not.toBe(uuidV4());
  });
});
