import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/model';
import { sessionsOn } from '../../shared/provision';
import { brief, findingsOf } from './checks-helpers';
import { validParts, validTracker } from './fixtures';

const WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
let seq = 0;

/** Outcomes for every session of the week of 16/11/2026 for all pupils; `override` changes one pupil's session. */
function recordedWeek(override: (key: string, pupilId: string) => Partial<LogEntry> | null = () => ({})): LogEntry[] {
  const rota = validParts().rota;
  const out: LogEntry[] = [];
  for (const date of WEEK) {
    for (const s of sessionsOn(rota, date)) {
      for (const pupilId of s.block.pupilIds) {
        const o = override(s.key, pupilId);
        if (o === null) continue;
        out.push({
          id: `o-${++seq}`,
          time: `${date}T15:30:00+00:00`,
          pupilId,
          kind: 'Session outcome',
          session: s.key,
          outcome: 'Delivered',
          staffId: s.block.staffId,
          ...o,
        });
      }
    }
  }
  return out;
}

const withLogs = (extra: LogEntry[]) => validTracker({ logs: [...validParts().logs, ...extra] });

describe('PROVISION_UNDER_DELIVERED', () => {
  it('fires for a completed week short of the funded hours, naming the week, the shortfall and the main reasons', () => {
    const logs = recordedWeek((key, pupilId) =>
      pupilId === 'P01' && key === '2026-11-18 09:00-12:00 S01'
        ? { outcome: 'Missed', missedReason: 'Redeployed to cover' }
        : pupilId === 'P01' && key === '2026-11-19 09:00-12:00 S01'
          ? null
          : {},
    );
    const f = findingsOf(withLogs(logs), 'PROVISION_UNDER_DELIVERED');
    expect(brief(f)).toEqual([{ code: 'PROVISION_UNDER_DELIVERED', severity: 'warning', cell: 'Pupils!M2', pupilId: 'P01' }]);
    expect(f[0]!.message).toBe(
      'Sam Jones received 9 h of 15 h funded 1:1 support in the week of 16/11/2026, 6 h short: redeployed to cover 3 h and not recorded 3 h.',
    );
  });

  it('is silent when the funded hours were delivered, and for a school not recording sessions at all', () => {
    expect(findingsOf(withLogs(recordedWeek()), 'PROVISION_UNDER_DELIVERED')).toEqual([]);
    expect(findingsOf(validTracker(), 'PROVISION_UNDER_DELIVERED')).toEqual([]);
    expect(findingsOf(validTracker(), 'SESSIONS_NOT_RECORDED')).toEqual([]);
  });

  it('is silent for the week still in progress', () => {
    // Today is Wednesday 18/11: the week of 16/11 is not over, so a missed Monday is not yet a shortfall.
    const logs = recordedWeek((key) =>
      key.startsWith('2026-11-16 09:00-12:00 S01') ? { outcome: 'Missed', missedReason: 'Staff absent' } : {},
    );
    expect(findingsOf(withLogs(logs), 'PROVISION_UNDER_DELIVERED', '2026-11-18')).toEqual([]);
  });
});

describe('SESSIONS_NOT_RECORDED', () => {
  it('fires (info) for a pupil whose sessions last week have no outcome', () => {
    const logs = recordedWeek((key, pupilId) => (pupilId === 'P02' && key.includes('13:00-15:00') ? null : {}));
    const f = findingsOf(withLogs(logs), 'SESSIONS_NOT_RECORDED');
    expect(brief(f)).toEqual([{ code: 'SESSIONS_NOT_RECORDED', severity: 'info', cell: 'Pupils!A3', pupilId: 'P02' }]);
    expect(f[0]!.message).toBe(
      "4 of Ava Lee's sessions in the week of 16/11/2026 (8 h) have no outcome recorded, so they are not counted as delivered.",
    );
  });

  it('is silent when every session has an outcome', () => {
    expect(findingsOf(withLogs(recordedWeek()), 'SESSIONS_NOT_RECORDED')).toEqual([]);
  });
});

describe('SESSIONS_NOT_RECORDED and automatic outcomes', () => {
  it('is silent for a pupil whose only outcomes were written automatically (nobody records their sessions yet)', () => {
    const auto: LogEntry = {
      id: 'auto-1',
      time: '2026-11-17T16:00:00+00:00',
      pupilId: 'P03',
      kind: 'Session outcome',
      session: '2026-11-18 10:00-12:00 S04',
      outcome: 'Missed',
      missedReason: 'Staff absent',
      source: 'caseload:automatic',
    };
    const logs = recordedWeek((_key, pupilId) => (pupilId === 'P03' ? null : {}));
    expect(findingsOf(withLogs([...logs, auto]), 'SESSIONS_NOT_RECORDED')).toEqual([]);
    // …but the shortfall itself is still a warning.
    expect(findingsOf(withLogs([...logs, auto]), 'PROVISION_UNDER_DELIVERED').map((f) => f.pupilId)).toEqual(['P03']);
  });
});
