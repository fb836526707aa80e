// Sessions and their outcomes: keys, every missed reason, corrections, the weekly roll-up against funded hours,
// the outcomes absence and cover imply, marking a pupil absent for the day, and the review statement.
import { describe, expect, it } from 'vitest';
import { MISSED_REASONS, type LogEntry, type MissedReason } from '../../shared/model';
import {
  automaticOutcomes,
  buildStatement,
  impliedOutcomes,
  latestOutcomes,
  outcomeKey,
  outcomeLog,
  parseSessionKey,
  pupilAbsentOutcomes,
  renderStatementHtml,
  sessionKey,
  sessionsOn,
  weeklyProvision,
} from '../../shared/provision';
import { effectiveLogs } from '../../shared/corrections';
import { block, buildTracker, hm, validParts, validTracker } from './fixtures';

let seq = 0;
const newId = () => `id-${++seq}`;
/** Sam's 1:1 with Amelia (S01) 09:00–12:00 on a date. */
const samKey = (date: string) => `${date} 09:00-12:00 S01`;

function outcome(date: string, extra: Partial<LogEntry> & Pick<LogEntry, 'outcome'>, pupilId = 'P01', session = samKey(date)): LogEntry {
  return { id: newId(), time: `${date}T12:05:00+00:00`, pupilId, kind: 'Session outcome', session, staffId: 'S01', ...extra };
}

/** Delivered for every session of the pupil in the week of 16/11/2026, except where `but` says otherwise. */
function weekOfOutcomes(pupilId: string, but: Record<string, Partial<LogEntry>> = {}): LogEntry[] {
  const t = validTracker();
  const out: LogEntry[] = [];
  for (const date of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']) {
    for (const s of sessionsOn(t.rota, date)) {
      if (!s.block.pupilIds.includes(pupilId)) continue;
      out.push(outcome(date, { outcome: 'Delivered', ...but[s.key] }, pupilId, s.key));
    }
  }
  return out;
}

describe('sessions', () => {
  it('are rota blocks with pupils (1:1, Group, Intervention, Care) on a date, keyed by date, times and staff', () => {
    const t = validTracker({
      rota: [
        ...validParts().rota,
        block('Mon', '14:00', '14:30', 'S04', 'Care', ['P03']),
        block('Mon', '15:00', '15:10', 'S04', 'Duty', ['P03']),
      ],
    });
    const mon = sessionsOn(t.rota, '2026-11-16');
    expect(mon.map((s) => s.key)).toEqual([
      '2026-11-16 09:00-10:00 S03',
      '2026-11-16 09:00-11:00 S02',
      '2026-11-16 09:00-12:00 S01',
      '2026-11-16 10:00-12:00 S04',
      '2026-11-16 13:00-15:00 S01',
      '2026-11-16 13:30-14:00 S02',
      '2026-11-16 14:00-14:30 S04',
    ]);
    expect(sessionsOn(t.rota, '2026-11-21')).toEqual([]);
    expect(parseSessionKey('2026-11-16 09:00-12:00 S01')).toEqual({
      date: '2026-11-16',
      start: hm('09:00'),
      end: hm('12:00'),
      staffId: 'S01',
    });
    expect(parseSessionKey('16/11/2026 09:00-12:00 S01')).toBeUndefined();
    expect(sessionKey('2026-11-16', { start: hm('09:00'), end: hm('12:00'), staffId: 'S01' })).toBe(samKey('2026-11-16'));
  });

  it('refuses an outcome that would not say what happened', () => {
    const base = { id: 'x', time: '2026-11-16T12:00:00+00:00', session: samKey('2026-11-16'), pupilId: 'P01' };
    expect(() => outcomeLog({ ...base, outcome: 'Missed' })).toThrow('A missed session needs a reason.');
    expect(() => outcomeLog({ ...base, outcome: 'Missed', missedReason: 'Other' })).toThrow('Say in a note');
    expect(() => outcomeLog({ ...base, outcome: 'Part-delivered' })).toThrow('how many minutes');
    expect(outcomeLog({ ...base, outcome: 'Part-delivered', minutes: 90 })).toMatchObject({
      kind: 'Session outcome',
      outcome: 'Part-delivered',
      minutes: 90,
    });
  });
});

describe('latest effective outcome', () => {
  it('the later outcome wins, and a voided one no longer counts', () => {
    const first = outcome('2026-11-16', { outcome: 'Delivered' });
    const later = {
      ...outcome('2026-11-16', { outcome: 'Missed', missedReason: 'Pupil refused' as const }),
      time: '2026-11-16T15:00:00+00:00',
    };
    expect(latestOutcomes([later, first]).get(outcomeKey(samKey('2026-11-16'), 'P01'))?.outcome).toBe('Missed');
    const voidLater: LogEntry = {
      id: newId(),
      time: '2026-11-16T16:00:00+00:00',
      pupilId: 'P01',
      kind: 'Correction',
      correction: 'Void',
      corrects: later.id,
    };
    expect(latestOutcomes([first, later, voidLater]).get(outcomeKey(samKey('2026-11-16'), 'P01'))?.outcome).toBe('Delivered');
  });

  it('an edit replaces the outcome, and a re-sent row with the same Log ID counts once', () => {
    const o = outcome('2026-11-16', { outcome: 'Delivered' });
    const edit: LogEntry = {
      ...o,
      id: newId(),
      kind: 'Correction',
      outcome: 'Part-delivered',
      minutes: 60,
      correction: 'Edit',
      corrects: o.id,
    };
    expect(effectiveLogs([o, { ...o, outcome: 'Missed' }, edit])).toEqual(
      [{ ...edit, id: o.id, kind: 'Session outcome', correction: undefined, corrects: undefined }].map(
        ({ correction: _a, corrects: _b, ...rest }) => rest,
      ),
    );
  });
});

describe('weekly roll-up', () => {
  it('counts delivered, part-delivered, each missed reason and not recorded, never not-recorded as delivered', () => {
    const t = validTracker();
    const week = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    const logs: LogEntry[] = [
      outcome(week[0]!, { outcome: 'Delivered' }),
      outcome(week[1]!, { outcome: 'Part-delivered', minutes: 120 }),
      outcome(week[2]!, { outcome: 'Missed', missedReason: 'Redeployed to cover' }),
      outcome(week[3]!, { outcome: 'Missed', missedReason: 'Other', note: 'Fire drill' }),
      // Friday: nothing recorded.
    ];
    const w = weeklyProvision({ ...t, logs }, { from: '2026-11-16', to: '2026-11-20', today: '2026-11-23', pupilIds: ['P01'] }).get('P01')!;
    expect(w).toHaveLength(1);
    const one = w[0]!;
    expect(one).toMatchObject({ week: '2026-11-16', complete: true, funded: 900 });
    expect(one.oneToOne).toMatchObject({ rostered: 900, delivered: 180 + 120, partShort: 60, notRecorded: 180 });
    expect(one.oneToOne.missed['Redeployed to cover']).toBe(180);
    expect(one.oneToOne.missed.Other).toBe(180);
    // Sam's Monday and Wednesday phonics intervention with Ben count in all sessions, not in 1:1.
    expect(one.all.rostered).toBe(900 + 60);
    expect(one.all.notRecorded).toBe(180 + 60);
  });

  it('records every missed reason under its own name', () => {
    const t = validTracker();
    const days = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10'];
    const logs = MISSED_REASONS.map((reason, i) =>
      outcome(days[i]!, { outcome: 'Missed', missedReason: reason, note: reason === 'Other' ? 'Assembly ran over' : undefined }),
    );
    const weeks = weeklyProvision({ ...t, logs }, { from: '2026-11-02', to: '2026-11-13', today: '2026-11-23', pupilIds: ['P01'] }).get(
      'P01',
    )!;
    const missed: Partial<Record<MissedReason, number>> = {};
    for (const w of weeks) for (const r of MISSED_REASONS) missed[r] = (missed[r] ?? 0) + w.oneToOne.missed[r];
    for (const r of MISSED_REASONS) expect(missed[r], r).toBe(180);
  });

  it('calls today and later "to come", not "not recorded"', () => {
    const w = weeklyProvision(validTracker(), { from: '2026-11-23', to: '2026-11-27', today: '2026-11-23', pupilIds: ['P01'] }).get(
      'P01',
    )![0]!;
    expect(w.complete).toBe(false);
    expect(w.oneToOne.notRecorded).toBe(0);
    expect(w.oneToOne.toCome).toBe(900);
  });
});

describe('outcomes absence and cover imply', () => {
  it('an absent adult with nobody named: Missed (Staff absent) for each pupil; named cover: nothing', () => {
    // Wednesday 25/11: Ben (S02) is away in the afternoon, with his 13:30 phonics with Sam uncovered.
    const t = validTracker();
    const implied = impliedOutcomes(t, '2026-11-25');
    expect(implied.map((o) => [o.session.key, o.pupilId, o.reason])).toEqual([['2026-11-25 13:30-14:00 S02', 'P01', 'Staff absent']]);
    // Tuesday 24/11: Dan (S04) is away in the morning with Emma named: Noah's 1:1 is covered.
    expect(impliedOutcomes(t, '2026-11-24')).toEqual([]);
  });

  it('a 1:1 LSA named as cover elsewhere: Missed (Redeployed to cover), unless another adult is named for their block', () => {
    const p = validParts();
    // Dan (S04) is away all day Wednesday; Amelia (S01), Sam's 1:1, is named to cover him 10:00–12:00.
    const away = { staffId: 'S04', from: '2026-11-25', to: '2026-11-25', part: 'All day' as const, reason: 'Ill', coverStaffId: 'S01' };
    const t = validTracker({ absences: [...p.absences, away] });
    const implied = impliedOutcomes(t, '2026-11-25').map((o) => [o.session.key, o.pupilId, o.reason, o.coveringFor]);
    expect(implied).toContainEqual([samKey('2026-11-25'), 'P01', 'Redeployed to cover', 'S04']);
    // Emma (S05) is named for Amelia's own morning: Sam still has his adult.
    const coveredBack = {
      staffId: 'S01',
      from: '2026-11-25',
      to: '2026-11-25',
      part: 'AM' as const,
      reason: 'Redeployed to cover',
      coverStaffId: 'S05',
    };
    const t2 = validTracker({ absences: [...p.absences, away, coveredBack] });
    expect(impliedOutcomes(t2, '2026-11-25').filter((o) => o.pupilId === 'P01' && o.session.key === samKey('2026-11-25'))).toEqual([]);
  });

  it('writes Log rows only for sessions without an outcome, so accepting twice adds nothing', () => {
    const t = validTracker();
    const rows = automaticOutcomes(t, '2026-11-25', { newId, time: '2026-11-24T16:00:00+00:00' });
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'Session outcome',
        pupilId: 'P01',
        session: '2026-11-25 13:30-14:00 S02',
        outcome: 'Missed',
        missedReason: 'Staff absent',
        source: 'caseload:automatic',
      }),
    ]);
    expect(automaticOutcomes({ ...t, logs: [...t.logs, ...rows] }, '2026-11-25', { newId, time: '2026-11-24T16:05:00+00:00' })).toEqual([]);
  });

  it('marks a pupil absent for the day once, leaving sessions already recorded', () => {
    const t = validTracker();
    const sessions = sessionsOn(t.rota, '2026-11-16');
    const done = outcome('2026-11-16', { outcome: 'Delivered' });
    const rows = pupilAbsentOutcomes(sessions, [done], 'P01', '2026-11-16', { newId, time: '2026-11-16T13:00:00+00:00', staffId: 'S01' });
    expect(rows.map((r) => [r.session, r.missedReason])).toEqual([['2026-11-16 13:30-14:00 S02', 'Pupil absent']]);
  });
});

describe('statement', () => {
  it('says funded vs delivered by week, lists missed sessions with reasons and describes progress in plain English', () => {
    const p = validParts();
    const logs = [
      ...p.logs,
      ...weekOfOutcomes('P01', {
        [samKey('2026-11-18')]: { outcome: 'Missed', missedReason: 'Redeployed to cover', note: 'Covering Year 2' },
      }),
    ];
    const s = buildStatement(buildTracker({ ...p, logs, settings: { schoolName: 'Kestrel Lane' } }), {
      pupilId: 'P01',
      from: '2026-11-09',
      to: '2026-11-20',
      today: '2026-11-23',
    });
    expect(s.weeks.map((w) => [w.week, w.funded, w.rostered, w.delivered, w.notRecorded])).toEqual([
      ['2026-11-09', 900, 900, 0, 900],
      ['2026-11-16', 900, 900, 720, 0],
    ]);
    expect(s.missed).toEqual([
      expect.objectContaining({
        date: '2026-11-18',
        start: '09:00',
        reason: 'Redeployed to cover',
        staff: 'Amelia Hartley',
        detail: 'Covering Year 2',
      }),
    ]);
    const t01 = s.targets.find((t) => t.id === 'T01')!;
    expect(t01.summary).toContain('Ratings moved up from Emerging to Secure');
    expect(t01.summary).toContain('Support faded from Verbal to Independent prompting');
    expect(s.headline).toBe(
      'Over 2 school weeks, Sam Jones received 12 h of the 30 h of 1:1 support funded (40%). A further 15 h of sessions have no outcome recorded.',
    );
  });

  it('renders escaped, script-free A4 HTML', () => {
    const p = validParts();
    const pupils = p.pupils.map((x) => (x.id === 'P01' ? { ...x, firstName: '<img src=x onerror=alert(1)>' } : x));
    const html = renderStatementHtml(
      buildStatement(buildTracker({ ...p, pupils }), { pupilId: 'P01', from: '2026-11-16', to: '2026-11-20', today: '2026-11-23' }),
    );
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
  });

  it('names an unknown pupil or a backwards range', () => {
    expect(() => buildStatement(validTracker(), { pupilId: 'P99', from: '2026-11-16', to: '2026-11-20', today: '2026-11-23' })).toThrow(
      'no pupil with ID "P99"',
    );
    expect(() => buildStatement(validTracker(), { pupilId: 'P01', from: '2026-11-20', to: '2026-11-16', today: '2026-11-23' })).toThrow(
      'is before its start',
    );
  });
});
