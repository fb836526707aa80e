import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../shared/checks';
import { applyAbsenceEdits, coverPlanEdits, planCover } from '../../shared/cover';
import { recordsToRows } from '../../shared/schema/serialise';
import { parseTracker } from '../../shared/schema/parse';
import { trackerToGrids } from '../../shared/schema/serialise';
import { block, buildTracker, generateSchool, pupil } from './fixtures';

const COVER_CODES = new Set([
  'ROTA_DOUBLE_BOOKED',
  'ROTA_UNTRAINED',
  'ROTA_OUTSIDE_PATTERN',
  'ROTA_OVER_CONTRACT',
  'ROTA_PUPIL_UNSUPERVISED',
]);
const TUE = '2026-11-24';

describe('writing a cover plan back to the Absence tab', () => {
  function splitSchool() {
    // Amy is off on Tuesday morning; her two 1:1 blocks can only be taken by two different people.
    return buildTracker({
      pupils: [pupil('P1', 'Amelia', 'Hartley', { senStatus: 'E' })],
      staff: [
        { id: 'AM', name: 'Amy Moss', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-15:30' },
        { id: 'BB', name: 'Ben Bell', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 08:30-10:00' },
        { id: 'CC', name: 'Cara Cole', role: 'LSA', contractHours: 30, pattern: 'Mon-Fri 10:00-15:30' },
      ],
      rota: [block('Tue', '09:00', '10:00', 'AM', '1:1', ['P1']), block('Tue', '10:00', '11:00', 'AM', '1:1', ['P1'])],
      absences: [{ row: 2, staffId: 'AM', from: TUE, to: TUE, part: 'AM' }],
    });
  }

  it('adds a row per block with a cover window when cover is split, and then nobody is unsupervised', () => {
    const t = splitSchool();
    expect(runChecks(t, TUE).filter((f) => f.code === 'ROTA_PUPIL_UNSUPERVISED')).toHaveLength(2);
    const plan = planCover(t, TUE);
    expect(plan.assignments.map((a) => a.coverStaffId)).toEqual(['BB', 'CC']);
    const edits = coverPlanEdits(t, plan);
    expect(edits.setCover).toEqual([]);
    expect(edits.append.map((a) => [a.coverStaffId, a.coverFrom, a.coverTo])).toEqual([
      ['BB', 540, 600],
      ['CC', 600, 660],
    ]);
    const after = applyAbsenceEdits(t, edits);
    expect(runChecks(after, TUE).filter((f) => COVER_CODES.has(f.code))).toEqual([]);
    expect(planCover(after, TUE).assignments).toEqual([]);
  });

  it('survives the sheet: written as rows and parsed back, the windows still hold', () => {
    const t = splitSchool();
    const after = applyAbsenceEdits(t, coverPlanEdits(t, planCover(t, TUE)));
    const reread = parseTracker(trackerToGrids(after)).tracker;
    expect(reread.absences.map((a) => [a.coverStaffId, a.coverFrom, a.coverTo])).toEqual([
      [undefined, undefined, undefined],
      ['BB', 540, 600],
      ['CC', 600, 660],
    ]);
    expect(recordsToRows('absence', after.absences.slice(1))[0]).toContain('09:00');
    expect(runChecks(reread, TUE).filter((f) => f.code === 'ROTA_PUPIL_UNSUPERVISED')).toEqual([]);
  });

  it('sets Cover Staff ID on the row itself when one person takes the whole one-day absence', () => {
    const t = splitSchool();
    t.staff[1] = { ...t.staff[1]!, pattern: 'Mon-Fri 08:30-15:30' };
    const edits = coverPlanEdits(t, planCover(t, TUE));
    expect(edits).toEqual({ setCover: [{ row: 2, coverStaffId: 'BB' }], append: [] });
  });

  it('never leaves checks to flag after any plan is written back (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, staff, pupils) => {
          const t = generateSchool({ seed, staff, pupils, date: TUE, absentShare: 0.35 });
          for (const [i, a] of t.absences.entries()) a.row = i + 2;
          const plan = planCover(t, TUE);
          const after = applyAbsenceEdits(t, coverPlanEdits(t, plan));
          const flagged = runChecks(after, TUE).filter(
            (f) => f.tab === 'Absence' && COVER_CODES.has(f.code) && f.code !== 'ROTA_PUPIL_UNSUPERVISED',
          );
          expect(flagged).toEqual([]);
          // Whatever the plan could place is no longer needed; only its explained gaps remain.
          expect(planCover(after, TUE).assignments).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });
});
