import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './checks-helpers';
import { block, log, pupil, validParts, validTracker } from './fixtures';

describe('DATA_DUPLICATE_ID', () => {
  it('fires on the second use of a pupil, target, staff or log id, at its id cell', () => {
    const p = validParts();
    const t = validTracker({
      pupils: [...p.pupils, pupil('P02', 'Another', 'Ava')],
      staff: [...p.staff, { id: 'S01', name: 'Amy Hart' }],
      // A Log ID reused with other values (an exact copy is info: see tests/core/corrections.test.ts).
      logs: [...p.logs, { ...p.logs[0]!, note: 'something else' }],
    });
    const f = findingsOf(t, 'DATA_DUPLICATE_ID');
    expect(brief(f)).toEqual([
      { code: 'DATA_DUPLICATE_ID', severity: 'error', cell: 'Pupils!A7' },
      { code: 'DATA_DUPLICATE_ID', severity: 'error', cell: 'Staff!A7' },
      { code: 'DATA_DUPLICATE_ID', severity: 'error', cell: `Log!A${p.logs.length + 2}` },
    ]);
    expect(f[0]!.message).toBe('Pupil ID "P02" is used more than once (first on row 3): each Pupil ID must be unique.');
  });

  it('is silent when ids are unique, and ignores tabs without an id column (Training, Rota)', () => {
    const p = validParts();
    const t = validTracker({ training: [...p.training, { ...p.training[0]! }], rota: [...p.rota] });
    expect(findingsOf(t, 'DATA_DUPLICATE_ID')).toEqual([]);
  });
});

describe('DATA_UNKNOWN_PUPIL', () => {
  it('fires for Targets, each Rota pupil, Log and Reviews references', () => {
    const p = validParts();
    const t = validTracker({
      targets: [...p.targets, { ...p.targets[0]!, id: 'T99', pupilId: 'P77' }],
      rota: [...p.rota, block('Thu', '14:00', '15:00', 'S02', 'Group', ['P02', 'P88'])],
      logs: [...p.logs, log('P66', undefined, '2026-11-20T09:00:00Z', { staffId: 'S02' })],
      reviews: [...p.reviews, { pupilId: 'P55', type: 'Interim' }],
    });
    expect(brief(findingsOf(t, 'DATA_UNKNOWN_PUPIL'))).toEqual([
      { code: 'DATA_UNKNOWN_PUPIL', severity: 'error', cell: 'Targets!B9', pupilId: 'P77' },
      { code: 'DATA_UNKNOWN_PUPIL', severity: 'error', cell: `Rota!F${p.rota.length + 2}`, pupilId: 'P88' },
      { code: 'DATA_UNKNOWN_PUPIL', severity: 'error', cell: `Log!C${p.logs.length + 2}`, pupilId: 'P66' },
      { code: 'DATA_UNKNOWN_PUPIL', severity: 'error', cell: 'Reviews!A5', pupilId: 'P55' },
    ]);
  });

  it('is silent when every reference is a known pupil', () => {
    expect(findingsOf(validTracker(), 'DATA_UNKNOWN_PUPIL')).toEqual([]);
  });

  it('is silent when the Pupils tab itself is missing from a read workbook (the parser reports that once)', () => {
    const t = validTracker({ pupils: [] });
    t.layout = { targets: { name: 'Targets', columns: { id: 0, pupilId: 1 }, rowCount: 8 } };
    expect(findingsOf(t, 'DATA_UNKNOWN_PUPIL')).toEqual([]);
  });
});

describe('DATA_UNKNOWN_STAFF', () => {
  it('fires for key worker, training, rota, absence, cover and log staff', () => {
    const p = validParts();
    const pupils = p.pupils.map((x) => (x.id === 'P04' ? { ...x, keyWorker: 'S40' } : x));
    const t = validTracker({
      pupils,
      training: [...p.training, { staffId: 'S41', training: 'First aid' }],
      rota: [...p.rota, block('Fri', '13:00', '14:00', 'S42', 'Duty')],
      absences: [...p.absences, { staffId: 'S43', from: '2026-12-01', to: '2026-12-01', part: 'All day', coverStaffId: 'S44' }],
      logs: [...p.logs, log('P04', 'T05', '2026-11-20T09:00:00Z', { staffId: 'S45' })],
    });
    expect(brief(findingsOf(t, 'DATA_UNKNOWN_STAFF'))).toEqual([
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: 'Pupils!N5', pupilId: 'P04', staffId: 'S40' },
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: 'Training!A8', staffId: 'S41' },
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: `Rota!D${p.rota.length + 2}`, staffId: 'S42' },
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: 'Absence!A4', staffId: 'S43' },
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: 'Absence!F4', staffId: 'S44' },
      { code: 'DATA_UNKNOWN_STAFF', severity: 'error', cell: `Log!I${p.logs.length + 2}`, pupilId: 'P04', staffId: 'S45' },
    ]);
  });

  it('is silent for known staff and for blank optional references', () => {
    const p = validParts();
    const t = validTracker({ logs: [...p.logs, log('P04', 'T05', '2026-11-20T09:00:00Z', { staffId: undefined })] });
    expect(findingsOf(t, 'DATA_UNKNOWN_STAFF')).toEqual([]);
  });
});

describe('DATA_UNKNOWN_TARGET', () => {
  it('fires for a missing target and for a target that belongs to another pupil', () => {
    const p = validParts();
    const t = validTracker({
      logs: [...p.logs, log('P02', 'T404', '2026-11-20T09:00:00Z'), log('P02', 'T01', '2026-11-20T09:05:00Z')],
    });
    const f = findingsOf(t, 'DATA_UNKNOWN_TARGET');
    expect(brief(f)).toEqual([
      { code: 'DATA_UNKNOWN_TARGET', severity: 'error', cell: `Log!D${p.logs.length + 2}`, pupilId: 'P02' },
      { code: 'DATA_UNKNOWN_TARGET', severity: 'error', cell: `Log!D${p.logs.length + 3}`, pupilId: 'P02' },
    ]);
    expect(f[1]!.message).toBe(`Target "T01" belongs to Sam Jones, not Ava Lee: this log is against the wrong pupil's target.`);
  });

  it('is silent for logs against the pupil’s own targets or with no target', () => {
    expect(findingsOf(validTracker(), 'DATA_UNKNOWN_TARGET')).toEqual([]);
  });
});
