import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceSummary, indexLogs, progressReport, pupilProgress, trendOf } from '../../shared/progress';
import { log, TODAY, validParts, validTracker } from './fixtures';

describe('trendOf', () => {
  it('compares the earlier and later halves, needing at least 4 scores', () => {
    expect(trendOf([1, 1, 2, 3], true)).toBe('improving');
    expect(trendOf([3, 3, 2, 1], true)).toBe('declining');
    expect(trendOf([3, 3, 2, 3], true)).toBe('steady');
    expect(trendOf([1, 2, 3], true)).toBe('insufficient');
    // Prompts: a falling score is fading support.
    expect(trendOf([3, 3, 1, 0], false)).toBe('improving');
  });

  it('reversing the order swaps improving and declining', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 30 }), (scores) => {
        const forward = trendOf(scores, true);
        const back = trendOf([...scores].reverse(), true);
        const swap = { improving: 'declining', declining: 'improving', steady: 'steady', insufficient: 'insufficient' } as const;
        expect(back).toBe(swap[forward]);
        expect(trendOf(scores, false)).toBe(back === 'insufficient' ? 'insufficient' : swap[forward]);
      }),
    );
  });
});

describe('pupilProgress', () => {
  it('reports evidence, recency and trends per target in the window', () => {
    const t = validTracker();
    const p = pupilProgress(t, t.pupils[0]!, TODAY);
    expect(p.window).toEqual({ from: '2026-11-09', to: TODAY, days: 14 });
    expect(p.evidenceCount).toBe(11);
    expect(p.lastEvidence).toBe('2026-11-20');
    expect(p.daysSinceEvidence).toBe(3);
    expect(p.targets.map((x) => [x.targetId, x.evidenceCount, x.ratingTrend, x.promptTrend])).toEqual([
      ['T01', 5, 'improving', 'improving'],
      ['T02', 4, 'steady', 'improving'],
    ]);
  });

  it('counts intervention minutes delivered in the window against the rota scaled to it', () => {
    const t = validTracker();
    const p = pupilProgress(t, t.pupils[0]!, TODAY);
    // Sam: 15 h of 1:1 plus two 30-minute interventions a week = 960 min; 14 days = 2 weeks.
    expect(p.interventionMinutes).toEqual({ delivered: 55, planned: 1920 });
    const longer = pupilProgress(t, t.pupils[0]!, TODAY, { windowDays: 7 });
    expect(longer.interventionMinutes).toEqual({ delivered: 55, planned: 960 });
  });

  it('leaves out logs outside the window, after today, or against another pupil', () => {
    const p = validParts();
    const logs = [
      ...p.logs,
      log('P04', 'T05', '2026-11-08T09:00:00+00:00', { rating: 'Not yet' }),
      log('P04', 'T05', '2026-11-24T09:00:00+00:00', { rating: 'Achieved' }),
      log('P02', 'T05', '2026-11-20T09:00:00+00:00', { rating: 'Achieved' }),
    ];
    const t = validTracker({ logs });
    const isla = pupilProgress(t, t.pupils[3]!, TODAY);
    expect(isla.targets[0]!.evidenceCount).toBe(1);
    expect(isla.targets[0]!.lastEvidence).toBe('2026-11-16');
    expect(isla.targets[0]!.ratingTrend).toBe('insufficient');
  });

  it('progressReport agrees with pupilProgress for every pupil', () => {
    const t = validTracker();
    const index = indexLogs(t.logs);
    expect(progressReport(t, TODAY)).toEqual(t.pupils.map((p) => pupilProgress(t, p, TODAY, { index })));
  });
});

describe('evidenceSummary', () => {
  it('writes a paragraph a SENCo can paste into an annual review', () => {
    const t = validTracker();
    expect(evidenceSummary(t.pupils[0]!, t, TODAY)).toBe(
      'Between 09/11/2026 and 23/11/2026, 11 pieces of evidence were logged for Sam Jones, against 2 targets. ' +
        'For "Reads CVC words" (currently Developing): 5 logs, most recently on 20/11/2026; ratings have risen; prompting has faded towards independence. ' +
        'For "Uses the calm-down plan when upset" (currently Emerging): 4 logs, most recently on 20/11/2026; ratings have held steady; prompting has faded towards independence. ' +
        '55 minutes of intervention were recorded, against 1920 minutes of 1:1, group and intervention time on the rota for the period (3%).',
    );
  });

  it('says plainly when nothing was logged', () => {
    const t = validTracker({ logs: validParts().logs.filter((l) => l.pupilId !== 'P04') });
    expect(evidenceSummary(t.pupils[3]!, t, TODAY)).toBe('Between 09/11/2026 and 23/11/2026 no evidence was logged for Isla Khan.');
  });
});
