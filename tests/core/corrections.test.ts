// Corrections on the append-only Log: effectiveLogs' rules, and every core consumer counting a voided log nowhere
// and an edited one once with its new values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCorrections, editCorrection, effectiveLogs, voidCorrection } from '../../shared/corrections';
import { evidenceColumns, logsFromRows, targetEvidence } from '../../shared/evidence';
import type { LogEntry } from '../../shared/model';
import { progressReport, pupilProgress } from '../../shared/progress';
import { headerRow, recordsToRows } from '../../shared/schema/serialise';
import { findingsOf } from './checks-helpers';
import { log, TODAY, validParts, validTracker } from './fixtures';

const meta = (n: number, time = '2026-11-23T12:00:00+00:00') => ({
  id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  time,
  staffId: 'S01',
});
const orig = (n: number, extra: Partial<LogEntry> = {}): LogEntry => ({
  id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  time: `2026-11-20T10:${String(n).padStart(2, '0')}:00+00:00`,
  pupilId: 'P01',
  targetId: 'T01',
  kind: 'Progress',
  rating: 'Emerging',
  prompt: 'Verbal',
  staffId: 'S01',
  ...extra,
});

describe('effectiveLogs', () => {
  it('drops a voided log and the correction row; keeps the rest in row order', () => {
    const a = orig(1);
    const b = orig(2);
    const v = voidCorrection(a, meta(1));
    expect(v).toMatchObject({ kind: 'Correction', corrects: a.id, correction: 'Void', staffId: 'S01', pupilId: 'P01', targetId: 'T01' });
    expect(effectiveLogs([a, b, v])).toEqual([b]);
  });

  it('applies an edit: the log counts once, with its own id, time, kind and staff, and the new values (blank = cleared)', () => {
    const a = orig(1, { note: 'old note', minutes: 10, staffId: 'S02' });
    const e = editCorrection(a, { pupilId: 'P01', targetId: 'T02', rating: 'Secure' }, meta(1));
    expect(e).toMatchObject({ kind: 'Correction', corrects: a.id, correction: 'Edit', rating: 'Secure', targetId: 'T02', staffId: 'S01' });
    expect(e.note).toBeUndefined();
    const out = effectiveLogs([a, e]);
    expect(out).toEqual([{ id: a.id, time: a.time, pupilId: 'P01', targetId: 'T02', kind: 'Progress', rating: 'Secure', staffId: 'S02' }]);
  });

  it('de-duplicates by Log ID, first row wins (a transport duplicate, or a reused id)', () => {
    const a = orig(1);
    const copy = { ...orig(1), rating: 'Achieved' as const, row: 9 };
    const r = applyCorrections([a, orig(2), copy]);
    expect(r.effective.map((l) => [l.id, l.rating])).toEqual([
      [a.id, 'Emerging'],
      [orig(2).id, 'Emerging'],
    ]);
    expect(r.duplicates).toEqual([copy]);
    // A second copy of a correction row is one correction.
    const v = voidCorrection(a, meta(1));
    expect(effectiveLogs([a, v, { ...v }, orig(2)])).toEqual([orig(2)]);
  });

  it('the latest correction decides: edit then undo voids; undo then edit brings it back edited; ties go to the later row', () => {
    const a = orig(1);
    const edit = editCorrection(a, { pupilId: 'P01', targetId: 'T01', rating: 'Secure' }, meta(1, '2026-11-23T12:00:00+00:00'));
    const undo = voidCorrection(a, meta(2, '2026-11-23T12:05:00+00:00'));
    expect(effectiveLogs([a, edit, undo])).toEqual([]);
    // Rows arrive out of time order (two batches): time still decides.
    expect(effectiveLogs([a, undo, edit])).toEqual([]);
    const later = editCorrection(a, { pupilId: 'P01', rating: 'Achieved' }, meta(3, '2026-11-23T12:10:00+00:00'));
    expect(effectiveLogs([a, edit, undo, later]).map((l) => l.rating)).toEqual(['Achieved']);
    const sameTime = editCorrection(a, { pupilId: 'P01', rating: 'Developing' }, meta(4, '2026-11-23T12:10:00+00:00'));
    expect(effectiveLogs([a, later, sameTime]).map((l) => l.rating)).toEqual(['Developing']);
  });

  it('a correction of a correction applies to the original; a missing target or a loop changes nothing and is an orphan', () => {
    const a = orig(1);
    const edit = editCorrection(a, { pupilId: 'P01', rating: 'Secure' }, meta(1));
    // Typed by hand: "void" naming the edit row, not the log.
    const voidOfEdit: LogEntry = { ...voidCorrection(a, meta(2, '2026-11-23T13:00:00+00:00')), corrects: edit.id };
    expect(effectiveLogs([a, edit, voidOfEdit])).toEqual([]);
    const missing = voidCorrection(orig(7), meta(3));
    const loopA: LogEntry = {
      id: 'loop-a',
      time: '2026-11-23T12:00:00+00:00',
      pupilId: 'P01',
      kind: 'Correction',
      corrects: 'loop-b',
      correction: 'Void',
    };
    const loopB: LogEntry = { ...loopA, id: 'loop-b', corrects: 'loop-a' };
    const incomplete: LogEntry = { id: 'no-type', time: '2026-11-23T12:00:00+00:00', pupilId: 'P01', kind: 'Correction', corrects: a.id };
    const r = applyCorrections([a, missing, loopA, loopB, incomplete]);
    expect(r.effective).toEqual([a]);
    expect(r.orphans.map((o) => o.id)).toEqual([missing.id, 'loop-a', 'loop-b', 'no-type']);
  });

  it('property: whatever is voided counts nowhere, edits replace values, nothing else changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('keep', 'void', 'edit', 'edit+void', 'dup'), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        (plan, seed) => {
          const logs = plan.map((_, i) => orig(i + 1));
          const rows: LogEntry[] = [...logs];
          let n = 0;
          plan.forEach((p, i) => {
            const l = logs[i]!;
            if (p === 'dup') rows.push({ ...l });
            if (p === 'edit' || p === 'edit+void')
              rows.push(
                editCorrection(
                  l,
                  { pupilId: l.pupilId, targetId: l.targetId!, prompt: l.prompt!, rating: 'Achieved' },
                  meta(++n, '2026-11-23T12:00:00+00:00'),
                ),
              );
            if (p === 'void' || p === 'edit+void') rows.push(voidCorrection(l, meta(++n, '2026-11-23T12:30:00+00:00')));
          });
          // Corrections may land in any order after their logs.
          const tail = rows.slice(logs.length);
          for (let i = tail.length - 1; i > 0; i--) {
            const j = (seed * (i + 7)) % (i + 1);
            [tail[i], tail[j]] = [tail[j]!, tail[i]!];
          }
          const out = effectiveLogs([...logs, ...tail]);
          const expected = plan.flatMap((p, i) =>
            p === 'void' || p === 'edit+void' ? [] : [{ ...logs[i]!, ...(p === 'edit' ? { rating: 'Achieved' as const } : {}) }],
          );
          expect(out).toEqual(expected);
        },
      ),
    );
  });
});

/** The fixture tracker with corrections appended: P01's T01 has five logs in the window. */
function corrected(extra: (logs: LogEntry[]) => LogEntry[]) {
  const logs = validParts().logs;
  return validTracker({ logs: [...logs, ...extra(logs)] });
}

describe('every consumer applies corrections', () => {
  const t01 = (logs: LogEntry[]) => logs.filter((l) => l.targetId === 'T01');

  it('progress: a voided log counts nowhere (pupil count, target count, last evidence); an edited one once with its new values', () => {
    const base = validTracker();
    const before = pupilProgress(base, base.pupils[0]!, TODAY);
    const latest = (logs: LogEntry[]) => [...t01(logs)].sort((a, b) => (a.time < b.time ? -1 : 1)).at(-1)!;
    const voided = corrected((logs) => [voidCorrection(latest(logs), meta(1))]);
    const p = pupilProgress(voided, voided.pupils[0]!, TODAY);
    expect(p.evidenceCount).toBe(before.evidenceCount - 1);
    expect(p.targets[0]!.evidenceCount).toBe(before.targets[0]!.evidenceCount - 1);
    // The voided log was T01's latest: its last evidence moves back.
    expect(p.targets[0]!.lastEvidence! < before.targets[0]!.lastEvidence!).toBe(true);

    // Edit moves the log to T02: T01 loses one, T02 gains one, the pupil's total is unchanged.
    const moved = corrected((logs) => [editCorrection(latest(logs), { pupilId: 'P01', targetId: 'T02', rating: 'Secure' }, meta(2))]);
    const q = progressReport(moved, TODAY)[0]!;
    expect(q.evidenceCount).toBe(before.evidenceCount);
    expect(q.targets.map((t) => t.evidenceCount)).toEqual([before.targets[0]!.evidenceCount - 1, before.targets[1]!.evidenceCount + 1]);
  });

  it('checks: voiding the only evidence of a target raises TARGET_NO_EVIDENCE; a correction row is not a duplicate Log ID', () => {
    const only = log('P04', 'T05', '2026-11-20T10:00:00+00:00');
    const logs = [...validParts().logs.filter((l) => l.targetId !== 'T05'), only];
    expect(findingsOf(validTracker({ logs }), 'TARGET_NO_EVIDENCE')).toEqual([]);
    const withVoid = validTracker({ logs: [...logs, voidCorrection(only, meta(1))] });
    expect(findingsOf(withVoid, 'TARGET_NO_EVIDENCE').map((f) => f.pupilId)).toEqual(['P04']);
    expect(findingsOf(withVoid, 'DATA_DUPLICATE_ID')).toEqual([]);
    // Edited onto another pupil's target: T05 has no evidence either.
    const edited = validTracker({ logs: [...logs, editCorrection(only, { pupilId: 'P01', targetId: 'T01', rating: 'Secure' }, meta(2))] });
    expect(findingsOf(edited, 'TARGET_NO_EVIDENCE').map((f) => f.pupilId)).toEqual(['P04']);
  });

  it('checks: an exact second copy of a log is info (counted once); the same id with other values is an error', () => {
    const logs = validParts().logs;
    const copy = { ...logs[0]! };
    const same = findingsOf(validTracker({ logs: [...logs, copy] }), 'DATA_DUPLICATE_ID');
    expect(same.map((f) => [f.severity, f.cell])).toEqual([['info', `Log!A${logs.length + 2}`]]);
    expect(same[0]!.message).toContain('counted once');
    const other = findingsOf(validTracker({ logs: [...logs, { ...copy, rating: 'Achieved' as const }] }), 'DATA_DUPLICATE_ID');
    expect(other.map((f) => f.severity)).toEqual(['error']);
  });

  it('evidence summary (what the pull gives the panel), read from Log rows: voided counts nowhere, edited once with its new rating', () => {
    const target = { id: 'T1', pupilId: 'P1', text: 'Reads aloud', status: 'Developing' as const };
    const a = orig(1, { pupilId: 'P1', targetId: 'T1', time: '2026-11-20T10:00:00+00:00' });
    const b = orig(2, { pupilId: 'P1', targetId: 'T1', time: '2026-11-21T10:00:00+00:00' });
    const logs = [
      a,
      b,
      voidCorrection(b, meta(1)),
      editCorrection(a, { pupilId: 'P1', targetId: 'T1', rating: 'Achieved', prompt: 'Independent' }, meta(2)),
    ];
    // Through the Sheet's shape: rows under the canonical header, read back by column.
    const header = headerRow('log');
    const read = logsFromRows(recordsToRows('log', logs, header), evidenceColumns(header));
    expect(read.map((l) => l.correction ?? l.kind)).toEqual(['Progress', 'Progress', 'Void', 'Edit']);
    const [e] = targetEvidence([target], read, '2026-11-23', 14);
    expect(e).toMatchObject({ count: 1, ids: [a.id], last: { time: a.time, id: a.id, rating: 'Achieved', prompt: 'Independent' } });
  });
});
