import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './checks-helpers';
import { log, validParts, validTracker } from './fixtures';

const withoutT05Logs = () => validParts().logs.filter((l) => l.targetId !== 'T05');

describe('TARGET_NO_EVIDENCE', () => {
  it('fires for an active target with no log in the window, at its Target ID cell', () => {
    const f = findingsOf(validTracker({ logs: withoutT05Logs() }), 'TARGET_NO_EVIDENCE');
    expect(brief(f)).toEqual([{ code: 'TARGET_NO_EVIDENCE', severity: 'warning', cell: 'Targets!A6', pupilId: 'P04' }]);
    expect(f[0]!.message).toBe(
      `No evidence has been logged for Isla Khan's target T05 ("Joins the class within 5 minutes of the bell") in the last 14 days (none ever).`,
    );
  });

  it('names the last evidence when it is older than the window, and ignores logs dated after today', () => {
    const logs = [...withoutT05Logs(), log('P04', 'T05', '2026-11-08T15:00:00+00:00'), log('P04', 'T05', '2026-11-24T09:00:00+00:00')];
    const f = findingsOf(validTracker({ logs }), 'TARGET_NO_EVIDENCE');
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('(last on 08/11/2026)')]);
  });

  it('follows the evidence window setting', () => {
    const logs = [...withoutT05Logs(), log('P04', 'T05', '2026-11-08T15:00:00+00:00')];
    expect(findingsOf(validTracker({ logs, settings: { evidenceWindowDays: 15 } }), 'TARGET_NO_EVIDENCE')).toEqual([]);
  });

  it('is silent for a log exactly at the start of the window, and for achieved, not-started or newly set targets', () => {
    const p = validParts();
    const logs = [...withoutT05Logs(), log('P04', 'T05', '2026-11-09T08:00:00+00:00')];
    const targets = [...p.targets, { ...p.targets[0]!, id: 'T08', start: '2026-11-16' }];
    expect(findingsOf(validTracker({ logs, targets }), 'TARGET_NO_EVIDENCE')).toEqual([]);
  });
});

describe('TARGET_REVIEW_OVERDUE', () => {
  it('fires when the review date has passed and the target is not achieved', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T01' ? { ...t, reviewBy: '2026-11-20' } : t));
    const f = findingsOf(validTracker({ targets }), 'TARGET_REVIEW_OVERDUE');
    expect(brief(f)).toEqual([{ code: 'TARGET_REVIEW_OVERDUE', severity: 'warning', cell: 'Targets!I2', pupilId: 'P01' }]);
    expect(f[0]!.message).toBe(`Sam Jones's target T01 ("Reads CVC words") was due for review by 20/11/2026 and is still Developing.`);
  });

  it('is silent on the review date itself and for achieved targets', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T01' ? { ...t, reviewBy: '2026-11-23' } : t));
    expect(findingsOf(validTracker({ targets }), 'TARGET_REVIEW_OVERDUE')).toEqual([]);
  });
});

describe('TARGET_NOT_SMART', () => {
  it('fires once per target naming what is missing, at the first missing cell', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T02' ? { ...t, baseline: ' ', successCriteria: undefined } : t));
    const f = findingsOf(validTracker({ targets }), 'TARGET_NOT_SMART');
    expect(brief(f)).toEqual([{ code: 'TARGET_NOT_SMART', severity: 'info', cell: 'Targets!F3', pupilId: 'P01' }]);
    expect(f[0]!.message).toBe(
      `Sam Jones's target T02 ("Uses the calm-down plan when upset") has no baseline or success criteria: progress against it cannot be judged.`,
    );
  });

  it('points at the review date when only that is missing', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T03' ? { ...t, reviewBy: undefined } : t));
    expect(brief(findingsOf(validTracker({ targets }), 'TARGET_NOT_SMART'))).toEqual([
      { code: 'TARGET_NOT_SMART', severity: 'info', cell: 'Targets!I4', pupilId: 'P02' },
    ]);
  });

  it('is silent for complete targets and for achieved ones', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T06' ? { ...t, baseline: undefined, successCriteria: undefined } : t));
    expect(findingsOf(validTracker({ targets }), 'TARGET_NOT_SMART')).toEqual([]);
  });
});

describe('TARGET_NO_EVIDENCE cannot be silenced by a status', () => {
  const t05 = (extra: Record<string, unknown>) => validParts().targets.map((t) => (t.id === 'T05' ? { ...t, ...extra } : t));

  it('a Not started (or blank) target long after its start date is itself the finding', () => {
    const f = findingsOf(
      validTracker({ logs: withoutT05Logs(), targets: t05({ status: 'Not started', start: '2026-08-24' }) }),
      'TARGET_NO_EVIDENCE',
    );
    expect(f.map((x) => x.message)).toEqual([
      `Isla Khan's target T05 ("Joins the class within 5 minutes of the bell") was due to start on 24/08/2026 and is still marked Not started (or has no status), with no evidence in the last 14 days (none ever).`,
    ]);
  });

  it('a tracker with no Status column still gets the check', async () => {
    const { parseTracker } = await import('../../shared/schema/parse');
    const grids = {
      Pupils: [
        ['Pupil ID', 'First name', 'Last name'],
        ['P04', 'Isla', 'Khan'],
      ],
      Targets: [
        ['Target ID', 'Pupil ID', 'Target', 'Start'],
        ['T05', 'P04', 'Joins the class', '2026-09-07'],
      ],
    };
    const { tracker } = parseTracker(grids);
    const { runChecks } = await import('../../shared/checks');
    expect(
      runChecks(tracker, '2026-11-23')
        .filter((x) => x.code === 'TARGET_NO_EVIDENCE')
        .map((x) => x.cell),
    ).toEqual(['Targets!A2']);
  });

  it('Paused silences it only until the Review by date; Discontinued only with a date', () => {
    const run = (extra: Record<string, unknown>) =>
      findingsOf(validTracker({ logs: withoutT05Logs(), targets: t05(extra) }), 'TARGET_NO_EVIDENCE');
    expect(run({ status: 'Paused', reviewBy: '2026-12-18' })).toEqual([]);
    expect(run({ status: 'Discontinued', reviewBy: '2026-11-02' })).toEqual([]);
    expect(run({ status: 'Paused', reviewBy: '2026-11-20' }).map((x) => x.message)).toEqual([
      expect.stringContaining('is marked Paused until 20/11/2026, which has passed'),
    ]);
    expect(run({ status: 'Discontinued', reviewBy: undefined }).map((x) => x.message)).toEqual([
      expect.stringContaining('is marked Discontinued with no date in Review by'),
    ]);
  });
});
