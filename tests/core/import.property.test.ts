// Property: on random trackers full of copied rows, missing names and stray targets, what the preview promises is
// exactly what a fresh reading of the input says should be stored, and every input row is stored or named.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewImport, type CaseloadSnapshot } from '../../shared';
import type { Pupil, Target } from '../../shared/model';

const TODAY = '2026-11-23';
const name = fc.constantFrom('Amara', 'Ben', 'Cara', 'Dev', 'Ewa', 'Finn');
const pupilRow = fc.record({
  id: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5', 'P6'),
  first: name,
  last: fc.oneof(name, fc.constant('')),
  sen: fc.constantFrom('E', 'K', 'N', 'EHC Plan', 'SEN Support'),
});
const targetRow = fc.record({
  id: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5'),
  pupilId: fc.constantFrom('P1', 'P2', 'P3', 'P7', 'P8'),
  text: fc.constantFrom('Read', 'Count', 'Wait'),
  review: fc.constantFrom('', '01/02/2027', 'soon'),
});
const existing = fc.record({
  pupils: fc.uniqueArray(fc.constantFrom('P1', 'P5', 'P7', 'P9'), { maxLength: 4 }),
  targets: fc.uniqueArray(fc.constantFrom('T1', 'T9'), { maxLength: 2 }),
});

function current(e: { pupils: string[]; targets: string[] }): CaseloadSnapshot {
  const pupils: Pupil[] = e.pupils.map((id) => ({
    id,
    firstName: 'Old',
    lastName: 'Name',
    areasOfNeed: [],
    senStatus: 'K',
    phaseTransfer: false,
  }));
  const targets: Target[] = e.targets.map((id) => ({ id, pupilId: e.pupils[0] ?? 'P1', text: 'Old target', status: 'Not started' }));
  return { pupils, targets, staff: [], rota: [] };
}

describe('previewImport (property)', () => {
  it('stores exactly the rows an independent reading accepts, names every other row, and counts what it stores', () => {
    fc.assert(
      fc.property(
        fc.array(pupilRow, { maxLength: 10 }),
        fc.array(targetRow, { maxLength: 8 }),
        existing,
        fc.boolean(),
        (pupils, targets, e, choose) => {
          const grids = {
            Pupils: [['Pupil ID', 'First name', 'Last name', 'SEN status'], ...pupils.map((p) => [p.id, p.first, p.last, p.sen])],
            Targets: [['Target ID', 'Pupil ID', 'Target', 'Review by'], ...targets.map((t) => [t.id, t.pupilId, t.text, t.review])],
          };
          // The person may choose to keep the last row of the first duplicated, readable Pupil ID.
          const readable = pupils.map((p, i) => ({ ...p, row: i + 2 })).filter((p) => p.last !== '');
          const countOf = (id: string) => readable.filter((p) => p.id === id).length;
          const dup = readable.find((p) => countOf(p.id) > 1);
          const keepRow = choose && dup ? readable.filter((p) => p.id === dup.id).at(-1)!.row : undefined;
          const keep = keepRow !== undefined ? { [`pupils:${dup!.id}`]: keepRow } : {};
          const before = current(e);
          const preview = previewImport({ kind: 'workbook', name: 't.xlsx', grids }, before, TODAY, { keep });

          // Independent reading: a pupil row is accepted when it has a last name and its ID is on no other readable row
          // (or it is the row the person chose).
          const accepted = readable.filter((p) => countOf(p.id) === 1 || p.row === keepRow);
          const acceptedIds = new Set(accepted.map((p) => p.id));
          const expectedPupilIds = new Set<string>([...e.pupils, ...acceptedIds]);
          expect(new Set(preview.result.pupils.map((p) => p.id))).toEqual(expectedPupilIds);
          expect(preview.result.pupils).toHaveLength(expectedPupilIds.size); // no ID twice

          // Every pupil row is either the one stored for its ID or refused with a reason and a cell.
          const refusedRows = new Set(preview.refused.filter((r) => r.tab === 'pupils').map((r) => r.row));
          for (const p of pupils.map((x, i) => ({ ...x, row: i + 2 }))) {
            const stored = accepted.some((a) => a.row === p.row);
            expect(stored !== refusedRows.has(p.row)).toBe(true);
          }
          for (const r of preview.refused) {
            expect(r.reasons.length).toBeGreaterThan(0);
            expect(r.cell).toMatch(/^(Pupils|Targets)![A-Z]+\d+$/);
          }
          // Both rows of an unresolved duplicate are named in one group.
          for (const g of preview.duplicates) expect(g.rows.length).toBeGreaterThan(1);

          // Targets: unique ID among rows, and a pupil who will be in the caseload.
          const tRows = targets.map((t, i) => ({ ...t, row: i + 2 }));
          const okTargets = tRows.filter(
            (t) => tRows.filter((x) => x.id === t.id).length === 1 && expectedPupilIds.has(t.pupilId as string),
          );
          const expectedTargetIds = new Set([...e.targets, ...okTargets.map((t) => t.id)]);
          expect(new Set(preview.result.targets.map((t) => t.id))).toEqual(expectedTargetIds);
          const refusedTargets = new Set(preview.refused.filter((r) => r.tab === 'targets').map((r) => r.row));
          for (const t of tRows) expect(okTargets.includes(t) !== refusedTargets.has(t.row)).toBe(true);

          // The counts shown are the lengths of what is stored.
          expect(preview.counts).toEqual({
            pupils: preview.result.pupils.length,
            targets: preview.result.targets.length,
            staff: 0,
            rota: 0,
          });
          // Nothing already on the device disappears (no leavers were confirmed).
          for (const p of before.pupils) expect(preview.result.pupils.some((x) => x.id === p.id)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
