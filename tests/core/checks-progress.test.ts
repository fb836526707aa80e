import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './checks-helpers';
import { log, validParts, validTracker } from './fixtures';

const withoutT05Logs = () => validParts().logs.filter((l) => l.targetId !== 'T05');

describe('TARGET_NO_EVIDENCE', () => {
  it('fires for an active target with no log in the window, at its Target ID cell', () => {
    const f = findingsOf(validTracker({ logs: withoutT05Logs() }), 'TARGET_NO_EVIDENCE');
    expect(brief(f)).toEqual([{ code: 'TARGET_NO_EVIDENCE', severity: 'warning', cell: 'Targets!A6', pupilId: 'P04' }]);
    expect(f[0]!.message).toBe(`No evidence has been logged for Isla Khan's target T05 ("Joins the class within 5 minutes of the bell") in the last 14 days (none ever).`);
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
    expect(f[0]!.message).toBe(`Sam Jones's target T02 ("Uses the calm-down plan when upset") has no baseline or success criteria: progress against it cannot be judged.`);
  });

  it('points at the review date when only that is missing', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T03' ? { ...t, reviewBy: undefined } : t));
    expect(brief(findingsOf(validTracker({ targets }), 'TARGET_NOT_SMART'))).toEqual([{ code: 'TARGET_NOT_SMART', severity: 'info', cell: 'Targets!I4', pupilId: 'P02' }]);
  });

  it('is silent for complete targets and for achieved ones', () => {
    const p = validParts();
    const targets = p.targets.map((t) => (t.id === 'T06' ? { ...t, baseline: undefined, successCriteria: undefined } : t));
    expect(findingsOf(validTracker({ targets }), 'TARGET_NOT_SMART')).toEqual([]);
  });
});
