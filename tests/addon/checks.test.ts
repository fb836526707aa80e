// "Check tracker", selectCell and onEdit through the built bundle, compared with the core called directly.
import { beforeAll, describe, expect, it } from 'vitest';
import { runChecks, sortFindings } from '../../shared/checks/index';
import type { Finding, Tracker } from '../../shared/model';
import { parseTracker } from '../../shared/schema/parse';
import { gridsOf, type Workbook } from '../../shared/workbook';
import type { CheckResult } from '../../sheets-addon/server/api';
import { timeOfDayCell } from '../../sheets-addon/server/zone';
import { generateSchool, TODAY, validTracker } from '../core/fixtures';
import { toAppsScriptDate } from './fake-apps-script/zone';
import { buildAddon, loadAddon, overTheWire, type Built } from './harness';
import { trackerWorkbook } from './workbooks';

let built: Built;
beforeAll(() => {
  built = buildAddon();
}, 60_000);

const NOW = new Date(`${TODAY}T10:00:00Z`);

function directFindings(wb: Workbook): Finding[] {
  const metadata: Record<string, Record<string, string>> = {};
  const merges: Record<string, string[]> = {};
  for (const s of wb.sheets) {
    if (s.metadata) metadata[s.name] = s.metadata;
    if (s.merges) merges[s.name] = s.merges;
  }
  const parsed = parseTracker(gridsOf(wb), { metadata, merges });
  return sortFindings([...parsed.findings, ...runChecks(parsed.tracker, TODAY)], parsed.tracker);
}

const strip = (f: Finding & { pupilName?: string; staffName?: string; title?: string }): Finding => {
  const { pupilName: _p, staffName: _s, title: _t, ...rest } = f;
  return rest;
};

function troubledTracker(): Tracker {
  const t = validTracker();
  t.training[0]!.expires = '2026-11-01'; // Medication expired: S01's 1:1 needs it
  t.logs.push({ ...t.logs[0]!, id: 'dup-log', pupilId: 'P99' }); // unknown pupil
  t.rota.push({ day: 'Mon', start: 9 * 60 + 30, end: 10 * 60 + 30, staffId: 'S01', activity: 'Group', pupilIds: ['P04'], needs: [] }); // double-booked
  return t;
}

describe('checkTracker', () => {
  it('returns exactly the core’s findings for the same workbook, as plain JSON', () => {
    const wb = trackerWorkbook(troubledTracker());
    const wb2 = trackerWorkbook(troubledTracker());
    wb.sheets.find((s) => s.name === 'Staff')!.values[2]![3] = 'lots'; // a bad number
    wb2.sheets.find((s) => s.name === 'Staff')!.values[2]![3] = 'lots';
    const r = loadAddon(built, wb, { now: NOW });
    const result = r.run<CheckResult>('checkTracker');
    const wire = overTheWire(result);
    expect(wire).toEqual(result); // nothing lost crossing google.script.run
    const expected = directFindings(wb2);
    expect(expected.length).toBeGreaterThan(3);
    expect(result.findings.map(strip)).toEqual(expected);
    expect(result.today).toBe(TODAY);
    const codes = new Set(result.findings.map((f) => f.code));
    for (const c of ['TRAINING_EXPIRED', 'DATA_UNKNOWN_PUPIL', 'ROTA_DOUBLE_BOOKED', 'DATA_BAD_NUMBER']) expect(codes).toContain(c);
    expect(result.summary.error).toBe(result.findings.filter((f) => f.severity === 'error').length);
    // Names ride along so the sidebar can filter by them.
    expect(result.findings.find((f) => f.staffId === 'S01')?.staffName).toBe('Amelia Hartley');
    // Each finding carries its title in words for the sidebar (the code stays beside it, small).
    expect(result.findings.find((f) => f.code === 'ROTA_DOUBLE_BOOKED')?.title).toBe('Staff member booked twice at once');
    for (const f of result.findings) expect(f.title).not.toBe(f.code);
  });

  it('judges "today" in the spreadsheet’s time zone, not the server’s', () => {
    const wb = trackerWorkbook(validTracker());
    // 23:30 UTC on Sunday 22/11 is already Monday 23/11 in Tokyo.
    const r = loadAddon(built, wb, { now: new Date('2026-11-22T23:30:00Z'), timeZone: 'Asia/Tokyo' });
    expect(r.run<CheckResult>('checkTracker').today).toBe('2026-11-23');
    const london = loadAddon(built, wb, { now: new Date('2026-11-22T23:30:00Z') });
    expect(london.run<CheckResult>('checkTracker').today).toBe('2026-11-22');
  });

  it('reads each tracker tab with one getSheetValues, and the call count does not grow with rows', () => {
    const counts: number[] = [];
    for (const logs of [100, 10_000]) {
      const wb = trackerWorkbook(generateSchool({ seed: 7, staff: 20, pupils: 60, logs }));
      const r = loadAddon(built, wb, { now: NOW });
      r.fake.rec.reset();
      const result = r.run<CheckResult>('checkTracker');
      expect(result.rowsRead).toBeGreaterThan(logs);
      expect(r.fake.rec.count('Sheet.getSheetValues')).toBe(wb.sheets.length);
      expect(r.fake.rec.count('Range.getValues')).toBe(0);
      counts.push(r.fake.rec.spreadsheetCalls().length);
      expect(r.fake.rec.writes()).toEqual([]);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('costs one getSheets, then a name and one read per tab: no metadata or merge lookups a clean tracker does not need', () => {
    const counts: number[] = [];
    // A small tracker and a one-year one (50,000 Log rows): the same calls.
    for (const logs of [100, 50_000]) {
      const wb = trackerWorkbook(generateSchool({ seed: 7, staff: 20, pupils: 60, logs }));
      const r = loadAddon(built, wb, { now: NOW });
      r.fake.rec.reset();
      r.run<CheckResult>('checkTracker');
      const tabs = wb.sheets.length;
      expect(r.fake.rec.count('Spreadsheet.getSheets')).toBe(1);
      expect(r.fake.rec.count('Spreadsheet.getSpreadsheetTimeZone')).toBe(1);
      expect(r.fake.rec.count('Sheet.getDeveloperMetadata')).toBe(0);
      expect(r.fake.rec.count('Range.getMergedRanges')).toBe(0);
      // getActiveSpreadsheet + time zone + getSheets, then getName and getSheetValues per tab.
      expect(r.fake.rec.spreadsheetCalls()).toHaveLength(3 + 2 * tabs);
      counts.push(r.fake.rec.spreadsheetCalls().length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(25);
  });

  it('reads a tracker tab with no data at all through its data range, as getSheetValues has no rows to give', () => {
    const wb = trackerWorkbook(validTracker());
    wb.sheets.find((s) => s.name === 'Absence')!.values = [];
    const r = loadAddon(built, wb, { now: NOW });
    r.fake.rec.reset();
    const result = r.run<CheckResult>('checkTracker');
    expect(result.findings.some((f) => f.code === 'HEADER_MISSING' && f.cell?.startsWith('Absence'))).toBe(true);
    expect(r.fake.rec.calls.filter((c) => c.name === 'Range.getValues')).toHaveLength(1);
    expect(r.fake.rec.count('Sheet.getSheetValues')).toBe(wb.sheets.length);
  });

  it('still reads merges where the values show them, and the marker of a renamed tab only', () => {
    const wb = trackerWorkbook(validTracker());
    const pupils = wb.sheets.find((s) => s.name === 'Pupils')!;
    // A hand-made tracker: the second pupil's ID merged down from the row above.
    const second = pupils.values[2]!;
    const idOf = pupils.values[1]![0];
    second[0] = null;
    pupils.merges = ['A2:A3'];
    const r = loadAddon(built, wb, { now: NOW });
    r.fake.rec.reset();
    const result = r.run<CheckResult>('checkTracker');
    expect(r.fake.rec.count('Range.getMergedRanges')).toBe(1);
    expect(idOf).toBeTruthy();
    // The merged range was applied (the ID reads as the one above, a duplicate), not read as a blank ID.
    expect(result.findings.filter((f) => f.cell === 'Pupils!A3').map((f) => f.code)).toEqual(['DATA_DUPLICATE_ID']);

    r.fake.ss.sheet('Staff')!.name = 'Team 2026-27';
    r.fake.ss.sheet('Team 2026-27')!.metadata.push({ key: 'caseload:tab', value: 'staff', sheet: r.fake.ss.sheet('Team 2026-27')! });
    r.fake.rec.reset();
    const renamed = r.run<CheckResult>('checkTracker');
    expect(renamed.tabs).toContain('Team 2026-27');
    expect(r.fake.rec.calls.filter((c) => c.name === 'Sheet.getDeveloperMetadata').map((c) => c.target)).toEqual(['Team 2026-27']);
  });

  it('finds a renamed tab and a renamed column through the developer metadata set-up left', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    r.run('setUpTracker');
    const clean = r.run<CheckResult>('checkTracker');
    const pupils = r.fake.ss.sheet('Pupils')!;
    pupils.name = 'Caseload 2026-27';
    pupils.values[0]![0] = 'Child code';
    const after = r.run<CheckResult>('checkTracker');
    expect(after.tabs).toContain('Caseload 2026-27');
    expect(after.findings.filter((f) => f.code === 'HEADER_MISSING' || f.code === 'DATA_UNKNOWN_PUPIL')).toEqual([]);
    expect(after.findings.length).toBe(clean.findings.length);
  });

  it('reads time cells as the wall-clock time typed, despite 1899’s local mean time (Dublin)', () => {
    const cell = new Date('1899-12-30T08:50:00Z'); // how a workbook stores 08:50
    const asAppsScript = toAppsScriptDate(cell, 'Europe/Dublin');
    expect(asAppsScript.toISOString()).toBe('1899-12-30T09:15:21.000Z'); // reading UTC fields would say 09:15…
    expect(timeOfDayCell(asAppsScript, 'Europe/Dublin')).toBe('08:50'); // …the add-on reads the zone’s wall clock
    // A block ending exactly when Amelia's day ends (15:30): read 25 minutes late, it would be outside her pattern.
    const t = () =>
      validTracker({
        rota: [
          ...validTracker().rota,
          { day: 'Mon', start: 15 * 60, end: 15 * 60 + 30, staffId: 'S01', activity: 'PPA', pupilIds: [], needs: [] },
        ],
      });
    const r = loadAddon(built, trackerWorkbook(t()), { now: NOW, timeZone: 'Europe/Dublin' });
    const rota = r.run<CheckResult>('checkTracker').findings.filter((f) => f.code.startsWith('ROTA_'));
    expect(rota.filter((f) => f.code === 'ROTA_OUTSIDE_PATTERN')).toEqual([]);
    expect(rota.map(strip)).toEqual(directFindings(trackerWorkbook(t())).filter((f) => f.code.startsWith('ROTA_')));
  });
});

describe('selectCell', () => {
  it('activates the finding’s cell, switching tab', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    r.run('selectCell', 'Rota!C7');
    expect(r.fake.activeCell()).toBe('Rota!C7');
    r.run('selectCell', "'Staff'!B3");
    expect(r.fake.activeCell()).toBe('Staff!B3');
    expect(() => r.run('selectCell', 'Nowhere!A1')).toThrow(/no tab called "Nowhere"/);
  });
});

describe('onEdit', () => {
  it('notes a bad cell on the edited row, keeps people’s own notes, and clears ours once fixed', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    const ss = r.fake.ss;
    const training = ss.sheet('Training')!;
    training.notes.set('2,1', 'Booked a refresher'); // someone's own note on B3
    training.values[2]![3] = 'next spring';
    training.values[2]![1] = '';
    r.fake.rec.reset();
    r.run('onEdit', { range: training.range(3, 4), source: ss });
    expect(training.notes.get('2,3')).toMatch(/^Caseload: Expires "next spring" is not a date/);
    expect(training.notes.get('2,1')).toBe('Booked a refresher'); // a required cell blanked, but their note stays
    // The edited tab was read once, whole (the checks need the other rows), and nothing else.
    const reads = r.fake.rec.calls.filter((c) => c.name === 'Range.getValues').map((c) => c.target);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/^A1:D\d+$/);
    training.values[2]![3] = new Date('2027-09-01T00:00:00Z');
    training.values[2]![1] = 'First aid';
    r.run('onEdit', { range: training.range(3, 4), source: ss });
    expect(training.notes.has('2,3')).toBe(false);
    expect(training.notes.get('2,1')).toBe('Booked a refresher');
  });

  it('notes a Pupil ID typed into a row when another row already has it, as the full run finds it', () => {
    const r = loadAddon(built, trackerWorkbook(validTracker()), { now: NOW });
    const ss = r.fake.ss;
    const pupils = ss.sheet('Pupils')!;
    const firstId = String(pupils.values[1]![0]);
    pupils.values[3]![0] = firstId; // row 4 now repeats row 2's Pupil ID
    r.run('onEdit', { range: pupils.range(4, 1), source: ss });
    expect(pupils.notes.get('3,0')).toMatch(new RegExp(`^Caseload: .*Pupil ID "${firstId}".*(row 2|first on row 2)`));
    // The full run reports the same duplicate at the same cell.
    const full = r.run('checkTracker') as CheckResult;
    expect(full.findings.some((f) => f.code === 'DATA_DUPLICATE_ID' && f.cell === 'Pupils!A4')).toBe(true);
    // Editing the earlier row tells that row about the other one too.
    r.run('onEdit', { range: pupils.range(2, 1), source: ss });
    expect(pupils.notes.get('1,0')).toMatch(/also on row 4/);
  });

  it('ignores edits outside tracker tabs and writes nothing when a row is fine', () => {
    const wb = trackerWorkbook(validTracker());
    wb.sheets.push({ name: 'Scratch', values: [['anything', 'at all']] });
    const r = loadAddon(built, wb, { now: NOW });
    r.run('onEdit', { range: r.fake.ss.sheet('Scratch')!.range(1, 1), source: r.fake.ss });
    r.run('onEdit', { range: r.fake.ss.sheet('Staff')!.range(2, 2), source: r.fake.ss });
    expect(r.fake.rec.writes()).toEqual([]);
  });
});
